"""The meldcode huiselijk geweld en kindermishandeling: when the Veiligheid domain scores 1 or 2
(acute or serious problems on the 1-5 self-reliance scale), the professional is asked to follow
the five steps of the meldcode and to record that it was considered (who, when, decision).

Plain Python over the measurements already loaded with the dossier: no extra query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from doorbraak.casussen.verloop import per_meting

VEILIGHEID = "veiligheid"  # the leefgebied code (organisaties.standaard)
DREMPEL = 2  # a score of 1 or 2 asks for the meldcode
VEILIG_THUIS = "0800-2000"

# The five steps of the meldcode (Wet verplichte meldcode, Besluit verplichte meldcode), in
# plain words.
STAPPEN = (
    _("Breng de signalen in kaart. Schrijf op wat u ziet en hoort, en van wie."),
    _(
        "Overleg met een collega of aandachtsfunctionaris. Raadpleeg zo nodig Veilig Thuis "
        "(0800-2000, gratis en anoniem)."
    ),
    _("Ga in gesprek met de betrokkene(n) over uw zorgen."),
    _(
        "Weeg het geweld of de kindermishandeling. Is er acute of structurele onveiligheid? "
        "Gebruik het afwegingskader."
    ),
    _(
        "Beslis: is melden noodzakelijk? En: kunt u passende hulp bieden of organiseren? Bij "
        "acute of structurele onveiligheid meldt u altijd bij Veilig Thuis."
    ),
)


@dataclass(frozen=True)
class Meldcodesignaal:
    score: int
    meting: Any  # the measurement that scored Veiligheid 1 or 2
    afweging: Any | None  # the afweging recorded since that measurement, if any

    @property
    def open(self) -> bool:
        return self.afweging is None


def signaal(metingen: Iterable[Any], afwegingen: Iterable[Any]) -> Meldcodesignaal | None:
    """The prompt for the latest measurement of Veiligheid if it scored 1 or 2, with the
    afweging recorded since (newest first); None when Veiligheid was not low last time."""
    scores = ((m, s.leefgebied.code, s.score) for m in metingen for s in m.scores.all())
    return _signaal(scores, afwegingen)


def signaal_uit_rijen(
    metingen: Sequence[Any], scores: Iterable[Any], afwegingen: Iterable[Any]
) -> Meldcodesignaal | None:
    """`signaal` of measurements and scores read as rows (`pk`, `datum`, `aangemaakt_op`;
    `selectors.domeinscores_van`)."""
    gelezen = ((m, s.leefgebied__code, s.score) for m, s in per_meting(metingen, scores))
    return _signaal(gelezen, afwegingen)


def _signaal(
    scores: Iterable[tuple[Any, str, int]], afwegingen: Iterable[Any]
) -> Meldcodesignaal | None:
    """From (measurement, domain code, score) in order of date: the last one with a Veiligheid
    score counts."""
    laatste = None
    for meting, code, score in scores:
        if code == VEILIGHEID:
            laatste = (meting, score)
    if laatste is None or laatste[1] > DREMPEL:
        return None
    meting, score = laatste
    sinds = [a for a in afwegingen if a.meting_id == meting.pk or a.op >= meting.aangemaakt_op]
    sinds.sort(key=lambda a: a.op, reverse=True)
    return Meldcodesignaal(score=score, meting=meting, afweging=sinds[0] if sinds else None)
