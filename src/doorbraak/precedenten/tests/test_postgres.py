"""On PostgreSQL: the 'dutch' full-text search and trigram similarity, through their GIN
indexes (EXPLAIN), and the same ranking as the fallback for an eviction through damage."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorbraak.precedenten import demo, selectors
from doorbraak.precedenten.models import Precedent

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="full-text and trigram search: PostgreSQL"
    ),
]


def _plan(qs) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: make the index show
        return qs.explain()


def test_zoekvector_is_gevuld_met_nederlandse_stammen(voorbeelden):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM precedenten_precedent "
            "WHERE zoekvector @@ to_tsquery('dutch', 'huisuitzettingen')"
        )
        assert cursor.fetchone()[0] == 3  # stemmed: 'huisuitzettingen' finds 'huisuitzetting'


def _plannen(functie) -> str:
    """EXPLAIN of the precedent queries `functie` runs, with sequential scans off (a small
    table: make the index show)."""
    with CaptureQueriesContext(connection) as ctx:
        functie()
    plannen = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for q in ctx.captured_queries:
            if "precedenten_" in q["sql"] and '"id" IN' not in q["sql"]:
                cursor.execute("EXPLAIN " + q["sql"])
                plannen.append("\n".join(r[0] for r in cursor.fetchall()))
    return "\n\n".join(plannen)


def test_zoeken_gebruikt_de_gin_indexen(gemeente, mensen, monkeypatch):
    monkeypatch.setattr(selectors, "VENSTER", 50)
    demo.genereer(gemeente, 300)
    r = mensen["regisseur"]
    plan = _plannen(lambda: selectors.precedenten_zoeken(medewerker=r, zoek="huisuitzetting"))
    assert "precedent_zoekvector_gin" in plan  # gemeente, month and words in one index
    assert "Seq Scan on precedenten_precedent" not in plan
    tikfout = _plannen(lambda: selectors.precedenten_zoeken(medewerker=r, zoek="huisuitzeting"))
    assert "zoekwoord_trgm" in tikfout
    artikel = Precedent.objects.filter(
        gemeente=gemeente, besloten_in__gte="2020-01-01", artikelen__has_any_keys=["PW 35"]
    )
    assert "precedent_artikelen_gin" in _plan(artikel)
    regeling = Precedent.objects.filter(regelingen__contains=["WGS"])
    assert "precedent_regelingen_gin" in _plan(regeling)


def test_het_venster_geeft_de_nieuwste_treffers_en_valt_terug_op_alles(
    gemeente, mensen, monkeypatch
):
    monkeypatch.setattr(selectors, "VENSTER", 20)
    monkeypatch.setattr(selectors, "MIN_IN_VENSTER", 3)
    monkeypatch.setattr(selectors, "KANDIDATEN", 10)
    demo.genereer(gemeente, 120)
    r = mensen["regisseur"]
    grens = Precedent.objects.order_by("-besloten_in").values_list("besloten_in", flat=True)[19]
    treffers = selectors.precedenten_zoeken(medewerker=r, zoek="woning", limiet=50)
    assert treffers and all(t.precedent.besloten_in >= grens for t in treffers)
    assert all("woning" in t.precedent.zoektekst.lower() for t in treffers)
    # A word in fewer than 3 of the newest 20: looked for among all.
    zeldzaam = Precedent.objects.filter(zoektekst__icontains="saneringskrediet")
    assert zeldzaam.filter(besloten_in__lt=grens).exists()
    treffers = selectors.precedenten_zoeken(medewerker=r, zoek="saneringskrediet", limiet=50)
    if zeldzaam.filter(besloten_in__gte=grens).count() < 3:
        assert any(t.precedent.besloten_in < grens for t in treffers)
    assert {t.precedent.pk for t in treffers} <= set(zeldzaam.values_list("pk", flat=True))


def test_trigram_vindt_ook_een_tikfout(voorbeelden, mensen):
    treffers = selectors.precedenten_zoeken(medewerker=mensen["regisseur"], zoek="huisuitzeting")
    assert treffers and "huisuitzetting" in treffers[0].precedent.knelpunttekst.lower()


def test_bulk_en_een_los_precedent_krijgen_dezelfde_zoekvector(gemeente):
    from doorbraak.precedenten import services

    demo.genereer(gemeente, 3)
    p = Precedent.objects.first()
    assert re.search(r"'\w+':[\d,]*\d+A", p.zoekvector)  # the knelpunt words, weight A
    services._zoekvector_bijwerken(p)
    assert Precedent.objects.get(pk=p.pk).zoekvector == p.zoekvector
