"""POST/GET /casussen/{id}/mkbas: stored calculations, clear 400s that store nothing, access."""

from decimal import Decimal as D

import pytest

from doorbraak.audit.models import Verwerking
from doorbraak.casussen import services as casus_services
from doorbraak.casussen.models import TijdlijnItem
from doorbraak.mkba import catalogus
from doorbraak.mkba.models import Mkba
from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(regisseur, maak_casus):
    return maak_casus(regisseur)


def pad(casus) -> str:
    return f"/api/v1/casussen/{casus.pk}/mkbas"


def prijs(code: str) -> D:
    return catalogus.samenvoegen([])[code].bedrag


def opslag(code: str) -> D:
    graad = catalogus.samenvoegen([])[code].kengetal.betrouwbaarheid
    return {"A": D("0"), "B": D("0.10"), "C": D("0.25"), "D": D("0.50")}[graad]


BODY = {
    "horizon_jaren": 3,
    "huidig_pad": [
        {"kengetal": "huisuitzetting_direct", "aantal": "1", "kans": "0.6", "jaar": 1},
        {"kengetal": "mo_feitelijk_dakloos_jaar", "aantal": "0.5", "kans": "0.6", "jaar": 1},
        {"kengetal": "pleegvergoeding_maand", "aantal": "24", "kans": "0.4", "jaar": 1,
         "tot_jaar": 3},
    ],
    "doorbraak": [{"kengetal": "wmo_begeleiding_uur", "aantal": "40", "jaar": 1}],
    "doorbraak_kosten": "4500.00",
    "waardendriehoek": {
        "rendement": {"score": 2, "toelichting": "Veel goedkoper dan uithuisplaatsing."},
        "legitimiteit": {"score": 1, "toelichting": "Bijzondere bijstand kan niet; art. 4:84 Awb."},
        "betrokkenheid": {"score": 2, "toelichting": "Gezin en corporatie staan erachter."},
    },
}  # fmt: skip


