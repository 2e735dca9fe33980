"""The worklist's counts per status kept by PostgreSQL's triggers (`casussen.statustellers`):
after every kind of write the counters equal a count of the cases, also under concurrent
writers; a write that moves no case between keys locks no counter; a damaged counter is found
and set right."""

import importlib
import random
import threading
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client

from doorbraak.audit.tests.test_gelijktijdig import in_thread
from doorbraak.casussen import migrations as migraties
from doorbraak.casussen import statustellers
from doorbraak.casussen.models import Casus, Statusteller
from doorbraak.casussen.status import CasusStatus
from doorbraak.casussen.tests.factories import CasusFactory
from doorbraak.organisaties.models import Rol, Team

pytestmark = [pytest.mark.postgres]

STATUSSEN = [s.value for s in CasusStatus]


def _casussen(gemeente, aantal: int, **velden) -> list[Casus]:
    return [
        CasusFactory(huishouden__gemeente=gemeente, volledig=False, **velden) for _ in range(aantal)
    ]


@pytest.mark.django_db
def test_tellers_volgen_elke_soort_schrijven(gemeente, andere_gemeente, maak_medewerker):
    """Inserts one by one and in bulk, status, regisseur and team changed per case and for many
    cases in one statement, a deleted team and medewerker (Django's SET_NULL), deleted cases:
    after each step the counters are exactly the cases' count per key."""
    rng = random.Random(7)
    teams = [Team.objects.create(gemeente=gemeente, naam=n) for n in ("A", "B")]
    mensen = [maak_medewerker(gemeente, Rol.REGISSEUR, username=f"r{i}") for i in range(3)]
    elders = maak_medewerker(andere_gemeente, Rol.REGISSEUR, username="elders")
    casussen = _casussen(gemeente, 12, regisseur=mensen[0]) + _casussen(
        andere_gemeente, 3, regisseur=elders
    )
    assert statustellers.afwijkingen() == []
    voorbeeld = casussen[0]
    velden = {
        v.attname: getattr(voorbeeld, v.attname)
        for v in Casus._meta.concrete_fields
        if not v.primary_key
    }
    Casus.objects.bulk_create([Casus(**velden) for _ in range(20)])
    assert statustellers.afwijkingen() == []
    for _ in range(40):
        casus = rng.choice(list(Casus.objects.filter(gemeente=gemeente)))
        casus.status = rng.choice(STATUSSEN)
        casus.regisseur = rng.choice([None, *mensen])
        casus.team = rng.choice([None, *teams])
        casus.save()
    assert statustellers.afwijkingen() == []
    Casus.objects.filter(gemeente=gemeente, status=STATUSSEN[0]).update(status=STATUSSEN[1])
    Casus.objects.filter(gemeente=gemeente).update(regisseur=mensen[1])
    Casus.objects.filter(gemeente=gemeente).update(urgentie="crisis")  # no key moves
    assert statustellers.afwijkingen() == []
    teams[0].delete()
    mensen[1].delete()
    assert statustellers.afwijkingen() == []
    Casus.objects.filter(pk__in=[c.pk for c in casussen[:5]]).delete()
    assert statustellers.afwijkingen() == []
    # And the counters are of their own gemeente: the other one's cases untouched.
    elders_geteld = Statusteller.objects.filter(gemeente=andere_gemeente)
    assert sum(t.aantal for t in elders_geteld) == 3


@pytest.mark.django_db
def test_beschadigde_teller_gevonden_en_hersteld(gemeente, regisseur):
    _casussen(gemeente, 4, regisseur=regisseur)
    Statusteller.objects.filter(gemeente=gemeente).update(aantal=99)
    Statusteller.objects.create(
        gemeente=gemeente, regisseur_id=None, team_id=None, status="plan", aantal=2
    )
    afwijkingen = statustellers.afwijkingen()
    assert (gemeente.pk, regisseur.pk, None, "aangemeld", 99, 4) in afwijkingen
    assert (gemeente.pk, None, None, "plan", 2, 0) in afwijkingen
    statustellers.herberekenen()
    assert statustellers.afwijkingen() == []


@pytest.mark.django_db
def test_werklijst_toont_de_tellers(gemeente, regisseur):
    """The page's counts come from the counters (damaged on purpose: the page shows them), a
    filter on urgency counts the cases themselves."""
    _casussen(gemeente, 3, regisseur=regisseur)
    Statusteller.objects.filter(gemeente=gemeente, regisseur_id=regisseur.pk).update(aantal=7)
    client = Client()
    client.force_login(regisseur)
    tellers = {s: n for s, _, n in client.get("/casussen").context["per_status"]}
    assert tellers["aangemeld"] == 7
    gefilterd = client.get("/casussen?urgentie=hoog").context["per_status"]
    assert {s: n for s, _, n in gefilterd}["aangemeld"] == 3


