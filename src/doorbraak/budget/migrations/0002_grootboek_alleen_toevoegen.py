"""On PostgreSQL the database itself refuses UPDATE and DELETE on the ledger (invariant 3)."""

from django.db import migrations

AAN = """
CREATE OR REPLACE FUNCTION budget_boeking_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Het grootboek is alleen-toevoegen (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER budget_boeking_alleen_toevoegen
  BEFORE UPDATE OR DELETE ON budget_boeking
  FOR EACH ROW EXECUTE FUNCTION budget_boeking_alleen_toevoegen();
"""
UIT = """
DROP TRIGGER IF EXISTS budget_boeking_alleen_toevoegen ON budget_boeking;
DROP FUNCTION IF EXISTS budget_boeking_alleen_toevoegen();
"""


def aan(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AAN, params=None)


def uit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UIT, params=None)


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]
    operations = [migrations.RunPython(aan, uit)]
