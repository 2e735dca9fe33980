"""The dossier read model (casussen.leesmodel): `GET /casussen/{id}` answers from one stored row,
the answer is byte for byte what the serializer renders from the records, and it cannot go
stale: every writer, then a read, shows the change. Scope, logging and the race with a change
that comes in while a read builds the copy."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from doorbraak.audit.bewaartermijnen import bewaartermijnen_toepassen
from doorbraak.audit.models import Bewaartermijnen, Verwerking
from doorbraak.casussen import leesmodel, selectors, services
from doorbraak.casussen.models import Casus, DossierLeesmodel, Leefgebied
from doorbraak.casussen.status import CasusStatus
from doorbraak.casussen.tests.leesmodel_hulp import dossier, toont_de_wijziging, uit_de_records
from doorbraak.organisaties.models import Doelgroep, Medewerker, Rol, Team
from doorbraak.organisaties.tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(regisseur, maak_casus):
    """A case with scores, a helper, a plan with an obstacle and an action, a status change."""
    c = maak_casus(regisseur, bsn="111222333")
    services.domeinscores_vastleggen(
        door=regisseur,
        casus_id=c.pk,
        scores=[services.Score("financien", 2, "Schulden"), services.Score("huisvesting", 1)],
    )
    services.hulpverlener_toevoegen(
        door=regisseur,
        casus_id=c.pk,
        invoer=services.HulpverlenerInvoer("GGD", "Wijkverpleging", "Els", "", "", Decimal("1200")),
    )
    services.doorbraakplan_opslaan(
        door=regisseur,
        casus_id=c.pk,
        invoer=services.PlanInvoer(
            situatie="Huurachterstand.",
            perspectief="Blijven wonen.",
            doorbraak="Achterstand in één keer weg.",
            knelpunten=[{"omschrijving": "Wachttijd schuldhulp", "soort": "wachttijd"}],
            acties=[{"omschrijving": "Corporatie bellen", "eigenaar": "regisseur"}],
        ),
    )
    services.casus_wijzigen(door=regisseur, casus_id=c.pk, status_naar="plan", reden="Start")
    return c


def _plan(**wijzig) -> services.PlanInvoer:
    waarden = {
        "situatie": "Huurachterstand.",
        "doorbraak": "Achterstand in één keer weg.",
        "knelpunten": [{"omschrijving": "Wachttijd schuldhulp", "soort": "wachttijd"}],
        "acties": [{"omschrijving": "Corporatie bellen", "eigenaar": "regisseur"}],
    }
    waarden.update(wijzig)
    return services.PlanInvoer(**waarden)


def _lid(casus):
    return casus.huishouden.gezinsleden.get()


def _hulpverlener(casus):
    return casus.hulpverleners.get()


def _sluit_lang_geleden(regisseur, casus) -> None:
    """Closed beyond the retention period, then the retention run anonymises the household."""
    Bewaartermijnen.objects.create(gemeente_id=casus.gemeente_id, casusdossier_maanden=24)
    lang_geleden = timezone.now() - datetime.timedelta(days=800)
    Casus.objects.filter(pk=casus.pk).update(
        status=CasusStatus.AFGESLOTEN, afgesloten_op=lang_geleden
    )
    bewaartermijnen_toepassen(gemeente_id=casus.gemeente_id, proefdraai=False)


# Every service that writes a part of the dossier, and the configuration it names.
SCHRIJVERS = {
    "huishouden_wijzigen": lambda r, c: services.huishouden_wijzigen(
        door=r, huishouden_id=c.huishouden_id, naam="Familie Jansen", postcode="5702 CD"
    ),
    "gezinslid_toevoegen": lambda r, c: services.gezinslid_toevoegen(
        door=r,
        huishouden_id=c.huishouden_id,
        gezinslid=services.NieuwGezinslid("Bo", "de Vries", datetime.date(2015, 3, 4), "kind"),
    ),
    "gezinslid_corrigeren": lambda r, c: services.gezinslid_corrigeren(
        door=r,
        huishouden_id=c.huishouden_id,
        gezinslid_id=_lid(c).pk,
        wijzigingen={"voornaam": "Anne"},
        reden="Verzoek van betrokkene",
    ),
    "casus_wijzigen (urgentie, aanleiding)": lambda r, c: services.casus_wijzigen(
        door=r, casus_id=c.pk, urgentie="crisis", aanleiding="Ontruiming aangezegd"
    ),
    "casus_wijzigen (status)": lambda r, c: services.casus_wijzigen(
        door=r, casus_id=c.pk, status_naar="uitvoering", reden="Plan staat"
    ),
    "domeinscores_vastleggen": lambda r, c: services.domeinscores_vastleggen(
        door=r, casus_id=c.pk, scores=[services.Score("financien", 4)]
    ),
    "doorbraakplan_opslaan": lambda r, c: services.doorbraakplan_opslaan(
        door=r,
        casus_id=c.pk,
        invoer=_plan(acties=[{"omschrijving": "Budgetcoach", "eigenaar": "Kredietbank"}]),
    ),
    "hulpverlener_toevoegen": lambda r, c: services.hulpverlener_toevoegen(
        door=r, casus_id=c.pk, invoer=services.HulpverlenerInvoer("Kredietbank", "Schuldhulp")
    ),
    "hulpverlener_wijzigen": lambda r, c: services.hulpverlener_wijzigen(
        door=r,
        casus_id=c.pk,
        hulpverlener_id=_hulpverlener(c).pk,
        invoer=services.HulpverlenerInvoer("GGD", "Wijkverpleging", geschatte_jaarkosten=None),
    ),
    "hulpverlener_verwijderen": lambda r, c: services.hulpverlener_verwijderen(
        door=r, casus_id=c.pk, hulpverlener_id=_hulpverlener(c).pk
    ),
    "huishouden_wijzigen (adres en contact)": lambda r, c: services.huishouden_wijzigen(
        door=r, huishouden_id=c.huishouden_id, straat="Kerkstraat", telefoon="0492 123456"
    ),
    "regie_overdragen": lambda r, c: services.regie_overdragen(
        door=r,
        casus_id=c.pk,
        naar_id=MedewerkerFactory(gemeente_id=c.gemeente_id, username="opvolger").pk,
        reden="Verhuisd",
    ),
    "contactmoment_vastleggen": lambda r, c: services.contactmoment_vastleggen(
        door=r,
        casus_id=c.pk,
        invoer=services.ContactInvoer(datetime.date(2026, 1, 5), "telefoon", "Moeder", "Gebeld"),
    ),
    "bewaartermijn (anonimiseren)": _sluit_lang_geleden,
    "leefgebied hernoemd": lambda r, c: _bewaar(
        Leefgebied.objects.get(gemeente_id=c.gemeente_id, code="financien"), "Geldzaken"
    ),
    "doelgroep hernoemd": lambda r, c: _bewaar(
        Doelgroep.objects.get(pk=c.doelgroep_id), "Multiprobleemhuishoudens (MPH)"
    ),
    "regisseur hernoemd": lambda r, c: _hernoem(r, "regisseur.peel"),
}


def _bewaar(obj, naam: str) -> None:
    obj.naam = naam
    obj.save()


def _hernoem(medewerker, gebruikersnaam: str) -> None:
    medewerker.username = gebruikersnaam
    medewerker.save()


@pytest.mark.parametrize("schrijver", list(SCHRIJVERS), ids=list(SCHRIJVERS))
def test_elke_schrijver_maakt_het_dossier_actueel(schrijver, api, regisseur, casus):
    toont_de_wijziging(api, regisseur, casus.pk, lambda: SCHRIJVERS[schrijver](regisseur, casus))


def test_antwoord_is_wat_de_serializer_rendert_en_komt_uit_een_rij(api, regisseur, casus):
    eerste = dossier(api, casus.pk)
    assert eerste == uit_de_records(regisseur, casus.pk)
    opgeslagen = DossierLeesmodel.objects.get(casus=casus)
    assert opgeslagen.inhoud.encode() == eerste
    assert "*****2333" in opgeslagen.inhoud and "111222333" not in opgeslagen.inhoud
    assert dossier(api, casus.pk) == eerste


def test_elke_lezing_een_verwerking(api, casus):
    voor = Verwerking.objects.filter(casus_id=casus.pk, omschrijving="dossier").count()
    for _ in range(3):
        dossier(api, casus.pk)
    assert Verwerking.objects.filter(casus_id=casus.pk, omschrijving="dossier").count() == voor + 3


def test_een_of_drie_queries_met_een_token(regisseur, casus):
    """PostgreSQL: the token with its medewerker, the case in scope with its copy and the log
    entry in one statement (the transaction's id first, for the sealer; casussen.selectors.
    casus_dossier_met_token). SQLite: the token (with medewerker and gemeente), the case with its
    copy, the log entry."""
    _, token = AuthToken.objects.create(user=regisseur)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    dossier(client, casus.pk)  # builds and stores the copy
    with CaptureQueriesContext(connection) as ctx:
        dossier(client, casus.pk)
    sqls = [q["sql"] for q in ctx.captured_queries]
    if connection.vendor == "postgresql":
        assert len(sqls) == 1, sqls
        delen = ("knox_authtoken", "casussen_dossierleesmodel", 'INSERT INTO "audit_verwerking"')
        assert all(deel in sqls[0] for deel in delen)
    else:
        assert len(sqls) == 3, sqls
        assert "knox_authtoken" in sqls[0] and "organisaties_gemeente" in sqls[0]
        assert "casussen_dossierleesmodel" in sqls[1]
        assert 'INSERT INTO "audit_verwerking"' in sqls[2]


def test_na_een_wijziging_een_vast_aantal_queries(api, regisseur, casus, maak_casus):
    """Rebuilding the copy does not grow with the size of the file."""
    klein = maak_casus(regisseur, naam="Familie Klein")
    services.doorbraakplan_opslaan(door=regisseur, casus_id=klein.pk, invoer=_plan())
    services.domeinscores_vastleggen(
        door=regisseur, casus_id=klein.pk, scores=[services.Score("financien", 3)]
    )

    def opbouw(c) -> int:
        services.casus_wijzigen(door=regisseur, casus_id=c.pk, urgentie="crisis")
        with CaptureQueriesContext(connection) as ctx:
            dossier(api, c.pk)
        return len(ctx.captured_queries)

    for i in range(5):
        services.hulpverlener_toevoegen(
            door=regisseur, casus_id=casus.pk, invoer=services.HulpverlenerInvoer(f"Org {i}", "R")
        )
    assert opbouw(klein) == opbouw(casus) <= 16


def test_buiten_de_scope_niets_ook_niet_uit_de_kopie(
    api, casus, gemeente, regisseur_elders, api_als, maak_medewerker
):
    dossier(api, casus.pk)  # the copy is stored
    assert api_als(regisseur_elders).get(f"/api/v1/casussen/{casus.pk}").status_code == 404
    financien = maak_medewerker(gemeente, Rol.FINANCIEN, username="geld")
    assert api_als(financien).get(f"/api/v1/casussen/{casus.pk}").status_code == 403
    # Cases scoped per team: another team's regisseur does not get the stored copy either.
    gemeente.casussen_per_team = True
    gemeente.save()
    noord = Team.objects.create(gemeente=gemeente, naam="Noord")
    noor = maak_medewerker(gemeente, Rol.REGISSEUR, username="noor", team=noord)
    assert api_als(noor).get(f"/api/v1/casussen/{casus.pk}").status_code == 404
    gelezen = Verwerking.objects.filter(omschrijving="dossier", handeling="lezen")
    assert not gelezen.filter(actor__in=["noor", "geld", "regisseur2"]).exists()


def test_een_afgesloten_casus_blijft_leesbaar(api, regisseur, casus):
    services.casus_wijzigen(
        door=regisseur, casus_id=casus.pk, status_naar="afgesloten", reden="Doel bereikt"
    )
    inhoud = dossier(api, casus.pk)
    assert b'"status":"afgesloten"' in inhoud and inhoud == uit_de_records(regisseur, casus.pk)


def test_een_kopie_van_voor_een_wijziging_wordt_niet_bewaard(regisseur, casus):
    """The race: a read builds its copy, a change commits meanwhile; the copy is not kept."""
    leesmodel.dossiers_gewijzigd(casus_ids=[casus.pk])
    rij = DossierLeesmodel.objects.get(casus=casus)
    gelezen = rij.versie
    oud = leesmodel.opbouwen(selectors.casus_dossier(medewerker=regisseur, casus_id=casus.pk))
    services.casus_wijzigen(door=regisseur, casus_id=casus.pk, urgentie="crisis")
    leesmodel.opgeslagen(
        casus_id=casus.pk, gemeente_id=casus.gemeente_id, versie=gelezen, inhoud=oud
    )
    rij.refresh_from_db()
    assert rij.versie == gelezen + 1 and rij.inhoud == ""
    # And a copy stored before the change is emptied by it.
    leesmodel.opgeslagen(
        casus_id=casus.pk, gemeente_id=casus.gemeente_id, versie=rij.versie, inhoud="{}"
    )
    assert DossierLeesmodel.objects.get(casus=casus).inhoud == "{}"
    services.casus_wijzigen(door=regisseur, casus_id=casus.pk, urgentie="hoog")
    assert DossierLeesmodel.objects.get(casus=casus).inhoud == ""


def test_zonder_rij_bewaart_een_lezing_niet_over_een_wijziging_heen(regisseur, casus):
    """No row yet: a change creates it with a raised version, and a read that built its copy
    before then inserts nothing over it."""
    DossierLeesmodel.objects.filter(casus=casus).delete()
    oud = leesmodel.opbouwen(selectors.casus_dossier(medewerker=regisseur, casus_id=casus.pk))
    services.casus_wijzigen(door=regisseur, casus_id=casus.pk, urgentie="crisis")
    leesmodel.opgeslagen(casus_id=casus.pk, gemeente_id=casus.gemeente_id, versie=None, inhoud=oud)
    assert DossierLeesmodel.objects.get(casus=casus).inhoud == ""


def test_een_lezing_vult_geen_rij_van_een_andere_casus(api, regisseur, casus, maak_casus):
    ander = maak_casus(regisseur, naam="Familie Anders")
    dossier(api, casus.pk)
    dossier(api, ander.pk)
    services.huishouden_wijzigen(door=regisseur, huishouden_id=casus.huishouden_id, naam="X")
    assert DossierLeesmodel.objects.get(casus=casus).inhoud == ""
    assert DossierLeesmodel.objects.get(casus=ander).inhoud != ""


def test_bewaartermijn_laat_geen_kopie_met_persoonsgegevens_achter(api, regisseur, casus):
    dossier(api, casus.pk)
    assert "Familie De Vries" in DossierLeesmodel.objects.get(casus=casus).inhoud
    _sluit_lang_geleden(regisseur, casus)
    assert DossierLeesmodel.objects.get(casus=casus).inhoud == ""


def test_inloggen_raakt_de_kopie_niet(api, regisseur, casus, client):
    dossier(api, casus.pk)
    client.force_login(regisseur)  # saves last_login only
    assert DossierLeesmodel.objects.get(casus=casus).inhoud != ""


def test_leesmodel_commando_bouwt_elke_ontbrekende_kopie(api, regisseur, casus, maak_casus):
    from django.core.management import call_command

    zonder_rij = maak_casus(regisseur, naam="Familie Zonder")
    DossierLeesmodel.objects.filter(casus=zonder_rij).delete()
    leeg = maak_casus(regisseur, naam="Familie Leeg")  # its row exists, emptied by the change
    dossier(api, casus.pk)  # this one has its copy already
    voor = Verwerking.objects.count()
    call_command("leesmodel", "--blok", "2")
    assert Verwerking.objects.count() == voor  # a system build, not a medewerker's read
    for c in (casus, zonder_rij, leeg):
        assert DossierLeesmodel.objects.get(casus=c).inhoud.encode() == uit_de_records(
            regisseur, c.pk
        )
    with CaptureQueriesContext(connection) as ctx:
        gelezen = dossier(api, zonder_rij.pk)
    assert gelezen == uit_de_records(regisseur, zonder_rij.pk)
    # the copy and the log entry: one statement on PostgreSQL, two on SQLite
    assert len(ctx.captured_queries) == (1 if connection.vendor == "postgresql" else 2)


def test_leesmodel_commando_met_ids_bouwt_alleen_die_opnieuw(
    api, regisseur, casus, maak_casus, tmp_path
):
    from django.core.management import call_command

    ander = maak_casus(regisseur, naam="Familie Ander")
    DossierLeesmodel.objects.filter(casus=ander).delete()
    dossier(api, casus.pk)
    # a copy from older code: the command must replace it, not keep it because it exists
    DossierLeesmodel.objects.filter(casus=casus).update(inhoud='{"oud": true}')
    bestand = tmp_path / "ids.txt"
    bestand.write_text(f"{casus.pk}\n\n", encoding="utf-8")
    call_command("leesmodel", "--ids-bestand", str(bestand))
    assert DossierLeesmodel.objects.get(casus=casus).inhoud.encode() == uit_de_records(
        regisseur, casus.pk
    )
    assert not DossierLeesmodel.objects.filter(casus=ander).exists()  # not in the file


def test_het_merkteken_reist_mee_met_de_verwerking(regisseur, casus, maak_casus):
    """A write's log entry and the dossier's mark: on PostgreSQL one statement for a change of a
    case (the mark as a CTE of the log's INSERT), as before for a household's (every case of the
    household); a read marks nothing. In every case the version is raised where it must be."""
    from doorbraak.audit.models import Handeling
    from doorbraak.audit.services import Vastlegging, leg_vast

    ander = maak_casus(regisseur, bsn="123456782")

    def versies():
        return dict(DossierLeesmodel.objects.values_list("casus_id", "versie"))

    def schrijf(*vastleggingen):
        voor = versies()
        with CaptureQueriesContext(connection) as ctx:
            leg_vast(gemeente_id=regisseur.gemeente_id, door=regisseur, vastleggingen=vastleggingen)
        na = versies()
        gewijzigd = {c for c in na if na[c] != voor.get(c)}
        return len(ctx.captured_queries), gewijzigd

    pg = connection.vendor == "postgresql"
    hid = casus.huishouden_id
    aantal, gewijzigd = schrijf(Vastlegging(Handeling.WIJZIGEN, "casus", casus.pk, hid, casus.pk))
    assert (aantal, gewijzigd) == (1 if pg else 2, {casus.pk})
    aantal, gewijzigd = schrijf(
        Vastlegging(Handeling.WIJZIGEN, "casus", casus.pk, hid, casus.pk),
        Vastlegging(Handeling.WIJZIGEN, "casus", ander.pk, ander.huishouden_id, ander.pk),
    )
    assert (aantal, gewijzigd) == (1 if pg else 2, {casus.pk, ander.pk})
    aantal, gewijzigd = schrijf(Vastlegging(Handeling.WIJZIGEN, "huishouden", hid, hid, casus.pk))
    assert (aantal, gewijzigd) == (3, {casus.pk})
    aantal, gewijzigd = schrijf(Vastlegging(Handeling.LEZEN, "casus", casus.pk, hid, casus.pk))
    assert (aantal, gewijzigd) == (1, set())


@pytest.mark.postgres
def test_kopie_staat_gecomprimeerd_in_de_rij(regisseur, casus):
    """PostgreSQL: a copy of a few KB is kept compressed in its own row (STORAGE MAIN, lz4
    where the server has it), so a read neither looks it up in the TOAST table nor
    decompresses it with pglz. The copy reads back unchanged."""
    import random

    tabel = DossierLeesmodel._meta.db_table
    # about 12 KB of JSON that pglz and lz4 compress to a few KB: TOAST by default
    woorden = [f"woord{i}" for i in range(400)]
    willekeur = random.Random(19)
    inhoud = '{"tekst": "' + " ".join(willekeur.choice(woorden) for _ in range(1500)) + '"}'
    DossierLeesmodel.objects.filter(casus_id=casus.pk).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reltoastrelid::regclass::text, "
            "'lz4' = ANY(s.enumvals) FROM pg_class c, pg_settings s "
            "WHERE c.oid = %s::regclass AND s.name = 'default_toast_compression'",
            [tabel],
        )
        toast, lz4 = cursor.fetchone()
        cursor.execute(f"SELECT count(*) FROM {toast}")
        (stukken,) = cursor.fetchone()
        leesmodel.opgeslagen(
            casus_id=casus.pk, gemeente_id=regisseur.gemeente_id, versie=None, inhoud=inhoud
        )
        cursor.execute(f"SELECT count(*) FROM {toast}")
        assert cursor.fetchone()[0] == stukken  # nothing moved out of the row
        cursor.execute(
            f"SELECT pg_column_compression(inhoud), pg_column_size(inhoud), inhoud "
            f"FROM {tabel} WHERE casus_id = %s",
            [casus.pk],
        )
        soort, grootte, terug = cursor.fetchone()
    assert terug == inhoud
    assert 2_000 < grootte < len(inhoud) // 2  # compressed, and more than TOAST lets stay
    assert soort == ("lz4" if lz4 else "pglz")


def _waarden_en_soorten(rijen) -> list[tuple]:
    """Rows with the type of each value (a Decimal equals a float, a date is not its text)."""
    return [(tuple(rij), tuple(type(w) for w in rij)) for rij in rijen]


def test_de_delen_van_de_pagina_uit_de_kopie_zijn_de_waarden_van_de_records():
    """What the dossier page takes from the read model's copy (`leesmodel.delen_uit`: members,
    helpers, the plan's bottlenecks, actions and network) is what the records hold, as the
    database gives it: ids, dates and amounts of the same type, in the models' order; of a BSN
    only the mask and its last digits."""
    from django.core.management import call_command

    from doorbraak.casussen.models import Gezinslid

    call_command("genereer", huishoudens=8, seed=19, stdout=None)
    bench = Medewerker.objects.get(username="bench")
    leesmodel.alles_opbouwen()
    casussen = Casus.objects.filter(gemeente=bench.gemeente).select_related("doorbraakplan")
    gezien = set()
    for casus in casussen:
        delen = selectors.dossier_delen(medewerker=bench, casus_id=casus.pk).uit_leesmodel
        plan = casus.doorbraakplan
        leden = Gezinslid.objects.filter(huishouden_id=casus.huishouden_id)
        verwacht = {
            "gezinsleden": [  # the last digits shown only beside a mask
                (g.pk, g.voornaam, g.achternaam, g.geboortedatum, g.rol, g.bsn_masked, cijfers)
                for g in leden
                for cijfers in [g.bsn_laatste_cijfers if g.bsn_masked else ""]
            ],
            "hulpverleners": casus.hulpverleners.values_list(
                "pk", "organisatie", "rol", "contactpersoon", "geschatte_jaarkosten"
            ),
            "knelpunten": plan.knelpunten.values_list(
                "omschrijving", "soort", "regeling", "artikel"
            ),
            "acties": plan.acties.values_list("omschrijving", "eigenaar", "deadline", "gereed"),
            "netwerk": plan.netwerk.values_list("naam", "rol", "bijdrage"),
        }
        for deel, rijen in verwacht.items():
            gekregen = getattr(delen, deel)
            if deel == "gezinsleden":  # the last digits are derived from the mask, not stored
                gekregen = [(*lid, lid.bsn_laatste_cijfers) for lid in gekregen]
            assert _waarden_en_soorten(gekregen) == _waarden_en_soorten(rijen), (deel, casus.pk)
            gezien.update(f"{deel}:{len(gekregen) > 1}" for _ in gekregen)
        gezien.update(f"bsn:{lid.bsn_masked is not None}" for lid in delen.gezinsleden)
        gezien.update(f"deadline:{a.deadline is not None}" for a in delen.acties)
        gezien.update("bedrag" for h in delen.hulpverleners if h.geschatte_jaarkosten is not None)
    # the generated dossiers hold what could go wrong: several rows to order, BSNs, deadlines
    for soort in ("gezinsleden", "hulpverleners", "acties"):
        assert f"{soort}:True" in gezien, soort
    assert {"bsn:True", "bsn:False", "deadline:True", "bedrag"} <= gezien, gezien
