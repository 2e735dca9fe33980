from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def gezondheid(request):
    """Liveness for load balancers; no database, so also the framework's bare ceiling in benches."""
    return JsonResponse({"status": "ok"})


@login_required
def start(request):
    return render(request, "web/start.html")
