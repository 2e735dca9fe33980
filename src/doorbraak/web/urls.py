from django.contrib.auth import views as auth_views
from django.urls import include, path

from doorbraak.web.views import aanmelden, algemeen, budget, dossier, plan, privacy, werklijst

urlpatterns = [
    path("", algemeen.start, name="start"),
    path("inloggen", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", include("django.conf.urls.i18n")),
    path("toegankelijkheid", algemeen.toegankelijkheid, name="toegankelijkheid"),
    path("casussen", werklijst.werklijst, name="werklijst"),
    path("casussen/nieuw", aanmelden.aanmelden, name="aanmelden"),
    path("casussen/<uuid:casus_id>", dossier.dossier, name="dossier"),
    path("casussen/<uuid:casus_id>/status", dossier.status_wijzigen, name="status"),
    path(
        "casussen/<uuid:casus_id>/hulpverleners",
        dossier.hulpverlener_toevoegen,
        name="hulpverlener-toevoegen",
    ),
    path(
        "casussen/<uuid:casus_id>/hulpverleners/<uuid:hulpverlener_id>/verwijderen",
        dossier.hulpverlener_verwijderen,
        name="hulpverlener-verwijderen",
    ),
    path("casussen/<uuid:casus_id>/notities", dossier.notitie_toevoegen, name="notitie"),
    path("casussen/<uuid:casus_id>/plan", plan.plan_bewerken, name="plan"),
    path("casussen/<uuid:casus_id>/domeinscores", plan.domeinscores, name="domeinscores"),
    path("formulier/rij/<slug:soort>", plan.nieuwe_rij, name="nieuwe-rij"),
    path("casussen/<uuid:casus_id>/aanvragen/nieuw", budget.aanvraag_nieuw, name="aanvraag-nieuw"),
    path("aanvragen", budget.aanvragen, name="aanvragen"),
    path("aanvragen/<uuid:aanvraag_id>", budget.aanvraag, name="aanvraag"),
    path("aanvragen/<uuid:aanvraag_id>/<slug:stap>", budget.aanvraag_stap, name="aanvraag-stap"),
    path("budget", budget.budgetten, name="budgetten"),
    path("privacy", privacy.overzicht, name="privacy"),
    path(
        "privacy/huishoudens/<uuid:huishouden_id>/verwerkingen",
        privacy.verwerkingen,
        name="verwerkingen",
    ),
    path("gemeente/logo", algemeen.logo, name="gemeente-logo"),
]
