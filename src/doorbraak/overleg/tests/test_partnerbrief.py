"""Need to know per partner (issue 15, invariant 6a), tried as the housing corporation and as the
GGZ partner: a diagnosis, an admission, a pregnancy, names in several forms, a BSN, a date of
birth, an address, an IBAN, an amount, a phone number and an e-mail address are planted in every
free-text field of the case, plan, agenda, decision, afspraak, verslag and the regisseur's
selection; every output a partner can reach is scanned (brief page, agenda page, the API, the
verslag PDF)."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from doorbraak.casussen import services as casus_services
from doorbraak.organisaties.models import Rol
from doorbraak.overleg import selectors, services
from doorbraak.overleg.models import Bijeenkomst

pytestmark = pytest.mark.django_db
DAG = datetime.timedelta(days=1)
CORPORATIE = "Woonstichting Peelland"
GGZ = "GGZ Oost-Brabant"

GEZONDHEID = ("psychose", "opgenomen", "kliniek", "zwanger", "schizofrenie")
NAMEN = ("Peeters", "Lisa", "Tommie", "Tom ", "mevrouw P.", "Bakker")
BSN = ("111222333", "111 222 333", "111.222.333", "123456789", "123 456 789")
GEBOORTE = ("12-04-1993", "12 april 1993", "1993")
ADRES = ("Kerkstraat", "5701")
IBAN = ("NL91", "0417", "1643")
BEDRAG = ("4.650", "4650")
CONTACT = ("06-1234", "12345678", "@example.nl")
ALLES = GEZONDHEID + NAMEN + BSN + GEBOORTE + ADRES + IBAN + BEDRAG + CONTACT

LANG = (
    "Lisa Peeters (mevrouw P., ook meneer Peeters, L. Peeters; Lisa's zoon Tommie) met BSN "
    "111 222 333 en 111222333, geboren 12-04-1993 (12 april 1993), woont Kerkstraat 12a, "
    "5701 AB Peelstad, IBAN NL91 ABNA 0417 1643 00, schuld € 4.650 bij de corporatie. Vader "
    "heeft een psychose (schizofrenie) en is opgenomen in de kliniek; moeder is hoogzwanger. "
    "Bel 06-12345678 of mail lisa.peeters@example.nl; psychiater dr. Bakker."
)
KORT = "Lisa Peeters (moeder) 111222333 € 4.650 psychose"


def _geplant(veld: str) -> str:
    return f"{veld}: {LANG}"


def _selectie(veld: str) -> str:
    """The selection refuses a valid BSN outright; one that fails the check is masked."""
    return _geplant(veld).replace("111 222 333 en 111222333", "123 456 789")


@pytest.fixture
def partners(gemeente, maak_medewerker):
    return {
        "corporatie": maak_medewerker(
            gemeente, Rol.PARTNER, username="corporatie", organisatie=CORPORATIE
        ),
        "ggz": maak_medewerker(gemeente, Rol.PARTNER, username="ggz", organisatie=GGZ),
    }


@pytest.fixture
def tafel(manager, voorzitter, partners):
    overleg = services.overleg_aanmaken(
        door=manager, naam="Regieteam Centrum", soort="regieteam", voorzitter=voorzitter
    )
    for naam, organisatie in (("corporatie", CORPORATIE), ("ggz", GGZ)):
        services.lid_toevoegen(
            door=voorzitter,
            overleg_id=overleg.pk,
            medewerker=partners[naam],
            organisatie=organisatie,
        )
    return overleg


@pytest.fixture
def andere_tafel(manager, voorzitter):
    return services.overleg_aanmaken(
        door=manager, naam="Veiligheidshuis", soort="veiligheidshuis", voorzitter=voorzitter
    )


def _besluit(voorzitter, punt, wat: str, wie: str = KORT):
    services.besluit_vastleggen(
        door=voorzitter,
        agendapunt_id=punt.pk,
        conclusie=_geplant("conclusie"),
        afspraken=[services.AfspraakInvoer(wat, wie, timezone.localdate() + 10 * DAG)],
    )


@pytest.fixture
def casus(regisseur):
    huishouden = casus_services.huishouden_registreren(
        door=regisseur,
        naam="Gezin Peeters",
        postcode="5701 AB",
        gezinsleden=[
            casus_services.NieuwGezinslid(
                "Lisa", "Peeters", datetime.date(1993, 4, 12), "ouder", bsn="111222333"
            ),
            casus_services.NieuwGezinslid("Tom", "Peeters", datetime.date(2020, 1, 5), "kind"),
        ],
    )
    casus = casus_services.casus_aanmelden(
        door=regisseur,
        huishouden_id=huishouden.pk,
        doelgroep_code="mph",
        aanleiding=_geplant("aanleiding"),
        urgentie="hoog",
    )
    casus_services.doorbraakplan_opslaan(
        door=regisseur,
        casus_id=casus.pk,
        invoer=casus_services.PlanInvoer(
            situatie=_geplant("situatie"),
            perspectief=_geplant("perspectief"),
            doorbraak=_geplant("doorbraak"),
            knelpunten=[{"omschrijving": _geplant("knelpunt"), "soort": "beleid"}],
            acties=[{"omschrijving": _geplant("actie"), "eigenaar": KORT}],
        ),
    )
    casus_services.hulpverlener_toevoegen(
        door=regisseur,
        casus_id=casus.pk,
        invoer=casus_services.HulpverlenerInvoer(
            organisatie=GGZ,
            rol="Psychiater (behandeling psychose vader)",
            contactpersoon="Dr. Bakker",
            telefoon="06-12345678",
            geschatte_jaarkosten=Decimal("9500"),
        ),
    )
    casus_services.domeinscores_vastleggen(
        door=regisseur,
        casus_id=casus.pk,
        scores=[casus_services.Score("financien", 1, _geplant("toelichting"))],
    )
    return casus


@pytest.fixture
def vergadering(regisseur, voorzitter, tafel, andere_tafel, casus):
    """A past meeting of this table and one of another table (both with afspraken), and the
    coming meeting with the case, a decision, a verslag and a selection per partner."""
    vandaag = timezone.localdate()
    bijeenkomst = services.bijeenkomst_plannen(
        door=voorzitter, overleg_id=tafel.pk, datum=vandaag + 2 * DAG
    )
    punt = services.agendapunt_toevoegen(
        door=regisseur, bijeenkomst_id=bijeenkomst.pk, casus_id=casus.pk, vraag=_geplant("vraag")
    )
    eerdere = {}
    for overleg, wat in ((tafel, "Eigen afspraak"), (andere_tafel, "Afspraak andere tafel")):
        b = services.bijeenkomst_plannen(door=voorzitter, overleg_id=overleg.pk, datum=vandaag)
        eerder = services.agendapunt_toevoegen(
            door=regisseur, bijeenkomst_id=b.pk, casus_id=casus.pk, vraag=_geplant("vraag")
        )
        _besluit(voorzitter, eerder, f"{wat}: {LANG}")
        Bijeenkomst.objects.filter(pk=b.pk).update(datum=vandaag - 14 * DAG)
        eerdere[wat] = b
    _besluit(voorzitter, punt, _geplant("afspraak"))
    services.verslag_opslaan(
        door=voorzitter, bijeenkomst_id=bijeenkomst.pk, tekst=_geplant("verslag")
    )
    for organisatie in (CORPORATIE, GGZ):
        services.briefdelen_vastleggen(
            door=regisseur,
            agendapunt_id=punt.pk,
            organisatie=organisatie,
            teksten={
                "wonen": "Wonen. " + _selectie("wonen"),
                "financien": "Geld. " + _selectie("financien"),
                "gezondheid": "Gezondheidsdeel. " + _selectie("gezondheid"),
            },
        )
    return {"bijeenkomst": bijeenkomst, "punt": punt, "eerdere": eerdere}


def _pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


def _uitvoer(client, api, punt, bijeenkomst) -> dict[str, str]:
    """Everything this partner can reach about the meeting, as text."""
    uit = {}
    for pad in (
        f"/agendapunten/{punt.pk}",
        f"/bijeenkomsten/{bijeenkomst.pk}",
        "/overleggen",
        f"/overleggen/{bijeenkomst.overleg_id}",
    ):
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, pad
        uit[pad] = antwoord.content.decode()
    pdf = client.get(f"/bijeenkomsten/{bijeenkomst.pk}/verslag/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    uit["verslag.pdf"] = _pdf_tekst(pdf.content)
    for pad in (
        f"/api/v1/agendapunten/{punt.pk}/casusbrief",
        f"/api/v1/agendapunten/{punt.pk}",
        f"/api/v1/agendapunten?bijeenkomst={bijeenkomst.pk}",
        f"/api/v1/bijeenkomsten/{bijeenkomst.pk}",
        "/api/v1/bijeenkomsten",
        "/api/v1/overleggen",
    ):
        antwoord = api.get(pad)
        assert antwoord.status_code == 200, pad
        uit[pad] = json.dumps(antwoord.json(), ensure_ascii=False)
    return uit


# Identifiers of the software itself (UUIDs in links and JSON, CSRF tokens, asset hashes) and
# the moments it records (an ISO timestamp's microseconds, ".199312") could hold "1993" or
# "0417" by chance; they are no content and are left out of the scan. A date of birth is no
# timestamp ("1993-04-12"), so it is still found.
_TECHNISCH = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"
    r"|(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{20,}"
)


def _gevonden(uitvoer: dict[str, str], woorden) -> list[tuple[str, str]]:
    schoon = {pad: _TECHNISCH.sub(" ", tekst).lower() for pad, tekst in uitvoer.items()}
    return [(pad, w) for pad, tekst in schoon.items() for w in woorden if w.lower() in tekst]


@pytest.mark.parametrize("wie", ["corporatie", "ggz"])
def test_zonder_grondslag_bereikt_niets_geplants_de_partner(
    client, api_als, partners, vergadering, wie
):
    partner = partners[wie]
    client.force_login(partner)
    uitvoer = _uitvoer(client, api_als(partner), vergadering["punt"], vergadering["bijeenkomst"])
    assert _gevonden(uitvoer, ALLES) == []
    assert _gevonden(uitvoer, ["Afspraak andere tafel"]) == []  # afspraken of another table
    brief = json.loads(uitvoer[f"/api/v1/agendapunten/{vergadering['punt'].pk}/casusbrief"])
    # Only the question, the non-special selection for this partner (masked) and this table's
    # afspraken; nothing of the dossier.
    assert brief["gepseudonimiseerd"] and brief["aanduiding"] == "Huishouden A"
    assert brief["vraag"].startswith("vraag: ")
    assert [o["naam"] for o in brief["onderdelen"]] == ["Wonen", "Financiën"]
    assert brief["onderdelen"][0]["tekst"].startswith("Wonen. wonen: ")
    assert brief["situatie"] == brief["aanleiding"] == "" and brief["gezin"] == []
    assert brief["hulpverleners"] == brief["knelpunten"] == brief["open_acties"] == []
    assert brief["jaarkosten"] is None and brief["postcode"] == ""
    assert [a["wat"][:14] for a in brief["eerdere_afspraken"]] == ["Eigen afspraak"]
    assert "Gezondheidsdeel" not in str(uitvoer)
    # The verslag is there, masked.
    assert "verslag: " in uitvoer["verslag.pdf"]


def test_grondslag_voor_gezondheid_bij_ggz_toont_precies_die_categorie(
    client, api_als, regisseur, partners, tafel, vergadering
):
    services.deelgrondslag_vastleggen(
        door=regisseur,
        casus_id=vergadering["punt"].casus_id,
        soort="toestemming",
        toestemming_datum=timezone.localdate() - DAG,
        toestemming_van="Lisa Peeters en haar partner, ieder voor zichzelf",
        reikwijdte="Afstemming van de behandeling met de GGZ aan het Regieteam",
        overleg_id=tafel.pk,
        organisatie=GGZ,
        categorieen=["gezondheid"],
    )
    client.force_login(partners["ggz"])
    punt, bijeenkomst = vergadering["punt"], vergadering["bijeenkomst"]
    ggz = _uitvoer(client, api_als(partners["ggz"]), punt, bijeenkomst)
    for woord in (*GEZONDHEID, "Gezondheidsdeel", "Peeters", "Lisa"):
        assert _gevonden(ggz, [woord]), woord
    # Exactly that category: no BSN, birth date, address, IBAN, amount or contact details.
    assert _gevonden(ggz, BSN + GEBOORTE + ADRES + IBAN + BEDRAG + CONTACT) == []
    assert _gevonden(ggz, ["Afspraak andere tafel"]) == []
    brief = json.loads(ggz[f"/api/v1/agendapunten/{vergadering['punt'].pk}/casusbrief"])
    assert brief["aanduiding"] == "Gezin Peeters" and brief["gedeelde_categorieen"] == [
        "Gezondheid"
    ]
    assert [o["naam"] for o in brief["onderdelen"]] == ["Wonen", "Financiën", "Gezondheid"]
    # The ground names the GGZ only: the corporation still gets nothing planted.
    client.force_login(partners["corporatie"])
    corporatie = _uitvoer(
        client, api_als(partners["corporatie"]), vergadering["punt"], vergadering["bijeenkomst"]
    )
    assert _gevonden(corporatie, (*ALLES, "Gezondheidsdeel")) == []


def test_grondslag_voor_wonen_bij_de_corporatie_toont_namen_en_adres_maar_geen_gezondheid(
    client, api_als, regisseur, partners, tafel, vergadering
):
    services.deelgrondslag_vastleggen(
        door=regisseur,
        casus_id=vergadering["punt"].casus_id,
        soort="wettelijk",
        wettelijke_grondslag="Wet gemeentelijke schuldhulpverlening art. 5",
        organisatie=CORPORATIE,
        overleg_id=tafel.pk,
        categorieen=["wonen"],
    )
    client.force_login(partners["corporatie"])
    uitvoer = _uitvoer(
        client, api_als(partners["corporatie"]), vergadering["punt"], vergadering["bijeenkomst"]
    )
    assert _gevonden(uitvoer, ["Gezin Peeters", "Kerkstraat 12a", "5701 AB"])
    assert _gevonden(uitvoer, GEZONDHEID + BSN + GEBOORTE + IBAN + BEDRAG + CONTACT) == []


def test_grondslag_voor_financien_toont_bedragen_maar_niets_anders(
    client, api_als, regisseur, partners, tafel, vergadering
):
    services.deelgrondslag_vastleggen(
        door=regisseur,
        casus_id=vergadering["punt"].casus_id,
        soort="wettelijk",
        wettelijke_grondslag="Wet gemeentelijke schuldhulpverlening art. 5",
        overleg_id=tafel.pk,
        categorieen=["financien"],
    )
    for partner in partners.values():
        client.force_login(partner)
        uitvoer = _uitvoer(
            client, api_als(partner), vergadering["punt"], vergadering["bijeenkomst"]
        )
        assert _gevonden(uitvoer, BEDRAG)
        assert _gevonden(uitvoer, GEZONDHEID + BSN + GEBOORTE + ADRES + IBAN + CONTACT) == []


def test_verslag_noemt_het_huishouden_niet_meer_na_intrekken(
    client, api_als, regisseur, voorzitter, partners, tafel, vergadering
):
    bijeenkomst, punt = vergadering["bijeenkomst"], vergadering["punt"]
    grond = services.deelgrondslag_vastleggen(
        door=regisseur,
        casus_id=punt.casus_id,
        soort="wettelijk",
        wettelijke_grondslag="Wmo 2015 art. 5.2.1",
        overleg_id=tafel.pk,
        categorieen=["wonen", "kinderen"],
    )
    # The chair drafts the verslag while the ground holds: it names the household.
    services.verslag_opstellen(door=voorzitter, bijeenkomst_id=bijeenkomst.pk)
    bijeenkomst.refresh_from_db()
    assert "1. Gezin Peeters" in bijeenkomst.verslag
    partner = partners["corporatie"]
    client.force_login(partner)
    api = api_als(partner)
    assert "Gezin Peeters" in api.get(f"/api/v1/bijeenkomsten/{bijeenkomst.pk}").json()["verslag"]
    services.deelgrondslag_intrekken(door=regisseur, casus_id=punt.casus_id, grondslag_id=grond.pk)
    # The stored text is unchanged, but every partner output now reads it without the ground.
    bijeenkomst.refresh_from_db()
    assert "1. Gezin Peeters" in bijeenkomst.verslag
    uitvoer = _uitvoer(client, api, punt, bijeenkomst)
    assert _gevonden(uitvoer, ALLES) == []
    assert "1. Huishouden A" in api.get(f"/api/v1/bijeenkomsten/{bijeenkomst.pk}").json()["verslag"]
    assert "1. Huishouden A" in uitvoer["verslag.pdf"]


def test_voorbeeld_voor_de_regisseur_is_precies_wat_de_partner_ziet(
    client, api_als, regisseur, partners, vergadering
):
    punt = vergadering["punt"]
    for naam, organisatie in (("corporatie", CORPORATIE), ("ggz", GGZ)):
        eigen = api_als(partners[naam]).get(f"/api/v1/agendapunten/{punt.pk}/casusbrief")
        voorbeeld = api_als(regisseur).get(
            f"/api/v1/agendapunten/{punt.pk}/casusbrief", {"organisatie": organisatie}
        )
        assert voorbeeld.status_code == 200
        assert voorbeeld.json() == eigen.json()
        client.force_login(regisseur)
        pagina = client.get(f"/agendapunten/{punt.pk}/voorbeeld", {"organisatie": organisatie})
        html = pagina.content.decode()
        assert pagina.status_code == 200 and f"Zo ziet {organisatie} de brief" in html
        assert eigen.json()["onderdelen"][0]["tekst"] in html.replace("&#x27;", "'")
        # The regisseur is told what is withheld for lack of a ground.
        assert "Niet zichtbaar voor deze partner: Gezondheid" in html
    # A partner cannot ask for another partner's brief, nor open the preview page.
    corporatie = api_als(partners["corporatie"])
    antwoord = corporatie.get(f"/api/v1/agendapunten/{punt.pk}/casusbrief", {"organisatie": GGZ})
    assert antwoord.status_code == 403
    client.force_login(partners["corporatie"])
    assert client.get(f"/agendapunten/{punt.pk}/voorbeeld").status_code == 403
    # An organisation that is not at the table: 404.
    assert (
        api_als(regisseur)
        .get(f"/api/v1/agendapunten/{punt.pk}/casusbrief", {"organisatie": "Politie"})
        .status_code
        == 404
    )


def test_regisseur_selecteert_per_partner_in_het_scherm(client, regisseur, vergadering):
    punt = vergadering["punt"]
    client.force_login(regisseur)
    pad = f"/agendapunten/{punt.pk}/voorbeeld?organisatie={CORPORATIE.replace(' ', '+')}"
    fout = client.post(pad, {"deel-wonen": "BSN 111222333 staat hier", "deel-kinderen": "x"})
    assert fout.status_code == 400 and 'id="id_deel-wonen-fout"' in fout.content.decode()
    assert selectors.briefdelen_voor(
        medewerker=regisseur, agendapunt_id=punt.pk, organisatie=CORPORATIE
    )["wonen"].startswith("Wonen. ")  # nothing half-saved
    goed = client.post(pad, {"deel-kinderen": "Tom gaat naar school.", "deel-wonen": ""})
    assert goed.status_code == 302
    teksten = selectors.briefdelen_voor(
        medewerker=regisseur, agendapunt_id=punt.pk, organisatie=CORPORATIE
    )
    assert set(teksten) == {"kinderen"}  # empty categories are removed
    html = client.get(pad).content.decode()
    assert "[…] gaat naar school." in html


def test_briefdeel_voor_een_organisatie_die_niet_aan_tafel_zit_wordt_geweigerd(
    regisseur, vergadering
):
    from doorbraak.fouten import Validatiefout

    with pytest.raises(Validatiefout) as fout:
        services.briefdelen_vastleggen(
            door=regisseur,
            agendapunt_id=vergadering["punt"].pk,
            organisatie="Politie",
            teksten={"veiligheid": "x"},
        )
    assert fout.value.veld == "organisatie"


def test_brief_voor_partner_heeft_een_vast_aantal_queries(
    api_als, regisseur, voorzitter, partners, vergadering, django_assert_max_num_queries
):
    api = api_als(partners["corporatie"])
    pad = f"/api/v1/agendapunten/{vergadering['punt'].pk}/casusbrief"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as weinig:
        assert api.get(pad).status_code == 200
    # More afspraken and briefdelen do not add queries.
    for _ in range(3):
        _besluit(voorzitter, vergadering["punt"], "Nog een afspraak")
    with django_assert_max_num_queries(len(weinig)):
        assert api.get(pad).status_code == 200


def test_briefdelen_via_de_api(api_als, regisseur, partners, vergadering):
    api = api_als(regisseur)
    pad = f"/api/v1/agendapunten/{vergadering['punt'].pk}/briefdelen"
    fout = api.put(pad, {"organisatie": GGZ, "gezondheid": "BSN 111222333"}, format="json")
    assert fout.status_code == 400
    assert fout.json()["invalid_params"][0]["name"] == "gezondheid"
    goed = api.put(pad, {"organisatie": GGZ, "kinderen": "School loopt goed."}, format="json")
    assert goed.status_code == 200, goed.json()
    assert goed.json()["kinderen"] == "School loopt goed." and goed.json()["wonen"] == ""
    assert api.get(pad, {"organisatie": GGZ}).json() == goed.json()
    # A partner reads no selections, and selects nothing.
    ggz = api_als(partners["ggz"])
    assert ggz.get(pad, {"organisatie": GGZ}).status_code == 403
    assert ggz.put(pad, {"organisatie": GGZ, "wonen": "x"}, format="json").status_code == 403


def test_voorbeeld_voor_een_organisatie_die_niet_aan_tafel_zit_is_404(
    client, regisseur, vergadering
):
    client.force_login(regisseur)
    punt = vergadering["punt"]
    pad = f"/agendapunten/{punt.pk}/voorbeeld"
    assert client.get(pad, {"organisatie": "Buurman BV"}).status_code == 404
    assert client.post(pad + "?organisatie=Buurman+BV", {"deel-wonen": "x"}).status_code == 404
