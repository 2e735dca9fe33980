"""The dossier page's content is rendered once per version of the case (web.paginacache): the
next read after any change shows the change, every read is logged, each viewer gets their own
CSRF token and their own variant, and a kept page costs a handful of queries."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from doorbraak.audit.models import Verwerking
from doorbraak.casussen import leesmodel, services
from doorbraak.casussen.models import DossierLeesmodel
from doorbraak.organisaties.models import Rol
from doorbraak.web import paginacache

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lege_paginacache")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def web(client, regisseur):
    client.force_login(regisseur)
    return client


def lees(client, casus) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(f"/casussen/{casus.pk}")
    assert antwoord.status_code == 200, antwoord.content[:300]
    return antwoord.content.decode(), len(ctx.captured_queries)


def zonder_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html).replace(
        re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1), ""
    )


# the case's stand and its log entry: one statement on PostgreSQL, two on SQLite
EEN_OP_POSTGRESQL = 1 if connection.vendor == "postgresql" else 0


def test_tweede_lezing_komt_uit_de_cache_met_vaste_queries_en_dezelfde_inhoud(web, casus):
    services.notitie_toevoegen(door=casus.regisseur, casus_id=casus.pk, tekst="Eerste gesprek.")
    services.domeinscores_vastleggen(
        door=casus.regisseur, casus_id=casus.pk, scores=[services.Score("financien", 2)]
    )
    services.hulpverlener_toevoegen(
        door=casus.regisseur, casus_id=casus.pk, invoer=services.HulpverlenerInvoer("Org", "Rol")
    )
    leesmodel.alles_opbouwen()  # the copy as the API or `doorbraak leesmodel` leaves it
    voor = Verwerking.objects.filter(object_type="casus", omschrijving="dossier").count()
    eerste, eerste_queries = lees(web, casus)
    tweede, tweede_queries = lees(web, casus)
    # Built: session, medewerker with gemeente, the case's stand and the log entry (one
    # statement on PostgreSQL, see audit.services.gelezen_en_vastgelegd), the case with its
    # household, doelgroep, regisseur, plan and its read model's copy (members, helpers, the
    # plan's bottlenecks, actions, network) in one, measurements, scores, contact moments,
    # status history, the timeline, the requests, the documents and the summary panel's three
    # (last check, latest MKBA, next meeting); and the kept page looked up in the database
    # before, and stored there after (one statement each).
    assert eerste_queries == 17 - EEN_OP_POSTGRESQL
    # Kept: session, medewerker with gemeente, the case's stand and the log entry.
    assert tweede_queries == 4 - EEN_OP_POSTGRESQL
    assert zonder_tokens(eerste) == zonder_tokens(tweede)
    assert "Eerste gesprek." in tweede and "Familie De Vries" in tweede
    assert "<title>Familie De Vries — Dossier — Doorbraak</title>" in tweede
    # every read logged, kept or not
    na = Verwerking.objects.filter(object_type="casus", omschrijving="dossier", casus_id=casus.pk)
    assert na.count() - voor == 2


def test_de_cache_bewaart_geen_token_maar_een_plaatshouder(web, casus):
    lees(web, casus)
    sleutel = paginacache.sleutel(
        "dossier",
        casus.pk,
        DossierLeesmodel.objects.get(casus=casus).versie,
        casus.tijdlijn.count(),
        variant=(True, True),
    )
    inhoud = caches[paginacache.ALIAS].get(sleutel)
    assert paginacache.plaatshouder() in inhoud
    assert web.cookies["csrftoken"].value not in inhoud
    assert not TOKEN.search(inhoud.replace(paginacache.plaatshouder(), ""))


def _doelgroep_hernoemen(regisseur, casus):
    doelgroep = casus.doelgroep
    doelgroep.naam = "Nieuwe stap"
    doelgroep.save()


def _regisseur_hernoemen(regisseur, casus):
    regisseur.last_name = "Nieuwe stap"
    regisseur.save(update_fields=["last_name"])


WIJZIGINGEN = {
    "notitie": lambda r, c: services.notitie_toevoegen(door=r, casus_id=c.pk, tekst="Nieuwe stap"),
    "status": lambda r, c: services.casus_wijzigen(
        door=r, casus_id=c.pk, status_naar="plan", reden="Nieuwe stap"
    ),
    "hulpverlener": lambda r, c: services.hulpverlener_toevoegen(
        door=r, casus_id=c.pk, invoer=services.HulpverlenerInvoer("Nieuwe stap", "Schuldhulp")
    ),
    "huishouden": lambda r, c: services.huishouden_wijzigen(
        door=r, huishouden_id=c.huishouden_id, naam="Nieuwe stap"
    ),
    "gezinslid": lambda r, c: services.gezinslid_corrigeren(
        door=r,
        huishouden_id=c.huishouden_id,
        gezinslid_id=c.huishouden.gezinsleden.get().pk,
        wijzigingen={"voornaam": "Nieuwe stap"},
        reden="Typfout",
    ),
    "plan": lambda r, c: services.doorbraakplan_opslaan(
        door=r, casus_id=c.pk, invoer=services.PlanInvoer(situatie="Nieuwe stap")
    ),
    "doelgroep": _doelgroep_hernoemen,
    "naam regisseur": _regisseur_hernoemen,
}


@pytest.mark.parametrize("wijziging", WIJZIGINGEN)
def test_een_wijziging_staat_bij_de_volgende_lezing_op_de_pagina(web, regisseur, casus, wijziging):
    voor, _ = lees(web, casus)
    assert "Nieuwe stap" not in voor
    lees(web, casus)  # kept now
    WIJZIGINGEN[wijziging](regisseur, casus)
    na, queries = lees(web, casus)
    assert "Nieuwe stap" in na
    assert queries > 4  # built again


# A row of the members', helpers' and actions' tables, which the page shows from the read model.
NIEUWE_RIJEN = (
    '<th class="utrecht-table__header-cell" scope="row">Nieuwe stap de Vries',
    '<th class="utrecht-table__header-cell" scope="row">Nieuwe hulp</th>',
    '<td class="utrecht-table__cell">Nieuwe actie</td>',
)


def _lid_hulpverlener_en_actie(regisseur, casus) -> None:
    WIJZIGINGEN["gezinslid"](regisseur, casus)
    invoer = services.HulpverlenerInvoer("Nieuwe hulp", "Schuldhulp")
    services.hulpverlener_toevoegen(door=regisseur, casus_id=casus.pk, invoer=invoer)
    acties = [{"omschrijving": "Nieuwe actie", "eigenaar": "Regisseur"}]
    invoer = services.PlanInvoer(doorbraak="Eén loket", acties=acties)
    services.doorbraakplan_opslaan(door=regisseur, casus_id=casus.pk, invoer=invoer)


def test_leden_hulpverleners_en_acties_na_een_wijziging_uit_de_nieuwe_kopie(web, regisseur, casus):
    """The members, helpers and actions come from the read model's copy: after a change the
    page shows the copy built for the new version, never the one before it."""
    leesmodel.alles_opbouwen()
    voor, _ = lees(web, casus)
    assert not any(r in voor for r in NIEUWE_RIJEN)
    _lid_hulpverlener_en_actie(regisseur, casus)
    na, _ = lees(web, casus)
    assert all(r in na for r in NIEUWE_RIJEN), [r for r in NIEUWE_RIJEN if r not in na]


def test_een_kopie_gebouwd_tijdens_een_wijziging_komt_niet_op_de_volgende_pagina(
    web, regisseur, casus, monkeypatch
):
    """The page builds the read model's copy as the API does when it is empty, and keeps it only
    while the version it read still holds: a copy built while a change came in (here: during
    the build) is not kept, so the next read builds it again and shows the change."""
    WIJZIGINGEN["notitie"](regisseur, casus)  # the copy is empty now
    bouwen = leesmodel.opbouwen
    gewijzigd = []

    def bouwen_en_intussen_wijzigen(c):
        inhoud = bouwen(c)
        if not gewijzigd:
            gewijzigd.append(True)
            _lid_hulpverlener_en_actie(regisseur, casus)
        return inhoud

    monkeypatch.setattr(leesmodel, "opbouwen", bouwen_en_intussen_wijzigen)
    tijdens, _ = lees(web, casus)
    assert gewijzigd and not any(r in tijdens for r in NIEUWE_RIJEN)  # built before the change
    na, _ = lees(web, casus)
    assert all(r in na for r in NIEUWE_RIJEN), [r for r in NIEUWE_RIJEN if r not in na]


@pytest.mark.parametrize("wijziging", ["notitie", "status", "doelgroep"])
def test_een_casus_zonder_leesmodel_wordt_bewaard_tot_de_eerste_wijziging(
    web, regisseur, casus, wijziging
):
    """A case whose read model row was never made (written before the read model existed, or
    loaded in bulk) is kept as version 0; its first change makes the row, with version 1."""
    DossierLeesmodel.objects.filter(casus=casus).delete()
    voor, _ = lees(web, casus)
    tweede, queries = lees(web, casus)
    assert queries == 4 - EEN_OP_POSTGRESQL  # kept
    assert zonder_tokens(tweede) == zonder_tokens(voor)
    WIJZIGINGEN[wijziging](regisseur, casus)
    na, queries = lees(web, casus)
    assert "Nieuwe stap" in na
    assert queries > 4  # built again


def test_elke_bezoeker_zijn_eigen_token_en_zijn_eigen_variant(
    web, gemeente, regisseur, casus, maak_medewerker
):
    eigen, _ = lees(web, casus)  # the regisseur's page is kept
    assert "corrigeren" in eigen
    collega = maak_medewerker(gemeente, Rol.COLLEGA, username="collega")
    tweede_regisseur = maak_medewerker(gemeente, Rol.REGISSEUR, username="regisseur-b")
    andere = Client(enforce_csrf_checks=True)
    andere.force_login(tweede_regisseur)
    andere.get("/casussen")  # a CSRF cookie first
    html, queries = lees(andere, casus)
    assert queries == 4 - EEN_OP_POSTGRESQL  # the kept page
    assert paginacache.plaatshouder() not in html
    tokens = set(TOKEN.findall(html))
    assert tokens and tokens.isdisjoint(TOKEN.findall(eigen))
    # the token on the kept page is this viewer's own: a form posted with it is accepted
    antwoord = andere.post(
        f"/casussen/{casus.pk}/notities",
        {"tekst": "Met het eigen token", "csrfmiddlewaretoken": tokens.pop()},
    )
    assert antwoord.status_code == 302
    # a collega may add notes but not work on the case: another variant, built for them
    kijker = Client()
    kijker.force_login(collega)
    html, queries = lees(kijker, casus)
    assert "corrigeren" not in html and "Met het eigen token" in html
    assert queries > 4


def test_een_formulier_met_fouten_komt_nooit_uit_de_cache(web, casus):
    lees(web, casus)
    antwoord = web.post(f"/casussen/{casus.pk}/notities", {"tekst": "   "})
    assert antwoord.status_code == 400
    assert 'aria-invalid="true"' in antwoord.content.decode()  # the error beside the field
    lees(web, casus)  # and the kept page has no error in it
    html, _ = lees(web, casus)
    assert 'aria-invalid="true"' not in html


def test_een_andere_gemeente_krijgt_404_ook_als_de_pagina_bewaard_is(web, casus, regisseur_elders):
    lees(web, casus)
    buiten = Client()
    buiten.force_login(regisseur_elders)
    assert buiten.get(f"/casussen/{casus.pk}").status_code == 404


def test_sleutel_per_taal_dag_en_variant():
    with translation.override("nl"):
        nl = paginacache.sleutel("dossier", "c", 3, 1, variant=(True, True))
        assert paginacache.sleutel("dossier", "c", 3, 1, variant=(False, True)) != nl
        assert paginacache.sleutel("dossier", "c", 4, 1, variant=(True, True)) != nl
        assert paginacache.sleutel("dossier", "c", 3, 2, variant=(True, True)) != nl
        assert paginacache.sleutel("dossier", "c", None, 1) is None  # no version: not kept
    with translation.override("en"):
        assert paginacache.sleutel("dossier", "c", 3, 1, variant=(True, True)) != nl
    assert datetime.date.today().isoformat()[:4] in nl


def test_de_release_in_de_sleutel_verandert_met_elke_bron_die_een_pagina_tekent(tmp_path):
    """A shared page cache must not serve a part rendered by the previous release: a change to
    the code the page draws on outside the web app (a summary, formatting) counts too."""
    for pad, inhoud in {
        "web/views/dossier.py": "x = 1",
        "web/templates/web/dossier.html": "<p>",
        "casussen/samenvatting.py": "def s(): ...",
        "opmaak.py": "EURO = '€'",
        "casussen/tests/test_samenvatting.py": "def test(): ...",
        "casussen/migrations/0001_begin.py": "ops = []",
    }.items():
        (tmp_path / pad).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / pad).write_text(inhoud)
    eerst = paginacache.digest_van(tmp_path, "1.0")
    assert paginacache.digest_van(tmp_path, "1.1") != eerst
    for pad in ("casussen/samenvatting.py", "opmaak.py", "web/templates/web/dossier.html"):
        (tmp_path / pad).write_text((tmp_path / pad).read_text() + " ")
        assert paginacache.digest_van(tmp_path, "1.0") != eerst, pad
        eerst = paginacache.digest_van(tmp_path, "1.0")
    for pad in ("casussen/tests/test_samenvatting.py", "casussen/migrations/0001_begin.py"):
        (tmp_path / pad).write_text("anders")
        assert paginacache.digest_van(tmp_path, "1.0") == eerst, pad
