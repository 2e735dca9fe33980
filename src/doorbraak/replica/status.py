"""The replica's state as the primary and the replica see it: is it a standby, how far has it
replayed, how many seconds does it lag. Read at most once per `INTERVAL` per process for the
router (a read request never waits on a probe more than that), fresh for /gezondheid and
/metrics."""

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

INTERVAL = 1.0  # seconds between probes for routing decisions, per process


@dataclass(frozen=True)
class Replicastand:
    bereikbaar: bool
    standby: bool = False
    replay_lsn: int | None = None  # bytes into the WAL ('0/0' = 0)
    vertraging_seconden: float | None = None
    melding: str = ""

    def bruikbaar(self, max_vertraging: float) -> bool:
        return (
            self.bereikbaar
            and self.standby
            and self.vertraging_seconden is not None
            and self.vertraging_seconden <= max_vertraging
        )


def replica_ingesteld() -> bool:
    return "replica" in settings.DATABASES


def meet() -> Replicastand:
    """Probe now: the replica's replay position and lag against the primary's flushed WAL.

    Lag is 0 while the replica has replayed everything the primary has flushed, else the
    seconds since the last transaction it replayed (the usual measure; an idle primary does
    not count as lag)."""
    try:
        with connections["replica"].cursor() as c:
            c.execute(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() - '0/0', "
                "extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())"
            )
            standby, replay, sinds = c.fetchone()
    except DatabaseError:
        connections["replica"].close()
        return Replicastand(bereikbaar=False, melding="Replica onbereikbaar.")
    if not standby:
        return Replicastand(
            bereikbaar=True,
            melding="Replica is geen standby (gepromoveerd?); lezen op de primaire.",
        )
    try:
        with connections["default"].cursor() as c:
            c.execute("SELECT pg_current_wal_flush_lsn() - '0/0'")
            primair = c.fetchone()[0]
    except DatabaseError:
        return Replicastand(
            bereikbaar=True,
            standby=True,
            replay_lsn=int(replay or 0),
            melding="Primaire onbereikbaar.",
        )
    replay = int(replay or 0)
    vertraging = 0.0 if replay >= int(primair) else float(sinds or 0)
    return Replicastand(
        bereikbaar=True, standby=True, replay_lsn=replay, vertraging_seconden=vertraging
    )


_slot = threading.Lock()
_laatste: tuple[float, Replicastand] | None = None


def stand(*, vers: bool = False) -> Replicastand:
    """The last probe if younger than INTERVAL (per process), else a new one."""
    global _laatste
    nu = time.monotonic()
    with _slot:
        if not vers and _laatste and nu - _laatste[0] < INTERVAL:
            return _laatste[1]
    uitkomst = meet()
    with _slot:
        _laatste = (time.monotonic(), uitkomst)
    return uitkomst


def vergeet() -> None:
    """Forget the cached probe (tests)."""
    global _laatste
    with _slot:
        _laatste = None
