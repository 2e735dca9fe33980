"""The dossier says what is next and can be edited (issue 17), without a browser: the summary
panel (next step, overdue actions in red with text, ages beside dates), the score trend, the
edit pages (errors beside the field, the input kept, nothing saved), the contact log, and who
may do what (partners never; another gemeente's case is not found)."""

import datetime

import pytest
from django.utils import timezone

from doorbraak import opmaak
from doorbraak.casussen import services
from doorbraak.casussen.models import Casus, Contactmoment, Gezinslid, Huishouden
from doorbraak.conftest import GELDIG_BSN, ONGELDIG_BSN
from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


@pytest.fixture
def web(client, regisseur):
    client.force_login(regisseur)
    return client


@pytest.fixture
def casus(regisseur, maak_casus):
    c = maak_casus(regisseur)
    services.doorbraakplan_opslaan(
        door=regisseur,
        casus_id=c.pk,
        invoer=services.PlanInvoer(
            doorbraak="Huurachterstand in één keer betalen.",
            acties=[
                {
                    "omschrijving": "Corporatie bellen",
                    "eigenaar": "Regisseur",
                    "deadline": VANDAAG() - datetime.timedelta(days=15),
                },
                {
                    "omschrijving": "Budgetcoach regelen",
                    "eigenaar": "Kredietbank",
                    "deadline": VANDAAG() + datetime.timedelta(days=3),
                },
            ],
        ),
    )
    return c


def _tekst(antwoord) -> str:
    return antwoord.content.decode()


# --- the summary panel -------------------------------------------------------------------------


def test_samenvatting_noemt_volgende_stap_en_verlopen_actie_in_tekst_en_kleur(web, casus):
    pagina = _tekst(web.get(f"/casussen/{casus.pk}"))
    paneel = pagina[pagina.index('id="samenvatting"') : pagina.index('aria-label="Onderdelen')]
    assert "Volgende stap" in paneel
    assert "Verlopen actie oppakken: Corporatie bellen (Regisseur)" in paneel
    assert "2 weken geleden" in paneel  # the age beside the date
    # Red, and said in words: not colour alone.
    assert '<span class="doorbraak-verlopen">Verlopen:</span> Corporatie bellen' in paneel
    assert "Nog niet gedaan." in paneel  # no voorliggend check yet
    assert "Nog niet berekend." in paneel and "Niet geagendeerd." in paneel
    assert "Geen lopende aanvragen." in paneel
    # The member's age beside the birth date.
    assert "jaar)" in pagina[pagina.index('id="huishouden"') :]


def test_samenvatting_zonder_verlopen_acties_noemt_de_eerstvolgende_deadline(web, casus, regisseur):
    plan = casus.doorbraakplan
    plan.acties.filter(omschrijving="Corporatie bellen").update(gereed=True)
    paneel = _tekst(web.get(f"/casussen/{casus.pk}"))
    assert "Volgende actie: Budgetcoach regelen" not in paneel  # status aangemeld: plan first
    services.casus_wijzigen(door=regisseur, casus_id=casus.pk, status_naar="plan")
    services.casus_wijzigen(door=regisseur, casus_id=casus.pk, status_naar="uitvoering")
    paneel = _tekst(web.get(f"/casussen/{casus.pk}"))
    assert "Volgende actie: Budgetcoach regelen" in paneel and "over 3 dagen" in paneel
    assert '<span class="doorbraak-verlopen">Verlopen:' not in paneel


def test_trend_toont_elke_meting_op_een_schaal_van_1_tot_5(web, casus, regisseur):
    for dagen, score in ((60, 1), (30, 2), (0, 4)):
        services.domeinscores_vastleggen(
            door=regisseur,
            casus_id=casus.pk,
            scores=[services.Score("financien", score)],
            datum=VANDAAG() - datetime.timedelta(days=dagen),
        )
    pagina = _tekst(web.get(f"/casussen/{casus.pk}"))
    eerste = VANDAAG() - datetime.timedelta(days=60)
    assert f'aria-label="Financiën: 1 op {opmaak.datum(eerste)}, 2 op' in pagina
    assert "Schaal 1 (acute problematiek) tot 5 (volledig zelfredzaam)." in pagina
    assert pagina.count('class="doorbraak-trend__punt"') == 3
    assert "<polyline" in pagina


# --- editing: errors beside the field, the input kept --------------------------------------


