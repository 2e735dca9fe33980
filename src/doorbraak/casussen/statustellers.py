"""The worklist's counts per status, kept by PostgreSQL (`models.Statusteller`, issue 19).

Counting a gemeente's cases per status read one index entry per case on every worklist page
(9,524 for one regisseur in the bench: 1.3 ms of an 8 ms page). Now three statement-level
triggers on the case table keep one row per gemeente, regisseur, team and status, in the
writer's own transaction; the worklist sums the few rows in its scope.

Why triggers, not the services: every writer counts without knowing it, including COPY (the
generator), bulk updates, Django's SET_NULL when a medewerker or team is deleted, the admin and
the tests' factories. Why per statement with transition tables: a statement's changes are
summed first, so an update that moves no case between keys (urgency, dates, the aanleiding)
locks no counter row, and the rows a statement does change are locked in key order, so two
transactions that move cases in opposite directions (A to B, B to A) wait for each other
instead of deadlocking.

`afwijkingen()` compares the counters with a count of the cases (the reconciling check, as the
ledger's sum is for the budget balance); `herberekenen()` sets them from the cases.

Migration 0013 installs the triggers from this module's SQL, so a fresh database gets whatever
the module says today while an upgraded one keeps what it was given then. A change to the SQL
therefore needs a migration of its own that installs it again and records the new
`vingerafdruk()` as STATUSTELLERS_SQL (tests/test_statustellers.py fails until it does).
"""

# ruff: noqa: S608 - the SQL here is built from this module's own constants, no input

from __future__ import annotations

import hashlib

from django.db import connections, transaction

_VELDEN = ("gemeente_id", "regisseur_id", "team_id", "status")
_SLEUTEL = ", ".join(_VELDEN)


# The statement's net change per key, in key order, added to the counters.
_BIJWERKEN = f"""
    INSERT INTO casussen_statusteller ({_SLEUTEL}, aantal)
    SELECT {_SLEUTEL}, SUM(verschil) FROM (%s) AS wijziging
    GROUP BY {_SLEUTEL} HAVING SUM(verschil) <> 0
    ORDER BY {_SLEUTEL}
    ON CONFLICT ({_SLEUTEL})
    DO UPDATE SET aantal = casussen_statusteller.aantal + EXCLUDED.aantal
"""

_NIEUW = f"SELECT {_SLEUTEL}, 1 AS verschil FROM nieuw"
_OUD = f"SELECT {_SLEUTEL}, -1 AS verschil FROM oud"

TRIGGERS_AAN = f"""
CREATE FUNCTION casussen_statusteller_bijwerken() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_BIJWERKEN % _NIEUW};
    ELSIF TG_OP = 'DELETE' THEN
        {_BIJWERKEN % _OUD};
    ELSE
        {_BIJWERKEN % (_NIEUW + " UNION ALL " + _OUD)};
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION casussen_statusteller_legen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM casussen_statusteller;
    RETURN NULL;
END
$$;
CREATE TRIGGER casussen_statusteller_invoegen AFTER INSERT ON casussen_casus
    REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION casussen_statusteller_bijwerken();
CREATE TRIGGER casussen_statusteller_wijzigen AFTER UPDATE ON casussen_casus
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION casussen_statusteller_bijwerken();
CREATE TRIGGER casussen_statusteller_verwijderen AFTER DELETE ON casussen_casus
    REFERENCING OLD TABLE AS oud
    FOR EACH STATEMENT EXECUTE FUNCTION casussen_statusteller_bijwerken();
CREATE TRIGGER casussen_statusteller_leegmaken AFTER TRUNCATE ON casussen_casus
    FOR EACH STATEMENT EXECUTE FUNCTION casussen_statusteller_legen();
"""

TRIGGERS_UIT = """
DROP TRIGGER IF EXISTS casussen_statusteller_leegmaken ON casussen_casus;
DROP TRIGGER IF EXISTS casussen_statusteller_verwijderen ON casussen_casus;
DROP TRIGGER IF EXISTS casussen_statusteller_wijzigen ON casussen_casus;
DROP TRIGGER IF EXISTS casussen_statusteller_invoegen ON casussen_casus;
DROP FUNCTION IF EXISTS casussen_statusteller_legen();
DROP FUNCTION IF EXISTS casussen_statusteller_bijwerken();
"""

# Under the SHARE lock that CREATE TRIGGER took on the case table (no writer in between).
HERBEREKENEN = f"""
DELETE FROM casussen_statusteller;
INSERT INTO casussen_statusteller ({_SLEUTEL}, aantal)
SELECT {_SLEUTEL}, COUNT(*) FROM casussen_casus GROUP BY {_SLEUTEL} ORDER BY {_SLEUTEL};
"""

# GROUP BY holds NULLs equal (no regisseur, no team), a join on the key would not.
_AFWIJKINGEN = f"""
SELECT {_SLEUTEL}, SUM(teller)::bigint, SUM(casus)::bigint FROM (
    SELECT {_SLEUTEL}, aantal AS teller, 0 AS casus FROM casussen_statusteller
    UNION ALL
    SELECT {_SLEUTEL}, 0, 1 FROM casussen_casus
) AS beide
GROUP BY {_SLEUTEL} HAVING SUM(teller) <> SUM(casus)
ORDER BY {_SLEUTEL}
"""


def bijgehouden(alias: str) -> bool:
    """Whether this database keeps the counters (PostgreSQL; SQLite counts the cases)."""
    return connections[alias].vendor == "postgresql"


def afwijkingen(alias: str = "default") -> list[tuple]:
    """Keys whose counter differs from the number of cases: (gemeente, regisseur, team,
    status, counter, cases). Empty when the counters are right."""
    with connections[alias].cursor() as cursor:
        cursor.execute(_AFWIJKINGEN)
        return cursor.fetchall()


def herberekenen(alias: str = "default") -> None:
    """Set the counters from the cases (after a restore that skipped triggers, for instance),
    with the case table locked against writers for the moment it takes."""
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("LOCK TABLE casussen_casus IN SHARE MODE")
        cursor.execute(HERBEREKENEN)


def vingerafdruk() -> str:
    """A digest of the SQL the migrations install, recorded by the migration that installs it."""
    sql = "\0".join((TRIGGERS_AAN, TRIGGERS_UIT, HERBEREKENEN))
    return hashlib.sha256(sql.encode()).hexdigest()[:16]
