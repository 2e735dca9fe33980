"""E-mail when a task lands with someone: sent from the background queue to a real SMTP server,
once per event, as the recipient chose (direct, daily overview, none), and never with personal
data in it."""

import email
import email.policy
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from doorbraak.budget import services
from doorbraak.casussen.models import Actie, Doorbraakplan
from doorbraak.fouten import DoorbraakFout
from doorbraak.mijntaken import taken
from doorbraak.mijntaken.models import Frequentie, Melding, MeldingSoort
from doorbraak.mijntaken.services import voorkeur_wijzigen
from doorbraak.taken.models import Achtergrondtaak


def _ingediend(mensen, maak_aanvraag, **kw):
    a = maak_aanvraag(mensen["regisseur"], **kw)
    return services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)


def _inhoud(envelope) -> str:
    """Subject and body as the recipient reads them; not the transport headers, whose random
    Message-ID may hold any digits ("400", "1000")."""
    bericht = email.message_from_bytes(envelope.content, policy=email.policy.default)
    return f"{bericht['Subject']}\n{bericht.get_body(('plain',)).get_content()}"


def test_indienen_meldt_de_meekijker_via_de_wachtrij_en_smtp(
    met_email, fondsen, maak_aanvraag, smtp
):
    a = _ingediend(met_email, maak_aanvraag)
    meldingen = list(Melding.objects.all())
    # Only the colleague with a review mandate; never the requester, not the managers yet.
    assert [(m.ontvanger.username, m.soort) for m in meldingen] == [
        ("meekijker", MeldingSoort.TE_BEOORDELEN)
    ]
    melding = meldingen[0]
    taak = Achtergrondtaak.objects.get(sleutel=f"melding:{melding.pk}")
    # The beheerder's list of background jobs reads the label, not the code.
    assert taak.omschrijving == "E-mailmelding (een aanvraag wacht op uw meekijken)"
    assert taken.verstuur_melding(str(melding.pk)) == {"verzonden": 1}
    assert len(smtp.berichten) == 1
    bericht = smtp.berichten[0]
    assert bericht.rcpt_tos == ["meekijker@peelstad.example"]
    tekst = _inhoud(bericht)
    assert f"/aanvragen/{a.pk}" in tekst
    assert "Een aanvraag wacht op uw meekijken" in tekst
    # No personal data: no household name, no member, no amount, no recipient of the money.
    for verboden in ("Vries", "Anna", "1.000", "1000", "Peelwonen", "NL91", "Huurachterstand"):
        assert verboden not in tekst


def test_dezelfde_gebeurtenis_mailt_nooit_twee_keer(met_email, fondsen, maak_aanvraag, smtp):
    _ingediend(met_email, maak_aanvraag)
    melding = Melding.objects.get()
    taken.verstuur_melding(str(melding.pk))
    assert taken.verstuur_melding(str(melding.pk)) == {"verzonden": 0}
    assert len(smtp.berichten) == 1


def test_elke_stap_meldt_wie_de_volgende_zet(met_email, fondsen, maak_aanvraag):
    m = met_email
    a = _ingediend(m, maak_aanvraag)
    services.aanvraag_beoordelen(door=m["collega"], aanvraag_id=a.pk, advies="positief")
    go = {x.ontvanger.username for x in Melding.objects.filter(soort=MeldingSoort.GO_NODIG)}
    # Both managers hold a go-mandate up to at least € 1.000; not the reviewer, not the requester.
    assert go == {"baas", "opdrachtgever2"}
    services.aanvraag_besluiten(door=m["manager"], aanvraag_id=a.pk, besluit="go")
    betalen = Melding.objects.filter(soort=MeldingSoort.TE_BETALEN)
    assert [x.ontvanger.username for x in betalen] == ["geld"]


