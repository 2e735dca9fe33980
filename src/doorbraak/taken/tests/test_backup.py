"""Backup and restore round trip: into an EMPTY database (on PostgreSQL a second server started
here), the processing log verifies there, and every table's row count and the ledger's sums
are equal."""

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from doorbraak.taken.tests.conftest import database_url

pytestmark = pytest.mark.django_db(transaction=True)
WORTEL = Path(__file__).resolve().parents[4]


def _doorbraak(url: str, *args: str) -> subprocess.CompletedProcess:
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings_test",
        "DATABASE_URL": url,
    }
    return subprocess.run(
        [sys.executable, "-m", "doorbraak.config.cli", *args],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _tellingen_sqlite(pad: str) -> tuple[dict, dict]:
    with sqlite3.connect(pad) as c:
        tabellen = [
            r[0]
            for r in c.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        rijen = {t: c.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tabellen}
        sommen = dict(c.execute("SELECT soort, sum(centen) FROM budget_boeking GROUP BY soort"))
    return rijen, sommen


def _tellingen_pg(url: str) -> tuple[dict, dict]:
    import psycopg

    with psycopg.connect(url) as c:
        tabellen = [
            r[0]
            for r in c.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        rijen = {t: c.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tabellen}
        sommen = dict(c.execute("SELECT soort, sum(centen) FROM budget_boeking GROUP BY soort"))
    return rijen, sommen


@pytest.fixture
def tweede_server():
    """An empty PostgreSQL server of its own (scripts/pg.sh), stopped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-test")
    # Not under pytest's tmp_path: as root the server runs as 'postgres', which must reach it.
    map_ = Path(tempfile.mkdtemp(prefix="doorbraak-herstel-"))
    poort = str(random.randrange(41000, 49000))  # beside scripts/test.sh's 40000-60000 range
    url = subprocess.run(
        [str(WORTEL / "scripts" / "pg.sh"), "start", str(map_), poort],
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    ).stdout.strip()
    yield url
    subprocess.run([str(WORTEL / "scripts" / "pg.sh"), "stop", str(map_)], check=False)
    shutil.rmtree(map_, ignore_errors=True)


def _met_gegevens():
    call_command("demo")
    rijen, sommen = (
        _tellingen_sqlite(connection.settings_dict["NAME"])
        if connection.vendor == "sqlite"
        else _tellingen_pg(database_url())
    )
    assert rijen["audit_verwerking"] > 0 and rijen["budget_boeking"] > 0 and sommen
    return rijen, sommen


def _herstel_en_vergelijk(url, bestand, tellen, voor):
    hersteld = _doorbraak(url, "backup", "herstel", str(bestand))
    assert hersteld.returncode == 0, hersteld.stderr
    verificatie = _doorbraak(url, "audit", "verifieer")
    assert verificatie.returncode == 0, verificatie.stderr
    assert "in orde" in verificatie.stdout
    assert tellen() == voor
    # A second restore into the now filled database is refused and changes nothing.
    nogmaals = _doorbraak(url, "backup", "herstel", str(bestand))
    assert nogmaals.returncode != 0 and "niet leeg" in nogmaals.stderr
    assert tellen() == voor


def test_backup_en_herstel_op_sqlite(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-test")
    voor = _met_gegevens()
    call_command("backup", "maak", str(tmp_path / "backups"))
    bestanden = list((tmp_path / "backups").glob("doorbraak-*.sqlite3"))
    assert len(bestanden) == 1 and not list((tmp_path / "backups").glob("*.deel"))
    bestand = bestanden[0]
    doel = tmp_path / "hersteld.sqlite3"
    _herstel_en_vergelijk(f"sqlite:///{doel}", bestand, lambda: _tellingen_sqlite(str(doel)), voor)


@pytest.mark.postgres
def test_backup_en_herstel_op_postgresql_in_een_lege_tweede_server(tmp_path, tweede_server):
    voor = _met_gegevens()
    call_command("backup", "maak", str(tmp_path / "backups"))
    (bestand,) = (tmp_path / "backups").glob("doorbraak-*.dump")
    _herstel_en_vergelijk(tweede_server, bestand, lambda: _tellingen_pg(tweede_server), voor)
