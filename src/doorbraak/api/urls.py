from django.urls import path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from doorbraak.audit import api as audit_api
from doorbraak.budget import api as budget_api
from doorbraak.budget import api_bestedingsplannen
from doorbraak.casussen import api as casussen_api
from doorbraak.mkba import api as mkba_api
from doorbraak.organisaties import api as organisaties_api
from doorbraak.overleg import api as overleg_api
from doorbraak.precedenten import api as precedenten_api
from doorbraak.rapportage import api as rapportage_api
from doorbraak.regels import api as regels_api

urlpatterns = [
    # First: the dossier read, the most requested route (issue 19); Django tries the patterns in
    # order, and no other route's path can match a case's UUID here.
    path("casussen/<uuid:casus_id>", casussen_api.CasusView.as_view(), name="casus"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs", SpectacularSwaggerSplitView.as_view(url_name="openapi"), name="api-docs"),
    path("redoc", SpectacularRedocView.as_view(url_name="openapi"), name="api-redoc"),
    path("auth/tokens", organisaties_api.TokensView.as_view(), name="tokens"),
    path("auth/tokens/huidig", organisaties_api.HuidigTokenView.as_view(), name="token-huidig"),
    path("medewerkers/mij", organisaties_api.MijView.as_view(), name="mij"),
    path("doelgroepen", organisaties_api.DoelgroepenView.as_view(), name="doelgroepen"),
    path("domeinen", organisaties_api.DomeinenView.as_view(), name="domeinen"),
    path("huishoudens", casussen_api.HuishoudensView.as_view(), name="huishoudens"),
    path(
        "huishoudens/zoekopdrachten",
        casussen_api.HuishoudenZoekView.as_view(),
        name="huishoudens-zoeken",
    ),
    path(
        "huishoudens/<uuid:huishouden_id>", casussen_api.HuishoudenView.as_view(), name="huishouden"
    ),
    path(
        "huishoudens/<uuid:huishouden_id>/gezinsleden",
        casussen_api.GezinsledenView.as_view(),
        name="gezinsleden",
    ),
    path(
        "huishoudens/<uuid:huishouden_id>/verwerkingen",
        audit_api.VerwerkingenView.as_view(),
        name="verwerkingen",
    ),
    path("casussen", casussen_api.CasussenView.as_view(), name="casussen"),
    path(
        "casussen/<uuid:casus_id>/domeinscores",
        casussen_api.DomeinscoresView.as_view(),
        name="domeinscores",
    ),
    path(
        "casussen/<uuid:casus_id>/doorbraakplan",
        casussen_api.DoorbraakplanView.as_view(),
        name="doorbraakplan",
    ),
    path(
        "casussen/<uuid:casus_id>/hulpverleners",
        casussen_api.HulpverlenersView.as_view(),
        name="hulpverleners",
    ),
    path(
        "casussen/<uuid:casus_id>/hulpverleners/<uuid:hulpverlener_id>",
        casussen_api.HulpverlenerView.as_view(),
        name="hulpverlener",
    ),
    path("casussen/<uuid:casus_id>/tijdlijn", casussen_api.TijdlijnView.as_view(), name="tijdlijn"),
    path("regelingen", regels_api.RegelingenView.as_view(), name="regelingen"),
    path(
        "casussen/<uuid:casus_id>/regelchecks",
        regels_api.RegelchecksView.as_view(),
        name="regelchecks",
    ),
    path(
        "casussen/<uuid:casus_id>/regelchecks/<uuid:regelcheck_id>",
        regels_api.RegelcheckView.as_view(),
        name="regelcheck",
    ),
    path(
        "casussen/<uuid:casus_id>/regelchecks/<uuid:regelcheck_id>/knelpunten",
        regels_api.RegelcheckKnelpuntenView.as_view(),
        name="regelcheck-knelpunten",
    ),
    path("kengetallen", mkba_api.KengetallenView.as_view(), name="kengetallen"),
    path("kengetallen/<slug:code>", mkba_api.KengetalView.as_view(), name="kengetal"),
    path(
        "kengetalwijzigingen",
        mkba_api.KengetalWijzigingenView.as_view(),
        name="kengetalwijzigingen",
    ),
    path("rekeninstellingen", mkba_api.RekeninstellingenView.as_view(), name="rekeninstellingen"),
    path("casussen/<uuid:casus_id>/mkbas", mkba_api.MkbasView.as_view(), name="mkbas"),
    path(
        "casussen/<uuid:casus_id>/mkbas/hulpverlenersregels",
        mkba_api.HulpverlenersregelsView.as_view(),
        name="mkba-hulpverlenersregels",
    ),
    path("casussen/<uuid:casus_id>/mkbas/<uuid:mkba_id>", mkba_api.MkbaView.as_view(), name="mkba"),
    path(
        "casussen/<uuid:casus_id>/nametingen",
        mkba_api.NametingenView.as_view(),
        name="nametingen",
    ),
    path(
        "rapportages/knelpunten",
        rapportage_api.KnelpuntenRapportView.as_view(),
        name="rapport-knelpunten",
    ),
    path(
        "rapportages/verantwoording",
        rapportage_api.VerantwoordingRapportView.as_view(),
        name="rapport-verantwoording",
    ),
    path(
        "rapportages/evaluatie",
        rapportage_api.EvaluatieRapportView.as_view(),
        name="rapport-evaluatie",
    ),
    path("overleggen", overleg_api.OverleggenView.as_view(), name="overleggen"),
    path("overleggen/<uuid:overleg_id>", overleg_api.OverlegView.as_view(), name="overleg"),
    path("bijeenkomsten", overleg_api.BijeenkomstenView.as_view(), name="bijeenkomsten"),
    path(
        "bijeenkomsten/<uuid:bijeenkomst_id>",
        overleg_api.BijeenkomstView.as_view(),
        name="bijeenkomst",
    ),
    path(
        "bijeenkomsten/<uuid:bijeenkomst_id>/volgorde",
        overleg_api.BijeenkomstVolgordeView.as_view(),
        name="bijeenkomst-volgorde",
    ),
    path(
        "bijeenkomsten/<uuid:bijeenkomst_id>/verslag",
        overleg_api.BijeenkomstVerslagView.as_view(),
        name="bijeenkomst-verslag",
    ),
    path("agendapunten", overleg_api.AgendapuntenView.as_view(), name="agendapunten"),
    path(
        "agendapunten/<uuid:agendapunt_id>",
        overleg_api.AgendapuntView.as_view(),
        name="agendapunt",
    ),
    path(
        "agendapunten/<uuid:agendapunt_id>/casusbrief",
        overleg_api.CasusbriefView.as_view(),
        name="casusbrief",
    ),
    path(
        "agendapunten/<uuid:agendapunt_id>/briefdelen",
        overleg_api.BriefdelenView.as_view(),
        name="briefdelen",
    ),
    path(
        "agendapunten/<uuid:agendapunt_id>/besluit",
        overleg_api.BesluitView.as_view(),
        name="besluit",
    ),
    path(
        "casussen/<uuid:casus_id>/deelgrondslagen",
        overleg_api.DeelgrondslagenView.as_view(),
        name="deelgrondslagen",
    ),
    path(
        "casussen/<uuid:casus_id>/deelgrondslagen/<uuid:grondslag_id>",
        overleg_api.DeelgrondslagView.as_view(),
        name="deelgrondslag",
    ),
    path(
        "casussen/<uuid:casus_id>/escalaties",
        overleg_api.EscalatiesView.as_view(),
        name="escalaties",
    ),
    path("aanvragen", budget_api.AanvragenView.as_view(), name="aanvragen"),
    path("aanvragen/<uuid:aanvraag_id>", budget_api.AanvraagView.as_view(), name="aanvraag"),
    path(
        "aanvragen/<uuid:aanvraag_id>/indieningen",
        budget_api.IndieningenView.as_view(),
        name="aanvraag-indieningen",
    ),
    path(
        "aanvragen/<uuid:aanvraag_id>/beoordelingen",
        budget_api.BeoordelingenView.as_view(),
        name="aanvraag-beoordelingen",
    ),
    path(
        "aanvragen/<uuid:aanvraag_id>/besluiten",
        budget_api.BesluitenView.as_view(),
        name="aanvraag-besluiten",
    ),
    path(
        "aanvragen/<uuid:aanvraag_id>/betalingen",
        budget_api.BetalingenView.as_view(),
        name="aanvraag-betalingen",
    ),
    path(
        "aanvragen/<uuid:aanvraag_id>/vrijvallen",
        budget_api.VrijvallenView.as_view(),
        name="aanvraag-vrijvallen",
    ),
    path("leningen/<uuid:lening_id>", budget_api.LeningView.as_view(), name="lening"),
    path(
        "leningen/<uuid:lening_id>/aflossingen",
        budget_api.AflossingenView.as_view(),
        name="lening-aflossingen",
    ),
    path(
        "leningen/<uuid:lening_id>/afschrijvingen",
        budget_api.AfschrijvingenView.as_view(),
        name="lening-afschrijvingen",
    ),
    path("fondsen", budget_api.FondsenView.as_view(), name="fondsen"),
    path(
        "bestedingsplannen",
        api_bestedingsplannen.BestedingsplannenView.as_view(),
        name="bestedingsplannen",
    ),
    path(
        "bestedingsplannen/<uuid:plan_id>",
        api_bestedingsplannen.BestedingsplanView.as_view(),
        name="bestedingsplan",
    ),
    path("budgetten", budget_api.BudgettenView.as_view(), name="budgetten"),
    path(
        "budgetten/<uuid:budget_id>/bijdragen",
        budget_api.BijdragenView.as_view(),
        name="budget-bijdragen",
    ),
    path(
        "perioden/<uuid:periode_id>/afsluitingen",
        budget_api.AfsluitingenView.as_view(),
        name="periode-afsluitingen",
    ),
    path("betaalopdrachten", budget_api.BetaalopdrachtenView.as_view(), name="betaalopdrachten"),
    path(
        "betaalopdrachten/pain001",
        budget_api.Pain001View.as_view(),
        name="betaalopdrachten-pain001",
    ),
]

# AVG rights and search by BSN (privdata).
urlpatterns += [
    path(
        "casussen/zoekopdrachten",
        casussen_api.CasussenZoekView.as_view(),
        name="casussen-zoeken",
    ),
    path(
        "huishoudens/<uuid:huishouden_id>/inzage",
        audit_api.InzageView.as_view(),
        name="huishouden-inzage",
    ),
    path(
        "huishoudens/<uuid:huishouden_id>/gezinsleden/<uuid:gezinslid_id>/correcties",
        casussen_api.GezinslidCorrectiesView.as_view(),
        name="gezinslid-correcties",
    ),
]

# Precedents (issue 18).
urlpatterns += [
    path("precedenten", precedenten_api.PrecedentenView.as_view(), name="precedenten"),
    path(
        "precedenten/<uuid:precedent_id>",
        precedenten_api.PrecedentView.as_view(),
        name="precedent",
    ),
    path(
        "casussen/<uuid:casus_id>/vergelijkbaar",
        precedenten_api.VergelijkbaarView.as_view(),
        name="casus-vergelijkbaar",
    ),
]
