"""The framework's ceiling: one bare Django view, no middleware, no database, no templates,
served by the same gunicorn (same worker count and class) as the project in `make bench`.

    python -m gunicorn kaal:application --chdir bench -w 5 -b 127.0.0.1:8001

Whatever the project does on a request costs throughput relative to this; bench/run.py prints
the dossier API's requests per second as a share of it.
"""

import os

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("DOORBRAAK_SECRET_KEY", "kaal-alleen-voor-de-bench"),
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        USE_TZ=True,
    )

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def kaal(request):
    return HttpResponse(b'{"status":"ok"}', content_type="application/json")


urlpatterns = [path("", kaal)]

application = get_wsgi_application()
