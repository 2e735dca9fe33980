"""The rules behind the dossier's summary and trend (issue 17), without a database: the next step,
ages beside dates in Dutch, and the trend chart on a 1–5 axis. Then the whole panel on the demo,
where every part has something to show: arrears, a request waiting for someone, the last check,
the MKBA headline and the next meeting."""

import datetime
import re
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from doorbraak import opmaak
from doorbraak.casussen.samenvatting import OpenActie, volgende_stap
from doorbraak.casussen.verloop import _Regel
from doorbraak.web.grafiek import (
    MARGE_BOVEN,
    MARGE_LINKS,
    MARGE_RECHTS,
    PANEEL_BREEDTE,
    PANEEL_HOOGTE,
    trendgrafieken,
)

VANDAAG = datetime.date(2026, 11, 28)
D = datetime.timedelta


# --- ages beside dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dagen", "tekst"),
    [
        (0, "vandaag"),
        (-1, "gisteren"),
        (1, "morgen"),
        (-3, "3 dagen geleden"),
        (13, "over 13 dagen"),
        (14, "over 2 weken"),
        (-20, "2 weken geleden"),
        (-60, "8 weken geleden"),
        (75, "over 2 maanden"),
        (-364, "12 maanden geleden"),
        (365, "over 1 jaar"),
        (-800, "2 jaar geleden"),
    ],
)
def test_relatief_in_het_nederlands(dagen, tekst):
    assert opmaak.relatief(VANDAAG + D(days=dagen), VANDAAG) == tekst


def test_relatief_wordt_per_taal_bewaard():
    """The words are kept per process (a list page shows 20 ages), per language: the same
    distance read in Dutch and then in English is not answered from the Dutch."""
    from django.utils import translation

    twintig_dagen_terug = VANDAAG - D(days=20)
    with translation.override("nl"):
        assert opmaak.relatief(twintig_dagen_terug, VANDAAG) == "2 weken geleden"
    with translation.override("en"):
        engels = opmaak.relatief(twintig_dagen_terug, VANDAAG)
    assert engels != "2 weken geleden" and "2" in engels
    with translation.override("nl"):
        assert opmaak.relatief(twintig_dagen_terug, VANDAAG) == "2 weken geleden"


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_relatief_zegt_altijd_verleden_of_toekomst_goed(datum):
    tekst = opmaak.relatief(datum, VANDAAG)
    assert tekst
    assert tekst.endswith("geleden") == (datum < VANDAAG - D(days=1))
    assert tekst.startswith("over ") == (datum > VANDAAG + D(days=1))
    assert not re.search(r"\b0 ", tekst)  # never "0 weken"


@pytest.mark.parametrize(
    ("geboren", "op", "jaar"),
    [
        (datetime.date(2014, 11, 28), VANDAAG, 12),
        (datetime.date(2014, 11, 29), VANDAAG, 11),
        (datetime.date(2012, 2, 29), datetime.date(2025, 2, 28), 12),
        (datetime.date(2012, 2, 29), datetime.date(2025, 3, 1), 13),
        (datetime.date(2026, 11, 1), VANDAAG, 0),
    ],
)
def test_leeftijd(geboren, op, jaar):
    assert opmaak.leeftijd(geboren, op) == jaar


# --- the next step ---------------------------------------------------------------------------


def _stap(**wijzig):
    waarden = {
        "status": "uitvoering",
        "heeft_metingen": True,
        "heeft_doorbraak": True,
        "open_acties": [],
        "aantal_acties": 2,
        "lopende_aanvragen": [],
        "heeft_check": True,
        "vandaag": VANDAAG,
    }
    waarden.update(wijzig)
    return volgende_stap(**waarden)


def test_verlopen_actie_gaat_voor_alles_de_oudste_eerst():
    acties = [
        OpenActie("Later", "A", VANDAAG + D(days=2)),
        OpenActie("Laat", "B", VANDAAG - D(days=1)),
        OpenActie("Heel laat", "C", VANDAAG - D(days=9)),
    ]
    stap = _stap(open_acties=acties, lopende_aanvragen=[{"status": "concept", "bedrag": "€ 1"}])
    assert stap.tekst == "Verlopen actie oppakken: Heel laat (C)"
    assert stap.deadline == VANDAAG - D(days=9)


def test_een_concept_aanvraag_is_de_volgende_stap():
    stap = _stap(lopende_aanvragen=[{"status": "ingediend", "bedrag": "€ 5"},
                                    {"status": "concept", "bedrag": "€ 1.200,00"}])  # fmt: skip
    assert stap.tekst == "De aanvraag van € 1.200,00 afmaken en indienen."


