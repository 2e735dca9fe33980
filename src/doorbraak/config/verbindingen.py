"""Django's connection health check, skipped for a connection that has just answered.

With persistent connections and `CONN_HEALTH_CHECKS`, Django sends `SELECT 1` before the first
query of every request: on the dossier API a round trip beside the request's own two (issue
19). Here a connection that finished a request without a database error less than
`VERS_SECONDEN` ago counts as checked; one that has been idle longer (a restarted server, a
dropped idle connection, a failover) is checked as before. A server that goes away within
that second costs the next request on that connection an error, as it costs a request already
under way; Django then drops the connection and the request after it connects anew.
"""

import time

from django.db import connections

VERS_SECONDEN = 1.0


def na_verzoek(**_kwargs) -> None:
    """After Django's own end-of-request handling (which closes broken and old connections)."""
    nu = time.monotonic()
    for verbinding in connections.all(initialized_only=True):
        if verbinding.connection is not None and not verbinding.errors_occurred:
            verbinding.doorbraak_gezond_op = nu


def voor_verzoek(**_kwargs) -> None:
    """After Django's own start-of-request handling, which asks for a new check."""
    nu = time.monotonic()
    for verbinding in connections.all(initialized_only=True):
        gezond_op = getattr(verbinding, "doorbraak_gezond_op", None)
        if (
            verbinding.connection is not None
            and gezond_op is not None
            and nu - gezond_op < VERS_SECONDEN
        ):
            verbinding.health_check_done = True
