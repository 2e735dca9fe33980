"""One Dutch presentation layer (issue 17): the demo is loaded once, and every page every role can
reach — the GET routes of the authorisation table filled with demo ids, plus the links found on
those pages (other objects, tabs, filters, years) — and every PDF they link to is read as text and
scanned (`presentatie.py`): no codes, no Python reprs, no English numbers, no "seed 00N", one
date style. A failure names the rule, the word, the page (path and route) and the role.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from doorbraak.organisaties import bevoegdheden
from doorbraak.organisaties.models import Medewerker
from doorbraak.organisaties.tests.test_bevoegdheden_matrix import _pad, _parameters, routes
from doorbraak.web.tests.presentatie import (
    Uitzondering,
    Vondst,
    tekst_van_html,
    tekst_van_pdf,
    uitzondering,
    vondsten,
)

# The walk's tests read the demo through the module's fixture; marked so the test database exists.
pytestmark = pytest.mark.django_db

# One demo user per role (the roles' other demo users see the same pages).
ROLLEN = {
    "regisseur": "regisseur",
    "collega": "collega",
    "manager": "manager",
    "financien": "financien",
    "beleid": "beleid",
    "privacy": "privacy",
    "beheer": "beheer",
    "partner": "corporatie",
}
# Not walked: Django's admin (a separate product, its own language files), the API and its
# documentation viewers (JSON and identifiers by design), signing out and the language switch
# (POST), health checks and metrics (machine output), static files.
NIET_LOPEN = re.compile(
    r"^/(?:beheer/|api/|uitloggen|taal/|static/|media/|oidc/|metrics|gezondheid|tweede-factor)"
)
# Downloads that are no page and no PDF: spreadsheets, CSV files and ZIP bundles.
GEEN_PAGINA = re.compile(r"formaat=(?:csv|xlsx|zip)")
# At most this many different paths per route (and set of query keys) per role: two objects of a
# kind show a template's variety; more only costs CI time (and a year selector runs to 2100).
PER_ROUTE = 2
# Pages no link leads to directly (a form's GET): the report as PDF.
EXTRA = {"financien": ["/rapportages/verantwoording?formaat=pdf"]}
PDF_PER_ROUTE = 1

# Words a rule lets through, each with its reason. Keep it short.
UITZONDERINGEN: tuple[Uitzondering, ...] = (
    uitzondering(
        "code",
        r"[a-z0-9_]+",
        "Beleid beheert kengetallen op hun code: op de pagina's om er een te maken of te wijzigen "
        "is de code zelf een invoerveld (het label staat ernaast).",
        pagina=r"^/kengetallen/",
    ),
    uitzondering(
        "datum",
        r"\d{1,2}-\d{1,2}-\d{4}",
        "Bronvermelding in de kostencatalogus: de titel van een bron letterlijk, met haar datum.",
        pagina=r"^/kengetallen",
    ),
    uitzondering(
        "getal", r"2\.1|2\.2", "De versie van een norm: WCAG 2.1.", pagina=r"^/toegankelijkheid"
    ),
)


@dataclass
class Bevinding:
    vondst: Vondst
    pad: str
    route: str
    rol: str


@dataclass
class Wandeling:
    paginas: dict[str, int] = field(default_factory=dict)  # path → status
    pdfs: set[str] = field(default_factory=set)
    routes_gezien: set[str] = field(default_factory=set)
    pdf_routes: set[str] = field(default_factory=set)
    bevindingen: list[Bevinding] = field(default_factory=list)
    serverfouten: list[str] = field(default_factory=list)


def _route(pad: str) -> str | None:
    try:
        return resolve(urlsplit(pad).path).route
    except Resolver404:
        return None


_HREF = re.compile(r"""<a\b[^>]*?\bhref="([^"#]+)(?:#[^"]*)?\"""")


def _links(html: str) -> list[str]:
    uit = []
    for href in _HREF.findall(html):
        href = href.replace("&amp;", "&")
        intern = href.startswith("/") and not href.startswith("//")
        if intern and not NIET_LOPEN.match(href) and not GEEN_PAGINA.search(href):
            uit.append(href)
    return uit


