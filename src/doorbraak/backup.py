"""Consistent backups and restores of the application's database.

PostgreSQL: `pg_dump` in custom format (one consistent snapshot, compressed) and `pg_restore`,
the Debian PostgreSQL 15 binaries (PGBIN). SQLite (the demo): the sqlite3 online backup API,
safe while the application runs. A restore goes into an EMPTY database unless asked to replace.
For production, see README "Draaien bij een hostingpartij": a nightly dump beside continuous WAL
archiving with pg_basebackup for point-in-time recovery.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.utils import timezone

from doorbraak.fouten import Conflict, Validatiefout

PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))


def _is_sqlite(instellingen: dict) -> bool:
    return instellingen["ENGINE"] == "django.db.backends.sqlite3"


def _pg(instellingen: dict, database: str | None = None) -> tuple[list[str], dict]:
    """Connection options for the PostgreSQL client tools; the password only in the environment."""
    opties = ["--dbname", database or instellingen["NAME"]]
    if instellingen.get("HOST"):
        opties += ["--host", instellingen["HOST"]]
    if instellingen.get("PORT"):
        opties += ["--port", str(instellingen["PORT"])]
    if instellingen.get("USER"):
        opties += ["--username", instellingen["USER"]]
    omgeving = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if instellingen.get("PASSWORD"):
        omgeving["PGPASSWORD"] = instellingen["PASSWORD"]
    return opties, omgeving


def _draai(opdracht: list[str], omgeving: dict) -> None:
    uitkomst = subprocess.run(opdracht, env=omgeving, capture_output=True, text=True, check=False)  # noqa: S603
    if uitkomst.returncode != 0:
        raise Conflict(f"{Path(opdracht[0]).name} mislukte: {uitkomst.stderr.strip()[-2000:]}")


def maak(doelmap: Path, alias: str = "default") -> Path:
    """Write a backup file into `doelmap`; returns its path. Written under a temporary name and
    renamed when complete, so a half-written file never looks like a backup."""
    instellingen = connections[alias].settings_dict
    doelmap.mkdir(parents=True, exist_ok=True)
    stempel = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    if _is_sqlite(instellingen):
        doel = doelmap / f"doorbraak-{stempel}.sqlite3"
        tijdelijk = doel.with_suffix(".deel")
        bron = sqlite3.connect(instellingen["NAME"])
        try:
            kopie = sqlite3.connect(tijdelijk)
            with kopie:
                bron.backup(kopie)
            kopie.close()
        finally:
            bron.close()
    else:
        doel = doelmap / f"doorbraak-{stempel}.dump"
        tijdelijk = doel.with_suffix(".deel")
        opties, omgeving = _pg(instellingen)
        _draai(
            [str(PGBIN / "pg_dump"), "--format=custom", "--file", str(tijdelijk), *opties], omgeving
        )
    tijdelijk.rename(doel)
    return doel


def _pg_leeg_of_aanmaken(instellingen: dict) -> bool:
    """Create the target database when it does not exist; True when it holds no tables."""
    import psycopg
    from psycopg import sql

    verbinding = {
        "dbname": "postgres",
        "host": instellingen.get("HOST") or None,
        "port": instellingen.get("PORT") or None,
        "user": instellingen.get("USER") or None,
        "password": instellingen.get("PASSWORD") or None,
        "connect_timeout": 10,
    }
    naam = instellingen["NAME"]
    with psycopg.connect(**verbinding, autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
            return True
    with psycopg.connect(**{**verbinding, "dbname": naam}) as c:
        aantal = c.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    return aantal == 0


def herstel(bestand: Path, alias: str = "default", vervang: bool = False) -> None:
    """Restore a backup into the configured database. Refuses a database that already holds
    tables, unless `vervang` (then the restored objects replace the existing ones)."""
    if not bestand.is_file():
        raise Validatiefout(f"Backupbestand niet gevonden: {bestand}.", veld="bestand")
    connections[alias].close()
    instellingen = connections[alias].settings_dict
    if _is_sqlite(instellingen):
        if bestand.suffix != ".sqlite3":
            raise Validatiefout("Op SQLite past alleen een .sqlite3-backup.", veld="bestand")
        doel = Path(instellingen["NAME"])
        if doel.exists() and doel.stat().st_size and not vervang:
            with sqlite3.connect(doel) as c:
                tabellen = c.execute("SELECT count(*) FROM sqlite_master WHERE type='table'")
                if tabellen.fetchone()[0]:
                    raise Conflict(
                        "De database is niet leeg; herstel alleen in een lege database "
                        "(of gebruik --vervang).",
                    )
        bron = sqlite3.connect(bestand)
        try:
            kopie = sqlite3.connect(doel)
            with kopie:
                bron.backup(kopie)
            kopie.close()
        finally:
            bron.close()
        return
    if bestand.suffix != ".dump":
        raise Validatiefout("Op PostgreSQL past alleen een .dump-backup.", veld="bestand")
    if not _pg_leeg_of_aanmaken(instellingen) and not vervang:
        raise Conflict(
            "De database is niet leeg; herstel alleen in een lege database (of gebruik --vervang)."
        )
    opties, omgeving = _pg(instellingen)
    vervangen = ["--clean", "--if-exists"] if vervang else []
    _draai(
        [
            str(PGBIN / "pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *vervangen,
            *opties,
            str(bestand),
        ],
        omgeving,
    )
