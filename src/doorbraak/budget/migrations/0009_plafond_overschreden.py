"""A function that refuses a commitment from inside SQL (PostgreSQL only).

`ledger.committeer` sends the go's check-and-commit and its COMMIT to PostgreSQL in one round
trip. When the amount does not fit, that statement must fail, or the COMMIT behind it would
commit the rest of the go without its ledger entry. This function raises the failure, named
`budget_binnen_plafond` and carrying what was left (in cents) as its detail.
"""

from django.db import migrations

AAN = """
CREATE OR REPLACE FUNCTION budget_plafond_overschreden(budget uuid) RETURNS bigint AS $$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = 'check_violation',
    CONSTRAINT = 'budget_binnen_plafond',
    MESSAGE = 'Het bedrag past niet onder het plafond van het budget.',
    DETAIL = (SELECT ruimte_centen - vastgelegd_centen FROM budget_budget WHERE id = budget);
END;
$$ LANGUAGE plpgsql VOLATILE;
"""
UIT = "DROP FUNCTION IF EXISTS budget_plafond_overschreden(uuid);"


def aan(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AAN, params=None)


def uit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UIT, params=None)


class Migration(migrations.Migration):
    dependencies = [("budget", "0008_sepa_export_betalingskenmerk_intrekken")]

    operations = [migrations.RunPython(aan, uit)]
