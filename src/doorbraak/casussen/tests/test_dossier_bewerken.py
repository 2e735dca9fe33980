"""The dossier editable (issue 17): the household's address and contact details, the regie
hand-over (same gemeente, the right role, a reason, logged, the new regisseur notified) and the
contact log. Every refusal names its field and leaves nothing half-written."""

import datetime

import pytest
from django.utils import timezone

from doorbraak.audit.models import Verwerking
from doorbraak.casussen import services
from doorbraak.casussen.models import Casus, Contactmoment, Huishouden, TijdlijnItem
from doorbraak.fouten import Conflict, GeenToegang, NietGevonden, Validatiefout
from doorbraak.invoer import MAX_TEKST
from doorbraak.mijntaken.models import Melding, MeldingSoort
from doorbraak.organisaties.models import Rol, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(regisseur, maak_casus):
    return maak_casus(regisseur)


@pytest.fixture
def opvolger(gemeente, maak_medewerker):
    team = Team.objects.create(gemeente=gemeente, naam="Regieteam Noord")
    return maak_medewerker(
        gemeente, Rol.REGISSEUR, username="opvolger", email="opvolger@peelstad.example", team=team
    )


# --- address and contact -------------------------------------------------------------------


def test_adres_en_contact_wijzigen_en_vastleggen(regisseur, casus):
    voor = Verwerking.objects.filter(object_type="huishouden", handeling="wijzigen").count()
    services.huishouden_wijzigen(
        door=regisseur,
        huishouden_id=casus.huishouden_id,
        straat=" Kerkstraat ",
        huisnummer="12a",
        woonplaats="Peelstad",
        telefoon="0492 123456",
        email="gezin@voorbeeld.nl",
    )
    h = Huishouden.objects.get(pk=casus.huishouden_id)
    assert (h.straat, h.huisnummer, h.woonplaats) == ("Kerkstraat", "12a", "Peelstad")
    assert (h.telefoon, h.email, h.postcode) == ("0492 123456", "gezin@voorbeeld.nl", "5701 AB")
    assert (
        Verwerking.objects.filter(object_type="huishouden", handeling="wijzigen").count()
        == voor + 1
    )


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        ({"telefoon": "bel me"}, "telefoon"),
        ({"telefoon": "12"}, "telefoon"),
        ({"email": "geen-adres"}, "email"),
        ({"huisnummer": "twaalf"}, "huisnummer"),
        ({"straat": "x" * 121}, "straat"),
        ({"postcode": "57011AB"}, "postcode"),
        ({"naam": "  "}, "naam"),
        ({"geheim": "x"}, "geheim"),
    ],
)
def test_ongeldig_adres_noemt_het_veld_en_wijzigt_niets(regisseur, casus, invoer, veld):
    # A valid change in the same call must not be saved either.
    with pytest.raises(Validatiefout) as fout:
        services.huishouden_wijzigen(
            door=regisseur, huishouden_id=casus.huishouden_id, woonplaats="Elders", **invoer
        )
    assert fout.value.veld == veld
    h = Huishouden.objects.get(pk=casus.huishouden_id)
    assert (h.woonplaats, h.naam, h.postcode) == ("", "Familie De Vries", "5701 AB")


# --- the regie hand-over -------------------------------------------------------------------


def test_regie_overdragen_met_reden_vastgelegd_en_gemeld(regisseur, casus, opvolger):
    services.regie_overdragen(
        door=regisseur, casus_id=casus.pk, naar_id=opvolger.pk, reden="Verhuisd naar Noord."
    )
    casus.refresh_from_db()
    assert casus.regisseur_id == opvolger.pk
    assert casus.team_id == opvolger.team_id  # the case moves with its regisseur
    item = TijdlijnItem.objects.filter(casus=casus).order_by("-op").first()
    assert "Regie overgedragen" in item.tekst and "Verhuisd naar Noord." in item.tekst
    assert item.door_id == regisseur.pk
    log = Verwerking.objects.filter(casus_id=casus.pk, handeling="wijzigen").last()
    assert log.omschrijving == "regie overgedragen aan opvolger"
    melding = Melding.objects.get(ontvanger=opvolger)
    assert melding.soort == MeldingSoort.REGIE
    assert melding.pad == f"/casussen/{casus.pk}"


