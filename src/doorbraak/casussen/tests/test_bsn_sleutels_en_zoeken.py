"""Keys and search: after rotating the BSN hash key old values are still found and duplicates
still refused; `bsn roteer` re-hashes under the newest key and is logged; the worklist finds a
household by BSN through the hash only, with the BSN never in a URL or shown back."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from doorbraak import bsn
from doorbraak.audit.models import Verwerking
from doorbraak.casussen import services
from doorbraak.casussen.models import Gezinslid
from doorbraak.conftest import GELDIG_BSN
from doorbraak.fouten import Validatiefout

pytestmark = pytest.mark.django_db
NIEUWE_SLEUTEL = "een-nieuwe-hash-sleutel-van-voldoende-lengte-0123456789"


def _na_rotatie(oud: str):
    return override_settings(BSN_HASH_SLEUTEL=NIEUWE_SLEUTEL, BSN_HASH_SLEUTELS_OUD=[oud])


def test_na_sleutelrotatie_blijft_alles_vindbaar_en_dubbel_geweigerd(
    settings, regisseur, maak_casus, api
):
    oud = settings.BSN_HASH_SLEUTEL
    casus = maak_casus(regisseur, bsn=GELDIG_BSN)
    lid = Gezinslid.objects.get(huishouden=casus.huishouden)
    assert lid.bsn_hash_sleutel == bsn.sleutel_id(oud)
    with _na_rotatie(oud):
        # Deployed with the new key, before `bsn roteer`: the old hash is still found.
        antwoord = api.post("/api/v1/casussen/zoekopdrachten", {"bsn": GELDIG_BSN}, format="json")
        assert [c["id"] for c in antwoord.json()] == [str(casus.pk)]
        with pytest.raises(Validatiefout, match="al geregistreerd"):
            maak_casus(regisseur, bsn=GELDIG_BSN, naam="Tweede")
        voor = Verwerking.objects.filter(omschrijving__startswith="bsn roteer").count()
        call_command("bsn", "roteer")
        lid.refresh_from_db()
        assert lid.bsn_hash_sleutel == bsn.sleutel_id(NIEUWE_SLEUTEL)
        assert lid.bsn_zoekhash == bsn.zoekhash(GELDIG_BSN) != bsn._hash(oud, GELDIG_BSN)
        assert bsn.ontsleutel(lid.bsn_versleuteld) == GELDIG_BSN
        entry = Verwerking.objects.filter(omschrijving__startswith="bsn roteer").last()
        assert Verwerking.objects.filter(omschrijving__startswith="bsn roteer").count() == voor + 1
        assert entry.actor == "systeem:bsn-roteer" and entry.huishouden_id == casus.huishouden_id
        assert entry.activiteit == "beveiliging"
    # And with only the new key left (old one removed after the rotation): still found.
    with override_settings(BSN_HASH_SLEUTEL=NIEUWE_SLEUTEL, BSN_HASH_SLEUTELS_OUD=[]):
        antwoord = api.post("/api/v1/casussen/zoekopdrachten", {"bsn": GELDIG_BSN}, format="json")
        assert [c["id"] for c in antwoord.json()] == [str(casus.pk)]
        with pytest.raises(Validatiefout, match="al geregistreerd"):
            maak_casus(regisseur, bsn=GELDIG_BSN, naam="Derde")


def test_werklijst_zoekt_op_bsn_met_post_zonder_het_bsn_te_tonen(
    client, regisseur, regisseur_elders, maak_casus
):
    eigen = maak_casus(regisseur, bsn=GELDIG_BSN, naam="Familie Eigen")
    maak_casus(regisseur, naam="Familie Anders")
    client.force_login(regisseur)
    werklijst = client.get("/casussen").content.decode()
    assert 'action="/casussen/zoeken-op-bsn"' in werklijst and 'method="post"' in werklijst
    assert client.get("/casussen/zoeken-op-bsn").status_code == 405  # never in a query string
    html = client.post("/casussen/zoeken-op-bsn", {"bsn": GELDIG_BSN}).content.decode()
    assert "Familie Eigen" in html and "Familie Anders" not in html
    assert f"/casussen/{eigen.pk}" in html and GELDIG_BSN not in html
    entry = Verwerking.objects.filter(omschrijving="gezocht op BSN").last()
    assert entry.casus_id == eigen.pk
    # Another gemeente finds nothing; an invalid BSN gets a message beside the field.
    client.force_login(regisseur_elders)
    html = client.post("/casussen/zoeken-op-bsn", {"bsn": GELDIG_BSN}).content.decode()
    assert "Familie Eigen" not in html and "Geen casus" in html
    fout = client.post("/casussen/zoeken-op-bsn", {"bsn": "123456789"})
    assert fout.status_code == 400 and "elfproef" in fout.content.decode()
    assert "123456789" not in fout.content.decode()


def test_api_zoekt_casussen_op_bsn(api, api_als, regisseur, regisseur_elders, maak_casus):
    casus = maak_casus(regisseur, bsn=GELDIG_BSN)
    antwoord = api.post("/api/v1/casussen/zoekopdrachten", {"bsn": GELDIG_BSN}, format="json")
    assert antwoord.status_code == 200 and antwoord.json()[0]["id"] == str(casus.pk)
    assert GELDIG_BSN not in antwoord.content.decode()
    elders = api_als(regisseur_elders).post(
        "/api/v1/casussen/zoekopdrachten", {"bsn": GELDIG_BSN}, format="json"
    )
    assert elders.json() == []
    fout = api.post("/api/v1/casussen/zoekopdrachten", {"bsn": "123456789"}, format="json")
    assert fout.status_code == 400 and fout.json()["invalid_params"][0]["name"] == "bsn"


def test_correctie_bewaart_de_vorige_waarde_met_wie_wanneer_waarom(api, regisseur, maak_casus):
    casus = maak_casus(regisseur, bsn=GELDIG_BSN)
    lid = Gezinslid.objects.get(huishouden=casus.huishouden)
    url = f"/api/v1/huishoudens/{casus.huishouden_id}/gezinsleden/{lid.pk}/correcties"
    antwoord = api.post(
        url,
        {"achternaam": "de Vries-Jansen", "geboortedatum": "1988-05-02", "reden": "Verzoek"},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.content
    lid.refresh_from_db()
    assert lid.achternaam == "de Vries-Jansen"
    historie = {c.veld: c for c in lid.correcties.all()}
    assert historie["achternaam"].oude_waarde == "de Vries"
    assert historie["geboortedatum"].oude_waarde == "1988-05-01"
    assert historie["achternaam"].actor == "regisseur" and historie["achternaam"].reden == "Verzoek"
    # All or nothing: an invalid BSN in the same correction changes nothing.
    fout = api.post(url, {"voornaam": "Anne", "bsn": "123456789", "reden": "x"}, format="json")
    assert fout.status_code == 400 and fout.json()["invalid_params"][0]["name"] == "bsn"
    lid.refresh_from_db()
    assert lid.voornaam == "Anna" and lid.correcties.count() == 2
    # Without a reason nothing happens either.
    assert api.post(url, {"voornaam": "Anne"}, format="json").status_code == 400
    # A corrected BSN is kept only masked in the history.
    services.gezinslid_corrigeren(
        door=regisseur, huishouden_id=casus.huishouden_id, gezinslid_id=lid.pk,
        wijzigingen={"bsn": "111222345"}, reden="Typefout",
    )  # fmt: skip
    bsn_correctie = lid.correcties.get(veld="bsn")
    assert bsn_correctie.oude_waarde == "*****2333" and bsn_correctie.nieuwe_waarde == "*****2345"


def test_correctie_via_het_scherm_met_historie_en_melding_bij_het_veld(
    client, regisseur, maak_casus
):
    casus = maak_casus(regisseur)
    lid = Gezinslid.objects.get(huishouden=casus.huishouden)
    client.force_login(regisseur)
    assert (
        f"/casussen/{casus.pk}/gezinsleden/{lid.pk}/corrigeren"
        in client.get(f"/casussen/{casus.pk}").content.decode()
    )
    url = f"/casussen/{casus.pk}/gezinsleden/{lid.pk}/corrigeren"
    gegevens = {"voornaam": "Anna", "achternaam": "de Vries", "geboortedatum": "1988-05-01",
                "rol": "ouder", "bsn": "", "reden": ""}  # fmt: skip
    assert client.post(url, gegevens).status_code == 400  # no reason: nothing saved
    fout = client.post(url, {**gegevens, "bsn": "123456789", "reden": "Verzoek"})
    assert fout.status_code == 400 and "elfproef" in fout.content.decode()
    assert not lid.correcties.exists()
    antwoord = client.post(url, {**gegevens, "voornaam": "Anne", "reden": "Verzoek betrokkene"})
    assert antwoord.status_code == 302
    (correctie,) = lid.correcties.all()
    assert (correctie.veld, correctie.oude_waarde, correctie.nieuwe_waarde) == (
        "voornaam",
        "Anna",
        "Anne",
    )
    assert "Verzoek betrokkene" in client.get(url).content.decode()


def test_geweigerde_toegang_op_het_scherm_staat_in_het_logboek(
    client, regisseur, regisseur_elders, maak_casus
):
    casus = maak_casus(regisseur)
    client.force_login(regisseur_elders)
    assert client.get(f"/casussen/{casus.pk}").status_code == 404
    entry = Verwerking.objects.filter(object_type="toegang_geweigerd").get()
    assert entry.gemeente_id == regisseur_elders.gemeente_id and entry.actor == "regisseur2"
    assert entry.huishouden_id is None  # after a 404 the id may be anyone's
    assert f"/casussen/{casus.pk}" in entry.omschrijving


def test_zoeken_op_bsn_kost_een_vast_aantal_queries(
    api, regisseur, maak_casus, django_assert_max_num_queries
):
    casus = maak_casus(regisseur, bsn=GELDIG_BSN)
    with django_assert_max_num_queries(8) as eerste:
        api.post("/api/v1/casussen/zoekopdrachten", {"bsn": GELDIG_BSN}, format="json")
    for doelgroep in ("doorbraakteam", "passende_hulp"):
        services.casus_aanmelden(
            door=regisseur, huishouden_id=casus.huishouden_id, doelgroep_code=doelgroep,
            aanleiding="Nog een", urgentie="normaal",
        )  # fmt: skip
    with django_assert_max_num_queries(len(eerste.captured_queries)):
        antwoord = api.post("/api/v1/casussen/zoekopdrachten", {"bsn": GELDIG_BSN}, format="json")
    assert len(antwoord.json()) == 3


def test_correctie_houdt_dezelfde_grenzen_voor_de_geboortedatum_als_registreren(
    api, regisseur, maak_casus
):
    casus = maak_casus(regisseur)
    lid = Gezinslid.objects.get(huishouden=casus.huishouden)
    url = f"/api/v1/huishoudens/{casus.huishouden_id}/gezinsleden/{lid.pk}/correcties"
    for datum in ("1899-12-31", "2999-01-01"):
        antwoord = api.post(url, {"geboortedatum": datum, "reden": "Verzoek"}, format="json")
        assert antwoord.status_code == 400, datum
        assert antwoord.json()["invalid_params"][0]["name"] == "geboortedatum"
    assert lid.correcties.count() == 0


def test_bewaard_bsn_formulier_draagt_het_eigen_csrf_token(regisseur, maak_casus):
    """The BSN search form on the worklist is rendered once per language and kept; the token in
    it is the viewer's own on every page (a POST with it passes Django's CSRF check), never the
    kept placeholder."""
    import re

    from django.test import Client

    from doorbraak.web import paginacache

    maak_casus(regisseur, bsn=GELDIG_BSN, naam="Familie Eigen")
    client = Client(enforce_csrf_checks=True)
    client.force_login(regisseur)
    for _ in range(2):  # the second page from the kept part
        html = client.get("/casussen").content.decode()
        formulier = html[html.index('action="/casussen/zoeken-op-bsn"') :]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', formulier).group(1)
        assert token != paginacache.plaatshouder()
        antwoord = client.post(
            "/casussen/zoeken-op-bsn", {"bsn": GELDIG_BSN, "csrfmiddlewaretoken": token}
        )
        assert antwoord.status_code == 200 and "Familie Eigen" in antwoord.content.decode()
