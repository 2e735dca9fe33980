"""On PostgreSQL: the 'dutch' full-text search and trigram similarity, through their GIN
indexes (EXPLAIN), and the same ranking as the fallback for an eviction through damage."""

import re

import pytest
from django.db import connection

from doorbraak.precedenten import demo, selectors
from doorbraak.precedenten.models import Precedent, Zoekwoord

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


def _bitmapplan(qs) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: make the index show
        cursor.execute("SET LOCAL enable_indexscan = off")
        return qs.explain()


def test_zoeken_gebruikt_de_gin_indexen(gemeente):
    from django.contrib.postgres.search import SearchQuery

    demo.genereer(gemeente, 300)
    vraag = SearchQuery("huisuitzetting | schade", search_type="raw", config="dutch")
    woorden = Precedent.objects.filter(zoekvector=vraag)  # the composite index, without its
    assert "precedent_zoekvector_gin" in _bitmapplan(woorden)  # first column, still serves
    tikfout = Zoekwoord.objects.filter(woord__trigram_similar="huisuitzeting")
    assert "zoekwoord_trgm" in _bitmapplan(tikfout)
    artikel = Precedent.objects.filter(artikelen__has_any_keys=["PW 35"])
    assert "precedent_artikelen_gin" in _bitmapplan(artikel)
    regeling = Precedent.objects.filter(regelingen__contains=["WGS"])
    assert "precedent_regelingen_gin" in _plan(regeling)


def test_het_venster_geeft_de_nieuwste_treffers_en_valt_terug_op_alles(
    gemeente, mensen, monkeypatch
):
    monkeypatch.setattr(selectors, "VENSTER", 20)
    monkeypatch.setattr(selectors, "MIN_IN_VENSTER", 1)
    demo.genereer(gemeente, 120)
    r = mensen["regisseur"]
    grens = Precedent.objects.order_by("-besloten_in").values_list("besloten_in", flat=True)[19]
    alle = set(
        Precedent.objects.filter(zoektekst__icontains="huisuitzetting").values_list("pk", flat=True)
    )
    treffers = selectors.precedenten_zoeken(medewerker=r, zoek="huisuitzetting", limiet=100)
    assert treffers and all(t.precedent.besloten_in >= grens for t in treffers)
    assert {t.precedent.pk for t in treffers} < alle  # the newest only
    # Too few inside the window: looked for among all.
    monkeypatch.setattr(selectors, "MIN_IN_VENSTER", 1000)
    treffers = selectors.precedenten_zoeken(medewerker=r, zoek="huisuitzetting", limiet=100)
    assert {t.precedent.pk for t in treffers} == alle


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
