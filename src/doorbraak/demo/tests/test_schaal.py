"""The precondition for sharding by gemeente (docs/schaal.md): every tenant table has a NOT NULL
`gemeente_id`, every other table is a reviewed global one, and the routing rule for queries is
checked as it is meant (the queries of the region's pages are checked in `test_regio.py`)."""

import pytest
from django.apps import apps

from doorbraak.demo.tests.schaal import (
    GLOBAAL,
    GLOBALE_APPS,
    TENANT,
    TENANT_MODELLEN,
    VIA_OUDER,
    query_regel,
)
from doorbraak.organisaties.models import Gemeente


def test_elk_model_is_ingedeeld():
    projectmodellen = {
        m._meta.label
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label not in GLOBALE_APPS
    }
    niet_ingedeeld = projectmodellen - TENANT - set(GLOBAAL) - set(VIA_OUDER)
    assert not niet_ingedeeld, (
        "Nieuwe modellen: zet ze in TENANT (met een verplichte gemeente) of, met reden, in "
        f"GLOBAAL in demo/tests/schaal.py en docs/schaal.md: {sorted(niet_ingedeeld)}"
    )
    assert not (TENANT & set(GLOBAAL)) and not (projectmodellen ^ projectmodellen)
    verdwenen = (TENANT | set(GLOBAAL) | set(VIA_OUDER)) - projectmodellen
    assert not verdwenen, f"Ingedeeld maar bestaat niet (meer): {sorted(verdwenen)}"


@pytest.mark.parametrize("model", TENANT_MODELLEN, ids=lambda m: m._meta.label)
def test_elke_tenanttabel_heeft_een_verplichte_gemeente_id(model):
    veld = model._meta.get_field("gemeente")
    assert veld.column == "gemeente_id"
    assert veld.related_model is Gemeente
    assert not veld.null


def test_een_tabel_via_de_ouder_hangt_aan_een_tenanttabel():
    for label, ouder in VIA_OUDER.items():
        model = apps.get_model(label)
        assert ouder in TENANT
        assert any(f.related_model is apps.get_model(ouder) for f in model._meta.concrete_fields), (
            label
        )


@pytest.mark.parametrize(
    "sql, regel",
    [
        (
            'SELECT "casussen_casus"."id" FROM "casussen_casus" WHERE '
            '"casussen_casus"."gemeente_id" = %s',
            "gemeente",
        ),
        (
            'SELECT "a"."id" FROM "budget_aanvraag" "a" WHERE "a"."gemeente_id" IN (%s, %s)',
            "gemeente",
        ),
        ('SELECT * FROM "casussen_hulpverlener" WHERE "casussen_hulpverlener"."casus_id" = %s',
         "sleutel"),
        ('UPDATE "casussen_casus" SET "status" = %s WHERE "casussen_casus"."id" = %s', "sleutel"),
        ('SELECT COUNT(*) FROM "casussen_casus" WHERE "casussen_casus"."status" = %s',
         "niet gerouteerd"),
        ('SELECT "casussen_casus"."gemeente_id" FROM "casussen_casus"', "niet gerouteerd"),
        ('UPDATE "casussen_casus" SET "gemeente_id" = %s', "niet gerouteerd"),
        ('DELETE FROM "overleg_overleg" WHERE "overleg_overleg"."naam" = %s', "niet gerouteerd"),
        ('SELECT * FROM "organisaties_medewerker" WHERE "username" = %s', "geen tenant"),
        ('INSERT INTO "casussen_casus" ("id", "gemeente_id") VALUES (%s, %s)', "geen tenant"),
        ('SAVEPOINT "s1"', "geen tenant"),
    ],
)  # fmt: skip
def test_de_routeringsregel(sql, regel):
    assert query_regel(sql) == regel
