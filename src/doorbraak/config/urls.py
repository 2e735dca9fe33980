from django.contrib import admin
from django.urls import include, path

from doorbraak.api.fouten import api_niet_gevonden
from doorbraak.config.metrieken import metrieken
from doorbraak.web.views import algemeen as web_views
from doorbraak.web.views import foutpaginas

urlpatterns = [
    path("api/v1/", include("doorbraak.api.urls")),
    path("beheer/", admin.site.urls),
    path("gezondheid", web_views.gezondheid, name="gezondheid"),
    path("gezondheid/leeft", web_views.leeft, name="leeft"),
    path("metrics", metrieken, name="metrieken"),
    path("oidc/", include("doorbraak.organisaties.oidc_urls")),
    path("", include("doorbraak.web.urls")),
    path("", include("doorbraak.precedenten.urls")),
]


def handler404(request, exception):
    if request.path.startswith("/api/"):
        return api_niet_gevonden(request, exception)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


handler400 = foutpaginas.fout_400
handler403 = foutpaginas.fout_403
handler500 = foutpaginas.fout_500
