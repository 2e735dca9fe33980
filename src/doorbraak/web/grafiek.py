"""The small chart of the dossier: first versus latest score per life domain, as inline SVG.

Drawn server-side so it needs no script, scales with zoom and prints; the same figures are in a
table next to it for screen readers.
"""

from dataclasses import dataclass

from doorbraak.casussen.verloop import Verloop

RIJHOOGTE = 34
LABELBREEDTE = 190
BALKBREEDTE = 300
SCHAAL_MAX = 5


@dataclass(frozen=True)
class Balk:
    naam: str
    y: int
    eerste_breedte: int
    laatste_breedte: int
    eerste: int
    laatste: int
    verschil: int


@dataclass(frozen=True)
class Grafiek:
    balken: list[Balk]
    breedte: int
    hoogte: int
    labelbreedte: int
    schaalstappen: list[tuple[int, int]]  # (score, x)


def verloopgrafiek(verloop: list[Verloop]) -> Grafiek | None:
    if not verloop:
        return None
    balken = [
        Balk(
            naam=v.naam,
            y=i * RIJHOOGTE,
            eerste_breedte=round(BALKBREEDTE * v.eerste / SCHAAL_MAX),
            laatste_breedte=round(BALKBREEDTE * v.laatste / SCHAAL_MAX),
            eerste=v.eerste,
            laatste=v.laatste,
            verschil=v.verschil,
        )
        for i, v in enumerate(verloop)
    ]
    return Grafiek(
        balken=balken,
        breedte=LABELBREEDTE + BALKBREEDTE + 60,
        hoogte=len(balken) * RIJHOOGTE + 24,
        labelbreedte=LABELBREEDTE,
        schaalstappen=[
            (s, LABELBREEDTE + round(BALKBREEDTE * s / SCHAAL_MAX)) for s in range(SCHAAL_MAX + 1)
        ],
    )
