"""Demo users of a gemeente: the users of API.md with their roles, teams and mandates.

The orchestration (`doorbraak.demo`) decides which gemeente gets which users; this module only
knows how a demo user is made. The password is the demo's known one, so demo mode only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify

from doorbraak.organisaties.models import (
    Doelgroep,
    Gemeente,
    Mandaat,
    MandaatRol,
    Medewerker,
    Rol,
    Team,
)

WACHTWOORD = "doorbraak-demo"
MPH, DOORBRAAKTEAM, PASSENDE_HULP = "mph", "doorbraakteam", "passende_hulp"


@dataclass(frozen=True)
class DemoGebruiker:
    gebruikersnaam: str
    voornaam: str
    achternaam: str
    functie: str
    rollen: tuple[str, ...]
    team: str | None = None
    # (doelgroep code, mandaat rol, max bedrag or None)
    mandaten: tuple[tuple[str, str, Decimal | None], ...] = ()


GEBRUIKERS: tuple[DemoGebruiker, ...] = (
    DemoGebruiker(
        "regisseur", "Ilse", "Verbeek", "Procesregisseur Regieteam", (Rol.REGISSEUR,),
        "Regieteam Centrum", ((MPH, MandaatRol.AANVRAGEN, Decimal("5000")),),
    ),
    DemoGebruiker(
        "coach", "Youssef", "Amrani", "Doorbraakcoach", (Rol.REGISSEUR,), "Doorbraakteam",
        ((DOORBRAAKTEAM, MandaatRol.AANVRAGEN, Decimal("10000")),
         (PASSENDE_HULP, MandaatRol.AANVRAGEN, Decimal("10000"))),
    ),
    DemoGebruiker(
        "collega", "Marieke", "Hoogland", "Procesregisseur Regieteam", (Rol.COLLEGA,),
        "Regieteam Centrum",
        tuple((d, MandaatRol.MEEKIJKEN, None) for d in (MPH, DOORBRAAKTEAM, PASSENDE_HULP)),
    ),
    DemoGebruiker(
        "manager", "Ronald", "Smeets", "Manager Regieteams", (Rol.MANAGER,), None,
        ((MPH, MandaatRol.GO, None), (DOORBRAAKTEAM, MandaatRol.GO, None)),
    ),
    DemoGebruiker(
        "teammanager", "Annemiek", "Peters", "Teammanager Overleg Passende Hulp", (Rol.MANAGER,),
        "Overleg Passende Hulp", ((PASSENDE_HULP, MandaatRol.GO, Decimal("25000")),),
    ),
    DemoGebruiker("financien", "Gerard", "Claessens", "Controller", (Rol.FINANCIEN,)),
    DemoGebruiker("beleid", "Sanne", "Driessen", "Beleidsadviseur sociaal domein", (Rol.BELEID,)),
    DemoGebruiker("privacy", "Tom", "Willems", "Privacyfunctionaris (FG)", (Rol.PRIVACY,)),
    DemoGebruiker("beheer", "Lotte", "Jacobs", "Functioneel beheerder", (Rol.BEHEER,)),
)  # fmt: skip


def gebruiker_aanmaken(
    gemeente: Gemeente, g: DemoGebruiker, *, wachtwoord_hash: str | None = None
) -> Medewerker:
    """One demo user with its team and mandates. Pass `wachtwoord_hash` (one `make_password` of
    the demo password) to skip hashing per user: argon2 takes a noticeable time each."""
    team = Team.objects.get_or_create(gemeente=gemeente, naam=g.team)[0] if g.team else None
    medewerker = Medewerker(
        username=g.gebruikersnaam,
        first_name=g.voornaam,
        last_name=g.achternaam,
        email=f"{g.gebruikersnaam}@{slugify(gemeente.naam)}.demo.invalid",
        gemeente=gemeente,
        team=team,
        functie=g.functie,
        rollen=list(g.rollen),
        is_staff=Rol.BEHEER in g.rollen,
    )
    if wachtwoord_hash:
        medewerker.password = wachtwoord_hash
    else:
        medewerker.set_password(WACHTWOORD)
    medewerker.full_clean()
    medewerker.save()
    doelgroepen = {d.code: d for d in Doelgroep.objects.filter(gemeente=gemeente)}
    Mandaat.objects.bulk_create(
        Mandaat(medewerker=medewerker, doelgroep=doelgroepen[code], rol=rol, max_bedrag=bedrag)
        for code, rol, bedrag in g.mandaten
    )
    return medewerker


def wijzigingsvoorstel_voor_demo(*, door: Medewerker, regisseur: Medewerker) -> None:
    """A second beheerder proposes a higher mandate for the regisseur; it waits for the first
    (invariant 4: nobody changes a mandate alone), so the demo's beheerder has a task."""
    from doorbraak.opmaak import euro
    from doorbraak.organisaties.services import wijziging_voorstellen

    mandaat = Mandaat.objects.select_related("doelgroep").get(
        medewerker=regisseur, rol=MandaatRol.AANVRAGEN, doelgroep__code=MPH
    )
    nieuw = Decimal("7500.00")
    wijziging_voorstellen(
        door=door,
        gemeente_id=regisseur.gemeente_id,
        soort="mandaat",
        gegevens={
            "actie": "wijzigen",
            "id": mandaat.pk,
            "medewerker": regisseur.pk,
            "doelgroep": mandaat.doelgroep_id,
            "rol": mandaat.rol,
            "max_bedrag": f"{nieuw:.2f}",
        },
        omschrijving=(
            f"Mandaat van {regisseur.get_full_name()} om aan te vragen voor "
            f"{mandaat.doelgroep.naam.lower()}: van {euro(mandaat.max_bedrag)} naar {euro(nieuw)}"
        ),
    )
