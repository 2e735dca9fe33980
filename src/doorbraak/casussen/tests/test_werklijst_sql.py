"""The worklist's hand-written reads (`casussen.werklijst`) answer what the ORM answers: the
scope of `selectors.casussen_voor`, CasusFilterSet's filters (valid, invalid and absent), the
order by urgency rank, age and id, the counts per status over every filter but the status, and
any slice of the list, for every kind of medewerker in gemeenten that scope per team and that do
not (both databases: SQLite's values are converted as the ORM converts them)."""

import datetime
import itertools

import pytest
from django.db.models import Count
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorbraak.audit.models import Verwerking
from doorbraak.casussen import selectors, werklijst
from doorbraak.casussen.filters import CasusFilterSet
from doorbraak.casussen.models import URGENTIE_RANG, Casus
from doorbraak.casussen.status import CasusStatus
from doorbraak.casussen.tests.factories import CasusFactory, medewerkers_van_elke_soort
from doorbraak.fouten import GeenToegang
from doorbraak.organisaties.models import Doelgroep, Team

pytestmark = pytest.mark.django_db

# Names that test the search: case, LIKE's wildcards and escape, a non-ASCII letter.
NAMEN = ["Jansen", "JANSEN-de Vries", "100% Bakker", "de_Wit", "Back\\slash", "Öztürk", "Dekker"]
ZOEK = ["", " ", "jans", "JANS", "%", "_", "\\", "100%", "e_w", "Öz", "öz", "niemand", "a\x00b"]


@pytest.fixture
def opzet(request, gemeente, andere_gemeente, maak_medewerker):
    gemeente.casussen_per_team = request.param
    gemeente.save()
    team, ander_team = (Team.objects.create(gemeente=gemeente, naam=n) for n in ("A", "B"))
    mensen = medewerkers_van_elke_soort(maak_medewerker, gemeente, andere_gemeente, team)
    doelgroepen = list(Doelgroep.objects.filter(gemeente=gemeente))
    statussen = list(CasusStatus)
    begin = timezone.now() - datetime.timedelta(days=40)
    for i, (t, r, u) in enumerate(
        itertools.product(
            (None, team, ander_team), (None, mensen[2], mensen[3]), Casus.urgentie.field.choices
        )
    ):
        casus = CasusFactory(
            huishouden__gemeente=gemeente,
            huishouden__naam=NAMEN[i % len(NAMEN)],
            team=t,
            regisseur=r,
            urgentie=u[0],
            status=statussen[i % len(statussen)].value,
            doelgroep=doelgroepen[i % len(doelgroepen)],
        )
        # every third pair on the same moment: the id decides their order
        Casus.objects.filter(pk=casus.pk).update(
            aangemeld_op=begin + datetime.timedelta(days=i - i % 3 * (i % 2))
        )
    CasusFactory(huishouden__gemeente=andere_gemeente, regisseur=mensen[5])
    return mensen, [d.code for d in doelgroepen]


def _volgens_de_orm(medewerker, gegevens: dict, alle: bool) -> tuple[dict, list[tuple]]:
    casussen = selectors.casussen_voor(medewerker=medewerker)
    if not alle:
        casussen = casussen.filter(regisseur=medewerker)
    filters = CasusFilterSet(gegevens, queryset=casussen)
    geldig = filters.is_valid()
    tellers = {}
    if not set(filters.form.errors) - {"status"}:  # the counts: every filter but the status
        zonder_status = casussen
        for naam, waarde in filters.form.cleaned_data.items():
            if naam != "status":
                zonder_status = filters.filters[naam].filter(zonder_status, waarde)
        tellers = dict(zonder_status.order_by().values_list("status").annotate(n=Count("*")))
    if not geldig:
        return tellers, []
    rijen = (
        filters.qs.annotate(rang=URGENTIE_RANG)
        .order_by("rang", "aangemeld_op", "pk")
        .values_list(*werklijst.Werklijstrij._fields)
    )
    return tellers, [tuple(r) for r in rijen]


