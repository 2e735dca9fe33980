"""The answer to a locked-out login (django-axes): problem+json for the API, a page for people."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import render

MELDING = "Te veel mislukte inlogpogingen. Dit account is tijdelijk geblokkeerd."


def geblokkeerd(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        from doorbraak.api.fouten import PROBLEM, problem

        return JsonResponse(problem(429, MELDING), status=429, content_type=PROBLEM)
    return render(request, "registration/geblokkeerd.html", status=429)


class Blokkadehandler(AxesDatabaseHandler):
    """Two limits: failures per account (from whatever address) against AXES_FAILURE_LIMIT, and
    failures per address (on whatever account) against AXES_FAILURE_LIMIT_PER_ADRES, so one
    password tried on every account is stopped too. Axes compares one number with one limit:
    a locked address reports that limit."""

    def get_failures(self, request, credentials=None) -> int:
        per_parameter = [
            qs.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for qs in self.get_user_attempts(request, credentials)
        ]
        if not per_parameter:
            return 0
        per_account = per_parameter[0]
        per_adres = per_parameter[1] if len(per_parameter) > 1 else 0
        limiet = settings.AXES_FAILURE_LIMIT
        if per_adres >= settings.AXES_FAILURE_LIMIT_PER_ADRES:
            return max(per_account, limiet)
        return per_account