def _tweede_verbinding() -> psycopg.Connection:
    instellingen = connection.get_connection_params()
    return psycopg.connect(**{k: v for k, v in instellingen.items() if k != "cursor_factory"})


@pytest.mark.django_db(transaction=True)
def test_wijziging_zonder_sleutel_wacht_niet_op_de_tellers(gemeente, regisseur):
    """While another transaction holds the counter rows of a key (a status change, not yet
    committed), a change of another case's urgency (no key moves) does not wait for them."""
    x, y = _casussen(gemeente, 2, regisseur=regisseur)
    with _tweede_verbinding() as ander:
        ander.execute(
            "UPDATE casussen_casus SET status = 'plan' WHERE id = %s", [x.pk]
        )  # its transaction stays open: the counter rows of 'aangemeld' and 'plan' locked
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
            cursor.execute("UPDATE casussen_casus SET urgentie = 'crisis' WHERE id = %s", [y.pk])
        ander.rollback()
    assert statustellers.afwijkingen() == []


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_wijzigingen_in_beide_richtingen(gemeente, maak_medewerker):
    """Sixteen threads move cases between two statuses in opposite directions, each in its own
    transaction, all released at once: every one commits (no deadlock, no lost count) and the
    counters equal the cases."""
    regisseur = maak_medewerker(gemeente, Rol.REGISSEUR, username="r-gelijktijdig")
    casussen = _casussen(gemeente, 16, regisseur=regisseur)
    Casus.objects.filter(pk__in=[c.pk for c in casussen[::2]]).update(status="plan")
    start = threading.Barrier(len(casussen), timeout=20)

    def heen_en_weer(casus: Casus) -> None:
        start.wait()
        for _ in range(5):
            with transaction.atomic():
                rij = Casus.objects.select_for_update().get(pk=casus.pk)
                rij.status = "aangemeld" if rij.status == "plan" else "plan"
                rij.save(update_fields=["status"])

    threads = [in_thread(heen_en_weer, c) for c in casussen]
    for t, _ in threads:
        t.join()
    assert [f for _, fouten in threads for f in fouten] == []
    assert statustellers.afwijkingen() == []
    geteld = {t.status: t.aantal for t in Statusteller.objects.filter(regisseur_id=regisseur.pk)}
    assert geteld == {"aangemeld": 8, "plan": 8}


@pytest.mark.django_db
def test_opdracht_meldt_en_herstelt(gemeente, regisseur, capsys):
    _casussen(gemeente, 2, regisseur=regisseur)
    call_command("statustellers")
    assert "in orde" in capsys.readouterr().out
    Statusteller.objects.filter(gemeente=gemeente).update(aantal=5)
    with pytest.raises(CommandError, match="1 tellers wijken af"):
        call_command("statustellers")
    assert "teller 5, casussen 2" in capsys.readouterr().out
    call_command("statustellers", "--herbereken")
    assert statustellers.afwijkingen() == []


def _vastgelegde_vingerafdruk() -> str:
    """STATUSTELLERS_SQL of the newest casussen migration that records one."""
    map_ = Path(migraties.__file__).parent
    vastgelegd = ""
    for pad in sorted(map_.glob("[0-9]*.py")):
        module = importlib.import_module(f"{migraties.__name__}.{pad.stem}")
        vastgelegd = getattr(module, "STATUSTELLERS_SQL", vastgelegd)
    return vastgelegd


def test_sql_van_de_tellers_vastgelegd_in_een_migratie():
    """Migration 0013 installs the module's SQL: a changed SQL without a migration that installs
    it again would reach fresh databases only, and upgraded ones would keep the old triggers."""
    assert _vastgelegde_vingerafdruk() == statustellers.vingerafdruk(), (
        "De SQL van casussen.statustellers is gewijzigd: voeg een migratie toe die TRIGGERS_UIT "
        "en TRIGGERS_AAN opnieuw uitvoert en STATUSTELLERS_SQL = "
        f"'{statustellers.vingerafdruk()}' vastlegt."
    )


def test_gewijzigde_sql_zonder_migratie_gevonden(monkeypatch):
    monkeypatch.setattr(statustellers, "TRIGGERS_AAN", statustellers.TRIGGERS_AAN + " ")
    assert _vastgelegde_vingerafdruk() != statustellers.vingerafdruk()