def test_post_slaat_de_berekening_op_met_de_velden_van_api_md(api, casus):
    antwoord = api.post(pad(casus), BODY, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    assert {
        "id", "huidig_pad", "doorbraak", "saldo", "contante_waarde", "per_betaler",
        "terugverdientijd_maanden",
    } <= set(data)  # fmt: skip
    # By hand, at the price level of the catalogue (every line rounded to the cent). The
    # optimistic reading takes each line at face value:
    huidig = (
        (prijs("huisuitzetting_direct") * D("0.6")).quantize(D("0.01"))
        + (prijs("mo_feitelijk_dakloos_jaar") * D("0.3")).quantize(D("0.01"))
        + 3 * (prijs("pleegvergoeding_maand") * D("9.6")).quantize(D("0.01"))
    )
    doorbraak = D("4500.00") + prijs("wmo_begeleiding_uur") * 40
    optimistisch = data["lezingen"]["optimistisch"]
    assert D(optimistisch["huidig_pad"]["totaal"]) == huidig
    assert D(optimistisch["doorbraak"]["totaal"]) == doorbraak
    assert D(data["saldo_optimistisch"]) == huidig - doorbraak
    # The headline (saldo) is the central estimate: every avoided cost less the opslag of its
    # unit cost's grade and, for a probability without a stated ground, 40% (grade D).
    kans_d = 1 - D("0.40")
    centraal_h = (
        (
            prijs("huisuitzetting_direct")
            * D("0.6")
            * (1 - opslag("huisuitzetting_direct"))
            * kans_d
        ).quantize(D("0.01"))
        + (
            prijs("mo_feitelijk_dakloos_jaar")
            * D("0.3")
            * (1 - opslag("mo_feitelijk_dakloos_jaar"))
            * kans_d
        ).quantize(D("0.01"))
        + 3
        * (
            prijs("pleegvergoeding_maand")
            * D("9.6")
            * (1 - opslag("pleegvergoeding_maand"))
            * kans_d
        ).quantize(D("0.01"))
    )
    centraal_d = D("4500.00") + (
        prijs("wmo_begeleiding_uur") * 40 * (1 + opslag("wmo_begeleiding_uur"))
    ).quantize(D("0.01"))
    assert D(data["huidig_pad"]["totaal"]) == centraal_h
    assert D(data["doorbraak"]["totaal"]) == centraal_d
    assert D(data["saldo"]) == centraal_h - centraal_d
    assert {b["betaler"] for b in data["per_betaler"]} == {
        "woningcorporatie", "gemeente_wmo", "gemeente_jeugd", "gemeente_doorbraakbudget",
    }  # fmt: skip
    assert sum(D(b["saldo"]) for b in data["per_betaler"]) == D(data["saldo"])
    # the gemeente's own budgets count as one organisation: its doorbraakbudget pays, but its
    # Wmo and Jeugd gain more, so no other organisation pays: not the wrong pocket
    assert data["verkeerde_zak"]["verkeerde_zak"] is False
    assert "gemeente" in [w["betaler"] for w in data["verkeerde_zak"]["winnaars"]]
    assert data["waardendriehoek"]["rendement"]["score"] == 2
    assert data["lezingen"]["centraal"]["saldo"] == data["saldo"]
    # two readings and a band, not the same figure under a second name
    assert set(data["lezingen"]) == {"centraal", "optimistisch", "band"}
    band = data["lezingen"]["band"]
    for lezing in ("centraal", "optimistisch"):
        assert D(band["laag"]) <= D(data["lezingen"][lezing]["saldo"]) <= D(band["hoog"])
    assert D(data["saldo_optimistisch"]) > D(data["saldo"])
    assert {p["perspectief"] for p in data["perspectieven"]} == {
        "gemeente", "organisaties", "welvaart",
    }  # fmt: skip
    assert data["omslagpunt"]["zin"].startswith("De doorbraak betaalt zich terug")
    assert any("restrisico" in w for w in data["waarschuwingen"])
    assert data["prijspeil"] == catalogus.instellingen().prijspeil
    assert "Werkgroep Discontovoet" in data["instellingen"]["discontovoet"]["bron"]
    assert any("euro's van" in a for a in data["aannames"])

    mkba = Mkba.objects.get()
    assert mkba.casus == casus and mkba.gemeente == casus.gemeente
    assert mkba.saldo == mkba.saldo_voorzichtig == centraal_h - centraal_d
    assert mkba.saldo_optimistisch == huidig - doorbraak
    assert mkba.legitimiteit_score == 1
    assert TijdlijnItem.objects.filter(casus=casus, tekst__startswith="Kosten en baten").exists()
    assert Verwerking.objects.filter(object_type="mkba", object_id=str(mkba.pk)).exists()


def test_get_toont_de_opgeslagen_berekeningen_nieuwste_eerst(api, casus):
    eerste = api.post(pad(casus), BODY, format="json").json()
    tweede = api.post(pad(casus), {**BODY, "horizon_jaren": 2, "huidig_pad": []}, format="json")
    assert tweede.status_code == 201, tweede.json()
    lijst = api.get(pad(casus)).json()
    assert lijst["count"] == 2
    assert [m["id"] for m in lijst["results"]] == [tweede.json()["id"], eerste["id"]]
    los = api.get(f"{pad(casus)}/{eerste['id']}")
    assert los.status_code == 200
    assert los.json()["saldo"] == eerste["saldo"]


def test_hulpverleners_in_een_stap_in_het_huidig_pad(api, casus, regisseur):
    for organisatie, rol, kosten in (
        ("GGZ Oost-Brabant", "FACT-team psychiater", "18500"),
        ("Kredietbank", "Schuldhulpverlener", "2800"),
        ("Buurtvereniging", "Vrijwilliger", None),
    ):
        casus_services.hulpverlener_toevoegen(
            door=regisseur,
            casus_id=casus.pk,
            invoer=casus_services.HulpverlenerInvoer(
                organisatie, rol, geschatte_jaarkosten=D(kosten) if kosten else None
            ),
        )
    voorstel = api.get(f"{pad(casus)}/hulpverlenersregels?horizon_jaren=2").json()
    assert [(r["betaler"], r["bedrag"], r["tot_jaar"]) for r in voorstel] == [
        ("zorgverzekeraar", "18500.00", 2),
        ("gemeente_schuldhulp", "2800.00", 2),
    ]
    antwoord = api.post(
        pad(casus),
        {"horizon_jaren": 2, "hulpverleners_meenemen": True, "doorbraak_kosten": "1000"},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    assert data["huidig_pad"]["totaal"] == "42600.00"  # (18500 + 2800) x 2 years
    assert len(data["invoer"]["huidig_pad"]) == 2
    # nobody said a helper stops: they stay in the doorbraak too, so nothing is avoided
    assert data["doorbraak"]["totaal"] == "43600.00"
    assert data["saldo"] == "-1000.00"
    # the debt counsellor stops after year 1: year 2 (2800) is avoided, less 50% (grade D)
    kredietbank = casus.hulpverleners.get(rol="Schuldhulpverlener")
    antwoord = api.post(
        pad(casus),
        {
            "horizon_jaren": 2,
            "hulpverleners_meenemen": True,
            "hulpverleners_blijven": {str(kredietbank.pk): 1},
            "doorbraak_kosten": "1000",
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    assert data["doorbraak"]["totaal"] == "40800.00"  # 18500 x 2 + 2800 + 1000
    assert D(data["saldo"]) == D("2800") * D("0.5") - D("1000")
    assert data["lezingen"]["optimistisch"]["saldo"] == "1800.00"


def test_een_hulpverlener_kan_niet_langer_blijven_dan_de_horizon(api, casus, regisseur):
    casus_services.hulpverlener_toevoegen(
        door=regisseur,
        casus_id=casus.pk,
        invoer=casus_services.HulpverlenerInvoer(
            "Kredietbank", "Schuldhulp", geschatte_jaarkosten=D("2800")
        ),
    )
    h = casus.hulpverleners.get()
    body = {
        "horizon_jaren": 2,
        "hulpverleners_meenemen": True,
        "hulpverleners_blijven": {str(h.pk): 3},
    }
    antwoord = api.post(pad(casus), body, format="json")
    assert antwoord.status_code == 400
    assert f"hulpverleners_blijven.{h.pk}" in [p["name"] for p in antwoord.json()["invalid_params"]]
    assert not Mkba.objects.exists()


def test_sleutelkans_geeft_het_omslagpunt_als_zin(api, casus):
    body = {
        "horizon_jaren": 1,
        "sleutelkans": {"omschrijving": "uithuiszetting", "huidig_pad": "0.6", "doorbraak": "0",
                        "betrouwbaarheid": "C"},
        "huidig_pad": [{"omschrijving": "Ontruiming", "bedrag": "10000", "betaler":
                        "woningcorporatie", "betrouwbaarheid": "A", "sleutel": True}],
        "doorbraak": [{"omschrijving": "Restrisico", "bedrag": "10000", "betaler":
                       "woningcorporatie", "betrouwbaarheid": "A", "kans": "0.05",
                       "kans_betrouwbaarheid": "C"}],
        "doorbraak_kosten": "2000",
    }  # fmt: skip
    data = api.post(pad(casus), body, format="json").json()
    # central: 10000 x 0.6 x 0.75 - (10000 x 0.05 x 1.25 + 2000) = 4500 - 2625
    assert data["saldo"] == "1875.00"
    # break-even: 10000 p = 2625 -> p = 26.25%, said as "boven 27%"
    assert D(data["omslagpunt"]["kans"]) == D("0.2625")
    assert "kans op uithuiszetting zonder doorbraak boven 27%" in data["omslagpunt"]["zin"]
    assert data["sleutelkans"]["huidig_pad"] == "0.6"
    assert data["waarschuwingen"] == []


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"huidig_pad": [{"kengetal": "bestaat_niet"}]}, "huidig_pad[0].kengetal"),
        ({"doorbraak": [{"kengetal": "politie_uur", "aantal": "-3"}]}, "doorbraak[0].aantal"),
        ({"huidig_pad": [{"kengetal": "politie_uur", "kans": "1.2"}]}, "huidig_pad[0].kans"),
        ({"huidig_pad": [{"kengetal": "politie_uur", "kans": "-0.5"}]}, "huidig_pad[0].kans"),
        ({"huidig_pad": [{"kengetal": "politie_uur", "jaar": 4}]}, "huidig_pad[0].jaar"),
        ({"huidig_pad": [{"kengetal": "politie_uur", "tot_jaar": 5}]}, "huidig_pad[0].tot_jaar"),
        ({"doorbraak_kosten": "-100"}, "doorbraak_kosten[0].bedrag"),
        ({"doorbraak_kosten": [{"omschrijving": "Gift", "bedrag": "100", "jaar": 9}]},
         "doorbraak_kosten[0].jaar"),
        ({"huidig_pad": [{"omschrijving": "Eigen", "bedrag": "-5", "betaler": "rijk"}]},
         "huidig_pad[0].bedrag"),
        ({"huidig_pad": [{"kengetal": "mph_jaar"}]}, "huidig_pad[0].kengetal"),
        ({"horizon_jaren": 11}, "horizon_jaren"),
        ({"discontovoet": "-0.01"}, "discontovoet"),
        ({"optimisme_opslag": {"E": "0.1"}}, "optimisme_opslag.E"),
        ({"optimisme_opslag": {"D": "1.5"}}, "optimisme_opslag.D"),
        ({"waardendriehoek": {"rendement": {"score": 3}}}, "waardendriehoek.rendement.score"),
        ({"huidig_pad": [{"kengetal": "politie_uur", "kans": "veel"}]}, "huidig_pad[0].kans"),
        ({"huidig_pad": [{"kengetal": "politie_uur", "deadweight": "0.2"}]},
         "huidig_pad[0].deadweight"),
        ({"huidig_pad": [{"kengetal": "politie_uur", "sleutel": True}]}, "huidig_pad[0].sleutel"),
        ({"sleutelkans": {"omschrijving": "uithuiszetting", "huidig_pad": "0.5",
                          "doorbraak": "0.1", "betrouwbaarheid": "E"}},
         "sleutelkans.betrouwbaarheid"),
        ({"doorbraak_kosten": [{"omschrijving": "Gift", "bedrag": "100", "terugbetaald": "0.5"}]},
         "doorbraak_kosten[0].terugbetaald"),
        ({"doorbraak_kosten": [{"omschrijving": "Lening", "bedrag": "100", "vorm": "lening",
                                "ontvanger": "bank"}]}, "doorbraak_kosten[0].ontvanger"),
        ({"aanvraag": "7b0a4bd2-93b4-4c8e-8f55-3a8f6ac3b1a0"}, "aanvraag"),
    ],
)  # fmt: skip
def test_ongeldige_invoer_geeft_400_met_het_veld_en_slaat_niets_op(api, casus, wijziging, veld):
    logboek = Verwerking.objects.count()
    tijdlijn = TijdlijnItem.objects.count()
    antwoord = api.post(pad(casus), {**BODY, **wijziging}, format="json")
    assert antwoord.status_code == 400, antwoord.json()
    assert antwoord["Content-Type"] == "application/problem+json"
    assert veld in [p["name"] for p in antwoord.json()["invalid_params"]]
    assert not Mkba.objects.exists()
    assert Verwerking.objects.count() == logboek
    assert TijdlijnItem.objects.count() == tijdlijn


