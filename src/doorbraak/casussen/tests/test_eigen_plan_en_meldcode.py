"""The household's own plan (own words, strengths, network) with its kitchen-table PDF in plain
Dutch, and the meldcode prompt after a low Veiligheid score, recorded and logged."""

import io
import re

import pytest
from pypdf import PdfReader

from doorbraak.audit.models import Verwerking
from doorbraak.casussen import meldcode, services
from doorbraak.casussen.models import MeldcodeAfweging, Netwerklid, TijdlijnItem
from doorbraak.fouten import GeenToegang, Validatiefout
from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(regisseur, maak_casus):
    return maak_casus(regisseur)


@pytest.fixture
def web(client, regisseur):
    client.force_login(regisseur)
    return client


def plan_post(netwerk: list[dict], **extra) -> dict:
    data = {
        "plan-situatie": "Schulden en een afsluiting van de energie.",
        "plan-perspectief": "Over een jaar een vaste woning.",
        "plan-doorbraak": "De energieschuld overnemen.",
        "eigen-eigen_woorden": "Wij willen rust. En dat de kinderen warm zijn.",
        "eigen-krachten": "Moeder kookt elke dag. De kinderen gaan graag naar school.",
        "knelpunten-TOTAL_FORMS": "0",
        "knelpunten-INITIAL_FORMS": "0",
        "acties-TOTAL_FORMS": "1",
        "acties-INITIAL_FORMS": "0",
        "acties-0-omschrijving": "Betalingsregeling met Enexis afspreken",
        "acties-0-eigenaar": "Ilse (regisseur)",
        "acties-0-deadline": "2026-12-15",
        "netwerk-TOTAL_FORMS": str(len(netwerk)),
        "netwerk-INITIAL_FORMS": "0",
    }
    for i, n in enumerate(netwerk):
        data.update({f"netwerk-{i}-{veld}": waarde for veld, waarde in n.items()})
    data.update(extra)
    return data


OMA = {"naam": "Truus Jansen", "rol": "oma", "bijdrage": "Haalt de kinderen op dinsdag op."}


