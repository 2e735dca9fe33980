"""The dossier page's first read, byte for byte: its parts read with SQL compiled once per
connection (`vaste_sql.rijen`) give the page the ORM's reading gives, over generated dossiers
(every status, helpers, plan, actions, network, status history, timeline, members with and
without a BSN) and a new one with most sections empty, in Dutch and English, for each variant
of viewer (works on the case, adds notes only, neither); one log entry per read; a member's BSN
shown masked as the model masks it, never in full."""

import re
import weakref
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorbraak import bsn, vaste_sql
from doorbraak.audit.models import Verwerking
from doorbraak.casussen import services
from doorbraak.casussen.models import (
    Casus,
    Contactmoment,
    Gezinslid,
    Hulpverlener,
    Statuswijziging,
    TijdlijnItem,
)
from doorbraak.mkba.models import Mkba
from doorbraak.organisaties.models import Medewerker, Rol
from doorbraak.regels.models import Regelcheck
from doorbraak.web import paginabouw, paginacache
from doorbraak.web.models import Dossierpagina

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')


def _lees(client: Client, casus_id, *, wissen: bool = True, queries: int | None = None) -> str:
    if wissen:  # every read a first read: no tier keeps it
        caches[paginacache.ALIAS].clear()
        Dossierpagina.objects.all().delete()
    voor = Verwerking.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(f"/casussen/{casus_id}")
    assert antwoord.status_code == 200
    assert queries is None or len(ctx.captured_queries) == queries
    assert Verwerking.objects.count() == voor + 1
    return TOKEN.sub("", antwoord.content.decode())


def _paginas(lezers: list[Medewerker], casus_ids: list, *, achtergrond=False) -> dict:
    paginas = {}
    for lezer in lezers:
        client = Client()
        client.force_login(lezer)
        for taal in ("nl", "en"):
            client.cookies["django_language"] = taal
            lees = _lees_na_opbouw(lezer, taal) if achtergrond else _lees
            for casus_id in casus_ids:
                paginas[lezer.username, taal, casus_id] = lees(client, casus_id)
    return paginas


def _lees_na_opbouw(lezer: Medewerker, taal: str):
    """The page rendered by the background job's function first (web.paginabouw), then read by
    its viewer from the database tier: the read renders nothing (its queries are those of a
    kept page: session, viewer, stand with log entry, the kept row) and rendering logged
    nothing."""

    def lees(client: Client, casus_id) -> str:
        caches[paginacache.ALIAS].clear()
        Dossierpagina.objects.all().delete()
        assert paginabouw.opbouwen(medewerker=lezer, casus_id=casus_id, taal=taal)
        caches[paginacache.ALIAS].clear()
        kept = 5 - (connection.vendor == "postgresql")
        return _lees(client, casus_id, wissen=False, queries=kept)

    return lees


def test_dossierpagina_met_vaste_sql_is_byte_voor_byte_die_van_de_orm(
    monkeypatch, maak_medewerker, maak_casus
):
    call_command("genereer", huishoudens=8, seed=19, stdout=None)
    bench = Medewerker.objects.get(username="bench")
    gemeente = bench.gemeente
    lezers = [
        bench,  # works on the case and adds notes
        maak_medewerker(gemeente, Rol.COLLEGA, username="meekijker"),  # notes only
        maak_medewerker(gemeente, Rol.MANAGER, username="manager"),  # neither
    ]
    leeg = maak_casus(bench, naam="Familie Leeg")
    services.notitie_toevoegen(door=bench, casus_id=leeg.pk, tekst="Eerste <b>gesprek</b>.")
    casus_ids = list(Casus.objects.filter(gemeente=gemeente).values_list("pk", flat=True))
    open_ids = list(
        Casus.objects.filter(gemeente=gemeente)
        .exclude(status="afgesloten")
        .values_list("pk", flat=True)
    )
    _met_contacten_check_en_mkba(bench, open_ids[:3])
    assert len({c.status for c in Casus.objects.filter(gemeente=gemeente)}) > 2
    assert Hulpverlener.objects.filter(casus__in=casus_ids).exists()
    assert Statuswijziging.objects.filter(casus__in=casus_ids).exists()

    snel = _paginas(lezers, casus_ids)
    assert any(vaste_sql._VORMEN.values()), "the fast path was not taken"
    # rendered in the background for each variant and language: the same bytes
    achtergrond = _paginas(lezers, casus_ids, achtergrond=True)
    assert achtergrond.keys() == snel.keys()
    verschillend = [k for k in snel if snel[k] != achtergrond[k]]
    assert not verschillend, verschillend[:3]

    # The reference: every part read by the ORM, compiled on each call.
    monkeypatch.setattr(vaste_sql, "_VORMEN", weakref.WeakKeyDictionary())
    monkeypatch.setattr(vaste_sql, "_rijvorm", lambda *args: None)
    orm = _paginas(lezers, casus_ids)

    assert snel.keys() == orm.keys()
    verschillend = [k for k in snel if snel[k] != orm[k]]
    assert not verschillend, verschillend[:3]
    assert "Eerste &lt;b&gt;gesprek&lt;/b&gt;." in snel["bench", "nl", leeg.pk]
    # the rows' own addresses (reversed once per page, each with its own id)
    for h in Hulpverlener.objects.filter(casus__in=casus_ids[:3]):
        adres = reverse("hulpverlener-verwijderen", args=[h.casus_id, h.pk])
        assert f'action="{adres}"' in snel["bench", "nl", h.casus_id]
    for casus in Casus.objects.filter(pk__in=casus_ids[:3]):
        for lid in Gezinslid.objects.filter(huishouden_id=casus.huishouden_id):
            adres = reverse("gezinslid-corrigeren", args=[casus.pk, lid.pk])
            assert f'href="{adres}"' in snel["bench", "en", casus.pk]
    # each member's BSN masked as the model masks it, never in full (read as rows, not instances)
    leden = Gezinslid.objects.filter(gemeente=gemeente).exclude(bsn_versleuteld="")
    assert leden.exists()
    for casus in Casus.objects.filter(huishouden__gezinsleden__in=leden).distinct():
        for lid in leden.filter(huishouden_id=casus.huishouden_id):
            assert f">{lid.bsn_masked}</span>" in snel["manager", "nl", casus.pk]
            assert bsn.ontsleutel(lid.bsn_versleuteld) not in snel["manager", "nl", casus.pk]
    assert 'lang="en"' in snel["manager", "en", leeg.pk]
    # the summary panel's check and MKBA, and the contact moments beyond the five shown
    assert "Bij &lt;20%&gt; minder." in snel["bench", "nl", open_ids[2]]
    assert "2 mogelijk, 0 niet op tijd, 2 onbekend" in snel["bench", "nl", open_ids[2]]
    assert "Nog 3 eerdere contactmomenten" in snel["bench", "nl", open_ids[2]]