def _sleutel(rol: str, pad: str, route: str) -> tuple:
    delen = urlsplit(pad)
    return rol, route, frozenset(k for k, _ in parse_qsl(delen.query))


def _toegestaan(uitzonderingen, vondst: Vondst, pad: str) -> bool:
    return any(u.geldt(vondst, pad) for u in uitzonderingen)


def _wandelen() -> Wandeling:
    w = Wandeling()
    waarden = _parameters()
    per_sleutel: Counter = Counter()
    for rol, gebruikersnaam in ROLLEN.items():
        client = Client(raise_request_exception=False)
        client.force_login(Medewerker.objects.get(username=gebruikersnaam))
        # Seeds: "/" (the landing page), then every GET route the table gives this role.
        te_doen = ["/", *EXTRA.get(rol, [])]
        for route, _ in routes():
            regel = bevoegdheden.regel_voor(route)
            if regel is None or "GET" not in regel.acties:
                continue
            if not bevoegdheden.toegestaan(regel, rol, methode="GET"):
                continue
            pad = _pad(route, waarden)
            if pad is not None and not NIET_LOPEN.match(pad):
                te_doen.append(pad)
        bezocht: set[str] = set()
        while te_doen:
            pad = te_doen.pop(0)
            if pad in bezocht:
                continue
            bezocht.add(pad)
            route = _route(pad)
            if route is None:
                continue
            sleutel = _sleutel(rol, pad, route)
            per_sleutel[sleutel] += 1
            pdf = "pdf" in pad or route.endswith("/inzage")  # PDFs are slow: fewer of each
            if per_sleutel[sleutel] > (PDF_PER_ROUTE if pdf else PER_ROUTE):
                continue
            with transaction.atomic():  # whatever a GET logs stays out of the next page
                antwoord = client.get(pad, follow=True)
                transaction.set_rollback(True)
            if antwoord.redirect_chain:
                pad = antwoord.redirect_chain[-1][0]
                route = _route(pad) or route
            soort = antwoord.get("Content-Type", "")
            w.paginas[f"{rol} {pad}"] = antwoord.status_code
            if antwoord.status_code >= 500:
                w.serverfouten.append(f"{rol} GET {pad} [{route}]: {antwoord.status_code}")
                continue
            if soort.startswith("application/pdf"):
                tekst = tekst_van_pdf(antwoord.content)
                w.pdfs.add(pad)
                w.pdf_routes.add(route)
            elif soort.startswith("text/html"):
                html = antwoord.content.decode()
                tekst = tekst_van_html(html)
                te_doen.extend(link for link in _links(html) if link not in bezocht)
            else:
                continue
            if antwoord.status_code == 200:
                w.routes_gezien.add(route)
            for vondst in vondsten(tekst):
                if not _toegestaan(UITZONDERINGEN, vondst, pad):
                    w.bevindingen.append(Bevinding(vondst, pad, route, rol))
    return w


