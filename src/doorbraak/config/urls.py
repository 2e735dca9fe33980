from django.contrib import admin
from django.urls import include, path

from doorbraak.api.fouten import api_niet_gevonden
from doorbraak.web.views import algemeen as web_views

urlpatterns = [
    path("api/v1/", include("doorbraak.api.urls")),
    path("beheer/", admin.site.urls),
    path("gezondheid", web_views.gezondheid, name="gezondheid"),
    path("oidc/", include("doorbraak.organisaties.oidc_urls")),
    path("", include("doorbraak.web.urls")),
]


def handler404(request, exception):
    if request.path.startswith("/api/"):
        return api_niet_gevonden(request, exception)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)
