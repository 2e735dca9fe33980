"""A mandate carries its gemeente (from its doelgroep): the distribution column for sharding by
gemeente (docs/schaal.md). Added empty, filled from the doelgroep, then made required.
Reversible (the column is dropped again)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def _vul(schema_editor, model, ouder, via):
    # PostgreSQL: check the new foreign key now, so no deferred trigger event is pending when the
    # column is made NOT NULL in the same transaction.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    model.objects.filter(gemeente__isnull=True).update(
        gemeente_id=Subquery(ouder.objects.filter(pk=OuterRef(via)).values("gemeente_id")[:1])
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def gemeente_van_ouder(apps, schema_editor):
    _vul(schema_editor, apps.get_model("organisaties", "mandaat"), apps.get_model("organisaties", "Doelgroep"), "doelgroep_id")


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0007_leefgebied_uit_casussen"),
    ]

    operations = [
        migrations.AddField(
            model_name="mandaat",
            name="gemeente",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisaties.gemeente",
            ),
        ),
        migrations.RunPython(gemeente_van_ouder, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="mandaat",
            name="gemeente",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisaties.gemeente",
            ),
        ),
    ]
