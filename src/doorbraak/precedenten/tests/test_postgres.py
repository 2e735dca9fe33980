"""On PostgreSQL: the 'dutch' full-text search and trigram similarity, through their GIN
indexes (EXPLAIN), and the same ranking as the fallback for an eviction through damage."""

import pytest
from django.db import connection

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


def test_zoeken_gebruikt_de_gin_indexen(gemeente):
    demo.genereer(gemeente, 300)
    from django.contrib.postgres.search import SearchQuery

    vraag = SearchQuery("huisuitzetting | schade", search_type="raw", config="dutch")
    assert "precedent_zoekvector_gin" in _plan(Precedent.objects.filter(zoekvector=vraag))
    trigram = Precedent.objects.filter(knelpunttekst__trigram_word_similar="huisuitzeting")
    assert "precedent_knelpunt_trgm" in _plan(trigram)
    artikel = Precedent.objects.filter(artikelen__has_any_keys=["PW 35"])
    assert "precedent_artikelen_gin" in _plan(artikel)
    regeling = Precedent.objects.filter(regelingen__contains=["WGS"])
    assert "precedent_regelingen_gin" in _plan(regeling)


def test_trigram_vindt_ook_een_tikfout(voorbeelden, mensen):
    treffers = selectors.precedenten_zoeken(medewerker=mensen["regisseur"], zoek="huisuitzeting")
    assert treffers and "huisuitzetting" in treffers[0].precedent.knelpunttekst.lower()
