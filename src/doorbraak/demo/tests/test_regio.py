"""The region of seed 004 as one data set: the demo with `--regio` sets up 21 gemeenten, and on it
a user of each gemeente sees nothing of the other 20 over every GET route (API and pages), while
every query those requests issue on a tenant table, and every query of the services that build
the region, follows the routing rule of docs/schaal.md (`demo/tests/schaal.py`).

The data set is loaded once for the module, inside a transaction that is rolled back at the end;
each test runs in a savepoint within it.
"""

import io
import re
import uuid
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client, override_settings

from doorbraak.casussen.models import Casus
from doorbraak.demo import laden, regio
from doorbraak.demo.tests.schaal import TENANT_MODELLEN, query_regel
from doorbraak.organisaties import bevoegdheden
from doorbraak.organisaties.models import Gemeente, Medewerker
from doorbraak.organisaties.tests.test_bevoegdheden_matrix import routes

# About a minute per pass: run once, in the PostgreSQL pass (the production database; the
# routing rule is checked on its SQL). See pytest_collection_modifyitems in doorbraak/conftest.py.
pytestmark = pytest.mark.alleen_postgresql

CODES = [laden.GEMEENTE[0], laden.ANDERE_GEMEENTE[0], *(g.code for g in regio.GEMEENTEN)]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Path parameters that are not a tenant's object: a catalogue code, a list kind, a step name.
GEEN_OBJECT = {"code": "nacht-maatschappelijke-opvang", "soort": "acties", "stap": "indienen"}
# Routes whose answer is the same for every gemeente (documentation, the knowledge base, one's own
# second factor or password, the admin's empty add forms) are walked for three gemeenten only; the
# routes with a gemeente's rows for all 21. Keeps the module within a minute of CI.
VOLLEDIG = {laden.GEMEENTE[0], laden.ANDERE_GEMEENTE[0], regio.GEMEENTEN[0].code}
ZELFDE_VOOR_IEDEREEN = re.compile(
    r"^(api/v1/(openapi\.json|docs|redoc|regelingen)|kennisbank|tweede-factor|toegankelijkheid"
    r"|beheer/password_change/|beheer/.*/add/$)"
)


@pytest.fixture(scope="module")
def regio_data(django_db_setup, django_db_blocker):
    queries: list[str] = []

    def opnemen(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with django_db_blocker.unblock(), override_settings(DEMO=True), transaction.atomic():
        # The demo enters everything through the services: their queries are recorded too.
        with connection.execute_wrapper(opnemen):
            call_command("demo", "--regio", stdout=io.StringIO())
        yield {"queries": queries, **_verzamel()}
        transaction.set_rollback(True)


def _verzamel() -> dict:
    """Per gemeente: one user per role, the objects to put in paths, and every UUID it owns."""
    gemeenten = {g.code: g for g in Gemeente.objects.all()}
    eigenaar: dict[str, tuple[str, str]] = {}  # uuid -> (gemeente code, model)
    for model in TENANT_MODELLEN:
        if model._meta.pk.get_internal_type() != "UUIDField":
            continue
        for pk, code in model.objects.values_list("pk", "gemeente__code"):
            eigenaar[str(pk)] = (code, model._meta.label)
    gebruikers: dict[str, dict[str, Medewerker]] = {code: {} for code in gemeenten}
    for m in Medewerker.objects.select_related("gemeente").order_by("username"):
        for rol in m.rollen:
            gebruikers[m.gemeente.code].setdefault(rol, m)
    return {
        "gemeenten": gemeenten,
        "eigenaar": eigenaar,
        "gebruikers": gebruikers,
        "objecten": {code: _objecten(code) for code in gemeenten},
    }


def _objecten(g: str) -> dict[str, str]:
    """The gemeente's objects for each path parameter (only those it has)."""
    from doorbraak.budget.models import Aanvraag, Bestedingsplan, Budget, Lening, Periode
    from doorbraak.casussen.models import Hulpverlener
    from doorbraak.mkba.models import Mkba
    from doorbraak.overleg.models import Agendapunt, Deelgrondslag
    from doorbraak.rapportage.models import Signaal
    from doorbraak.regels.models import Regelcheck

    punt = Agendapunt.objects.filter(gemeente__code=g).select_related("bijeenkomst").first()
    casus = (
        Casus.objects.filter(gemeente__code=g).order_by("-status").first()
    )  # a case past 'aangemeld' where there is one
    gevonden = {
        "casus_id": casus,
        "huishouden_id": casus.huishouden if casus else None,
        "overleg_id": punt.bijeenkomst.overleg if punt else None,
        "bijeenkomst_id": punt.bijeenkomst if punt else None,
        "agendapunt_id": punt,
        "aanvraag_id": Aanvraag.objects.filter(gemeente__code=g).first(),
        "lening_id": Lening.objects.filter(gemeente__code=g).first(),
        "plan_id": Bestedingsplan.objects.filter(gemeente__code=g).first(),
        "budget_id": Budget.objects.filter(gemeente__code=g).first(),
        "periode_id": Periode.objects.filter(gemeente__code=g).first(),
        "signaal_id": Signaal.objects.filter(gemeente__code=g).first(),
        "hulpverlener_id": Hulpverlener.objects.filter(gemeente__code=g).first(),
        "regelcheck_id": Regelcheck.objects.filter(gemeente__code=g).first(),
        "mkba_id": Mkba.objects.filter(gemeente__code=g).first(),
        "grondslag_id": Deelgrondslag.objects.filter(gemeente__code=g).first(),
    }
    return {naam: str(obj.pk) for naam, obj in gevonden.items() if obj is not None}


def _vreemde_objecten(data: dict, code: str) -> dict[str, str]:
    """Objects of other gemeenten for every path parameter: the next gemeente's where it has
    one, else those of the richest other gemeente (Peelstad, or Kempenhoven for Peelstad)."""
    volgende = CODES[(CODES.index(code) + 1) % len(CODES)]
    rijk = laden.GEMEENTE[0] if code != laden.GEMEENTE[0] else laden.ANDERE_GEMEENTE[0]
    return {**data["objecten"][rijk], **data["objecten"][volgende]}


def _get_routes(code: str) -> list[tuple[str, bevoegdheden.Regel]]:
    gevonden = []
    for route, _ in routes():
        regel = bevoegdheden.regel_voor(route)
        if regel is None or regel.methode != "GET" or "uitlog" in route or "logout" in route:
            continue
        if code not in VOLLEDIG and ZELFDE_VOOR_IEDEREEN.match(route):
            continue
        gevonden.append((route, regel))
    return gevonden


def _pad(route: str, waarden: dict[str, str]) -> str | None:
    namen = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if any(n not in waarden for n in namen):
        return None
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: waarden[m.group(1)], route)


