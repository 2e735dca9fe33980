"""Precedents, their region publication and the motivation of deviating decisions."""

import django.contrib.postgres.search
import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models

# PostgreSQL only (a no-op on SQLite): pg_trgm, and the GIN indexes the search uses: the
# 'dutch' tsvector, trigrams of the knelpunt text, and the blocking articles and regelingen
# (jsonb containment and ?|).
PG_VOORUIT = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX precedent_zoekvector_gin ON precedenten_precedent USING gin (zoekvector)",
    "CREATE INDEX precedent_knelpunt_trgm ON precedenten_precedent "
    "USING gin (knelpunttekst gin_trgm_ops)",
    "CREATE INDEX precedent_artikelen_gin ON precedenten_precedent USING gin (artikelen)",
    "CREATE INDEX precedent_regelingen_gin ON precedenten_precedent USING gin (regelingen)",
]
PG_TERUG = [
    "DROP INDEX IF EXISTS precedent_regelingen_gin",
    "DROP INDEX IF EXISTS precedent_artikelen_gin",
    "DROP INDEX IF EXISTS precedent_knelpunt_trgm",
    "DROP INDEX IF EXISTS precedent_zoekvector_gin",
]


def _uitvoeren(statements):
    def uitvoeren(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return uitvoeren


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('budget', '0005_merge_20261128_0340'),
        ('organisaties', '0006_gemeente_casussen_per_team'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Afwijking',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('signalen', models.JSONField(default=list, help_text='De codes van de signalen.')),
                ('motivering', models.TextField()),
                ('op', models.DateTimeField(auto_now_add=True)),
                ('aanvraag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='afwijkingen', to='budget.aanvraag')),
                ('door', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.gemeente')),
            ],
            options={
                'verbose_name': 'motivering van een afwijking',
                'verbose_name_plural': 'motiveringen van afwijkingen',
                'ordering': ['op'],
            },
        ),
        migrations.CreateModel(
            name='Precedent',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('doelgroep_code', models.CharField(max_length=40)),
                ('doelgroep_naam', models.CharField(max_length=120)),
                ('urgentie', models.CharField(max_length=10)),
                ('leeftijden', models.JSONField(default=list, help_text='Leeftijdsbanden, bijv. [{"rol": "ouder", "band": "27-45"}].')),
                ('domeinen', models.JSONField(default=list, help_text='Scores bij het besluit: [{"code", "naam", "score"}].')),
                ('lage_domeinen', models.JSONField(default=list, help_text='Codes met score 1 of 2.')),
                ('situatie', models.TextField(blank=True, help_text='Gemaskeerd.')),
                ('knelpunten', models.JSONField(default=list, help_text='[{"omschrijving" (gemaskeerd), "soort", "regeling", "artikel", "sleutel"}].')),
                ('artikelen', models.JSONField(default=list, help_text="Artikelsleutels, bijv. 'PW 18 lid 4'.")),
                ('regelingen', models.JSONField(default=list)),
                ('knelpunttekst', models.TextField(blank=True, help_text='Gemaskeerd; trigramindex.')),
                ('voorliggend', models.JSONField(default=list, help_text='Uitkomst van de voorliggend-check: [{"naam", "uitkomst"}].')),
                ('doorbraak', models.TextField(blank=True, help_text='Gemaskeerd.')),
                ('bedrag', models.DecimalField(decimal_places=2, max_digits=12)),
                ('bedragband', models.PositiveSmallIntegerField()),
                ('vorm', models.CharField(max_length=10)),
                ('fonds_code', models.CharField(max_length=40)),
                ('fonds_naam', models.CharField(max_length=160)),
                ('besluit', models.CharField(choices=[('toegekend', 'Toegekend'), ('afgewezen', 'Afgewezen')], max_length=10)),
                ('motivering', models.TextField(blank=True, help_text='Gemaskeerd.')),
                ('besloten_in', models.DateField(help_text='Eerste dag van de maand van het besluit.')),
                ('verloop', models.JSONField(default=list, help_text='[{"maanden": 6|12, "scores": {code: score}, "wat_er_gebeurde" (gemaskeerd), "mkba_voorspeld", "werkelijke_kosten", ...}].')),
                ('uitkomst', models.CharField(choices=[('nog_onbekend', 'Nog niet geëvalueerd'), ('geslaagd', 'Doorbraak geslaagd'), ('deels', 'Deels geslaagd'), ('niet_geslaagd', 'Niet geslaagd')], default='nog_onbekend', max_length=14)),
                ('zoektekst', models.TextField(blank=True)),
                ('zoekvector', django.contrib.postgres.search.SearchVectorField(blank=True, editable=False, null=True)),
                ('aangemaakt_op', models.DateTimeField(auto_now_add=True)),
                ('bijgewerkt_op', models.DateTimeField(auto_now=True)),
                ('aanvraag', models.OneToOneField(blank=True, help_text='Intern: om bij de nameting bij te werken; nooit naar buiten.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='precedent', to='budget.aanvraag')),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.gemeente')),
            ],
            options={
                'verbose_name': 'precedent',
                'verbose_name_plural': 'precedenten',
                'ordering': ['-besloten_in', '-aangemaakt_op'],
                'indexes': [models.Index(fields=['gemeente', 'besloten_in'], name='precedent_gemeente')],
            },
        ),
        migrations.CreateModel(
            name='Regiopublicatie',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('privacytoets', models.TextField(help_text='De bevindingen van de privacytoets.')),
                ('getoetst_op', models.DateTimeField()),
                ('ingetrokken_op', models.DateTimeField(blank=True, null=True)),
                ('reden_intrekking', models.TextField(blank=True)),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.gemeente')),
                ('getoetst_door', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('ingetrokken_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'regiopublicatie',
                'verbose_name_plural': 'regiopublicaties',
                'ordering': ['-getoetst_op'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('ingetrokken_op__isnull', True)), fields=('gemeente',), name='een_actieve_regiopublicatie')],
            },
        ),
        migrations.RunPython(_uitvoeren(PG_VOORUIT), _uitvoeren(PG_TERUG)),
    ]