def test_tweede_overdracht_meldt_opnieuw(regisseur, casus, opvolger):
    services.regie_overdragen(door=regisseur, casus_id=casus.pk, naar_id=opvolger.pk, reden="a")
    services.regie_overdragen(door=opvolger, casus_id=casus.pk, naar_id=regisseur.pk, reden="b")
    services.regie_overdragen(door=regisseur, casus_id=casus.pk, naar_id=opvolger.pk, reden="c")
    assert Melding.objects.filter(ontvanger=opvolger, soort=MeldingSoort.REGIE).count() == 2


@pytest.mark.parametrize(
    "naar",
    ["elders", "collega", "inactief", "zelf", "onbekend"],
)
def test_overdracht_alleen_aan_een_actieve_regisseur_van_de_gemeente(
    regisseur, casus, gemeente, andere_gemeente, maak_medewerker, naar
):
    kandidaat = {
        "elders": lambda: maak_medewerker(andere_gemeente, Rol.REGISSEUR, email="a@b.nl"),
        "collega": lambda: maak_medewerker(gemeente, Rol.COLLEGA, email="a@b.nl"),
        "inactief": lambda: maak_medewerker(
            gemeente, Rol.REGISSEUR, email="a@b.nl", is_active=False
        ),
        "zelf": lambda: regisseur,
        "onbekend": lambda: type("Niemand", (), {"pk": 987654})(),
    }[naar]()
    with pytest.raises(Validatiefout) as fout:
        services.regie_overdragen(
            door=regisseur, casus_id=casus.pk, naar_id=kandidaat.pk, reden="Reden"
        )
    assert fout.value.veld == "regisseur"
    assert Casus.objects.get(pk=casus.pk).regisseur_id == regisseur.pk
    assert not Melding.objects.exists()
    assert not TijdlijnItem.objects.filter(casus=casus, tekst__contains="Regie").exists()


def test_overdracht_zonder_reden_of_in_een_afgesloten_casus(regisseur, casus, opvolger):
    with pytest.raises(Validatiefout) as fout:
        services.regie_overdragen(door=regisseur, casus_id=casus.pk, naar_id=opvolger.pk, reden=" ")
    assert fout.value.veld == "reden"
    Casus.objects.filter(pk=casus.pk).update(status="afgesloten")
    with pytest.raises(Conflict):
        services.regie_overdragen(door=regisseur, casus_id=casus.pk, naar_id=opvolger.pk, reden="x")
    assert Casus.objects.get(pk=casus.pk).regisseur_id == regisseur.pk
    assert not Melding.objects.exists()


def test_overdracht_door_een_collega_of_van_elders_geweigerd(
    casus, gemeente, maak_medewerker, opvolger, regisseur_elders
):
    collega = maak_medewerker(gemeente, Rol.COLLEGA)
    with pytest.raises(GeenToegang):
        services.regie_overdragen(door=collega, casus_id=casus.pk, naar_id=opvolger.pk, reden="x")
    with pytest.raises(NietGevonden):
        services.regie_overdragen(
            door=regisseur_elders, casus_id=casus.pk, naar_id=opvolger.pk, reden="x"
        )


# --- the contact log -----------------------------------------------------------------------


def _contact(**wijzig) -> services.ContactInvoer:
    waarden = {
        "datum": timezone.localdate() - datetime.timedelta(days=2),
        "soort": "huisbezoek",
        "met_wie": " Moeder ",
        "notitie": " Afspraken over de huur besproken. ",
    }
    waarden.update(wijzig)
    return services.ContactInvoer(**waarden)


