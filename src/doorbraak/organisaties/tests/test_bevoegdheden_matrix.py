"""The authorisation matrix, proven: every route in the URL configuration (a walk over Django's
resolver) is in the table of `organisaties.bevoegdheden`, and every role (a demo user each, and
anonymous) is called on it; what it gets must be what the table says. A new route without a rule
fails here."""

import re
import uuid
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from doorbraak.organisaties import bevoegdheden
from doorbraak.organisaties.models import Medewerker

pytestmark = pytest.mark.django_db

# One demo user per role; "anoniem" is nobody signed in.
GEBRUIKERS = {
    "anoniem": None,
    "regisseur": "regisseur",
    "collega": "collega",
    "manager": "manager",
    "financien": "financien",
    "beleid": "beleid",
    "privacy": "privacy",
    "beheer": "beheer",
    "partner": "corporatie",
}
GEWEIGERD = {401, 403}


def routes(resolver=None, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Every route of the URL configuration as its full pattern string."""
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from routes(p, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def test_elke_route_staat_in_de_tabel():
    ontbreekt = [r for r, _ in routes() if bevoegdheden.regel_voor(r) is None]
    assert not ontbreekt, "Routes zonder regel in organisaties/bevoegdheden.py:\n" + "\n".join(
        ontbreekt
    )


def test_tabel_noemt_geen_routes_die_niet_bestaan():
    bestaand = {r for r, _ in routes()}
    assert not set(bevoegdheden.ROUTES) - bestaand


def _parameters() -> dict[str, dict[str, str]]:
    """Objects of the demo gemeente to put in paths, chosen so that every sub-resource exists."""
    from doorbraak.budget.models import Aanvraag, Bestedingsplan, Budget, Lening, Periode
    from doorbraak.casussen.models import Casus, Hulpverlener
    from doorbraak.mkba.models import Mkba
    from doorbraak.overleg.models import Agendapunt, Deelgrondslag
    from doorbraak.rapportage.models import Signaal
    from doorbraak.regels.models import Regelcheck

    g = "GM9991"
    partner = Medewerker.objects.get(username="corporatie")
    punt = (
        Agendapunt.objects.filter(
            bijeenkomst__overleg__leden__medewerker=partner, bijeenkomst__overleg__gemeente__code=g
        )
        .select_related("bijeenkomst")
        .first()
    )
    casus = Casus.objects.filter(gemeente__code=g, status="uitvoering").first()
    hv = Hulpverlener.objects.filter(casus__gemeente__code=g).first()
    rc = Regelcheck.objects.filter(casus__gemeente__code=g).first()
    mkba = Mkba.objects.filter(casus__gemeente__code=g).first()
    grond = Deelgrondslag.objects.filter(casus__gemeente__code=g).first()

    def pk(obj):  # an unknown id where the demo has no such object (the route answers 404)
        return obj.pk if obj is not None else uuid.uuid4()

    aanvraag = Aanvraag.objects.filter(gemeente__code=g, status="toegekend").first()
    algemeen = {
        "casus_id": pk(casus),
        "huishouden_id": casus.huishouden_id,
        "overleg_id": punt.bijeenkomst.overleg_id,
        "bijeenkomst_id": punt.bijeenkomst_id,
        "agendapunt_id": punt.pk,
        "aanvraag_id": pk(aanvraag),
        "lening_id": pk(Lening.objects.filter(gemeente__code=g).first()),
        "plan_id": pk(Bestedingsplan.objects.filter(gemeente__code=g).first()),
        "budget_id": pk(Budget.objects.filter(gemeente__code=g).first()),
        "periode_id": pk(Periode.objects.filter(fonds__gemeente__code=g).first()),
        "signaal_id": pk(Signaal.objects.filter(gemeente__code=g).first()),
        "code": "nacht-maatschappelijke-opvang",
        "soort": "acties",
        "stap": "indienen",
        "hulpverlener_id": pk(hv),
        "regelcheck_id": pk(rc),
        "mkba_id": pk(mkba),
        "grondslag_id": pk(grond),
    }
    # A path with a sub-resource takes the case that sub-resource belongs to.
    per_subresource = {
        naam: obj.casus_id
        for naam, obj in (
            ("hulpverlener_id", hv),
            ("regelcheck_id", rc),
            ("mkba_id", mkba),
            ("grondslag_id", grond),
        )
        if obj is not None
    }
    return {"algemeen": {k: str(v) for k, v in algemeen.items()}, "casus_van": per_subresource}


def _pad(route: str, waarden: dict) -> str | None:
    namen = re.findall(r"<(?:\w+:)?(\w+)>", route)
    gegevens = dict(waarden["algemeen"])
    for naam in namen:
        if naam in waarden["casus_van"]:
            gegevens["casus_id"] = str(waarden["casus_van"][naam])
    if any(n not in gegevens for n in namen):
        return None
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: gegevens[m.group(1)], route)


def _roep(client: Client, methode: str, pad: str):
    if methode == "GET":
        return client.get(pad)
    if pad.startswith("/api/"):  # an empty JSON object: the role is checked before the content
        return client.generic(methode, pad, "{}", content_type="application/json")
    return client.generic(methode, pad, "", content_type="application/x-www-form-urlencoded")


def _geweigerd(antwoord) -> bool:
    if antwoord.status_code in GEWEIGERD:
        return True
    plek = antwoord.get("Location", "")  # sent to the login page to come back afterwards
    return (
        antwoord.status_code == 302 and "next=" in plek and ("login" in plek or "inloggen" in plek)
    )


def test_elke_rol_op_elke_route_krijgt_wat_de_tabel_zegt(settings):
    """GET on every route with every role: allowed means not refused (a 404 outside the role's
    scope, a 400 for a missing parameter or a 405 count as 'not refused'); refused means 401,
    403 or the login page. Write-only routes get an empty POST: a role the table refuses must be
    refused, a role it allows must not be."""
    settings.TWEEDE_FACTOR_VERPLICHT = False
    call_command("demo")
    waarden = _parameters()
    gebruikers = {
        rol: Medewerker.objects.get(username=naam) if naam else None
        for rol, naam in GEBRUIKERS.items()
    }

    def client(rol: str) -> Client:  # a fresh session per call: a logout route ends it
        c = Client(raise_request_exception=False)
        if gebruikers[rol] is not None:
            c.force_login(gebruikers[rol])
        return c

    afwijkingen, waargenomen = [], {}
    for route, _ in routes():
        regel = bevoegdheden.regel_voor(route)
        if regel is None or regel.methode is None:
            continue  # not callable here (e.g. an admin object page covered by its prefix)
        pad = _pad(route, waarden)
        if pad is None:
            continue
        for rol in GEBRUIKERS:
            antwoord = _roep(client(rol), regel.methode, pad)
            mag = bevoegdheden.toegestaan(regel, rol)
            kreeg = not _geweigerd(antwoord)
            waargenomen.setdefault(route, {})[rol] = antwoord.status_code
            if mag and not kreeg and bevoegdheden.fijner(regel):
                continue  # the service's finer check (mandate, chair, requester) refused
            if mag != kreeg:
                afwijkingen.append(
                    f"{regel.methode} {pad} [{route}] als {rol}: "
                    f"{antwoord.status_code}, tabel zegt {'toegestaan' if mag else 'geweigerd'}"
                )
    assert not afwijkingen, "\n".join(afwijkingen)
