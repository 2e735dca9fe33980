"""Defaults a new gemeente starts with: the three doelgroepen of the Regeling doorbraakbudget and
the default life domains."""

STANDAARD_DOELGROEPEN: tuple[tuple[str, str, str], ...] = (
    ("mph", "Multiprobleemhuishoudens", "Huishoudens die de Regieteams begeleiden."),
    ("doorbraakteam", "Doelgroep doorbraakteam", "Huishoudens die het doorbraakteam begeleidt."),
    (
        "passende_hulp",
        "Doelgroep Overleg Passende Hulp",
        "Jeugdigen en gezinnen die het Overleg Passende Hulp bespreekt.",
    ),
)

# Default life domains: the Zelfredzaamheid-Matrix's 13 domain names plus opvoeding, veiligheid
# and onderwijs (seed 003). Scored 1 (acute problematiek) to 5 (volledig zelfredzaam). Only the
# names and the scale's end labels are used; the matrix's detailed criteria are copyrighted.
STANDAARD_LEEFGEBIEDEN: tuple[tuple[str, str], ...] = (
    ("financien", "Financiën"),
    ("werk_opleiding", "Werk en opleiding"),
    ("tijdsbesteding", "Tijdsbesteding"),
    ("huisvesting", "Huisvesting"),
    ("huiselijke_relaties", "Huiselijke relaties"),
    ("geestelijke_gezondheid", "Geestelijke gezondheid"),
    ("lichamelijke_gezondheid", "Lichamelijke gezondheid"),
    ("middelengebruik", "Middelengebruik"),
    ("basale_adl", "Basale ADL"),
    ("instrumentele_adl", "Instrumentele ADL"),
    ("sociaal_netwerk", "Sociaal netwerk"),
    ("maatschappelijke_participatie", "Maatschappelijke participatie"),
    ("justitie", "Justitie"),
    ("opvoeding", "Opvoeding"),
    ("veiligheid", "Veiligheid"),
    ("onderwijs", "Onderwijs"),
)

SCHAAL = {1: "Acute problematiek", 5: "Volledig zelfredzaam"}