def test_eigen_plan_opslaan_tonen_en_op_papier(web, regisseur, casus):
    antwoord = web.post(f"/casussen/{casus.pk}/plan", plan_post([OMA]))
    assert antwoord.status_code == 302
    plan = casus.doorbraakplan
    plan.refresh_from_db()
    assert plan.eigen_woorden.startswith("Wij willen rust") and "kookt" in plan.krachten
    (lid,) = Netwerklid.objects.filter(plan=plan)
    assert (lid.naam, lid.rol, lid.gemeente_id) == ("Truus Jansen", "oma", casus.gemeente_id)
    dossier = web.get(f"/casussen/{casus.pk}").content.decode()
    assert "Truus Jansen" in dossier and "Wij willen rust" in dossier
    assert f"/casussen/{casus.pk}/plan/pdf" in dossier
    formulier = web.get(f"/casussen/{casus.pk}/plan").content.decode()
    assert 'value="Truus Jansen"' in formulier and 'name="netwerk-TOTAL_FORMS"' in formulier

    pdf = web.get(f"/casussen/{casus.pk}/plan/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    tekst = re.sub(r"\s+", " ", tekst)
    for verwacht in (
        "Plan van Familie De Vries",
        "Wat u wilt",
        "Wij willen rust",
        "Waar u goed in bent",
        "Truus Jansen (oma)",
        "Wie u helpen",
        "Betalingsregeling met Enexis",
        "15-12-2026",
        "Heeft u vragen?",
    ):
        assert verwacht in tekst, verwacht
    # Plain Dutch for the kitchen table: 'u' throughout, no codes, articles, amounts in English
    # notation or empty values, and short sentences in what the software itself writes.
    assert not re.search(r"\b(jij|jou|jouw|je|jullie)\b", tekst, re.IGNORECASE)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", tekst)  # code-shaped words
    assert not re.search(r"\bart(\.|ikel)\s*\d", tekst, re.IGNORECASE)
    assert not re.search(r"\d+\.\d{2}\b", tekst) and "None" not in tekst and "€" not in tekst
    assert "2026-12-15" not in tekst
    eigen = tekst
    for ingevuld in (OMA["bijdrage"], "Wij willen rust. En dat de kinderen warm zijn."):
        eigen = eigen.replace(ingevuld, "")
    zinnen = [z for z in re.split(r"[.?!:]\s", eigen) if z.strip()]
    assert max(len(z.split()) for z in zinnen) <= 25
    assert Verwerking.objects.filter(
        object_type="plan voor het huishouden (PDF)", handeling="lezen", casus_id=casus.pk
    ).exists()


def test_netwerklid_zonder_naam_melding_bij_het_veld_en_niets_opgeslagen(web, casus):
    antwoord = web.post(
        f"/casussen/{casus.pk}/plan", plan_post([{"naam": "", "rol": "buurman", "bijdrage": ""}])
    )
    assert antwoord.status_code == 400
    assert 'id="id_netwerk-0-naam-fout"' in antwoord.content.decode()
    casus.doorbraakplan.refresh_from_db()
    assert casus.doorbraakplan.eigen_woorden == "" and not Netwerklid.objects.exists()


def test_service_weigert_netwerklid_zonder_rol(regisseur, casus):
    with pytest.raises(Validatiefout) as fout:
        services.doorbraakplan_opslaan(
            door=regisseur,
            casus_id=casus.pk,
            invoer=services.PlanInvoer(netwerk=[{"naam": "Piet", "rol": " "}]),
        )
    assert fout.value.veld == "netwerk[0].rol" and not Netwerklid.objects.exists()


def test_plan_zonder_eigen_deel_laat_het_eigen_deel_staan(regisseur, casus):
    services.doorbraakplan_opslaan(
        door=regisseur,
        casus_id=casus.pk,
        invoer=services.PlanInvoer(eigen_woorden="Rust", netwerk=[OMA]),
    )
    services.doorbraakplan_opslaan(
        door=regisseur, casus_id=casus.pk, invoer=services.PlanInvoer(situatie="Nieuw")
    )
    casus.doorbraakplan.refresh_from_db()
    assert casus.doorbraakplan.eigen_woorden == "Rust" and Netwerklid.objects.count() == 1


def test_api_plan_met_netwerk(api, casus):
    pad = f"/api/v1/casussen/{casus.pk}/doorbraakplan"
    antwoord = api.put(
        pad,
        {"eigen_woorden": "Rust", "krachten": "Doorzetten", "netwerk": [OMA]},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["netwerk"][0]["naam"] == "Truus Jansen"
    assert api.get(pad).json()["eigen_woorden"] == "Rust"
    dossier = api.get(f"/api/v1/casussen/{casus.pk}").json()
    assert dossier["doorbraakplan"]["netwerk"][0]["rol"] == "oma"
    fout = api.put(pad, {"netwerk": [{"naam": "Piet"}]}, format="json")
    assert fout.status_code == 400 and "netwerk" in fout.content.decode()


# --- the meldcode -------------------------------------------------------------------------------


def meet(regisseur, casus, veiligheid: int):
    return services.domeinscores_vastleggen(
        door=regisseur,
        casus_id=casus.pk,
        scores=[services.Score("veiligheid", veiligheid), services.Score("financien", 2)],
    )


def test_geen_melding_zonder_lage_veiligheid(web, regisseur, casus):
    meet(regisseur, casus, 3)
    assert "Veilig Thuis" not in web.get(f"/casussen/{casus.pk}").content.decode()


@pytest.mark.parametrize("score", [1, 2])
def test_lage_veiligheid_vraagt_om_de_meldcode_tot_de_afweging_er_is(web, regisseur, casus, score):
    meet(regisseur, casus, score)
    dossier = web.get(f"/casussen/{casus.pk}").content.decode()
    assert f"Veiligheid scoort {score}: volg de meldcode" in dossier
    assert "0800-2000" in dossier and f"/casussen/{casus.pk}/meldcode" in dossier
    assert dossier.count('class="utrecht-ordered-list__item"') == 5  # the five steps
    formulier = web.get(f"/casussen/{casus.pk}/domeinscores").content.decode()
    assert "volg de meldcode" in formulier and "Scoort u 1 of 2?" in formulier

    fout = web.post(f"/casussen/{casus.pk}/meldcode", {"besluit": "", "toelichting": ""})
    assert fout.status_code == 400
    html = fout.content.decode()
    assert 'id="id_toelichting-fout"' in html and 'id="id_besluit"' in html
    assert not MeldcodeAfweging.objects.exists()

    antwoord = web.post(
        f"/casussen/{casus.pk}/meldcode",
        {"besluit": "hulp", "toelichting": "Overlegd met de aandachtsfunctionaris; hulp loopt."},
    )
    assert antwoord.status_code == 302
    afweging = MeldcodeAfweging.objects.get()
    assert afweging.door == regisseur and afweging.besluit == "hulp"
    assert Verwerking.objects.filter(
        object_type="meldcode_afweging", handeling="aanmaken", casus_id=casus.pk
    ).exists()
    tijdlijn = TijdlijnItem.objects.filter(casus=casus, tekst__contains="Meldcode").get()
    assert "hulp" not in tijdlijn.tekst  # the decision stays in its own record
    dossier = web.get(f"/casussen/{casus.pk}").content.decode()
    assert "volg de meldcode" not in dossier and "Afgewogen op" in dossier

    meet(regisseur, casus, score)  # a new low score asks again
    assert "volg de meldcode" in web.get(f"/casussen/{casus.pk}").content.decode()


def test_meldcode_alleen_voor_wie_aan_de_casus_werkt(client, casus, gemeente, maak_medewerker):
    collega = maak_medewerker(gemeente, Rol.COLLEGA, username="collega")
    client.force_login(collega)
    assert client.get(f"/casussen/{casus.pk}/meldcode").status_code == 403
    with pytest.raises(GeenToegang):
        services.meldcode_afweging_vastleggen(
            door=collega, casus_id=casus.pk, besluit="gemeld", toelichting="x"
        )
    assert not MeldcodeAfweging.objects.exists()


class _Score:
    def __init__(self, code, score):
        self.leefgebied = type("L", (), {"code": code})()
        self.score = score


class _Meting:
    def __init__(self, pk, tijd, **scores):
        self.pk, self.aangemaakt_op = pk, tijd
        self._scores = [_Score(c, s) for c, s in scores.items()]
        self.scores = type("M", (), {"all": lambda _self: self._scores})()


def test_signaal_kijkt_naar_de_laatste_meting_van_veiligheid():
    laag, hoog = _Meting(1, 1, veiligheid=2), _Meting(2, 2, veiligheid=4)
    zonder = _Meting(3, 3, financien=1)  # a later measurement without Veiligheid
    assert meldcode.signaal([laag, zonder], []).score == 2
    assert meldcode.signaal([laag, hoog], []) is None
    assert meldcode.signaal([], []) is None
    eerder = type("A", (), {"meting_id": 99, "op": 0})()
    assert meldcode.signaal([laag], [eerder]).open


def test_afwegingen_zijn_die_van_de_orm(
    regisseur, casus, andere_gemeente, django_assert_num_queries
):
    """`selectors.meldcode_afwegingen` (SQL written once) gives what the ORM's
    `select_related("door").order_by("-op", "-pk")` gives: newest first, the id deciding
    between equal moments, with who recorded it (or no one) without a query of its own, and
    nothing under another gemeente."""
    from doorbraak.casussen import selectors

    meet(regisseur, casus, 1)
    meting = casus.metingen.get()
    gemaakt = [
        MeldcodeAfweging.objects.create(
            casus=casus, gemeente_id=casus.gemeente_id, meting=meting, besluit=besluit, door=door
        )
        for besluit, door in (("hulp", regisseur), ("gemeld", None), ("hulp", None))
    ]
    MeldcodeAfweging.objects.filter(pk__in=[a.pk for a in gemaakt[1:]]).update(op=gemaakt[0].op)
    verwacht = list(
        MeldcodeAfweging.objects.filter(casus=casus).select_related("door").order_by("-op", "-pk")
    )
    with django_assert_num_queries(1):
        gelezen = selectors.meldcode_afwegingen(casus=casus)
        wie = [a.door.naam if a.door else None for a in gelezen]
    assert [a.pk for a in gelezen] == [a.pk for a in verwacht]
    assert wie == [a.door.naam if a.door else None for a in verwacht]
    velden = [f.attname for f in MeldcodeAfweging._meta.concrete_fields]
    for a, b in zip(gelezen, verwacht, strict=True):
        assert [getattr(a, v) for v in velden] == [getattr(b, v) for v in velden]
    casus.gemeente_id = andere_gemeente.pk
    assert selectors.meldcode_afwegingen(casus=casus) == []