def test_huishouden_wijzigen_fout_bij_het_veld_en_invoer_behouden(web, casus):
    pad = f"/casussen/{casus.pk}/huishouden"
    assert web.get(pad).status_code == 200
    antwoord = web.post(
        pad, {"naam": "Gezin De Vries", "straat": "Kerkstraat", "telefoon": "bel me", "email": ""}
    )
    html = _tekst(antwoord)
    assert antwoord.status_code == 400
    assert 'id="id_telefoon-fout"' in html and "telefoonnummer" in html
    assert 'value="Kerkstraat"' in html and 'value="bel me"' in html  # nothing typed is lost
    assert Huishouden.objects.get(pk=casus.huishouden_id).straat == ""
    antwoord = web.post(
        pad,
        {"naam": "Gezin De Vries", "straat": "Kerkstraat", "huisnummer": "12a",
         "postcode": "5701 AB", "woonplaats": "Peelstad", "telefoon": "0492 123456",
         "email": "gezin@voorbeeld.nl"},
    )  # fmt: skip
    assert antwoord.status_code == 302 and antwoord.url == f"/casussen/{casus.pk}#huishouden"
    h = Huishouden.objects.get(pk=casus.huishouden_id)
    assert (h.naam, h.straat, h.telefoon) == ("Gezin De Vries", "Kerkstraat", "0492 123456")
    assert "Kerkstraat 12a, 5701 AB Peelstad" in _tekst(web.get(f"/casussen/{casus.pk}"))


@pytest.mark.parametrize(
    ("bsn", "melding"),
    [(ONGELDIG_BSN, "elfproef"), (GELDIG_BSN, "al geregistreerd")],
)
def test_gezinslid_toevoegen_bsn_fout_bij_het_veld(web, casus, regisseur, maak_casus, bsn, melding):
    maak_casus(regisseur, bsn=GELDIG_BSN, naam="Ander gezin")
    gegevens = {
        "voornaam": "Noor",
        "achternaam": "de Vries",
        "geboortedatum": "2026-01-02",
        "rol": "kind",
        "bsn": bsn,
    }
    antwoord = web.post(f"/casussen/{casus.pk}/gezinsleden/nieuw", gegevens)
    html = _tekst(antwoord)
    assert antwoord.status_code == 400
    assert 'id="id_bsn-fout"' in html and melding in html
    assert 'value="Noor"' in html
    assert not Gezinslid.objects.filter(voornaam="Noor").exists()


def test_gezinslid_toevoegen_met_leeftijd_in_het_dossier(web, casus):
    geboren = VANDAAG().replace(year=VANDAAG().year - 7) - datetime.timedelta(days=1)
    antwoord = web.post(
        f"/casussen/{casus.pk}/gezinsleden/nieuw",
        {"voornaam": "Noor", "achternaam": "de Vries", "geboortedatum": geboren.isoformat(),
         "rol": "kind", "bsn": ""},
    )  # fmt: skip
    assert antwoord.status_code == 302
    lid = Gezinslid.objects.get(voornaam="Noor")
    assert lid.huishouden_id == casus.huishouden_id and not lid.bsn_versleuteld
    assert "(7 jaar)" in _tekst(web.get(f"/casussen/{casus.pk}"))


def test_urgentie_en_aanleiding_wijzigen(web, casus):
    pad = f"/casussen/{casus.pk}/wijzigen"
    antwoord = web.post(pad, {"urgentie": "crisis", "aanleiding": ""})
    assert antwoord.status_code == 400 and 'id="id_aanleiding-fout"' in _tekst(antwoord)
    assert 'value="crisis" selected' in _tekst(antwoord)
    assert Casus.objects.get(pk=casus.pk).urgentie == "hoog"
    antwoord = web.post(pad, {"urgentie": "crisis", "aanleiding": "Ontruiming aangezegd."})
    assert antwoord.status_code == 302
    casus.refresh_from_db()
    assert (casus.urgentie, casus.aanleiding) == ("crisis", "Ontruiming aangezegd.")


