"""The ledger's append-only triggers through django-pgtrigger (also TRUNCATE) instead of 0002's SQL."""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

from doorbraak.budget.migrations import _oude_trigger


def oude_trigger_weg(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_oude_trigger.UIT, params=None)


def oude_trigger_terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_oude_trigger.AAN, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('budget', '0003_bestedingsplannen'),
    ]

    operations = [
        migrations.RunPython(oude_trigger_weg, oude_trigger_terug),
        pgtrigger.migrations.AddTrigger(
            model_name='boeking',
            trigger=pgtrigger.compiler.Trigger(name='alleen_toevoegen', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is alleen-toevoegen (% geweigerd)', TG_TABLE_NAME, TG_OP;", hash='296f56577b1bd7e5ce7b183f536ff5487c59525a', operation='UPDATE OR DELETE', pgid='pgtrigger_alleen_toevoegen_05335', table='budget_boeking', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='boeking',
            trigger=pgtrigger.compiler.Trigger(name='niet_leegmaken', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is alleen-toevoegen (% geweigerd)', TG_TABLE_NAME, TG_OP;", hash='b422a8bff5cbaecc7e2e8de7f8221136e0fc13a6', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_niet_leegmaken_b3016', table='budget_boeking', when='BEFORE')),
        ),
    ]
