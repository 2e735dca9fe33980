"""Ex ante is not ex post: the reports show only executed doorbraken as expected figures, the
12-month follow-up feeds the predicted-versus-realised table, and the MKBA takes its doorbraak
cost from the request (amount, form and date)."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from doorbraak.budget.models import Aanvraag, Fonds
from doorbraak.mkba.models import Mkba, Nameting
from doorbraak.organisaties.models import Rol
from doorbraak.rapportage import rapporten, selectors
from doorbraak.rapportage.tabellen import Tabel

pytestmark = pytest.mark.django_db

BODY = {
    "horizon_jaren": 1,
    "sleutelkans": {"omschrijving": "uithuiszetting", "huidig_pad": "0.6", "doorbraak": "0.1",
                    "betrouwbaarheid": "C"},
    "huidig_pad": [{"omschrijving": "Ontruiming", "bedrag": "10000", "betaler":
                    "woningcorporatie", "betrouwbaarheid": "A", "sleutel": True}],
    "doorbraak": [{"omschrijving": "Restrisico", "bedrag": "10000", "betaler": "woningcorporatie",
                   "betrouwbaarheid": "A", "sleutel": True}],
    "doorbraak_kosten": "2000",
}  # fmt: skip


def _aanvraag(casus, door, *, status="betaald", vorm="om_niet", bedrag="2000.00", **anders):
    fonds, _ = Fonds.objects.get_or_create(
        gemeente=casus.gemeente, code="doorbraakbudget", defaults={"naam": "Doorbraakbudget"}
    )
    return Aanvraag.objects.create(
        gemeente=casus.gemeente, casus=casus, fonds=fonds, doelgroep=casus.doelgroep,
        bedrag=D(bedrag), vorm=vorm, ontvanger_naam="Woningcorporatie Peelwonen",
        ontvanger_iban="NL91ABNA0417164300", aanvrager=door, status=status,
        besloten_op=timezone.now(), **anders,
    )  # fmt: skip


def _periode():
    vandaag = timezone.localdate()
    return selectors.Periode(vandaag - datetime.timedelta(days=30), vandaag)


@pytest.fixture
def beleid(gemeente, maak_medewerker):
    return maak_medewerker(gemeente, Rol.BELEID)


def test_pilotrapport_telt_alleen_uitgevoerde_doorbraken_als_verwachting(
    api, regisseur, maak_casus, beleid
):
    uitgevoerd = maak_casus(regisseur, naam="Familie Uitgevoerd")
    afgewezen = maak_casus(regisseur, naam="Familie Afgewezen")
    alleen_berekend = maak_casus(regisseur, naam="Familie Berekend")
    for casus in (uitgevoerd, afgewezen, alleen_berekend):
        assert (
            api.post(f"/api/v1/casussen/{casus.pk}/mkbas", BODY, format="json").status_code == 201
        )
    _aanvraag(uitgevoerd, regisseur)
    _aanvraag(afgewezen, regisseur, status="afgewezen")
    centraal = Mkba.objects.get(casus=uitgevoerd).saldo
    # 10000 x 0.6 x 0.75 - (10000 x 0.1 x 1.25 + 2000)
    assert centraal == D("10000") * D("0.6") * D("0.75") - D("1250") - D("2000")

    e = selectors.evaluatie(medewerker=beleid, periode=_periode())
    assert e.mkba_casussen == 1  # the rejected and the merely calculated case do not count
    assert e.mkba_niet_meegeteld == 2
    assert e.mkba_saldo == centraal  # the central estimate, not the optimistic one
    assert e.mkba_saldo_optimistisch == D("6000") - D("1000") - D("2000")

    rapport = rapporten.pilotrapport(e, [], [])
    tabellen = {t.titel: t for t in rapport.tabellen}
    mkba = next(t for titel, t in tabellen.items() if "kosten en baten" in titel.lower())
    # never under the financial accounts, always labelled as expected
    assert not mkba.titel.startswith("3.")
    assert "verwacht, niet gerealiseerd" in mkba.titel
    assert "Dit is geen besparing" in mkba.toelichting
    tekst = " ".join(
        f"{t.titel} {t.toelichting} {t.rijen}" for t in rapport.tabellen if isinstance(t, Tabel)
    )
    for woord in ("bespaard", "gerealiseerde besparing", "besparing gerealiseerd"):
        assert woord not in tekst.lower()
    # plain words: payer names, no codes
    assert "gemeente_doorbraakbudget" not in str(mkba.rijen)
    assert "Gemeente (doorbraakbudget)" in str(mkba.rijen)


def test_nameting_voedt_voorspeld_tegen_gerealiseerd(api, regisseur, maak_casus, beleid):
    casussen = [maak_casus(regisseur, naam=f"Familie {i}") for i in range(5)]
    for i, casus in enumerate(casussen):
        assert (
            api.post(f"/api/v1/casussen/{casus.pk}/mkbas", BODY, format="json").status_code == 201
        )
        antwoord = api.post(
            f"/api/v1/casussen/{casus.pk}/nametingen",
            {"datum": timezone.localdate().isoformat(), "sleutelgebeurtenis": i == 0,
             "hulpverleners_gestopt": 1, "werkelijke_kosten": "2100.00"},
            format="json",
        )  # fmt: skip
        assert antwoord.status_code == 201, antwoord.json()
    assert Nameting.objects.count() == 5
    e = selectors.evaluatie(medewerker=beleid, periode=_periode())
    k = e.mkba_kalibratie
    assert [r.restrisico for r in k.rijen] == [D("0.1")] * 5
    assert (k.waargenomen, k.waarnemingen) == (1, 5)  # 20% happened against 10% expected
    assert k.verwacht_aandeel == D("0.1")
    assert k.kosten_verwacht == 5 * D("2000.00") and k.kosten_werkelijk == 5 * D("2100.00")
    tabel = rapporten.pilotrapport(e, [], [])
    nameting = next(t for t in tabel.tabellen if "Voorspeld tegen gerealiseerd" in t.titel)
    assert len(nameting.rijen) == 6  # five cases and the total
    assert nameting.rijen[-1][:3] == ["Totaal", "10%", "1 van 5"]
    assert "startwaarde voor het restrisico" in nameting.toelichting


def test_nameting_van_minder_dan_vijf_casussen_toont_geen_rijen(api, regisseur, maak_casus, beleid):
    casus = maak_casus(regisseur)
    api.post(f"/api/v1/casussen/{casus.pk}/mkbas", BODY, format="json")
    api.post(
        f"/api/v1/casussen/{casus.pk}/nametingen",
        {"datum": timezone.localdate().isoformat(), "sleutelgebeurtenis": False},
        format="json",
    )
    e = selectors.evaluatie(medewerker=beleid, periode=_periode())
    tabel = rapporten.mkba_nameting(e)
    assert len(tabel.rijen) == 1 and tabel.rijen[0][2] == "<5"


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"datum": "2999-01-01"}, "datum"),
        ({"datum": "2020-01-01"}, "datum"),  # before the calculation
        ({"datum": "today", "werkelijke_kosten": "-1"}, "werkelijke_kosten"),
    ],
)
def test_foute_nameting_wordt_geweigerd(api, regisseur, maak_casus, body, veld):
    casus = maak_casus(regisseur)
    api.post(f"/api/v1/casussen/{casus.pk}/mkbas", BODY, format="json")
    if body["datum"] == "today":
        body = {**body, "datum": timezone.localdate().isoformat()}
    antwoord = api.post(f"/api/v1/casussen/{casus.pk}/nametingen", body, format="json")
    assert antwoord.status_code == 400
    assert veld in [p["name"] for p in antwoord.json()["invalid_params"]]
    assert not Nameting.objects.exists()


def test_nameting_zonder_berekening_wordt_geweigerd(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    antwoord = api.post(
        f"/api/v1/casussen/{casus.pk}/nametingen",
        {"datum": timezone.localdate().isoformat()},
        format="json",
    )
    assert antwoord.status_code == 400
    assert not Nameting.objects.exists()


def test_berekening_neemt_bedrag_vorm_en_datum_van_de_aanvraag(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    aanvraag = _aanvraag(
        casus, regisseur, status="ingediend", vorm="lening", bedrag="3500.00",
        aantal_termijnen=24, termijnbedrag=D("145.83"),
    )  # fmt: skip
    body = {
        "horizon_jaren": 3,
        "aanvraag": str(aanvraag.pk),
        "aanvraag_ontvanger": "woningcorporatie",
        "aanvraag_terugbetaald": "0.8",
        "huidig_pad": [],
    }
    data = api.post(f"/api/v1/casussen/{casus.pk}/mkbas", body, format="json").json()
    posten = [(p["soort"], p["jaar"], p["bedrag"]) for p in data["posten"]]
    # 24 instalments: repaid over two years, 80% expected: 1400 a year
    assert posten == [
        ("eigen_kosten", 1, "3500.00"),
        ("aflossing", 1, "-1400.00"),
        ("aflossing", 2, "-1400.00"),
    ]
    gemeente = next(p for p in data["perspectieven"] if p["perspectief"] == "gemeente")
    # central: the repayments (grade C) count 25% less: 3500 - 2 x 1050
    assert gemeente["doorbraak"] == "1400.00"
    assert data["aanvraag"] == str(aanvraag.pk)
    assert Mkba.objects.get().aanvraag == aanvraag


def test_aanvraag_van_een_andere_casus_wordt_geweigerd(api, regisseur, maak_casus):
    casus, andere = maak_casus(regisseur), maak_casus(regisseur, naam="Familie Ander")
    aanvraag = _aanvraag(andere, regisseur, status="ingediend")
    antwoord = api.post(
        f"/api/v1/casussen/{casus.pk}/mkbas", {"aanvraag": str(aanvraag.pk)}, format="json"
    )
    assert antwoord.status_code == 400
    assert "aanvraag" in [p["name"] for p in antwoord.json()["invalid_params"]]
    assert not Mkba.objects.exists()
