"""PostgreSQL: the dossier read model's copy kept in its row, compressed with lz4 (issue 19).

A copy is about 10 KB of JSON. By default PostgreSQL compresses it with pglz to about 4 KB and,
as that is still more than 2 KB, moves it to the TOAST table: every dossier read then looked the
value up in the TOAST index, read its chunks and decompressed them with pglz. STORAGE MAIN keeps
the compressed value in the row (out of line only when a row would not fit in a page), and lz4
decompresses several times faster than pglz. Copies written before this migration keep their
old form until they are next written (every change of the case rebuilds its copy); SQLite has
neither setting."""

from django.db import migrations

SOORT = "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"


def _tabel(apps, schema_editor) -> str:
    model = apps.get_model("casussen", "DossierLeesmodel")
    return schema_editor.quote_name(model._meta.db_table)


def in_de_rij(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    tabel = _tabel(apps, schema_editor)
    schema_editor.execute(f"ALTER TABLE {tabel} ALTER COLUMN inhoud SET STORAGE MAIN")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(SOORT)
        (lz4,) = cursor.fetchone()
    if lz4:  # a server built without lz4 keeps pglz
        schema_editor.execute(f"ALTER TABLE {tabel} ALTER COLUMN inhoud SET COMPRESSION lz4")


def zoals_eerst(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    tabel = _tabel(apps, schema_editor)
    schema_editor.execute(f"ALTER TABLE {tabel} ALTER COLUMN inhoud SET STORAGE EXTENDED")
    schema_editor.execute(f"ALTER TABLE {tabel} ALTER COLUMN inhoud SET COMPRESSION DEFAULT")


class Migration(migrations.Migration):
    dependencies = [("casussen", "0010_werklijst_tellers_uit_de_index")]
    operations = [migrations.RunPython(in_de_rij, zoals_eerst)]
