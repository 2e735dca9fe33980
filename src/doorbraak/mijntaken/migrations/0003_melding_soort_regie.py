# Issue 17: a notification when a case is handed over to a new regisseur.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mijntaken', '0002_melding_soort_nameting'),
    ]

    operations = [
        migrations.AlterField(
            model_name='melding',
            name='soort',
            field=models.CharField(choices=[('te_beoordelen', 'Een aanvraag wacht op uw meekijken'), ('go_nodig', 'Een aanvraag wacht op uw go'), ('te_betalen', 'Een toegekende aanvraag wacht op betaling'), ('actie_verlopen', 'Een actie in een plan is over de deadline'), ('afspraak', 'Er is een afspraak aan u toegewezen'), ('nameting', 'Een nameting na 12 maanden wacht op u'), ('regie', 'Een casus is aan u overgedragen')], max_length=20),
        ),
    ]