def test_go_mandaat_onder_het_bedrag_krijgt_geen_melding(met_email, fondsen, maak_aanvraag):
    m = met_email
    a = _ingediend(m, maak_aanvraag, bedrag="2500.00")
    services.aanvraag_beoordelen(door=m["collega"], aanvraag_id=a.pk, advies="positief")
    go = {x.ontvanger.username for x in Melding.objects.filter(soort=MeldingSoort.GO_NODIG)}
    assert go == {"baas"}  # opdrachtgever2's mandate reaches € 1.000


def test_een_geweigerde_stap_laat_geen_melding_of_taak_achter(met_email, fondsen, maak_aanvraag):
    m = met_email
    a = _ingediend(m, maak_aanvraag)
    voor = (Melding.objects.count(), Achtergrondtaak.objects.count())
    with pytest.raises(DoorbraakFout):
        services.aanvraag_besluiten(door=m["manager"], aanvraag_id=a.pk, besluit="go")
    assert (Melding.objects.count(), Achtergrondtaak.objects.count()) == voor


def test_teruggedraaide_transactie_neemt_melding_en_taak_mee(met_email, fondsen, maak_aanvraag):
    a = maak_aanvraag(met_email["regisseur"])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.aanvraag_indienen(door=met_email["regisseur"], aanvraag_id=a.pk)
        assert Melding.objects.count() == 1
        raise RuntimeError("afgebroken")
    assert not Melding.objects.exists()
    assert not Achtergrondtaak.objects.filter(sleutel__startswith="melding:").exists()


def test_dagelijks_overzicht_bundelt_en_direct_slaat_over(met_email, fondsen, maak_aanvraag, smtp):
    m = met_email
    voorkeur_wijzigen(door=m["collega"], frequentie=Frequentie.DAGELIJKS)
    _ingediend(m, maak_aanvraag)
    _ingediend(m, maak_aanvraag, bedrag="400.00")
    meldingen = list(Melding.objects.filter(ontvanger=m["collega"]))
    assert len(meldingen) == 2
    # Chose the overview: the direct job (if any) sends nothing.
    assert not Achtergrondtaak.objects.filter(sleutel=f"melding:{meldingen[0].pk}").exists()
    assert taken.verstuur_melding(str(meldingen[0].pk)) == {"verzonden": 0}
    assert taken.dagelijks_overzicht() == {"overzichten": 1}
    assert taken.dagelijks_overzicht() == {"overzichten": 0}  # idempotent
    assert len(smtp.berichten) == 1
    tekst = _inhoud(smtp.berichten[0])
    assert "2 taken" in tekst and "/mijn-taken" in tekst
    assert "Vries" not in tekst and "400" not in tekst


def test_geen_email_gekozen_geen_melding(met_email, fondsen, maak_aanvraag):
    voorkeur_wijzigen(door=met_email["collega"], frequentie=Frequentie.UIT)
    _ingediend(met_email, maak_aanvraag)
    assert not Melding.objects.exists()


def test_zonder_emailadres_geen_melding(mensen, fondsen, maak_aanvraag):
    _ingediend(mensen, maak_aanvraag)
    assert not Melding.objects.exists()


def test_verlopen_actie_meldt_de_regisseur_eenmaal(met_email, casus, smtp):
    m = met_email
    casus.regisseur = m["regisseur"]
    casus.save(update_fields=["regisseur"])
    plan, _ = Doorbraakplan.objects.get_or_create(
        casus=casus, defaults={"gemeente": casus.gemeente}
    )
    gisteren = timezone.localdate() - timedelta(days=1)
    Actie.objects.create(
        plan=plan,
        gemeente=casus.gemeente,
        omschrijving="Bel Anna de Vries",
        eigenaar="x",
        deadline=gisteren,
    )
    Actie.objects.create(
        plan=plan,
        gemeente=casus.gemeente,
        omschrijving="Klaar",
        eigenaar="x",
        deadline=gisteren,
        gereed=True,
    )
    assert taken.verlopen_acties_melden() == {"gemeld": 1}
    assert taken.verlopen_acties_melden() == {"gemeld": 0}
    melding = Melding.objects.get()
    assert melding.soort == MeldingSoort.ACTIE_VERLOPEN and melding.pad == f"/casussen/{casus.pk}"
    taken.verstuur_melding(str(melding.pk))
    assert "Anna" not in _inhoud(smtp.berichten[0])


