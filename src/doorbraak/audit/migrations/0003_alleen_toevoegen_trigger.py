"""On PostgreSQL the database itself refuses UPDATE and DELETE on the processing log."""

from django.db import migrations

AAN = """
CREATE OR REPLACE FUNCTION audit_verwerking_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Het verwerkingenlogboek is alleen-toevoegen (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_verwerking_alleen_toevoegen
  BEFORE UPDATE OR DELETE ON audit_verwerking
  FOR EACH ROW EXECUTE FUNCTION audit_verwerking_alleen_toevoegen();
"""
UIT = """
DROP TRIGGER IF EXISTS audit_verwerking_alleen_toevoegen ON audit_verwerking;
DROP FUNCTION IF EXISTS audit_verwerking_alleen_toevoegen();
"""


def aan(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AAN, params=None)


def uit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UIT, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]
    operations = [migrations.RunPython(aan, uit)]