@pytest.fixture(scope="module")
def wandeling(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module, walked once; everything rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        yield _wandelen()
        transaction.set_rollback(True)


def _rapport(bevindingen: list[Bevinding]) -> str:
    """One line per rule and word, with where it was seen first and how often."""
    groepen: dict[tuple[str, str], list[Bevinding]] = defaultdict(list)
    for b in bevindingen:
        groepen[(b.vondst.regel, b.vondst.woord)].append(b)
    from doorbraak.web.tests.presentatie import REGELS

    uitleg = {r.naam: r.uitleg for r in REGELS}
    regels = []
    for (regel, woord), lijst in sorted(groepen.items()):
        eerste = lijst[0]
        paginas = sorted({b.route for b in lijst})
        regels.append(
            f"- [{regel}] {woord!r} — {uitleg[regel]}; {len(lijst)}× op {len(paginas)} route(s), "
            f"o.a. als {eerste.rol} op {eerste.pad} [{eerste.route}]: «{eerste.vondst.context}»"
            + (f"; ook: {', '.join(paginas[1:4])}" if len(paginas) > 1 else "")
        )
    return "\n".join(regels)


def test_de_wandeling_ziet_de_paginas_en_pdfs_van_de_demo(wandeling):
    """The walk itself: enough pages, the known PDFs, and no server error hiding a page."""
    assert not wandeling.serverfouten, "\n".join(wandeling.serverfouten)
    assert len(wandeling.paginas) > 100
    for route in (
        "casussen/<uuid:casus_id>",
        "casussen/<uuid:casus_id>/kosten-en-baten",
        "casussen/<uuid:casus_id>/voorliggend",
        "aanvragen/<uuid:aanvraag_id>",
        "bijeenkomsten/<uuid:bijeenkomst_id>",
        "rapportages/evaluatie",
        "kengetallen",
        "mijn-taken",
    ):
        assert route in wandeling.routes_gezien, route
    assert {
        "casussen/<uuid:casus_id>/kosten-en-baten/pdf",
        "bijeenkomsten/<uuid:bijeenkomst_id>/verslag/pdf",
        "rapportages/verantwoording",
        "privacy/huishoudens/<uuid:huishouden_id>/inzage",
    } <= wandeling.pdf_routes, wandeling.pdf_routes


def test_geen_codes_reprs_engelse_getallen_of_tweede_datumstijl_op_paginas(wandeling):
    bevindingen = [b for b in wandeling.bevindingen if b.pad not in wandeling.pdfs]
    assert not bevindingen, "Op de pagina's van de demo:\n" + _rapport(bevindingen)


def test_geen_codes_reprs_engelse_getallen_of_tweede_datumstijl_in_pdfs(wandeling):
    bevindingen = [b for b in wandeling.bevindingen if b.pad in wandeling.pdfs]
    assert not bevindingen, "In de PDF's van de demo:\n" + _rapport(bevindingen)


# --- the rules themselves (no database) -----------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "regel", "woord"),
    [
        ("Betaler: gemeente_wmo", "code", "gemeente_wmo"),
        ("Onbekend: jw_jeugdhulp is niet mogelijk", "code", "jw_jeugdhulp"),
        ("€ 59.152,43 per_jaar", "code", "per_jaar"),
        ("Doorbraakbudget: {'alle': ['noodzakelijk']}", "python", "{'"),
        ("Toelichting: None", "python", "None"),
        ("Decimal('5.00')", "python", "Decimal("),
        ("saldo € 46394.86 over 3 jaar", "getal", "46394.86"),
        ("Uw mandaat reikt tot € 5000.00", "getal", "5000.00"),
        ("Uw mandaat reikt tot € 5000", "getal", "€ 5000"),
        ("discontovoet 0.0225", "getal", "0.0225"),
        ("40 × 0.5 × € 75,23", "getal", "0.5"),
        ("Bestedingsplan POK-middelen (seed 002), tabel Begroting", "seed", "seed 002"),
        ("Besproken op 1-12-2026", "datum", "1-12-2026"),
        ("Aangemeld 16 Nov 2026", "datum", "16 Nov 2026"),
        ("dinsdag 1 december 2026", "datum", "1 december 2026"),
        ("versie 2026-07-01", "datum", "2026-07-01"),
    ],
)
def test_regel_vindt_wat_niet_mag(tekst, regel, woord):
    assert (regel, woord) in {(v.regel, v.woord) for v in vondsten(tekst)}


@pytest.mark.parametrize(
    "tekst",
    [
        "Saldo € 46.394,86 over 3 jaar (voorzichtig € 30.595,25); discontovoet 2,25%",
        "Besproken in Regieteam Centrum op dinsdag 01-12-2026 om 14:05; deadline 21-11-2026.",
        "Wmo 2015 art. 2.3.5 lid 3; Jeugdwet artikel 5.2; € 1.350 toegekend, 12 dagen.",
        "Artikel: 1.1 (woonplaats) en 2.3 lid 1",
        "Mail naar karin_bos@partner.demo.invalid of zie https://wetten.overheid.nl/x_y",
        "IBAN NL91ABNA0417164300, november 2026, Gemeentelijke schuldhulpverlening",
    ],
)
def test_nette_tekst_geeft_geen_vondst(tekst):
    assert vondsten(tekst) == []


