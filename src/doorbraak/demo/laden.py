"""The demo's orchestration: which gemeenten, users and cases, and in which order each app adds
its part. Each app owns its own demo data (`organisaties.demo`, `casussen.demo`, `mkba.demo`,
`overleg.demo`, `budget.demo`, `precedenten.demo`); only this module calls them all, so no app
imports another app's demo code.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from doorbraak.budget import demo as budget_demo
from doorbraak.casussen import demo as casussen_demo
from doorbraak.casussen.demo import ANDERE_CASUS, CASUSSEN, DemoCasus
from doorbraak.casussen.models import Casus
from doorbraak.demo import regio as regio_demo
from doorbraak.fouten import DoorbraakFout
from doorbraak.mkba import demo as mkba_demo
from doorbraak.organisaties.demo import (
    GEBRUIKERS,
    MPH,
    WACHTWOORD,
    DemoGebruiker,
    gebruiker_aanmaken,
    wijzigingsvoorstel_voor_demo,
)
from doorbraak.organisaties.models import Gemeente, MandaatRol, Medewerker, Regio, Rol
from doorbraak.organisaties.services import gemeente_aanmaken
from doorbraak.overleg import demo as overleg_demo
from doorbraak.precedenten import demo as precedenten_demo

__all__ = ["ANDERE_GEMEENTE", "CASUSSEN", "GEBRUIKERS", "GEMEENTE", "REGIO", "WACHTWOORD"]

REGIO = "Regio Zuidoost-Brabant (demo)"
# The two gemeenten with the rich demo data: fictitious, with codes no real gemeente has.
GEMEENTE = ("GM9991", "Peelstad")
ANDERE_GEMEENTE = ("GM9992", "Kempenhoven")

REGISSEUR2 = DemoGebruiker(
    "regisseur2", "Bas", "Maas", "Procesregisseur Kempenhoven", (Rol.REGISSEUR,),
    "Regieteam Kempenhoven", ((MPH, MandaatRol.AANVRAGEN, Decimal("5000")),),
)  # fmt: skip
# The second beheerder of Peelstad: changes to roles and mandates need two (invariant 4).
BEHEER2 = DemoGebruiker("beheer2", "Joost", "van Dijk", "Functioneel beheerder", (Rol.BEHEER,))


class DemoNietToegestaan(DoorbraakFout):
    """Demo data (with its known password) is refused outside demo mode."""


def _mkba_na_plan(casus: Casus, door: Medewerker, demo: DemoCasus) -> None:
    mkba_demo.mkba_voor_demo(casus=casus, door=door, huishouden=demo.huishouden)


def demo_laden(*, alleen_als_leeg: bool = False, regio: bool = False) -> bool:
    """Load the demo; returns False when skipped because the database already holds gemeenten.

    With `regio`, the other gemeenten of the region (seed 004: 21 in all) are set up too, each
    with its funds, users and a few cases (`doorbraak.demo.regio`)."""
    if not settings.DEMO:
        raise DemoNietToegestaan(
            "Demogegevens (met het bekende demo-wachtwoord) worden alleen geladen in demo-modus "
            "(DOORBRAAK_DEMO=1)."
        )
    if alleen_als_leeg and Gemeente.objects.exists():
        return False
    codes = [GEMEENTE[0], ANDERE_GEMEENTE[0]]
    if regio:
        codes += [g.code for g in regio_demo.GEMEENTEN]
    if Gemeente.objects.filter(code__in=codes).exists():
        raise DemoNietToegestaan("De demogemeenten bestaan al in deze database.")
    with transaction.atomic():
        demoregio, _ = Regio.objects.get_or_create(naam=REGIO)
        peelstad = gemeente_aanmaken(code=GEMEENTE[0], naam=GEMEENTE[1], regio=demoregio)
        kempenhoven = gemeente_aanmaken(
            code=ANDERE_GEMEENTE[0], naam=ANDERE_GEMEENTE[1], regio=demoregio
        )
        wachtwoord = make_password(WACHTWOORD)
        gebruikers = {
            g.gebruikersnaam: gebruiker_aanmaken(peelstad, g, wachtwoord_hash=wachtwoord)
            for g in GEBRUIKERS
        }
        gebruikers["regisseur2"] = gebruiker_aanmaken(
            kempenhoven, REGISSEUR2, wachtwoord_hash=wachtwoord
        )
        gebruikers["beheer2"] = gebruiker_aanmaken(peelstad, BEHEER2, wachtwoord_hash=wachtwoord)
        wijzigingsvoorstel_voor_demo(door=gebruikers["beheer2"], regisseur=gebruikers["regisseur"])
        casussen = {
            demo.huishouden: casussen_demo.casus_opbouwen(demo, gebruikers, na_plan=_mkba_na_plan)
            for demo in CASUSSEN
        }
        casussen_demo.casus_opbouwen(ANDERE_CASUS, gebruikers, na_plan=_mkba_na_plan)
        overleg_demo.overleggen_voor_demo(
            gebruikers=gebruikers, casussen=casussen, wachtwoord=WACHTWOORD
        )
        budget_demo.budget_voor_demo(gemeente=peelstad, gebruikers=gebruikers)
        budget_demo.bestedingsplannen_voor_demo(gemeente=peelstad, door=gebruikers["financien"])
        for gemeente in (peelstad, kempenhoven):
            precedenten_demo.demo(gemeente)
        if regio:
            regio_demo.gemeente_aanvullen(
                kempenhoven, nummer=len(regio_demo.GEMEENTEN), wachtwoord_hash=wachtwoord
            )
            for gemeente in regio_demo.GEMEENTEN:
                regio_demo.gemeente_laden(gemeente, regio=demoregio, wachtwoord_hash=wachtwoord)
        # Last: every app has written its entries; give them realistic, distinct times.
        for casus in Casus.objects.filter(gemeente__code__in=codes):
            casussen_demo.tijdlijn_in_de_tijd_zetten(casus)
    return True
