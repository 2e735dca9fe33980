# Documents on a case file, stored outside the web root (issue 17).

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('casussen', '0007_eigen_plan_netwerk_meldcode'),
        ('organisaties', '0008_mandaat_gemeente'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('soort', models.CharField(choices=[('factuur', 'Factuur of rekening'), ('brief', 'Brief (bijv. van een schuldeiser, netbeheerder of instantie)'), ('toestemming', 'Ondertekende toestemming'), ('beschikking', 'Beschikking of besluit'), ('overeenkomst', 'Overeenkomst of betalingsregeling'), ('overig', 'Overig')], max_length=20)),
                ('titel', models.CharField(max_length=200)),
                ('bestandsnaam', models.CharField(help_text='De naam van het geüploade bestand.', max_length=200)),
                ('mediatype', models.CharField(help_text='Vastgesteld uit de inhoud.', max_length=100)),
                ('grootte', models.PositiveIntegerField(help_text='In bytes.')),
                ('sha256', models.CharField(max_length=64)),
                ('opslagnaam', models.CharField(editable=False, help_text='Pad onder DOCUMENTEN_MAP.', max_length=120, unique=True)),
                ('toegevoegd_op', models.DateTimeField(auto_now_add=True)),
                ('casus', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='documenten', to='casussen.casus')),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.gemeente')),
                ('toegevoegd_door', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'document',
                'verbose_name_plural': 'documenten',
                'ordering': ['-toegevoegd_op'],
                'indexes': [models.Index(fields=['gemeente', 'casus'], name='document_gemeente_casus')],
            },
        ),
    ]