def test_tekst_van_html_slaat_scripts_en_tags_over_en_leest_labels():
    html = (
        '<p class="x_y">Saldo <strong>€ 1.234,56</strong></p><script>var a_b = 1.5;</script>'
        '<style>.c_d{}</style><input type="hidden" name="per_jaar" value="0.5">'
        '<button aria-label="Sluit venster_x">×</button>'
    )
    tekst = tekst_van_html(html)
    assert "Saldo" in tekst and "€ 1.234,56" in tekst
    assert "a_b" not in tekst and "c_d" not in tekst and "per_jaar" not in tekst
    assert [v.woord for v in vondsten(tekst)] == ["venster_x"]


def test_uitzondering_geldt_alleen_voor_haar_regel_woord_en_pagina():
    u = uitzondering("code", r"beschermd_wonen_jaar", "reden", pagina=r"^/kengetallen")
    v = Vondst("code", "beschermd_wonen_jaar", "")
    assert u.geldt(v, "/kengetallen")
    assert not u.geldt(v, "/casussen")
    assert not u.geldt(Vondst("getal", "beschermd_wonen_jaar", ""), "/kengetallen")


# --- forms with bad input: an instruction beside the field, the input kept -----------------------

GENERIEK = ("Dit veld is vereist", "Zorg ervoor dat", "Voer een geldig", "Selecteer een geldige")


def _demo_objecten() -> dict:
    from doorbraak.budget.models import Aanvraag
    from doorbraak.casussen.models import Casus

    g = "GM9991"
    return {
        "casus": Casus.objects.filter(
            gemeente__code=g, regisseur__username="regisseur", status__in=["plan", "uitvoering"]
        ).first(),
        "ingediend": Aanvraag.objects.filter(gemeente__code=g, status="ingediend").first(),
        "toegekend": Aanvraag.objects.filter(gemeente__code=g, status="toegekend").first(),
    }


def _morgen() -> str:
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.localdate() + timedelta(days=1)).isoformat()


def _aanmelding(**wijzig) -> dict:
    from doorbraak.web.tests.test_paginas import aanmelding

    return aanmelding(**wijzig)


# (name, role, path, data, the fields that must carry an instruction, texts the page keeps)
FORMULIEREN = [
    (
        "nieuwe casus",
        "regisseur",
        lambda o: "/casussen/nieuw",
        lambda o: _aanmelding(
            **{
                "huishouden-naam": "",
                "gezinsleden-0-geboortedatum": "",
                "gezinsleden-1-bsn": "123456789",
                "casus-aanleiding": "Beslag op het loon; de deurwaarder staat voor de deur.",
            }
        ),
        ["id_huishouden-naam", "id_gezinsleden-0-geboortedatum", "id_gezinsleden-1-bsn"],
        ["Beslag op het loon; de deurwaarder staat voor de deur.", "Proef"],
    ),
    (
        "hulpverlener",
        "regisseur",
        lambda o: f"/casussen/{o['casus'].pk}/hulpverleners",
        lambda o: {"organisatie": "Wijkteam Oost", "rol": "", "geschatte_jaarkosten": "-5"},
        ["id_rol", "id_geschatte_jaarkosten"],
        ["Wijkteam Oost"],
    ),
    (
        "notitie",
        "regisseur",
        lambda o: f"/casussen/{o['casus'].pk}/notities",
        lambda o: {"tekst": ""},
        ["id_tekst"],
        [],
    ),
    (
        "domeinscores",
        "regisseur",
        lambda o: f"/casussen/{o['casus'].pk}/domeinscores",
        lambda o: {"datum": _morgen(), "score_financien": "2", "toelichting_financien": "Schuld"},
        ["id_datum"],
        [_morgen(), "Schuld"],
    ),
    (
        "aanvraag boven het mandaat",
        "regisseur",
        lambda o: f"/casussen/{o['casus'].pk}/aanvragen/nieuw",
        lambda o: {
            "fonds": "doorbraakbudget",
            "bedrag": "250000",
            "vorm": "om_niet",
            "ontvanger_naam": "Woningcorporatie Peelwonen",
            "ontvanger_iban": "NL91ABNA0417164300",
            "motivering": "Huisuitzetting voorkomen; de corporatie wacht op betaling.",
            "criteria": ["voorliggend_onvoldoende", "noodzakelijk"],
        },
        ["id_bedrag"],
        ["250.000,00", "Huisuitzetting voorkomen; de corporatie wacht op betaling."],
    ),
    (
        "meekijken negatief zonder toelichting",
        "collega",
        lambda o: f"/aanvragen/{o['ingediend'].pk}/beoordelen",
        lambda o: {"advies": "negatief", "toelichting": ""},
        ["id_toelichting"],
        [],
    ),
    (
        "betaling in de toekomst",
        "financien",
        lambda o: f"/aanvragen/{o['toegekend'].pk}/betalen",
        lambda o: {"bedrag": "10", "datum": _morgen()},
        ["id_datum"],
        [_morgen()],
    ),
    (
        "signaal",
        "beleid",
        lambda o: "/signalen/nieuw",
        lambda o: {
            "regeling": "",
            "titel": "Wachttijd Wmo",
            "omschrijving": "",
            "aantal_huishoudens": "-1",
        },
        ["id_regeling", "id_omschrijving", "id_aantal_huishoudens"],
        ["Wachttijd Wmo"],
    ),
    (
        "BSN zoeken",
        "privacy",
        lambda o: "/privacy",
        lambda o: {"bsn": "123456789"},
        ["id_bsn"],
        ["123456789"],
    ),
]