def _met_contacten_check_en_mkba(door: Medewerker, casus_ids: list) -> None:
    """What the generator leaves out: contact moments (more than the page shows, with and
    without an author), a voorliggend check and an MKBA with a JSON key the summary reads."""
    for n, casus_id in enumerate(casus_ids):
        casus = Casus.objects.get(pk=casus_id)
        for dag in range(n * 4):
            invoer = services.ContactInvoer(
                datum=date(2026, 11, 1 + dag), soort="huisbezoek", met_wie="<b>GGZ</b> & moeder"
            )
            services.contactmoment_vastleggen(door=door, casus_id=casus_id, invoer=invoer)
        eerste = Contactmoment.objects.filter(casus_id=casus_id).order_by("datum").first()
        if eerste:  # a contact moment without an author (the medewerker removed)
            Contactmoment.objects.filter(pk=eerste.pk).update(door=None)
        if n:
            Regelcheck.objects.create(
                gemeente_id=casus.gemeente_id,
                casus=casus,
                peildatum=date(2026, 10, 1),
                ingevoerde_feiten={"a": 1},
                ingevoerde_persoonsfeiten={"lid": {"b": 2, "c": 3}},
                uitkomst={"samenvatting": {"mogelijk": 2, "onbekend": n}},
                kennisbank_versie="t",
            )
            vast = {"horizon_jaren": 5, "prijspeil": 2026, "invoer": {}, "instellingen": {}}
            geld = {
                v: Decimal("1234.56") for v in ("saldo", "saldo_voorzichtig", "contante_waarde")
            }
            zin = {"omslagpunt": {"zin": f"Bij <{n * 10}%> minder."}}
            Mkba.objects.create(
                casus=casus, gemeente_id=casus.gemeente_id, uitkomst=zin, **vast, **geld
            )


def test_rijen_zijn_die_van_de_orm_ook_met_een_andere_limiet_of_none(regisseur, maak_casus):
    casus = maak_casus(regisseur)
    for tekst in ("een", "twee", "drie"):
        services.notitie_toevoegen(door=regisseur, casus_id=casus.pk, tekst=tekst)
    velden = ("soort", "op", "tekst", "door_id", "door__first_name")

    def orm(limiet=None, **waar):
        qs = TijdlijnItem.objects.filter(**waar).order_by(*TijdlijnItem._meta.ordering)
        return list(qs.values_list(*velden, named=True)[:limiet])

    waar = {"gemeente_id": casus.gemeente_id, "casus_id": casus.pk}
    for limiet in (2, None, 1, 2):
        assert vaste_sql.rijen(TijdlijnItem, velden, limiet=limiet, **waar) == orm(limiet, **waar)
    rij = vaste_sql.rijen(TijdlijnItem, velden, **waar)[0]
    assert rij.tekst == orm(**waar)[0].tekst and rij._fields == velden
    # another case through the same compiled shape; a value None goes through the ORM
    ander = maak_casus(regisseur, naam="Familie Jansen")
    waar2 = {"gemeente_id": ander.gemeente_id, "casus_id": ander.pk}
    assert vaste_sql.rijen(TijdlijnItem, velden, **waar2) == orm(**waar2)
    assert vaste_sql.rijen(TijdlijnItem, velden, gemeente_id=casus.gemeente_id, casus_id=None) == []


def test_bewaarde_tabelkoppen_volgen_lezer_en_taal(maak_medewerker):
    """The tables' heads are kept per process ({% bewaard %}): keyed on the language and on
    whether the viewer may work on the case (a column for the remove button), so a viewer or a
    language after another never gets the other's head."""
    call_command("genereer", huishoudens=3, seed=19, stdout=None)
    bench = Medewerker.objects.get(username="bench")
    meekijker = maak_medewerker(bench.gemeente, Rol.COLLEGA, username="meekijker")
    casus_id = Hulpverlener.objects.filter(gemeente=bench.gemeente).first().casus_id
    for lezer, taal in (
        (bench, "nl"),
        (meekijker, "nl"),
        (meekijker, "en"),
        (bench, "en"),
        (bench, "nl"),
    ):
        client = Client()
        client.force_login(lezer)
        client.cookies["django_language"] = taal
        pagina = _lees(client, casus_id)
        begin = pagina.index('aria-labelledby="hulp-kop"')
        kop = pagina[begin : pagina.index("</thead>", begin)]
        assert ('<td class="utrecht-table__cell"></td>' in kop) is (lezer == bench)
        assert ("Organisation" if taal == "en" else "Organisatie") in kop
        assert ("Date of birth (age)" if taal == "en" else "Geboortedatum (leeftijd)") in pagina
