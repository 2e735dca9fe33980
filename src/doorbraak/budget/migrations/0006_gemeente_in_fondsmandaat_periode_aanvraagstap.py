"""Fund mandates, periods and request steps carry their gemeente (from their fund or request): the
distribution column for sharding by gemeente (docs/schaal.md). Added empty, filled from the
parent, then made required. Reversible (the columns are dropped again)."""

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
    _vul(schema_editor, apps.get_model("budget", "fondsmandaat"), apps.get_model("budget", "Fonds"), "fonds_id")
    _vul(schema_editor, apps.get_model("budget", "periode"), apps.get_model("budget", "Fonds"), "fonds_id")
    _vul(schema_editor, apps.get_model("budget", "aanvraagstap"), apps.get_model("budget", "Aanvraag"), "aanvraag_id")


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0005_merge_20261128_0340"),
        ("organisaties", "0008_mandaat_gemeente"),
    ]

    operations = [
        migrations.AddField(
            model_name="fondsmandaat",
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
        migrations.AddField(
            model_name="periode",
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
        migrations.AddField(
            model_name="aanvraagstap",
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
            model_name="fondsmandaat",
            name="gemeente",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisaties.gemeente",
            ),
        ),
        migrations.AlterField(
            model_name="periode",
            name="gemeente",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisaties.gemeente",
            ),
        ),
        migrations.AlterField(
            model_name="aanvraagstap",
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
