"""The answer to a locked-out login (django-axes): problem+json for the API, a page for people."""

from django.http import JsonResponse
from django.shortcuts import render

MELDING = "Te veel mislukte inlogpogingen. Dit account is tijdelijk geblokkeerd."


def geblokkeerd(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        from doorbraak.api.fouten import PROBLEM, problem

        return JsonResponse(problem(429, MELDING), status=429, content_type=PROBLEM)
    return render(request, "registration/geblokkeerd.html", status=429)
