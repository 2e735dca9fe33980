"""The maintained balance on the budget row (ruimte_centen, vastgelegd_centen), filled from the
ceiling and the ledger. Reversible: backwards the columns are dropped (the ledger is untouched)."""

from django.db import migrations, models
from django.db.models import Sum

PLUS = ("toezegging", "overboeking_in")
MIN = ("vrijval", "overboeking_uit")


def vullen(apps, schema_editor):
    Budget = apps.get_model("budget", "Budget")
    Boeking = apps.get_model("budget", "Boeking")
    sommen: dict = {}
    for rij in (
        Boeking.objects.values("budget_id", "soort").annotate(totaal=Sum("centen")).order_by()
    ):
        sommen.setdefault(rij["budget_id"], {})[rij["soort"]] = rij["totaal"] or 0
    for budget in Budget.objects.select_related("periode__fonds").iterator():
        s = sommen.get(budget.pk, {})
        vastgelegd = sum(s.get(k, 0) for k in PLUS) - sum(s.get(k, 0) for k in MIN)
        ruimte = int(budget.plafond * 100) + s.get("bijdrage", 0)
        if budget.periode.fonds.revolverend:
            ruimte += s.get("aflossing", 0)
        Budget.objects.filter(pk=budget.pk).update(
            ruimte_centen=ruimte, vastgelegd_centen=vastgelegd
        )


class Migration(migrations.Migration):
    dependencies = [("budget", "0006_gemeente_in_fondsmandaat_periode_aanvraagstap")]

    operations = [
        migrations.AddField(
            model_name="budget",
            name="ruimte_centen",
            field=models.BigIntegerField(
                default=0,
                editable=False,
                help_text="Plafond + bijdragen (+ aflossingen bij een revolverend fonds), in centen.",
            ),
        ),
        migrations.AddField(
            model_name="budget",
            name="vastgelegd_centen",
            field=models.BigIntegerField(
                default=0,
                editable=False,
                help_text="Toegezegd na vrijval en overboekingen, in centen.",
            ),
        ),
        migrations.RunPython(vullen, migrations.RunPython.noop, elidable=False),
    ]