@pytest.mark.django_db
def test_de_regio_telt_21_gemeenten_elk_met_fonds_gebruikers_en_casussen(regio_data):
    gemeenten = regio_data["gemeenten"]
    assert sorted(gemeenten) == sorted(CODES) and len(CODES) == 21
    assert {g.regio.naam for g in gemeenten.values()} == {laden.REGIO}
    # The seed's names for the region's gemeenten (seed 004 names these seven).
    namen = {g.naam for g in gemeenten.values()}
    assert {
        "Helmond",
        "Eindhoven",
        "Asten",
        "Deurne",
        "Someren",
        "Gemert-Bakel",
        "Laarbeek",
    } <= namen
    from doorbraak.budget.models import Budget, Fonds

    for code in CODES:
        assert Fonds.objects.filter(gemeente__code=code, standaard=True).count() == 1, code
        assert Budget.objects.filter(gemeente__code=code).exists(), code
        assert Casus.objects.filter(gemeente__code=code).count() >= 1, code
    for g in [*regio.GEMEENTEN, gemeenten[laden.ANDERE_GEMEENTE[0]]]:
        rollen = regio_data["gebruikers"][g.code]
        assert set(rollen) >= {"regisseur", "collega", "manager", "financien", "beheer"}
        assert rollen["manager"].username == regio.gebruikersnaam("manager", g)
        assert rollen["manager"].check_password(laden.WACHTWOORD)
    for g in regio.GEMEENTEN:
        assert Casus.objects.filter(gemeente__code=g.code).count() == 3
    # Rows that reach their gemeente through a parent carry the parent's gemeente.
    from django.db.models import F

    from doorbraak.budget.models import AanvraagStap, Fondsmandaat, Periode
    from doorbraak.organisaties.models import Mandaat

    for model, ouder in (
        (Mandaat, "doelgroep"),
        (Fondsmandaat, "fonds"),
        (Periode, "fonds"),
        (AanvraagStap, "aanvraag"),
    ):
        assert model.objects.exists()
        assert not model.objects.exclude(gemeente=F(f"{ouder}__gemeente")).exists(), model
    # The two seed gemeenten keep their rich data.
    assert Casus.objects.filter(gemeente__code=laden.GEMEENTE[0]).count() == len(laden.CASUSSEN)