def test_collega_mag_wel_lezen_maar_niet_rekenen(api, api_als, casus, gemeente, maak_medewerker):
    api.post(pad(casus), BODY, format="json")
    collega = api_als(maak_medewerker(gemeente, Rol.COLLEGA))
    assert collega.get(pad(casus)).status_code == 200
    assert collega.post(pad(casus), BODY, format="json").status_code == 403
    assert Mkba.objects.count() == 1


def test_beleid_ziet_geen_casus(api, api_als, casus, gemeente, maak_medewerker):
    api.post(pad(casus), BODY, format="json")
    beleid = api_als(maak_medewerker(gemeente, Rol.BELEID))
    assert beleid.get(pad(casus)).status_code == 403
    assert beleid.post(pad(casus), BODY, format="json").status_code == 403


def test_andere_gemeente_krijgt_404_en_niets_verandert(api, api_als, casus, regisseur_elders):
    eigen = api.post(pad(casus), BODY, format="json").json()
    elders = api_als(regisseur_elders)
    logboek = Verwerking.objects.filter(gemeente=casus.gemeente).count()
    for methode, url, body in (
        ("get", pad(casus), None),
        ("post", pad(casus), BODY),
        ("get", f"{pad(casus)}/{eigen['id']}", None),
        ("get", f"{pad(casus)}/hulpverlenersregels", None),
    ):
        antwoord = getattr(elders, methode)(url, body, format="json")
        assert antwoord.status_code == 404, (methode, url, antwoord.status_code)
        assert antwoord["Content-Type"] == "application/problem+json"
    assert Mkba.objects.count() == 1
    assert Verwerking.objects.filter(gemeente=casus.gemeente).count() == logboek


def test_mkba_van_een_andere_casus_is_niet_te_zien_via_deze_casus(
    api, casus, regisseur, maak_casus
):
    andere = maak_casus(regisseur, naam="Familie Jansen")
    mkba = api.post(pad(andere), BODY, format="json").json()
    assert api.get(f"{pad(casus)}/{mkba['id']}").status_code == 404


def test_lijst_van_berekeningen_groeit_niet_mee_in_queries(
    api, casus, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def aantal() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(pad(casus)).status_code == 200
        return len(ctx.captured_queries)

    api.post(pad(casus), BODY, format="json")
    weinig = aantal()
    for _ in range(6):
        api.post(pad(casus), BODY, format="json")
    assert aantal() == weinig
    assert weinig <= 10


def test_berekenen_kost_een_vast_aantal_queries(api, casus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def aantal(body) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert api.post(pad(casus), body, format="json").status_code == 201
        return len(ctx.captured_queries)

    klein = aantal({**BODY, "huidig_pad": BODY["huidig_pad"][:1]})
    groot = aantal({**BODY, "huidig_pad": BODY["huidig_pad"] * 10})
    assert klein == groot