def test_de_dagelijkse_taak_staat_in_het_register():
    from doorbraak.taken.register import PERIODIEKE_TAKEN
    from doorbraak.taken.services import functie_laden

    taak = next(t for t in PERIODIEKE_TAKEN if t.naam == "meldingen-dagelijks")
    assert functie_laden(taak.functie) is taken.dagelijks


def test_instellingenpagina_slaat_de_keuze_op(client, mensen):
    client.force_login(mensen["collega"])
    pagina = client.get("/meldingen").content.decode()
    assert 'value="direct"' in pagina and "checked" in pagina
    antwoord = client.post("/meldingen", {"frequentie": "dagelijks"})
    assert antwoord.status_code == 302
    assert mensen["collega"].meldingsvoorkeur.frequentie == "dagelijks"
    fout = client.post("/meldingen", {"frequentie": "elk-uur"})
    assert fout.status_code == 400
    assert "utrecht-form-field-error-message" in fout.content.decode()
    mensen["collega"].meldingsvoorkeur.refresh_from_db()
    assert mensen["collega"].meldingsvoorkeur.frequentie == "dagelijks"


def test_wie_een_rol_heeft_zijn_de_actieven_van_de_gemeente_met_die_rol(
    gemeente, andere_gemeente, maak_medewerker
):
    """Finance is looked up at every go: by role in the query on PostgreSQL, the same answer as
    the filter in Python on SQLite."""
    from doorbraak.mijntaken.ontvangers import met_rol
    from doorbraak.organisaties.models import Rol

    geld = maak_medewerker(gemeente, Rol.FINANCIEN, username="geld1")
    beide = maak_medewerker(gemeente, Rol.MANAGER, Rol.FINANCIEN, username="geld2")
    maak_medewerker(gemeente, Rol.MANAGER, username="baas1")
    maak_medewerker(gemeente, Rol.FINANCIEN, username="weg", is_active=False)
    maak_medewerker(andere_gemeente, Rol.FINANCIEN, username="elders")
    assert {m.pk for m in met_rol(gemeente.pk, Rol.FINANCIEN)} == {geld.pk, beide.pk}
    assert met_rol(gemeente.pk, Rol.PRIVACY) == []
    # SQL written once (doorbraak.vaste_sql): every column as the ORM reads it, and by name
    from doorbraak.organisaties.models import Medewerker
    from doorbraak.organisaties.selectors import medewerkers_met_rol

    Medewerker.objects.filter(pk=geld.pk).update(first_name="Zora", last_name="Aa")
    Medewerker.objects.filter(pk=beide.pk).update(first_name="Anna", last_name="Zz")
    op_naam = medewerkers_met_rol(gemeente_id=gemeente.pk, rol=Rol.FINANCIEN)
    assert [m.pk for m in op_naam] == [beide.pk, geld.pk]
    for gelezen in op_naam:
        orm = Medewerker.objects.get(pk=gelezen.pk)
        assert {
            f.attname: getattr(gelezen, f.attname) for f in Medewerker._meta.concrete_fields
        } == {f.attname: getattr(orm, f.attname) for f in Medewerker._meta.concrete_fields}
        assert gelezen.rollen == orm.rollen and not gelezen._state.adding
    # for a notification only what it needs is read (the password hash, names: deferred)
    for gelezen in met_rol(gemeente.pk, Rol.FINANCIEN):
        orm = Medewerker.objects.get(pk=gelezen.pk)
        assert gelezen.get_deferred_fields() >= {"password", "first_name", "last_login"}
        assert "email" not in gelezen.get_deferred_fields()
        assert (gelezen.email, gelezen.gemeente_id) == (orm.email, orm.gemeente_id)
