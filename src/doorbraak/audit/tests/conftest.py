import pytest


@pytest.fixture(autouse=True)
def audit_instellingen(settings, tmp_path):
    """Each test its own export file outside the database, and a known key."""
    settings.AUDIT_EXPORT = str(tmp_path / "audit-zegels.jsonl")
    settings.AUDIT_SLEUTELS = {"k1": "eerste-sleutel"}
    return settings
