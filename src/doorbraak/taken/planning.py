"""Copy the registry of periodic jobs into django-q2's Schedule table, idempotently."""

from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule

from doorbraak.taken.register import PERIODIEKE_TAKEN, PeriodiekeTaak


def plan_periodieke_taken(
    taken: tuple[PeriodiekeTaak, ...] = PERIODIEKE_TAKEN, using: str = "default"
) -> dict:
    """Create or update one Schedule per registered job; remove the project's schedules that
    are no longer registered. Running it twice changes nothing; a schedule's next run is kept."""
    namen = [t.naam for t in taken]
    if len(set(namen)) != len(namen):
        raise ValueError("Twee periodieke taken met dezelfde naam in het register.")
    aangemaakt = bijgewerkt = 0
    with transaction.atomic(using=using):
        bestaand = {s.name: s for s in Schedule.objects.using(using).filter(name__in=namen)}
        for t in taken:
            gewenst = {
                "func": t.functie,
                "args": repr(tuple(t.args)) if t.args else None,
                "schedule_type": Schedule.MINUTES,
                "minutes": t.minuten,
                "repeats": -1,
            }
            s = bestaand.get(t.naam)
            if s is None:
                Schedule.objects.using(using).create(
                    name=t.naam, next_run=timezone.now(), **gewenst
                )
                aangemaakt += 1
            elif any(getattr(s, k) != v for k, v in gewenst.items()):
                for k, v in gewenst.items():
                    setattr(s, k, v)
                s.save(using=using)
                bijgewerkt += 1
        verwijderd, _ = (
            Schedule.objects.using(using)
            .filter(func__startswith="doorbraak.")
            .exclude(name__in=namen)
            .delete()
        )
    return {"aangemaakt": aangemaakt, "bijgewerkt": bijgewerkt, "verwijderd": verwijderd}