def test_contactmoment_vastleggen(regisseur, casus):
    contact = services.contactmoment_vastleggen(
        door=regisseur, casus_id=casus.pk, invoer=_contact()
    )
    opgeslagen = Contactmoment.objects.get(pk=contact.pk)
    assert (opgeslagen.met_wie, opgeslagen.notitie) == (
        "Moeder",
        "Afspraken over de huur besproken.",
    )
    assert opgeslagen.gemeente_id == casus.gemeente_id and opgeslagen.door_id == regisseur.pk
    assert Verwerking.objects.filter(
        object_type="contactmoment", object_id=str(contact.pk), casus_id=casus.pk
    ).exists()


@pytest.mark.parametrize(
    ("wijzig", "veld"),
    [
        ({"datum": timezone.localdate() + datetime.timedelta(days=1)}, "datum"),
        ({"datum": datetime.date(1999, 12, 31)}, "datum"),
        ({"datum": "gisteren"}, "datum"),
        ({"soort": "brief"}, "soort"),
        ({"met_wie": "  "}, "met_wie"),
        ({"met_wie": "x" * 161}, "met_wie"),
        ({"notitie": "x" * 2001}, "notitie"),
    ],
)
def test_ongeldig_contactmoment_noemt_het_veld(regisseur, casus, wijzig, veld):
    with pytest.raises(Validatiefout) as fout:
        services.contactmoment_vastleggen(
            door=regisseur, casus_id=casus.pk, invoer=_contact(**wijzig)
        )
    assert fout.value.veld == veld
    assert not Contactmoment.objects.exists()


def test_contactmoment_niet_in_afgesloten_casus_of_door_wie_niet_mag(
    regisseur, casus, gemeente, maak_medewerker, regisseur_elders
):
    for rol in (Rol.COLLEGA, Rol.PARTNER, Rol.FINANCIEN):
        with pytest.raises(GeenToegang):
            services.contactmoment_vastleggen(
                door=maak_medewerker(gemeente, rol), casus_id=casus.pk, invoer=_contact()
            )
    with pytest.raises(NietGevonden):
        services.contactmoment_vastleggen(
            door=regisseur_elders, casus_id=casus.pk, invoer=_contact()
        )
    Casus.objects.filter(pk=casus.pk).update(status="afgesloten")
    with pytest.raises(Conflict):
        services.contactmoment_vastleggen(door=regisseur, casus_id=casus.pk, invoer=_contact())
    assert not Contactmoment.objects.exists()


# --- AVG: in the inzage, gone after the retention period ------------------------------------


def test_contactmomenten_en_adres_in_inzage_en_weg_na_bewaartermijn(regisseur, privacy, casus):
    from doorbraak.audit.bewaartermijnen import bewaartermijnen_toepassen
    from doorbraak.audit.inzage import inzage_samenstellen
    from doorbraak.audit.models import Bewaartermijnen

    services.huishouden_wijzigen(
        door=regisseur, huishouden_id=casus.huishouden_id, straat="Kerkstraat", email="a@b.nl"
    )
    contact = services.contactmoment_vastleggen(
        door=regisseur, casus_id=casus.pk, invoer=_contact()
    )
    inzage = inzage_samenstellen(medewerker=privacy, huishouden_id=casus.huishouden_id)
    assert [c["id"] for c in inzage["gegevens"]["contactmomenten"]] == [str(contact.pk)]
    assert (
        inzage["gegevens"]["contactmomenten"][0]["notitie"] == "Afspraken over de huur besproken."
    )
    assert inzage["gegevens"]["huishouden"][0]["straat"] == "Kerkstraat"

    Bewaartermijnen.objects.create(gemeente_id=casus.gemeente_id, casusdossier_maanden=24)
    Casus.objects.filter(pk=casus.pk).update(
        status="afgesloten", afgesloten_op=timezone.now() - datetime.timedelta(days=800)
    )
    aantallen = bewaartermijnen_toepassen(gemeente_id=casus.gemeente_id, proefdraai=False)
    assert aantallen["contactmomenten"] == 1
    assert not Contactmoment.objects.exists()
    h = Huishouden.objects.get(pk=casus.huishouden_id)
    assert (h.straat, h.email, h.telefoon) == ("", "", "")


