"""The precondition for sharding by gemeente (docs/schaal.md), as data the tests check.

Every model is classified: a tenant table (distributed by `gemeente_id` on Citus) or a reviewed
global/reference table. A new model fails `test_schaal.py` until it is put in one of the lists.

The routing rule for queries (what a sharded database can send to one gemeente's shard):
a query that reads, changes or deletes rows of a tenant table must filter on `gemeente_id`
("gemeente"), or look rows up by a key — the primary key or a foreign key such as `casus_id` —
of a row that an earlier, scoped query or the signed-in user already tied to the gemeente
("sleutel"). Anything else — a scan of a tenant table on other columns only — is "niet
gerouteerd" and fails. An INSERT always carries `gemeente_id` itself (the column is NOT NULL).
On Citus a "sleutel" query without `gemeente_id` still works but goes to every shard; adding
`gemeente_id` to those filters is step 3 of the migration path in docs/schaal.md.
"""

import re

from django.apps import apps

# Tenant tables: every row belongs to one gemeente, through a NOT NULL `gemeente_id`.
TENANT = frozenset(
    {
        "audit.Bewaarrun", "audit.Bewaartermijnen", "audit.Verwerking",
        "audit.Verwerkingsketen", "audit.Verzegeling",
        "budget.Aanvraag", "budget.AanvraagStap", "budget.Bestedingsplan",
        "budget.Bestedingsregel", "budget.Boeking", "budget.Budget", "budget.Draagkrachtnorm",
        "budget.Fonds", "budget.Fondsmandaat", "budget.Lening", "budget.Periode",
        "casussen.Actie", "casussen.Casus", "casussen.Domeinscore", "casussen.Doorbraakplan",
        "casussen.DossierLeesmodel",
        "casussen.Gezinslid", "casussen.GezinslidCorrectie", "casussen.Huishouden",
        "casussen.Hulpverlener", "casussen.Knelpunt", "casussen.Meting",
        "casussen.Statuswijziging", "casussen.TijdlijnItem",
        "mkba.KengetalAanpassing", "mkba.KengetalWijziging", "mkba.Mkba", "mkba.Nameting",
        "organisaties.Doelgroep", "organisaties.Leefgebied", "organisaties.Mandaat",
        "organisaties.Team", "organisaties.Wijzigingsvoorstel",
        "overleg.Afspraak", "overleg.Agendapunt", "overleg.Bijeenkomst", "overleg.Briefdeel",
        "overleg.Deelgrondslag", "overleg.Escalatie", "overleg.Lidmaatschap", "overleg.Overleg",
        "rapportage.RapportExport", "rapportage.Signaal", "rapportage.SignaalWijziging",
        "regels.Regelcheck",
        "budget.Betaalbatch", "budget.Exportregel",
        "mijntaken.Melding",
        "precedenten.Afwijking", "precedenten.Precedent", "precedenten.Regiopublicatie",
        "casussen.Netwerklid", "casussen.MeldcodeAfweging", "documenten.Document",
        "precedenten.Zoekwoord",
        "casussen.Contactmoment", "casussen.Statusteller",
        "web.Dossierpagina",
    }
)  # fmt: skip

# Reviewed: global or reference tables, with the reason (docs/schaal.md, "Referentietabellen").
GLOBAAL = {
    "organisaties.Regio": "wortel: een regio omvat gemeenten (referentietabel)",
    "organisaties.Gemeente": "wortel: de tenant zelf (referentietabel)",
    "organisaties.Medewerker": "inloggen gebeurt voordat de gemeente bekend is; platformbeheer "
    "zonder gemeente (referentietabel)",
    "organisaties.Medewerker_groups": "Django-rechten van een medewerker (referentietabel)",
    "organisaties.Medewerker_user_permissions": "idem",
    "taken.Achtergrondtaak": "de wachtrij loopt over alle gemeenten; gemeente_id is er een "
    "kenmerk, geen verdeelsleutel (lokale tabel op de coördinator)",
    "mijntaken.Meldingsvoorkeur": "een keuze van de medewerker zelf (direct/dagelijks), hoort "
    "bij het account zoals de medewerker (referentietabel)",
    "replica.Schrijfpositie": "infrastructuur: waar de laatste schrijfactie van een medewerker "
    "in de WAL eindigde, alleen op de primaire server (lokale tabel op de coördinator)",
}
# Tenant rows without their own column yet: reached only through the parent named here.
VIA_OUDER = {
    "overleg.Bijeenkomst_aanwezigen": "overleg.Bijeenkomst",  # Django's auto m2m table
}
# Third-party apps: their tables are global (auth, sessions, the admin log, the queue's broker).
GLOBALE_APPS = {
    "admin", "auth", "axes", "contenttypes", "django_q", "knox", "otp_totp", "sessions",
}  # fmt: skip


def _modellen(labels):
    return [apps.get_model(label) for label in sorted(labels)]


TENANT_MODELLEN = _modellen(TENANT)
TENANT_TABELLEN = frozenset(m._meta.db_table for m in TENANT_MODELLEN)

_TABEL = re.compile(r'\b(?:FROM|JOIN|UPDATE)\s+"(\w+)"', re.IGNORECASE)
_GEMEENTE = re.compile(r'"gemeente_id"\s*(?:=|IN\b)', re.IGNORECASE)
# a key lookup, also in the row form PostgreSQL gets for a prefetch: ("t"."id") IN ((%s), …)
_SLEUTEL = re.compile(r'"(?:id|\w+_id)"\)?\s*(?:=\s*(?:%s|\?|\'|-?\d)|IN\s*\()', re.IGNORECASE)


def query_regel(sql: str) -> str:
    """Which part of the routing rule a query satisfies: 'gemeente', 'sleutel', 'geen tenant'
    (no tenant table, or an INSERT/transaction statement), or 'niet gerouteerd'."""
    tekst = sql.strip()
    if tekst[:6].upper() not in {"SELECT", "UPDATE", "DELETE"}:
        return "geen tenant"
    if not set(_TABEL.findall(tekst)) & TENANT_TABELLEN:
        return "geen tenant"
    # The filter part: from the first FROM on (for UPDATE: its WHERE), not the columns it sets.
    zoek = " WHERE " if tekst[:6].upper() == "UPDATE" else " FROM "
    begin = tekst.upper().find(zoek)
    filter_ = tekst[begin:] if begin >= 0 else ""
    if _GEMEENTE.search(filter_):
        return "gemeente"
    if _SLEUTEL.search(filter_):
        return "sleutel"
    return "niet gerouteerd"
