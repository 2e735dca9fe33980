# The household's own plan (own words, strengths, network members) and the meldcode afweging
# after a low Veiligheid score (issue 17).

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casussen', '0006_dossier_leesmodel'),
        ('organisaties', '0008_mandaat_gemeente'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='doorbraakplan',
            name='eigen_woorden',
            field=models.TextField(blank=True, help_text='Wat het huishouden zelf wil, in de eigen woorden.'),
        ),
        migrations.AddField(
            model_name='doorbraakplan',
            name='krachten',
            field=models.TextField(blank=True, help_text='Waar het huishouden goed in is, wat al lukt.'),
        ),
        migrations.CreateModel(
            name='Netwerklid',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('naam', models.CharField(max_length=160)),
                ('rol', models.CharField(help_text='Bijv. oma, buurman, vriendin, maatje.', max_length=160)),
                ('bijdrage', models.TextField(blank=True, help_text='Wat deze persoon doet of kan doen.')),
                ('volgorde', models.PositiveSmallIntegerField(default=0)),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.gemeente')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='netwerk', to='casussen.doorbraakplan')),
            ],
            options={
                'verbose_name': 'netwerklid',
                'verbose_name_plural': 'netwerkleden',
                'ordering': ['volgorde'],
            },
        ),
        migrations.CreateModel(
            name='MeldcodeAfweging',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('besluit', models.CharField(choices=[('gemeld', 'Gemeld bij Veilig Thuis'), ('hulp', 'Niet gemeld: hulp geboden of georganiseerd, de veiligheid wordt gevolgd'), ('al_betrokken', 'Niet gemeld: Veilig Thuis of een veiligheidsplan (Veilig Verder) is al betrokken'), ('geen_zorgen', 'Niet gemeld: de zorgen zijn na de stappen weggenomen')], max_length=20)),
                ('toelichting', models.TextField()),
                ('op', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('casus', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meldcode_afwegingen', to='casussen.casus')),
                ('door', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.gemeente')),
                ('meting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='casussen.meting')),
            ],
            options={
                'verbose_name': 'afweging meldcode',
                'verbose_name_plural': 'afwegingen meldcode',
                'ordering': ['-op'],
            },
        ),
    ]