def test_api_adres_wijzigen_en_in_het_dossier(api, casus):
    pad = f"/api/v1/huishoudens/{casus.huishouden_id}"
    fout = api.patch(pad, {"telefoon": "bel me", "straat": "Kerkstraat"}, format="json")
    assert fout.status_code == 400
    assert fout.json()["invalid_params"][0]["name"] == "telefoon"
    assert api.get(pad).json()["straat"] == ""
    antwoord = api.patch(pad, {"straat": "Kerkstraat", "huisnummer": "3"}, format="json")
    assert antwoord.status_code == 200 and antwoord.json()["straat"] == "Kerkstraat"
    services.contactmoment_vastleggen(door=casus.regisseur, casus_id=casus.pk, invoer=_contact())
    dossier = api.get(f"/api/v1/casussen/{casus.pk}").json()
    assert dossier["huishouden"]["huisnummer"] == "3"
    assert [c["met_wie"] for c in dossier["contactmomenten"]] == ["Moeder"]


def test_api_overdracht_volgt_dezelfde_regels_als_het_scherm(api, casus, opvolger):
    """PATCH with a regisseur is the same hand-over: without a reason it is refused and nothing
    changes; with one, the team, the timeline and the new regisseur's notification follow."""
    pad = f"/api/v1/casussen/{casus.pk}"
    zonder = api.patch(pad, {"regisseur": "opvolger"}, format="json")
    assert zonder.status_code == 400 and "reden" in zonder.content.decode()
    casus.refresh_from_db()
    assert casus.regisseur_id != opvolger.pk and not Melding.objects.filter(ontvanger=opvolger)
    met = api.patch(pad, {"regisseur": "opvolger", "reden": "Ziekte."}, format="json")
    assert met.status_code == 200, met.content
    casus.refresh_from_db()
    assert (casus.regisseur_id, casus.team_id) == (opvolger.pk, opvolger.team_id)
    item = TijdlijnItem.objects.filter(casus=casus).order_by("-op").first()
    assert "Regie overgedragen" in item.tekst and "Ziekte." in item.tekst
    assert Melding.objects.get(ontvanger=opvolger).soort == MeldingSoort.REGIE


@pytest.mark.parametrize("lengte", [MAX_TEKST, MAX_TEKST + 1])
def test_aanleiding_heeft_een_grens_met_een_melding_op_scherm_api_en_service(
    api, client, regisseur, casus, lengte
):
    """One bound (invoer.MAX_TEKST) and one message, wherever the aanleiding is changed."""
    tekst = "x" * lengte
    melding = "Maak de tekst korter: hoogstens 5.000 tekens."
    past = lengte <= MAX_TEKST
    eerst = casus.aanleiding
    # The service.
    if past:
        services.casus_wijzigen(door=regisseur, casus_id=casus.pk, aanleiding=tekst)
    else:
        with pytest.raises(Validatiefout) as fout:
            services.casus_wijzigen(door=regisseur, casus_id=casus.pk, aanleiding=tekst)
        assert (fout.value.veld, fout.value.melding) == ("aanleiding", melding)
        with pytest.raises(Validatiefout) as fout:  # registering a case: the same bound
            services.casus_aanmelden(
                door=regisseur,
                huishouden_id=casus.huishouden_id,
                doelgroep_code=casus.doelgroep.code,
                aanleiding=tekst,
            )
        assert (fout.value.veld, fout.value.melding) == ("aanleiding", melding)
    # The API: a problem naming the field.
    antwoord = api.patch(f"/api/v1/casussen/{casus.pk}", {"aanleiding": tekst}, format="json")
    assert antwoord.status_code == (200 if past else 400)
    if not past:
        assert "aanleiding" in antwoord.content.decode()
        assert melding in antwoord.content.decode()
    # The screen: the message beside the field, the text kept.
    client.force_login(regisseur)
    scherm = client.post(
        f"/casussen/{casus.pk}/wijzigen", {"urgentie": "hoog", "aanleiding": tekst}
    )
    assert scherm.status_code == (302 if past else 400)
    if not past:
        html = scherm.content.decode()
        assert 'id="id_aanleiding-fout"' in html and melding in html
    assert Casus.objects.get(pk=casus.pk).aanleiding == (tekst if past else eerst)
