"""The life domains now live in organisaties (organisaties 0007); the scores point there.

State only: the table, its rows and the foreign key in the database stay as they are. Reversible.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casussen", "0004_gezinslid_bsn_hash_sleutel_correcties_anonimisering"),
        ("organisaties", "0007_leefgebied_uit_casussen"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="domeinscore",
                    name="leefgebied",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisaties.leefgebied",
                    ),
                ),
                migrations.DeleteModel(name="Leefgebied"),
            ],
            database_operations=[],
        ),
    ]