@pytest.mark.parametrize(
    ("wijzig", "begin"),
    [
        ({"status": "aangemeld", "heeft_metingen": False}, "De domeinscores meten"),
        ({"status": "aangemeld", "heeft_doorbraak": False}, "Het doorbraakplan schrijven"),
        ({"status": "aangemeld"}, "De casus naar de fase Plan"),
        ({"status": "plan", "aantal_acties": 0}, "Het doorbraakplan afmaken"),
        ({"status": "plan", "heeft_check": False}, "De voorliggend-check doen"),
        ({"status": "plan"}, "De casus in uitvoering nemen"),
        ({"status": "uitvoering"}, "Evalueren"),
        ({"open_acties": [OpenActie("Bellen", "A", None)]}, "De open acties afronden"),
        ({"status": "evaluatie"}, "Een nieuwe meting"),
        ({"status": "afgesloten", "open_acties": [OpenActie("x", "y", VANDAAG - D(days=5))]},
         "Geen: de casus is afgesloten"),
    ],
)  # fmt: skip
def test_volgende_stap_per_fase(wijzig, begin):
    stap = _stap(**wijzig)
    assert stap.tekst.startswith(begin), stap.tekst
    assert stap.deadline is None


def test_eerstvolgende_deadline_bij_een_komende_actie():
    acties = [OpenActie("Later", "A", VANDAAG + D(days=20)), OpenActie("Eerst", "B", VANDAAG)]
    stap = _stap(open_acties=acties)
    assert (stap.tekst, stap.deadline) == ("Volgende actie: Eerst", VANDAAG)


# --- the trend -------------------------------------------------------------------------------


def test_trend_een_paneel_per_leefgebied_op_dezelfde_as():
    regels = [
        _Regel(VANDAAG - D(days=100), "financien", "Financiën", 1),
        _Regel(VANDAAG - D(days=100), "huisvesting", "Huisvesting", 2),
        _Regel(VANDAAG - D(days=50), "financien", "Financiën", 3),
        _Regel(VANDAAG, "financien", "Financiën", 5),
    ]
    trends = {t.domein: t for t in trendgrafieken(regels)}
    assert [s for _, s in trends["financien"].scores] == [1, 3, 5]
    punten = re.search(r'points="([^"]+)"', trends["financien"].svg).group(1).split()
    ys = [float(p.split(",")[1]) for p in punten]
    assert ys[0] > ys[1] > ys[2] == MARGE_BOVEN  # 5 at the top of the axis, 1 at the bottom
    # The same time axis: the household's single early measurement sits on the left edge.
    x_huis = float(re.search(r'<circle cx="([\d.]+)"', trends["huisvesting"].svg).group(1))
    x_fin = float(re.search(r'<circle cx="([\d.]+)"', trends["financien"].svg).group(1))
    assert x_huis == x_fin
    assert 'aria-label="Huisvesting: 2 op ' in trends["huisvesting"].svg
    assert (
        "Schaal 1 (acute problematiek) tot 5 (volledig zelfredzaam)." in trends["huisvesting"].svg
    )
    # The axis runs 1..5, each step labelled.
    for s in range(1, 6):
        assert f'class="doorbraak-trend__as">{s}</text>' in trends["financien"].svg
    assert f'viewBox="0 0 240 {PANEEL_HOOGTE}"' in trends["financien"].svg


def test_trend_naam_wordt_ontsnapt_en_een_meting_staat_in_het_midden():
    (trend,) = trendgrafieken([_Regel(VANDAAG, "x", 'Wonen <script>"', 3)])
    assert "<script>" not in trend.svg and "&lt;script&gt;" in trend.svg
    midden = MARGE_LINKS + (PANEEL_BREEDTE - MARGE_LINKS - MARGE_RECHTS) / 2
    assert f'<circle cx="{midden:.1f}"' in trend.svg
    assert trendgrafieken([]) == []


# --- the whole panel on the demo -------------------------------------------------------------


