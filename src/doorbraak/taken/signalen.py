"""Hooks into migrate and into the worker: planning the schedules, the request id of a job's log
lines, and the growing wait between attempts of a failed job."""

import logging

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


def na_migratie(sender, app_config=None, **kwargs) -> None:
    if app_config is None or app_config.name != "doorbraak.taken":
        return
    from doorbraak.taken.planning import plan_periodieke_taken

    plan_periodieke_taken(using=kwargs.get("using", "default"))


def wachttijd(poging: int, basis: float | None = None, maximum: float | None = None) -> float:
    """Seconds before attempt `poging + 1`: doubling from `basis`, never above `maximum`."""
    basis = settings.WACHTRIJ_WACHTTIJD if basis is None else basis
    maximum = settings.WACHTRIJ_WACHTTIJD_MAX if maximum is None else maximum
    return float(min(maximum, basis * 2 ** max(0, min(poging - 1, 30))))


def voor_uitvoering(sender, func=None, task=None, **kwargs) -> None:
    """Every log line of a job carries the job's id as its request id."""
    from doorbraak.config.middleware import zet_request_id

    if task:
        zet_request_id(f"taak-{task.get('id', '')}")


def na_uitvoering(sender, task=None, **kwargs) -> None:
    """A failed job that has attempts left waits longer each time (django-q2 itself would
    retry after a fixed `retry` interval): push its queue row's lock further out."""
    if not task:
        return
    from doorbraak.config.middleware import zet_request_id

    zet_request_id(f"taak-{task.get('id', '')}")  # the monitor's "Processed"/"Failed" line
    if task.get("success"):
        return
    from datetime import timedelta

    from django_q.conf import Conf
    from django_q.models import OrmQ, Task

    poging = Task.objects.filter(id=task["id"]).values_list("attempt_count", flat=True).first()
    if not poging or (Conf.MAX_ATTEMPTS > 0 and poging >= Conf.MAX_ATTEMPTS):
        return
    nu = timezone.now()
    for rij in OrmQ.objects.filter(lock__gt=nu):
        if rij.task_id() == task["id"]:
            wacht = wachttijd(poging)
            OrmQ.objects.filter(pk=rij.pk).update(lock=nu + timedelta(seconds=wacht))
            logger.warning(
                "Taak %s mislukt (poging %s), volgende poging over %s s",
                task["id"],
                poging,
                wacht,
            )
            return


def verbind_wachtrij() -> None:
    from django_q.signals import post_execute, pre_execute

    pre_execute.connect(voor_uitvoering, dispatch_uid="doorbraak-taak-request-id")
    post_execute.connect(na_uitvoering, dispatch_uid="doorbraak-taak-wachttijd")
