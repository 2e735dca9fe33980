"""DATABASES from the environment: one URL as before, or a primary + streaming replica.

- `DATABASE_URL` may name several hosts (libpq multi-host), e.g.
  `postgres://app@db1:5432,db2:5432/doorbraak?target_session_attrs=read-write`: libpq tries them
  in turn and keeps the one that accepts writes, so after a failover the app reconnects to the
  promoted server by itself. dj-database-url reads one host only, so the hosts are split here
  and handed to psycopg as `host=a,b port=x,y`.
- `DATABASE_REPLICA_URL` (optional) adds the alias `replica` for reads that tolerate a little
  lag (doorbraak.replica.router); without it everything runs on `default`, as always.
- `DOORBRAAK_PGBOUNCER=1`: the app talks to PgBouncer in transaction mode: no server-side
  cursors, no prepared statements (psycopg 3 `prepare_threshold=None`).
"""

from urllib.parse import unquote, urlsplit, urlunsplit

import dj_database_url


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
    return instellingen