def test_de_services_die_de_regio_opbouwen_volgen_de_routeringsregel(regio_data):
    """Registering households and cases, plans, measurements, funds, requests, go's, payments,
    tables and their meetings for 21 gemeenten: thousands of writes and reads."""
    regels = Counter(query_regel(sql) for sql in regio_data["queries"])
    assert regels["gemeente"] > 1000 and regels["sleutel"] > 100, regels
    overtredingen = {sql for sql in regio_data["queries"] if query_regel(sql) == "niet gerouteerd"}
    assert not overtredingen, "\n\n".join(sorted(overtredingen)[:10])


@pytest.mark.django_db
def test_regio_een_tweede_keer_wordt_geweigerd(regio_data):
    aantal = Gemeente.objects.count()
    with override_settings(DEMO=True), pytest.raises(CommandError, match="bestaan al"):
        call_command("demo", "--regio", stdout=io.StringIO())
    assert Gemeente.objects.count() == aantal == 21


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_een_gemeente_ziet_niets_van_de_andere_twintig(regio_data, code, settings):
    """Every GET route, as a user of this gemeente whose role the table allows: a path with
    another gemeente's object answers 400/403/404 (400: a required parameter is checked first),
    and no answer holds a UUID of another gemeente's row (ids the user sent aside). Meanwhile
    every query on a tenant table must follow the routing rule (demo/tests/schaal.py)."""
    settings.TWEEDE_FACTOR_VERPLICHT = False
    eigen = regio_data["objecten"][code]
    vreemd = _vreemde_objecten(regio_data, code)
    eigenaar = regio_data["eigenaar"]
    clients: dict[str, Client] = {}

    def client(rol: str) -> Client:
        if rol not in clients:
            clients[rol] = Client(raise_request_exception=False)
            clients[rol].force_login(regio_data["gebruikers"][code][rol])
        return clients[rol]

    afwijkingen, queries, gedekt, verstuurd = [], [], Counter(), set()

    def opnemen(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(opnemen):
        for route, regel in _get_routes(code):
            rol = next(
                (r for r in regio_data["gebruikers"][code] if bevoegdheden.toegestaan(regel, r)),
                None,
            )
            if rol is None:
                continue  # no user of this gemeente may call it (a partner's routes)
            heeft_object = bool(set(re.findall(r"<(?:\w+:)?(\w+)>", route)) - set(GEEN_OBJECT))
            pad = _pad(route, {**GEEN_OBJECT, **(vreemd if heeft_object else eigen)})
            if pad is None:
                continue
            antwoord = client(rol).get(pad)
            gedekt["detail" if heeft_object else "lijst"] += 1
            if heeft_object and antwoord.status_code not in (400, 403, 404):
                afwijkingen.append(f"{pad} als {rol}: {antwoord.status_code}")
            inhoud = b"".join(antwoord) if antwoord.streaming else antwoord.content
            # Ids the user sent may come back (a 404's instance; the log of the failed attempt
            # on the privacy page): that shows nothing the user did not already have.
            verstuurd |= set(UUID.findall(pad))
            lekt = {
                eigenaar[u]
                for u in UUID.findall(inhoud.decode("utf-8", "ignore"))
                if eigenaar.get(u, (code,))[0] != code and u not in verstuurd
            }
            if lekt:
                afwijkingen.append(f"{pad} als {rol} toont rijen van elders: {sorted(lekt)}")
    assert not afwijkingen, "\n".join(afwijkingen)
    assert gedekt["lijst"] >= 20 and gedekt["detail"] >= 20, gedekt
    overtredingen = [sql for sql in queries if query_regel(sql) == "niet gerouteerd"]
    assert not overtredingen, "\n\n".join(sorted(set(overtredingen))[:10])


@pytest.mark.django_db
def test_het_beheer_van_medewerkers_filtert_alleen_op_eigen_teams(regio_data, settings):
    """Found by the routing rule: the team filter listed the teams of every gemeente."""
    settings.TWEEDE_FACTOR_VERPLICHT = False
    client = Client()
    client.force_login(regio_data["gebruikers"][laden.GEMEENTE[0]]["beheer"])
    pagina = client.get("/beheer/organisaties/medewerker/").content.decode()
    assert "Regieteam Centrum" in pagina  # Peelstad's own team
    assert not any(f"Regieteam {g.naam}" in pagina for g in regio.GEMEENTEN)


def test_uuid_patroon_vindt_wat_het_moet_vinden():
    u = str(uuid.uuid4())
    assert UUID.findall(f'<a href="/casussen/{u}">') == [u]
