"""The search over 100,000 precedents: composite GIN indexes (gemeente, decision month and the
tsvector or the articles; btree_gin) so the gemeente and the date window are in the index; the
typo look-up through a vocabulary with a trigram index instead of trigrams over every knelpunt
text; and the moment (advice or decision) of a deviation's motivation."""

import re

import django.db.models.deletion
from django.db import migrations, models

# PostgreSQL only (a no-op on SQLite).
PG_VOORUIT = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    "DROP INDEX IF EXISTS precedent_knelpunt_trgm",
    "DROP INDEX IF EXISTS precedent_zoekvector_gin",
    "CREATE INDEX precedent_zoekvector_gin ON precedenten_precedent "
    "USING gin (gemeente_id, besloten_in, zoekvector)",
    "DROP INDEX IF EXISTS precedent_artikelen_gin",
    "CREATE INDEX precedent_artikelen_gin ON precedenten_precedent "
    "USING gin (gemeente_id, besloten_in, artikelen)",
    "CREATE INDEX zoekwoord_trgm ON precedenten_zoekwoord USING gin (woord gin_trgm_ops)",
]
PG_TERUG = [
    "DROP INDEX IF EXISTS zoekwoord_trgm",
    "DROP INDEX IF EXISTS precedent_artikelen_gin",
    "CREATE INDEX precedent_artikelen_gin ON precedenten_precedent USING gin (artikelen)",
    "DROP INDEX IF EXISTS precedent_zoekvector_gin",
    "CREATE INDEX precedent_zoekvector_gin ON precedenten_precedent USING gin (zoekvector)",
    "CREATE INDEX precedent_knelpunt_trgm ON precedenten_precedent "
    "USING gin (knelpunttekst gin_trgm_ops)",
]

_WOORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)  # as vergelijking.woorden, frozen here


def _uitvoeren(statements):
    def uitvoeren(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return uitvoeren


def woordenlijst_vullen(apps, schema_editor):
    """The vocabulary of the precedents there are."""
    Precedent = apps.get_model("precedenten", "Precedent")
    Zoekwoord = apps.get_model("precedenten", "Zoekwoord")
    per_gemeente: dict = {}
    for gemeente_id, tekst in Precedent.objects.values_list("gemeente_id", "zoektekst").iterator():
        per_gemeente.setdefault(gemeente_id, set()).update(
            w.casefold() for w in _WOORD.findall(tekst or "") if len(w) <= 60
        )
    for gemeente_id, woorden in per_gemeente.items():
        Zoekwoord.objects.bulk_create(
            [Zoekwoord(gemeente_id=gemeente_id, woord=w) for w in sorted(woorden)],
            ignore_conflicts=True,
            batch_size=1000,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("organisaties", "0006_gemeente_casussen_per_team"),
        ("precedenten", "0001_precedenten_zoeken_en_regiopublicatie"),
    ]

    operations = [
        migrations.CreateModel(
            name="Zoekwoord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("woord", models.CharField(max_length=60)),
                ("gemeente", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="organisaties.gemeente")),
            ],
            options={
                "verbose_name": "zoekwoord",
                "verbose_name_plural": "zoekwoorden",
                "constraints": [models.UniqueConstraint(fields=("gemeente", "woord"), name="zoekwoord_uniek")],
            },
        ),
        migrations.AddField(
            model_name="afwijking",
            name="moment",
            field=models.CharField(choices=[("advies", "Advies van de collega"), ("besluit", "Besluit (go of afwijzing)")], default="besluit", max_length=10),
        ),
        migrations.RunPython(_uitvoeren(PG_VOORUIT), _uitvoeren(PG_TERUG)),
        migrations.RunPython(woordenlijst_vullen, migrations.RunPython.noop),
    ]
