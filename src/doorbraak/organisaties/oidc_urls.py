from django.urls import path

from doorbraak.organisaties import oidc

urlpatterns = [
    path("authenticate/", oidc.Starten.as_view(), name="oidc_authentication_init"),
    path("callback/", oidc.Terugkomen.as_view(), name="oidc_authentication_callback"),
]
