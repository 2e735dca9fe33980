"""The gemeente's life domains move from casussen to organisaties: the base layer knows no cases.

State only: the table keeps its name (casussen_leefgebied), its rows and its constraints.
casussen 0005 points the scores at this model and drops its own from the state. Reversible.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0006_gemeente_casussen_per_team"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Leefgebied",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.SlugField(max_length=40)),
                        ("naam", models.CharField(max_length=80)),
                        ("volgorde", models.PositiveSmallIntegerField(default=0)),
                        ("actief", models.BooleanField(default=True)),
                        (
                            "gemeente",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="leefgebieden",
                                to="organisaties.gemeente",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "casussen_leefgebied",
                        "verbose_name_plural": "leefgebieden",
                        "ordering": ["volgorde", "naam"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("gemeente", "code"), name="leefgebied_uniek_per_gemeente"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