def test_regie_overdragen_via_het_scherm(
    web, casus, regisseur, gemeente, andere_gemeente, maak_medewerker
):
    opvolger = maak_medewerker(gemeente, Rol.REGISSEUR, username="opvolger", first_name="Sanne")
    maak_medewerker(gemeente, Rol.COLLEGA, username="alleen-collega", first_name="Kees")
    maak_medewerker(andere_gemeente, Rol.REGISSEUR, username="elders", first_name="Piet")
    pad = f"/casussen/{casus.pk}/regie"
    formulier = _tekst(web.get(pad))
    keuzes = formulier[formulier.index('name="regisseur"') : formulier.index("</select>")]
    assert f'value="{opvolger.pk}"' in keuzes
    assert "Kees" not in keuzes and "Piet" not in keuzes
    assert f'value="{regisseur.pk}"' not in keuzes  # not the current regisseur
    antwoord = web.post(pad, {"regisseur": opvolger.pk, "reden": ""})
    assert antwoord.status_code == 400 and 'id="id_reden-fout"' in _tekst(antwoord)
    assert f'value="{opvolger.pk}" selected' in _tekst(antwoord)
    antwoord = web.post(pad, {"regisseur": opvolger.pk, "reden": "Verhuisd naar Noord."})
    assert antwoord.status_code == 302
    assert Casus.objects.get(pk=casus.pk).regisseur_id == opvolger.pk
    assert "Regie overgedragen" in _tekst(web.get(f"/casussen/{casus.pk}"))


def test_contactmoment_vastleggen_en_in_het_dossier(web, casus):
    pad = f"/casussen/{casus.pk}/contactmomenten"
    morgen = VANDAAG() + datetime.timedelta(days=1)
    antwoord = web.post(
        pad, {"datum": morgen.isoformat(), "soort": "telefoon", "met_wie": "Moeder", "notitie": ""}
    )
    html = _tekst(antwoord)
    assert antwoord.status_code == 400
    assert 'id="id_datum-fout"' in html and "toekomst" in html and 'value="Moeder"' in html
    assert not Contactmoment.objects.exists()
    gisteren = VANDAAG() - datetime.timedelta(days=1)
    antwoord = web.post(
        pad,
        {"datum": gisteren.isoformat(), "soort": "huisbezoek", "met_wie": "Moeder",
         "notitie": "Huur besproken."},
    )  # fmt: skip
    assert antwoord.status_code == 302
    dossier = _tekst(web.get(f"/casussen/{casus.pk}"))
    assert "Huur besproken." in dossier
    paneel = dossier[dossier.index('id="samenvatting"') : dossier.index('aria-label="Onderdelen')]
    assert "Huisbezoek — Moeder" in paneel and "gisteren" in paneel
    assert "Huur besproken." in _tekst(web.get(pad))


# --- who may: partners never, other gemeenten not found ------------------------------------

BEWERKEN = ("huishouden", "gezinsleden/nieuw", "wijzigen", "regie", "contactmomenten")


@pytest.mark.parametrize("rol", [Rol.PARTNER, Rol.FINANCIEN, Rol.BELEID])
def test_partner_en_andere_rollen_zien_en_bewerken_niets(
    client, casus, gemeente, maak_medewerker, rol
):
    client.force_login(maak_medewerker(gemeente, rol, username=f"x-{rol}"))
    for deel in BEWERKEN:
        pad = f"/casussen/{casus.pk}/{deel}"
        assert client.get(pad).status_code == 403, pad
        assert client.post(pad, {"met_wie": "x", "reden": "x"}).status_code == 403, pad
    assert client.get(f"/casussen/{casus.pk}").status_code == 403
    assert not Contactmoment.objects.exists()


def test_collega_leest_contactmomenten_maar_bewerkt_niets(client, casus, gemeente, maak_medewerker):
    client.force_login(maak_medewerker(gemeente, Rol.COLLEGA, username="meekijker"))
    assert client.get(f"/casussen/{casus.pk}/contactmomenten").status_code == 200
    for deel in BEWERKEN:
        pad = f"/casussen/{casus.pk}/{deel}"
        assert client.post(pad, {"met_wie": "x", "reden": "x"}).status_code == 403, pad


def test_andere_gemeente_vindt_de_casus_niet(client, casus, regisseur_elders):
    client.force_login(regisseur_elders)
    for deel in BEWERKEN:
        assert client.get(f"/casussen/{casus.pk}/{deel}").status_code == 404, deel


def test_werklijst_en_mijn_taken_tonen_leeftijden_in_dezelfde_stijl_als_het_dossier(web, casus):
    """One style for ages beside dates: the `relatief` filter (opmaak.relatief), not Django's
    timesince ("2 weken, 6 dagen")."""
    Casus.objects.filter(pk=casus.pk).update(
        aangemeld_op=timezone.now() - datetime.timedelta(days=20)
    )
    werklijst = _tekst(web.get("/casussen"))
    assert "(2 weken geleden)" in werklijst
    assert "6 dagen" not in werklijst
    taken = _tekst(web.get("/mijn-taken"))
    assert "(2 weken geleden verlopen)" in taken  # the action 15 days past its deadline
