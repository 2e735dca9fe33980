"""The household index of the processing log without the time of day (see Verwerking.Meta).

The new index is made before the old one goes. On PostgreSQL both happen CONCURRENTLY (outside a
transaction, so this migration is not atomic): a plain CREATE INDEX would hold back every
request that logs, for as long as the build over the whole log takes (invariant 6). Run again
after an interruption, it goes on from where it stopped: an index left invalid by an interrupted
build is dropped and built again, one already built or already dropped is left as it is."""

from django.db import migrations, models

NIEUW = models.Index(fields=["gemeente", "huishouden_id"], name="verwerking_huishouden")
OUD = models.Index(
    fields=["gemeente", "huishouden_id", "tijdstip"], name="audit_verwe_gemeent_fde67e_idx"
)

GELDIG = """
SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE c.relname = %s AND c.relnamespace = current_schema()::regnamespace
"""


def _geldig(schema_editor, index: models.Index) -> bool | None:
    """Whether the index is there and valid (None: not there)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(GELDIG, [index.name])
        rij = cursor.fetchone()
    return None if rij is None else rij[0]


def _wissel(schema_editor, model, erbij: models.Index, weg: models.Index) -> None:
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.add_index(model, erbij)
        schema_editor.remove_index(model, weg)
        return
    if _geldig(schema_editor, erbij) is False:  # left invalid by an interrupted build
        schema_editor.remove_index(model, erbij, concurrently=True)
    if not _geldig(schema_editor, erbij):
        schema_editor.add_index(model, erbij, concurrently=True)
    if _geldig(schema_editor, weg) is not None:
        schema_editor.remove_index(model, weg, concurrently=True)


def vooruit(apps, schema_editor):
    _wissel(schema_editor, apps.get_model("audit", "Verwerking"), NIEUW, OUD)


def terug(apps, schema_editor):
    _wissel(schema_editor, apps.get_model("audit", "Verwerking"), OUD, NIEUW)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("audit", "0008_verwerking_gemeente_zonder_databasesleutel")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(model_name="verwerking", index=NIEUW),
                migrations.RemoveIndex(model_name="verwerking", name=OUD.name),
            ],
            database_operations=[migrations.RunPython(vooruit, terug)],
        )
    ]