def _keuzes(codes):
    statussen = ["", "onzin", *(s.value for s in CasusStatus)]
    urgenties = ["", "onzin", *(u for u, _ in Casus.urgentie.field.choices)]
    mensen = ["", "niemand", "regisseur-team", "regisseur-zonder-team"]
    return st.fixed_dictionaries(
        {},
        optional={
            "status": st.sampled_from(statussen),
            "doelgroep": st.sampled_from(["", "onbekend", *codes]),
            "medewerker": st.sampled_from(mensen),
            "urgentie": st.sampled_from(urgenties),
            "zoek": st.sampled_from(ZOEK),
        },
    )


@pytest.mark.parametrize("opzet", [True, False], indirect=True, ids=["per-team", "gemeente"])
def test_zelfde_antwoord_als_de_orm(opzet):
    mensen, codes = opzet
    gevonden = set()

    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        wie=st.sampled_from(mensen),
        gegevens=_keuzes(codes),
        alle=st.booleans(),
        vanaf=st.sampled_from([0, 1, 7, 20]),
        aantal=st.sampled_from([1, 5, 20]),
    )
    def zelfde(wie, gegevens, alle, vanaf, aantal):
        tellers, rijen = _volgens_de_orm(wie, gegevens, alle)
        keuze = werklijst.keuze_uit(gegevens, alle=alle)
        assert werklijst.per_status(medewerker=wie, keuze=keuze) == tellers
        gelezen = werklijst.pagina_lezen(medewerker=wie, keuze=keuze, vanaf=vanaf, aantal=aantal)
        assert [tuple(r) for r in gelezen] == rijen[vanaf : vanaf + aantal], gegevens
        gevonden.add(bool(gelezen))

    zelfde()
    assert gevonden == {True, False}  # lists with and without rows were compared


def test_hele_lijst_in_volgorde_en_elke_rij_gelogd(gemeente, regisseur):
    for naam, urgentie in (("A", "normaal"), ("B", "crisis"), ("C", "hoog"), ("D", "crisis")):
        CasusFactory(
            huishouden__gemeente=gemeente,
            huishouden__naam=naam,
            urgentie=urgentie,
            regisseur=regisseur,
        )
    keuze = werklijst.keuze_uit({}, alle=False)
    voor = Verwerking.objects.filter(omschrijving=selectors.LIJSTINZAGE).count()
    rijen = werklijst.pagina_lezen(medewerker=regisseur, keuze=keuze, vanaf=0, aantal=20)
    assert [r.huishouden__naam for r in rijen] == ["B", "D", "C", "A"]
    assert isinstance(rijen[0].aangemeld_op, datetime.datetime) and rijen[0].aangemeld_op.tzinfo
    gelogd = Verwerking.objects.filter(omschrijving=selectors.LIJSTINZAGE)
    assert gelogd.count() - voor == 4
    per_casus = dict(gelogd.values_list("casus_id").annotate(n=Count("*")))
    assert per_casus == {r.pk: 1 for r in rijen}
    assert {v.actor for v in gelogd} == {regisseur.username}
    assert werklijst.per_status(medewerker=regisseur, keuze=keuze) == {"aangemeld": 4}


def test_zonder_inzage_geen_lijst_en_geen_tellers(gemeente, privacy):
    CasusFactory(huishouden__gemeente=gemeente)
    keuze = werklijst.keuze_uit({}, alle=True)
    with pytest.raises(GeenToegang):
        werklijst.per_status(medewerker=privacy, keuze=keuze)
    with pytest.raises(GeenToegang):
        werklijst.pagina_lezen(medewerker=privacy, keuze=keuze, vanaf=0, aantal=20)


def test_elke_filter_van_de_filterset_is_geschreven():
    """A filter added to CasusFilterSet (the API's) must be written here too."""
    assert tuple(CasusFilterSet.base_filters) == werklijst.FILTERS
