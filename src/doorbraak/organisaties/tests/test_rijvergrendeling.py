"""Row locks follow doorbraak/vergrendeling.py: FOR NO KEY UPDATE, so a locked row does not
stop other transactions from committing rows that refer to it (their deferred foreign-key
check takes FOR KEY SHARE at COMMIT). Only a lock on a row that is deleted afterwards is FOR
UPDATE, and says so on its line.

Before this rule held everywhere, a beheerder changing a medewerker's roles, or the mail job
sending that medewerker a melding (its lock reached the recipient through a join), held the
medewerker's row FOR UPDATE: every change that medewerker made meanwhile (a timeline entry, a
log entry: all refer to them) waited at COMMIT until the other transaction ended."""

import ast
import threading
from pathlib import Path

import pytest
from django.db import connection, transaction

from doorbraak.audit.tests.test_gelijktijdig import in_thread
from doorbraak.casussen import services as casussen
from doorbraak.casussen.models import TijdlijnItem
from doorbraak.mijntaken import taken as mijntaken_taken
from doorbraak.mijntaken.models import Melding
from doorbraak.organisaties import services as organisaties

BRON = Path(__file__).resolve().parents[2]


def _no_key(aanroep: ast.Call) -> bool:
    return any(
        k.arg == "no_key" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in aanroep.keywords
    )


def test_elke_rijvergrendeling_is_no_key_of_zegt_waarom_niet():
    """A static rule: FOR UPDATE only where the row is deleted afterwards, named on the line."""
    fout = []
    for pad in sorted(BRON.rglob("*.py")):
        if "tests" in pad.parts or "migrations" in pad.parts:
            continue
        tekst = pad.read_text(encoding="utf-8")
        regels = tekst.splitlines()
        for knoop in ast.walk(ast.parse(tekst)):
            if not (
                isinstance(knoop, ast.Call)
                and isinstance(knoop.func, ast.Attribute)
                and knoop.func.attr == "select_for_update"
            ):
                continue
            nummer = knoop.func.end_lineno
            uitleg = " ".join(regels[max(0, nummer - 2) : nummer])
            if not _no_key(knoop) and "FOR UPDATE" not in uitleg:
                fout.append(f"{pad.relative_to(BRON)}:{nummer}: {regels[nummer - 1].strip()}")
    assert not fout, "FOR UPDATE zonder reden (zie doorbraak/vergrendeling.py):\n" + "\n".join(fout)


def _vastgehouden(vergrendel):
    """Run `vergrendel` in a transaction in another thread and keep that transaction open until
    released; returns (release, thread, errors)."""
    klaar, los = threading.Event(), threading.Event()

    def houd_vast():
        try:
            with transaction.atomic():
                vergrendel()
                klaar.set()
                assert los.wait(20)
        finally:
            klaar.set()

    t, fouten = in_thread(houd_vast)
    assert klaar.wait(20)
    return los, t, fouten


def _schrijft_zonder_te_wachten(casus, medewerker) -> None:
    """The medewerker's own change commits while the other transaction holds its lock; with
    FOR UPDATE this COMMIT waits for it, and lock_timeout turns that wait into an error."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        casussen.gebeurtenis(casus, "Gesprek gevoerd met de woningcorporatie.", medewerker)
    assert TijdlijnItem.objects.filter(casus=casus, door=medewerker).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rollen_wijzigen_houdt_het_werk_van_de_medewerker_niet_op(gemeente, regisseur, maak_casus):
    if connection.vendor != "postgresql":
        pytest.skip("rijvergrendeling wordt op PostgreSQL getest")
    casus = maak_casus(regisseur)
    los, t, fouten = _vastgehouden(lambda: organisaties._medewerker(gemeente.pk, regisseur.pk))
    try:
        _schrijft_zonder_te_wachten(casus, regisseur)
    finally:
        los.set()
        t.join()
    assert not fouten


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_een_melding_mailen_houdt_de_ontvanger_niet_op(
    gemeente, regisseur, maak_casus, monkeypatch
):
    """The mail job locks the melding, not its recipient (`of=("self",)`), also while the SMTP
    server is slow to answer."""
    if connection.vendor != "postgresql":
        pytest.skip("rijvergrendeling wordt op PostgreSQL getest")
    regisseur.email = "regisseur@gemeente.example"
    regisseur.save(update_fields=["email"])
    casus = maak_casus(regisseur)
    melding = Melding.objects.create(
        gemeente_id=gemeente.pk,
        ontvanger=regisseur,
        soort="te_beoordelen",
        sleutel="te_beoordelen:proef",
        pad="/mijn-taken",
    )
    smtp_bezig, smtp_klaar = threading.Event(), threading.Event()

    def trage_smtp(*args, **kwargs):
        smtp_bezig.set()
        assert smtp_klaar.wait(20)
        return 1

    monkeypatch.setattr(mijntaken_taken, "send_mail", trage_smtp)

    def mailjob():
        try:
            assert mijntaken_taken.verstuur_melding(str(melding.pk)) == {"verzonden": 1}
        finally:
            smtp_bezig.set()

    t, fouten = in_thread(mailjob)
    assert smtp_bezig.wait(20)
    try:
        _schrijft_zonder_te_wachten(casus, regisseur)
    finally:
        smtp_klaar.set()
        t.join()
    assert not fouten
    melding.refresh_from_db()
    assert melding.verzonden_op is not None
