"""Mandates per fund, doelgroep and amount. The gemeente's standard fund (the regulation's
doorbraakbudget) also honours the general mandates per doelgroep."""

from decimal import Decimal

from django.db.models import Q

from doorbraak import opmaak
from doorbraak.budget.models import Fonds, Fondsmandaat
from doorbraak.fouten import GeenToegang
from doorbraak.organisaties.models import Doelgroep, Mandaat, MandaatRol, Medewerker

WOORDEN = {
    MandaatRol.AANVRAGEN: "aanvragen",
    MandaatRol.MEEKIJKEN: "meekijken bij",
    MandaatRol.GO: "de go geven voor",
}


def limieten(medewerker: Medewerker, fonds: Fonds, doelgroep: Doelgroep, rol: str) -> list:
    """The amount limits of every mandate that applies (None: no limit); empty: no mandate.
    One query, also for the standard fund's general mandates."""
    limieten = (
        Fondsmandaat.objects.filter(fonds=fonds, medewerker=medewerker, rol=rol)
        .filter(Q(doelgroep=doelgroep) | Q(doelgroep__isnull=True))
        .values_list("max_bedrag", flat=True)
    )
    if fonds.standaard:
        limieten = limieten.union(
            Mandaat.objects.filter(medewerker=medewerker, doelgroep=doelgroep, rol=rol).values_list(
                "max_bedrag", flat=True
            ),
            all=True,
        )
    return list(limieten)


def heeft_mandaat(
    medewerker: Medewerker, fonds: Fonds, doelgroep: Doelgroep, rol: str, bedrag: Decimal
) -> bool:
    return any(m is None or bedrag <= m for m in limieten(medewerker, fonds, doelgroep, rol))


def vereis_mandaat(
    medewerker: Medewerker, fonds: Fonds, doelgroep: Doelgroep, rol: str, bedrag: Decimal
) -> None:
    gevonden = limieten(medewerker, fonds, doelgroep, rol)
    wat = f"{WOORDEN[rol]} {fonds.naam} voor {doelgroep.naam}"
    if not gevonden:
        raise GeenToegang(f"U heeft geen mandaat om {wat}.")
    if not any(m is None or bedrag <= m for m in gevonden):
        hoogste = max(gevonden)
        raise GeenToegang(f"Uw mandaat om {wat} reikt tot {opmaak.euro(hoogste)}.", veld="bedrag")
