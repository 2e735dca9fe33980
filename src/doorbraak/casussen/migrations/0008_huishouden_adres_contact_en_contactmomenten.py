# Issue 17: the household's address and contact details, and the case's contact log.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casussen', '0007_eigen_plan_netwerk_meldcode'),
        ('organisaties', '0006_gemeente_casussen_per_team'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='huishouden',
            name='straat',
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddField(
            model_name='huishouden',
            name='huisnummer',
            field=models.CharField(blank=True, help_text='Met toevoeging, bijv. 12a.', max_length=12),
        ),
        migrations.AddField(
            model_name='huishouden',
            name='woonplaats',
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name='huishouden',
            name='telefoon',
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AddField(
            model_name='huishouden',
            name='email',
            field=models.EmailField(blank=True, max_length=254),
        ),
        migrations.CreateModel(
            name='Contactmoment',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('datum', models.DateField()),
                ('soort', models.CharField(choices=[('telefoon', 'Telefoon'), ('huisbezoek', 'Huisbezoek'), ('email', 'E-mail'), ('overleg', 'Overleg')], max_length=12)),
                ('met_wie', models.CharField(max_length=160)),
                ('notitie', models.TextField(blank=True)),
                ('aangemaakt_op', models.DateTimeField(auto_now_add=True)),
                ('casus', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contactmomenten', to='casussen.casus')),
                ('door', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.gemeente')),
            ],
            options={
                'verbose_name_plural': 'contactmomenten',
                'ordering': ['-datum', '-aangemaakt_op'],
                'indexes': [models.Index(fields=['casus', 'datum'], name='casussen_co_casus_i_d7d482_idx')],
            },
        ),
    ]
