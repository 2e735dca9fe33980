from django.contrib.auth import views as auth_views
from django.urls import include, path

from doorbraak.web.views import (
    aanmelden,
    algemeen,
    dossier,
    kosten,
    kosten_berekenen,
    overleg,
    plan,
    privacy,
    voorliggend,
    werklijst,
)

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
    path("casussen/<uuid:casus_id>/voorliggend", voorliggend.voorliggend, name="voorliggend"),
    path(
        "casussen/<uuid:casus_id>/voorliggend/<uuid:regelcheck_id>/knelpunt",
        voorliggend.knelpunt_maken,
        name="voorliggend-knelpunt",
    ),
    path("kennisbank", voorliggend.kennisbank, name="kennisbank"),
    path("casussen/<uuid:casus_id>/kosten-en-baten", kosten.kosten_en_baten, name="kosten"),
    path(
        "casussen/<uuid:casus_id>/kosten-en-baten/berekenen",
        kosten_berekenen.berekenen,
        name="kosten-berekenen",
    ),
    path(
        "casussen/<uuid:casus_id>/kosten-en-baten/pdf",
        kosten.kosten_en_baten_pdf,
        name="kosten-pdf",
    ),
    path("casussen/<uuid:casus_id>/overleg", overleg.casus_overleg, name="casus-overleg"),
    path("casussen/<uuid:casus_id>/overleg/agenderen", overleg.agenderen, name="agenderen"),
    path("casussen/<uuid:casus_id>/overleg/grondslag", overleg.grondslag, name="grondslag"),
    path(
        "casussen/<uuid:casus_id>/overleg/grondslag/<uuid:grondslag_id>/intrekken",
        overleg.grondslag_intrekken,
        name="grondslag-intrekken",
    ),
    path("casussen/<uuid:casus_id>/overleg/escaleren", overleg.escaleren, name="escaleren"),
    path("casussen/<uuid:casus_id>/overleg/afschalen", overleg.afschalen, name="afschalen"),
    path("overleggen", overleg.overleggen, name="overleggen"),
    path("overleggen/<uuid:overleg_id>", overleg.overleg, name="overleg"),
    path("bijeenkomsten/<uuid:bijeenkomst_id>", overleg.bijeenkomst, name="bijeenkomst"),
    path(
        "bijeenkomsten/<uuid:bijeenkomst_id>/aanwezigen",
        overleg.aanwezigen,
        name="bijeenkomst-aanwezigen",
    ),
    path(
        "bijeenkomsten/<uuid:bijeenkomst_id>/meenemen",
        overleg.open_afspraken_meenemen,
        name="bijeenkomst-meenemen",
    ),
    path("bijeenkomsten/<uuid:bijeenkomst_id>/verslag", overleg.verslag, name="verslag"),
    path(
        "bijeenkomsten/<uuid:bijeenkomst_id>/verslag/pdf", overleg.verslag_pdf, name="verslag-pdf"
    ),
    path("agendapunten/<uuid:agendapunt_id>", overleg.agendapunt, name="agendapunt"),
    path(
        "agendapunten/<uuid:agendapunt_id>/verplaatsen",
        overleg.agendapunt_verplaatsen,
        name="agendapunt-verplaatsen",
    ),
    path("formulier/rij/<slug:soort>", plan.nieuwe_rij, name="nieuwe-rij"),
    path("privacy", privacy.overzicht, name="privacy"),
    path(
        "privacy/huishoudens/<uuid:huishouden_id>/verwerkingen",
        privacy.verwerkingen,
        name="verwerkingen",
    ),
    path("gemeente/logo", algemeen.logo, name="gemeente-logo"),
]
