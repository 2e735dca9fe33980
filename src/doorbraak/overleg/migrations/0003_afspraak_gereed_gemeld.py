# A partner reports its own afspraak done, with a short note (issue 17).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('overleg', '0002_briefdelen_en_categorieen_op_grondslag'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='afspraak',
            name='gereed_gemeld_op',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='afspraak',
            name='gereed_gemeld_door',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='afspraak',
            name='gereed_toelichting',
            field=models.TextField(blank=True),
        ),
    ]
