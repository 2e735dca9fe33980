"""The log is numbered by the database sequence instead of a locked per-gemeente chain head.

The entries lose their own hash columns (they are sealed in batches by `audit.taken.verzegel`
from now on, `Verzegeling` in the next migration); the chain heads start again at 0, so the first
run of the sealer seals every existing entry. The hand-written append-only trigger of 0003 goes;
django-pgtrigger installs its replacement in the next migration.

Backwards, the entries are numbered per gemeente again and re-chained with the audit key, so the
old verification holds.
"""

import hashlib
import hmac
import json
from datetime import UTC, datetime

from django.conf import settings
from django.db import migrations, models

OUDE_TRIGGER_AAN = """
CREATE OR REPLACE FUNCTION audit_verwerking_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Het verwerkingenlogboek is alleen-toevoegen (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_verwerking_alleen_toevoegen
  BEFORE UPDATE OR DELETE ON audit_verwerking
  FOR EACH ROW EXECUTE FUNCTION audit_verwerking_alleen_toevoegen();
"""
OUDE_TRIGGER_UIT = """
DROP TRIGGER IF EXISTS audit_verwerking_alleen_toevoegen ON audit_verwerking;
DROP FUNCTION IF EXISTS audit_verwerking_alleen_toevoegen();
"""
OUDE_VELDEN = (
    "gemeente_id", "volgnummer", "tijdstip", "actor", "huishouden_id", "casus_id", "handeling",
    "object_type", "object_id", "activiteit", "omschrijving", "request_id", "vorige_hash",
)  # fmt: skip


def _oude_hash(sleutel: str, entry) -> str:
    def canoniek(waarde):
        if isinstance(waarde, datetime):
            return waarde.astimezone(UTC).isoformat(timespec="microseconds")
        if waarde is None:
            return None
        return str(waarde) if not isinstance(waarde, int) else waarde

    inhoud = {veld: canoniek(getattr(entry, veld)) for veld in OUDE_VELDEN}
    bericht = json.dumps(inhoud, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(sleutel.encode(), bericht.encode(), hashlib.sha256).hexdigest()


def oude_trigger_weg(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OUDE_TRIGGER_UIT, params=None)


def oude_trigger_terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OUDE_TRIGGER_AAN, params=None)


def koppen_op_nul(apps, schema_editor):
    apps.get_model("audit", "Verwerkingsketen").objects.update(
        laatste_volgnummer=0, laatste_hash=""
    )


def opnieuw_ketenen(apps, schema_editor):
    """Backwards: per-gemeente numbers 1..n and the old hash chain, as 0003 left them."""
    Verwerking = apps.get_model("audit", "Verwerking")
    Verwerkingsketen = apps.get_model("audit", "Verwerkingsketen")
    sleutel = settings.AUDIT_SLEUTEL
    gemeenten = Verwerking.objects.order_by().values_list("gemeente_id", flat=True).distinct()
    for gemeente_id in list(gemeenten):
        vorige, nummer = "", 0
        for entry in Verwerking.objects.filter(gemeente_id=gemeente_id).order_by("id"):
            nummer += 1
            entry.volgnummer, entry.vorige_hash = nummer, vorige
            entry.hash = vorige = _oude_hash(sleutel, entry)
            Verwerking.objects.filter(pk=entry.pk).update(
                volgnummer=nummer, vorige_hash=entry.vorige_hash, hash=entry.hash
            )
        Verwerkingsketen.objects.update_or_create(
            gemeente_id=gemeente_id,
            defaults={"laatste_volgnummer": nummer, "laatste_hash": vorige},
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_alleen_toevoegen_trigger")]

    operations = [
        migrations.RunPython(oude_trigger_weg, oude_trigger_terug),
        migrations.RemoveConstraint(model_name="verwerking", name="volgnummer_uniek"),
        migrations.RunPython(migrations.RunPython.noop, opnieuw_ketenen),
        migrations.AlterField(
            model_name="verwerking", name="volgnummer", field=models.BigIntegerField(default=0)
        ),
        migrations.AlterField(
            model_name="verwerking",
            name="vorige_hash",
            field=models.CharField(default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="verwerking", name="hash", field=models.CharField(default="", max_length=64)
        ),
        migrations.RemoveField(model_name="verwerking", name="volgnummer"),
        migrations.RemoveField(model_name="verwerking", name="vorige_hash"),
        migrations.RemoveField(model_name="verwerking", name="hash"),
        migrations.RenameField(model_name="verwerking", old_name="id", new_name="volgnummer"),
        migrations.AlterField(
            model_name="verwerking",
            name="volgnummer",
            field=models.BigAutoField(primary_key=True, serialize=False),
        ),
        migrations.AlterModelOptions(
            name="verwerking",
            options={"ordering": ["volgnummer"], "verbose_name_plural": "verwerkingen"},
        ),
        migrations.RunPython(koppen_op_nul, migrations.RunPython.noop),
    ]
