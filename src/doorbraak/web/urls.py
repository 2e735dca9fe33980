from django.contrib.auth import views as auth_views
from django.urls import include, path

from doorbraak.organisaties.oidc import Inloggen
from doorbraak.web.views import (
    aanmelden,
    algemeen,
    bestedingsplannen,
    budget,
    dossier,
    dossier_bewerken,
    kengetallen,
    kosten,
    kosten_berekenen,
    mijntaken,
    nameting,
    overleg,
    plan,
    privacy,
    rapportage,
    taken,
    tweede_factor,
    voorliggend,
    werklijst,
)

urlpatterns = [
    path("", algemeen.start, name="start"),
    path("inloggen", Inloggen.as_view(), name="login"),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("tweede-factor", tweede_factor.tweede_factor, name="tweede_factor"),
    path(
        "tweede-factor/instellen",
        tweede_factor.tweede_factor_instellen,
        name="tweede_factor_instellen",
    ),
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
    path(
        "casussen/<uuid:casus_id>/kosten-en-baten/nameting",
        nameting.nameting,
        name="kosten-nameting",
    ),
    path("kengetallen", kengetallen.catalogus, name="kengetallen"),
    path("kengetallen/nieuw", kengetallen.bewerken, name="kengetal-nieuw"),
    path("kengetallen/<slug:code>", kengetallen.bewerken, name="kengetal"),
    path("kengetallen/<slug:code>/herstellen", kengetallen.herstellen, name="kengetal-herstellen"),
    path("rapportages", rapportage.overzicht, name="rapportages"),
    path("rapportages/knelpunten", rapportage.knelpunten, name="rapport-knelpunten"),
    path("rapportages/evaluatie", rapportage.evaluatie, name="rapport-evaluatie"),
    path(
        "rapportages/verantwoording",
        rapportage.verantwoording_jaar,
        name="rapport-verantwoording",
    ),
    path("rapportages/pdf-maken", rapportage.pdf_maken, name="rapport-pdf-maken"),
    path("rapportages/bestanden", rapportage.exports, name="rapport-exports"),
    path(
        "rapportages/bestanden/<uuid:export_id>",
        rapportage.export_downloaden,
        name="rapport-export",
    ),
    path("bestedingsplannen", bestedingsplannen.lijst, name="bestedingsplannen"),
    path("bestedingsplannen/<uuid:plan_id>", bestedingsplannen.plan, name="bestedingsplan"),
    path("signalen", rapportage.signalen, name="signalen"),
    path("signalen/nieuw", rapportage.signaal_nieuw, name="signaal-nieuw"),
    path("signalen/<uuid:signaal_id>", rapportage.signaal, name="signaal"),
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
    path("overleggen/nieuw", overleg.overleg_nieuw, name="overleg-nieuw"),
    path("overleggen/<uuid:overleg_id>/leden", overleg.lid_toevoegen, name="overleg-lid"),
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
        "agendapunten/<uuid:agendapunt_id>/voorbeeld",
        overleg.brief_voorbeeld,
        name="brief-voorbeeld",
    ),
    path(
        "agendapunten/<uuid:agendapunt_id>/verplaatsen",
        overleg.agendapunt_verplaatsen,
        name="agendapunt-verplaatsen",
    ),
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
    path("achtergrondtaken", taken.mislukte_taken, name="achtergrondtaken"),
    path("achtergrondtaken/<slug:task_id>/opnieuw", taken.opnieuw, name="achtergrondtaak-opnieuw"),
    path(
        "achtergrondtaken/<slug:task_id>/verwerpen",
        taken.verwerpen,
        name="achtergrondtaak-verwerpen",
    ),
]

# AVG rights and search by BSN (privdata).
urlpatterns += [
    path("casussen/zoeken-op-bsn", werklijst.zoeken_op_bsn, name="werklijst-bsn"),
    path("privacy/huishoudens/<uuid:huishouden_id>/inzage", privacy.inzage, name="inzage"),
    path(
        "casussen/<uuid:casus_id>/gezinsleden/<uuid:gezinslid_id>/corrigeren",
        dossier.gezinslid_corrigeren,
        name="gezinslid-corrigeren",
    ),
]

# Mijn taken, e-mailmeldingen and the manager's team view (issue 17).
urlpatterns += [
    path("mijn-taken", mijntaken.mijn_taken, name="mijn-taken"),
    path("mijn-taken/teller", mijntaken.tellers, name="mijn-taken-teller"),
    path("meldingen", mijntaken.meldingen, name="meldingen"),
    path("teamoverzicht", mijntaken.teamoverzicht, name="teamoverzicht"),
]

# Finance in the screens and concepts that can be corrected (issue 17).
urlpatterns += [
    path(
        "aanvraagconcepten/<uuid:aanvraag_id>", budget.aanvraag_wijzigen, name="aanvraag-wijzigen"
    ),
    path("betaalopdrachten/sepa", budget.sepa_download, name="sepa-download"),
]

# Documents, the household's own plan on paper, the meldcode, partners' afspraken (issue 17).
from doorbraak.web.views import huishoudplan  # noqa: E402

urlpatterns += [
    path("casussen/<uuid:casus_id>/documenten", huishoudplan.documenten, name="documenten"),
    path(
        "casussen/<uuid:casus_id>/documenten/<uuid:document_id>/verwijderen",
        huishoudplan.document_verwijderen,
        name="document-verwijderen",
    ),
    path("documenten/<uuid:document_id>", huishoudplan.document_downloaden, name="document"),
    path("casussen/<uuid:casus_id>/plan/pdf", huishoudplan.plan_pdf, name="plan-pdf"),
    path("casussen/<uuid:casus_id>/meldcode", huishoudplan.meldcode_afwegen, name="meldcode"),
    path(
        "afspraken/<uuid:afspraak_id>/gereed", huishoudplan.afspraak_gereed, name="afspraak-gereed"
    ),
]

# The dossier editable, and its contact log (issue 17).
urlpatterns += [
    path(
        "casussen/<uuid:casus_id>/huishouden",
        dossier_bewerken.huishouden_wijzigen,
        name="huishouden-wijzigen",
    ),
    path(
        "casussen/<uuid:casus_id>/gezinsleden/nieuw",
        dossier_bewerken.gezinslid_toevoegen,
        name="gezinslid-toevoegen",
    ),
    path(
        "casussen/<uuid:casus_id>/wijzigen", dossier_bewerken.casus_wijzigen, name="casus-wijzigen"
    ),
    path(
        "casussen/<uuid:casus_id>/regie", dossier_bewerken.regie_overdragen, name="regie-overdragen"
    ),
    path(
        "casussen/<uuid:casus_id>/contactmomenten",
        dossier_bewerken.contactmomenten,
        name="contactmomenten",
    ),
]

# A proposed change, decided by a second beheerder (Mijn taken links here).
from doorbraak.web.views import wijzigingen  # noqa: E402

urlpatterns += [
    path(
        "wijzigingsvoorstellen/<uuid:voorstel_id>",
        wijzigingen.wijzigingsvoorstel,
        name="wijzigingsvoorstel",
    ),
]
