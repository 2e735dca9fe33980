"""The case lifecycle, as plain rules: which transitions exist and why others are refused.

aangemeld → plan → uitvoering → evaluatie → afgesloten; evaluatie may go back to uitvoering
(the plan is adjusted), and a case may close early from any open status, with a reason.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class CasusStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    PLAN = "plan", _("Plan")
    UITVOERING = "uitvoering", _("Uitvoering")
    EVALUATIE = "evaluatie", _("Evaluatie")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


S = CasusStatus
VOLGENDE: dict[str, str] = {
    S.AANGEMELD: S.PLAN,
    S.PLAN: S.UITVOERING,
    S.UITVOERING: S.EVALUATIE,
    S.EVALUATIE: S.AFGESLOTEN,
}
TERUG: dict[str, str] = {S.EVALUATIE: S.UITVOERING}


@dataclass(frozen=True)
class PlanStand:
    """What the transition rules need to know about the doorbraakplan."""

    heeft_doorbraak: bool
    aantal_acties: int


def weigering(van: str, naar: str, *, reden: str, plan: PlanStand) -> str | None:
    """Return why the transition is refused (Dutch sentence), or None when it is allowed."""
    if van == naar:
        return f"De casus heeft al de status '{S(van).label}'."
    if van == S.AFGESLOTEN:
        return "Een afgesloten casus kan niet meer van status veranderen."
    if naar == S.AFGESLOTEN and VOLGENDE.get(van) != S.AFGESLOTEN:
        if not reden.strip():
            return "Een casus voortijdig afsluiten kan alleen met een reden."
        return None
    if VOLGENDE.get(van) != naar and TERUG.get(van) != naar:
        volgende = S(VOLGENDE[van]).label
        return (
            f"Van '{S(van).label}' kan een casus alleen naar '{volgende}'"
            f"{' of terug naar ' + repr(S(TERUG[van]).label) if van in TERUG else ''}"
            f" (of voortijdig afgesloten met een reden), niet naar '{S(naar).label}'."
        )
    if naar == S.UITVOERING and not (plan.heeft_doorbraak and plan.aantal_acties):
        return (
            "Naar uitvoering kan pas als het doorbraakplan een doorbraak en minstens één actie "
            "beschrijft."
        )
    return None


def keuzes(huidig: str) -> list[str]:
    """The statuses a professional is offered from `huidig`: the next one, back (from evaluatie),
    and closing. `weigering` still decides, with its reason (e.g. closing early needs one)."""
    if huidig == S.AFGESLOTEN:
        return []
    kandidaten = (VOLGENDE.get(huidig), TERUG.get(huidig), S.AFGESLOTEN)
    return list(dict.fromkeys(k for k in kandidaten if k))
