"""Defaults a new gemeente starts with: the three doelgroepen of the Regeling doorbraakbudget."""

STANDAARD_DOELGROEPEN: tuple[tuple[str, str, str], ...] = (
    ("mph", "Multiprobleemhuishoudens", "Huishoudens die de Regieteams begeleiden."),
    ("doorbraakteam", "Doelgroep doorbraakteam", "Huishoudens die het doorbraakteam begeleidt."),
    (
        "passende_hulp",
        "Doelgroep Overleg Passende Hulp",
        "Jeugdigen en gezinnen die het Overleg Passende Hulp bespreekt.",
    ),
)
