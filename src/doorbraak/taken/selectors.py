"""Reads of the queue, scoped: a beheerder sees the dead jobs of their own gemeente and the
system's jobs (no gemeente), never another gemeente's."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import Failure, OrmQ, Schedule

from doorbraak.fouten import GeenToegang, NietGevonden
from doorbraak.organisaties.models import Medewerker, Rol
from doorbraak.taken.models import Achtergrondtaak

MAX_GETOOND = 200


def vereis_taakbeheer(medewerker: Medewerker) -> None:
    if not (medewerker.is_superuser or medewerker.heeft_rol(Rol.BEHEER)):
        raise GeenToegang("Achtergrondtaken zijn voor de functioneel beheerder.")


def zichtbare_mislukkingen(medewerker: Medewerker):
    vereis_taakbeheer(medewerker)
    qs = Failure.objects.all()
    if not medewerker.is_superuser:
        andermans = (
            Achtergrondtaak.objects.exclude(gemeente_id=None)
            .exclude(gemeente_id=medewerker.gemeente_id)
            .exclude(task_id="")
            .values("task_id")
        )
        qs = qs.exclude(id__in=andermans)
    return qs


def dood(mislukt: Failure) -> bool:
    """No attempts left: the job waits in the dead-letter list for a person."""
    return Conf.MAX_ATTEMPTS > 0 and mislukt.attempt_count >= Conf.MAX_ATTEMPTS


def mislukte_taken(*, medewerker: Medewerker) -> list[Failure]:
    """The failed jobs, newest first, each with `.achtergrondtaak` (or None) and `.dood`."""
    lijst = list(zichtbare_mislukkingen(medewerker).order_by("-stopped")[:MAX_GETOOND])
    taken = {
        t.task_id: t for t in Achtergrondtaak.objects.filter(task_id__in=[m.id for m in lijst])
    }
    for m in lijst:
        m.achtergrondtaak = taken.get(m.id)
        m.dood = dood(m)
    return lijst


def mislukte_taak(
    *, task_id: str, medewerker: Medewerker
) -> tuple[Failure, Achtergrondtaak | None]:
    mislukt = zichtbare_mislukkingen(medewerker).filter(id=task_id).first()
    if mislukt is None:
        raise NietGevonden("Deze mislukte taak bestaat niet (meer).")
    if not dood(mislukt):
        raise GeenToegang("Deze taak wordt nog automatisch opnieuw geprobeerd.")
    return mislukt, Achtergrondtaak.objects.filter(task_id=task_id).first()


@dataclass(frozen=True)
class Wachtrijstand:
    wachtend: int
    oudste_wachtend_seconden: float | None
    mislukt: int
    dood: int
    hartslag_achter_seconden: float | None  # how late the heartbeat schedule is; None: unknown


def wachtrijstand(nu: datetime | None = None) -> Wachtrijstand:
    """The queue at a glance, in four small queries (health check and metrics)."""
    nu = nu or timezone.now()
    klaar = OrmQ.objects.filter(lock__lte=nu)
    stand = klaar.aggregate(oudste=Min("lock"))
    # A queued job's lock is the moment it became ready (enqueue, or retry after a failure).
    oudste = stand["oudste"]
    mislukt = Failure.objects.count()
    dode = (
        Failure.objects.filter(attempt_count__gte=Conf.MAX_ATTEMPTS).count()
        if Conf.MAX_ATTEMPTS > 0
        else 0
    )
    hartslag = Schedule.objects.filter(name="hartslag").values_list("next_run", flat=True).first()
    return Wachtrijstand(
        wachtend=klaar.count(),
        oudste_wachtend_seconden=(nu - oudste).total_seconds() if oudste else None,
        mislukt=mislukt,
        dood=dode,
        hartslag_achter_seconden=max(0.0, (nu - hartslag).total_seconds()) if hartslag else None,
    )
