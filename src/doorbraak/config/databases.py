"""DATABASES from the environment: one URL as before, or a primary + streaming replica.

- `DATABASE_URL` may name several hosts (libpq multi-host), e.g.
  `postgres://app@db1:5432,db2:5432/doorbraak?target_session_attrs=read-write`: libpq tries them
  in turn and keeps the one that accepts writes, so after a failover the app reconnects to the
  promoted server by itself. dj-database-url reads one host only, so the hosts are split here
  and handed to psycopg as `host=a,b port=x,y`.
- `DATABASE_REPLICA_URL` (optional) adds the alias `replica` for reads that tolerate a little
  lag (doorbraak.replica.router); without it everything runs on `default`, as always.
- PostgreSQL binds parameters on the server (`server_side_binding`) and psycopg 3 prepares a
  statement once a connection has run it five times (`prepare_threshold`, psycopg's own default,
  which Django switches off), so the server no longer parses and plans it on every run: the
  dossier API's three statements cost the server 1.29 ms as text and 0.42 ms prepared (pgbench,
  issue 19). Django's default binds on the client, and such a statement cannot be prepared.
- `DOORBRAAK_PGBOUNCER=1`: the app talks to PgBouncer in transaction mode: no server-side
  cursors, no prepared statements (psycopg 3 `prepare_threshold=None`), parameters bound on the
  client as by Django's default.
"""

from urllib.parse import unquote, urlsplit, urlunsplit

import dj_database_url

PREPAREREN_NA = 5  # runs of the same statement on one connection


def database_uit_url(url: str, *, pgbouncer: bool = False) -> dict:
    delen = urlsplit(url)
    gebruiker, _, hosts = delen.netloc.rpartition("@")
    if "," not in hosts:
        instellingen = dj_database_url.parse(url)
    else:
        adressen = [h.rpartition(":") if ":" in h else (h, "", "") for h in hosts.split(",")]
        eerste = f"{gebruiker}@{adressen[0][0]}:{adressen[0][2] or 5432}"
        instellingen = dj_database_url.parse(urlunsplit(delen._replace(netloc=eerste)))
        instellingen["HOST"] = ",".join(unquote(h) for h, _, _ in adressen)
        instellingen["PORT"] = ",".join(p or "5432" for _, _, p in adressen)
    if instellingen["ENGINE"] == "django.db.backends.postgresql" and pgbouncer:
        instellingen["DISABLE_SERVER_SIDE_CURSORS"] = True
        instellingen.setdefault("OPTIONS", {})["prepare_threshold"] = None
    elif instellingen["ENGINE"] == "django.db.backends.postgresql":
        opties = instellingen.setdefault("OPTIONS", {})
        opties["server_side_binding"] = True
        opties["prepare_threshold"] = PREPAREREN_NA
    return instellingen