@pytest.mark.parametrize(
    ("rol", "pad", "data", "velden", "behouden"),
    [pytest.param(*f[1:], id=f[0]) for f in FORMULIEREN],
)
def test_formulier_met_foute_invoer_zegt_bij_het_veld_wat_te_doen_en_houdt_de_invoer(
    wandeling, rol, pad, data, velden, behouden
):
    objecten = _demo_objecten()
    client = Client()
    client.force_login(Medewerker.objects.get(username=ROLLEN[rol]))
    antwoord = client.post(pad(objecten), data(objecten))
    html = antwoord.content.decode()
    assert antwoord.status_code == 400, (antwoord.status_code, html[:300])
    tekst = tekst_van_html(html)
    for veld in velden:
        gevonden = re.search(rf'id="{veld}-fout"[^>]*>(.*?)</div>', html, re.S)
        assert gevonden, f"geen melding bij {veld}"
        melding = tekst_van_html(gevonden.group(1))
        assert melding, f"lege melding bij {veld}"
        assert not any(g in melding for g in GENERIEK), f"{veld}: {melding}"
        invoer = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="{veld}"[^>]*>', html)
        assert invoer and 'aria-invalid="true"' in invoer.group(0), f"{veld} niet gemarkeerd"
    for waarde in behouden:
        assert waarde in html, f"invoer kwijt: {waarde!r}"
    assert not [v for v in vondsten(tekst) if not _toegestaan(UITZONDERINGEN, v, pad(objecten))]


# --- the demo's timeline reads like cases that ran for weeks -------------------------------------


def test_demo_tijdlijn_heeft_verschillende_realistische_tijden(wandeling):
    from django.utils import timezone

    from doorbraak.casussen.models import Casus

    nu = timezone.now()
    for casus in Casus.objects.filter(gemeente__code="GM9991").prefetch_related(
        "tijdlijn", "statuswijzigingen"
    ):
        items = sorted(casus.tijdlijn.all(), key=lambda i: i.op)
        momenten = [timezone.localtime(i.op) for i in items]
        assert len(set(momenten)) == len(momenten), casus  # no two entries at the same time
        assert all(m <= nu for m in momenten)
        assert momenten[0].date() >= timezone.localtime(casus.aangemeld_op).date()
        if len(items) > 3:
            assert len({m.date() for m in momenten}) > 1, casus  # spread over days
        overdag = [m for m in momenten if m.date() < timezone.localdate()]
        assert all(9 <= m.hour < 17 for m in overdag), casus
        eigen = {i.op for i in items}
        assert all(w.op in eigen for w in casus.statuswijzigingen.all())  # with its own entry
