"""Append-only tables on PostgreSQL, through django-pgtrigger: the database refuses UPDATE and
DELETE of a row and TRUNCATE of the table (the processing log, its seals, the ledger, change logs).

The models refuse the same in `save()`/`delete()` on every database; these triggers stop a raw
statement as well. They are a second line: the app role must not own the tables either (an
owner can disable triggers, and pgtrigger honours a `pgtrigger.ignore` session setting), so the
grants of `doorbraak audit rollen` take UPDATE, DELETE and TRUNCATE from it (README,
'Databaserollen').
"""

import pgtrigger

_WEIGER = "RAISE EXCEPTION '% is alleen-toevoegen (% geweigerd)', TG_TABLE_NAME, TG_OP;"


def alleen_toevoegen_triggers() -> list[pgtrigger.Trigger]:
    """The triggers for a model's `Meta.triggers`."""
    return [
        pgtrigger.Trigger(
            name="alleen_toevoegen",
            when=pgtrigger.Before,
            operation=pgtrigger.Update | pgtrigger.Delete,
            level=pgtrigger.Row,
            func=_WEIGER,
        ),
        pgtrigger.Trigger(
            name="niet_leegmaken",
            when=pgtrigger.Before,
            operation=pgtrigger.Truncate,
            level=pgtrigger.Statement,
            func=_WEIGER,
        ),
    ]


def leegmaak_triggers() -> list[str]:
    """The TRUNCATE triggers as pgtrigger URIs, for `pgtrigger.ignore` where a test database must
    be emptied (Django's flush after a transactional test)."""
    from django.apps import apps

    return [
        f"{model._meta.label}:niet_leegmaken"
        for model in apps.get_models()
        if any(t.name == "niet_leegmaken" for t in getattr(model._meta, "triggers", []))
    ]