@pytest.mark.django_db
def test_paneel_op_de_demo_toont_elk_onderdeel(client):
    from doorbraak.budget import selectors as budget_selectors
    from doorbraak.budget.models import Lening
    from doorbraak.casussen import selectors
    from doorbraak.casussen.models import Casus
    from doorbraak.organisaties.models import Medewerker
    from doorbraak.overleg.models import Agendapunt

    call_command("demo")
    regisseur = Medewerker.objects.get(username="regisseur")
    client.force_login(regisseur)
    vandaag = timezone.localdate()
    zichtbaar = selectors.casussen_voor(medewerker=regisseur)
    overzicht = budget_selectors.leningoverzicht(
        leningen=list(Lening.objects.filter(aanvraag__casus__in=zichtbaar)), peildatum=vandaag
    )
    achter = next(r for r in overzicht if r["achterstand"] > 0)
    casus = Casus.objects.get(pk=achter["lening"].aanvraag.casus_id)

    def paneel(c) -> str:
        antwoord = client.get(f"/casussen/{c.pk}")
        assert antwoord.status_code == 200
        html = antwoord.content.decode()
        begin = html.index('id="samenvatting"')
        return html[begin : html.index("</section>", begin)]

    assert f"Achterstand: {opmaak.euro(achter['achterstand'])}" in paneel(casus)
    verwacht = {"wacht op", "check", "mkba", "omslag"}
    if Agendapunt.objects.filter(
        casus__in=zichtbaar,
        bijeenkomst__datum__gte=vandaag,
        besproken_op__isnull=True,
    ).exists():
        verwacht.add("volgend overleg")
    gezien = set()
    for c in zichtbaar:
        tekst = paneel(c)
        gezien |= {
            deel
            for deel, teken in (
                ("wacht op", "<strong>Wacht op:</strong>"),
                ("check", "vragen beantwoord"),
                ("mkba", "(centrale schatting)."),
                ("omslag", "De doorbraak betaalt zich"),
            )
            if teken in tekst
        }
        if "Niet geagendeerd." not in tekst:
            gezien.add("volgend overleg")
    assert gezien == verwacht


@pytest.mark.django_db
def test_volgend_overleg_en_mkba_kop_zoals_opgeslagen():
    """The next meeting (name, date, meeting id) and the latest MKBA's headline are read as
    columns only; the same as the objects hold."""
    from doorbraak.casussen.models import Casus
    from doorbraak.casussen.samenvatting import _mkba, _volgend_overleg
    from doorbraak.mkba.models import Mkba
    from doorbraak.mkba.selectors import laatste_mkba
    from doorbraak.overleg.models import Agendapunt

    call_command("demo")
    vandaag = timezone.localdate()
    punt = (
        Agendapunt.objects.filter(bijeenkomst__datum__gte=vandaag, besproken_op__isnull=True)
        .select_related("bijeenkomst__overleg")
        .order_by("bijeenkomst__datum", "pk")
        .first()
    )
    assert punt is not None, "de demo heeft een geagendeerde casus"
    assert _volgend_overleg(Casus.objects.get(pk=punt.casus_id), vandaag) == {
        "datum": punt.bijeenkomst.datum,
        "overleg": punt.bijeenkomst.overleg.naam,
        "bijeenkomst_id": punt.bijeenkomst_id,
    }
    casus = Mkba.objects.exclude(uitkomst__omslagpunt=None).first().casus
    mkba = laatste_mkba(casus=casus)  # the whole object, as before
    assert _mkba(casus) == {
        "saldo": mkba.saldo,
        "horizon_jaren": mkba.horizon_jaren,
        "zin": ((mkba.uitkomst or {}).get("omslagpunt") or {}).get("zin", ""),
        "op": mkba.aangemaakt_op,
    }


@pytest.mark.django_db
def test_volgend_overleg_slaat_voorbije_en_besproken_punten_over(regisseur, maak_casus):
    """The next meeting is the first from today on where the case is still to be discussed: an
    earlier meeting, or a later one where it was already discussed, does not count; on the same
    day the first item by id."""
    from doorbraak.casussen.samenvatting import _volgend_overleg
    from doorbraak.overleg.models import Agendapunt, Bijeenkomst, Overleg

    casus = maak_casus(regisseur)
    vandaag = timezone.localdate()
    g = casus.gemeente_id
    overleg = Overleg.objects.create(
        gemeente_id=g, naam="Casustafel", soort="wijkteam", venster_dagen_voor=7, venster_dagen_na=7
    )

    def punt(dagen: int, besproken: bool, **id) -> Agendapunt:
        datum = vandaag + datetime.timedelta(days=dagen)
        bijeenkomst = Bijeenkomst.objects.create(overleg=overleg, gemeente_id=g, datum=datum)
        return Agendapunt.objects.create(
            bijeenkomst=bijeenkomst,
            gemeente_id=g,
            casus=casus,
            besproken_op=timezone.now() if besproken else None,
            **id,
        )

    assert _volgend_overleg(casus, vandaag) is None
    punt(-1, besproken=False)  # yesterday, never discussed
    punt(0, besproken=True)  # today, discussed already
    assert _volgend_overleg(casus, vandaag) is None
    punt(3, besproken=False, id=uuid.UUID(int=2))  # the same day: stored first, but not first
    eerste = punt(3, besproken=False, id=uuid.UUID(int=1))
    punt(9, besproken=False)
    assert _volgend_overleg(casus, vandaag) == {
        "datum": vandaag + datetime.timedelta(days=3),
        "overleg": "Casustafel",
        "bijeenkomst_id": eerste.bijeenkomst_id,
    }
