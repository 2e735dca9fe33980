"""Reads: the knowledge base for a gemeente (cached) and the stored checks of a case (scoped)."""

from functools import lru_cache
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet

from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_lezen_vast
from doorbraak.casussen import toegang
from doorbraak.casussen.models import Casus
from doorbraak.casussen.selectors import casus_ophalen
from doorbraak.fouten import GeenToegang, NietGevonden
from doorbraak.organisaties.models import Medewerker
from doorbraak.regels import kennisbank
from doorbraak.regels.engine import Kennisbank, Regeling
from doorbraak.regels.models import Regelcheck


def gemeentebasismappen() -> list[Path]:
    """Where gemeente folders (named by CBS code) live: shipped, then the installation's own."""
    mappen = [kennisbank.STANDAARD_MAP / "gemeenten"]
    extra = getattr(settings, "KENNISBANK_DIR", "")
    if extra:
        mappen.append(Path(extra))
    return mappen


def kennisbankmappen(gemeentecode: str) -> list[Path]:
    return [
        kennisbank.STANDAARD_MAP,
        *kennisbank.gemeentemappen(gemeentebasismappen(), gemeentecode),
    ]


@lru_cache(maxsize=256)
def _geladen(gemeentecode: str) -> kennisbank.Geladen:
    # The files change with a deployment (a restart); `doorbraak regels valideer` checks them.
    return kennisbank.laad(kennisbankmappen(gemeentecode))


def kennisbank_voor(*, gemeentecode: str) -> Kennisbank:
    return _geladen(gemeentecode).kennisbank


def kennisbank_cache_legen() -> None:
    _geladen.cache_clear()


def _gemeentecode(medewerker: Medewerker) -> str:
    if medewerker.gemeente_id is None:
        raise GeenToegang("Alleen medewerkers van een gemeente zien de kennisbank.")
    return medewerker.gemeente.code


def kennisbank_van(*, medewerker: Medewerker) -> Kennisbank:
    return kennisbank_voor(gemeentecode=_gemeentecode(medewerker))


def regelingen_voor(*, medewerker: Medewerker) -> tuple[Regeling, ...]:
    """The knowledge base as the caller's gemeente uses it (defaults plus its own files)."""
    return kennisbank_van(medewerker=medewerker).regelingen


def _registreer(medewerker: Medewerker, casus: Casus, omschrijving: str = "") -> None:
    leg_lezen_vast(
        gemeente_id=medewerker.gemeente_id,
        door=medewerker,
        objecten=[
            Vastlegging(
                Handeling.LEZEN,
                "regelchecks",
                casus.pk,
                casus.huishouden_id,
                casus.pk,
                omschrijving,
            )
        ],
    )


def regelchecks_van_casus(*, medewerker: Medewerker, casus_id: UUID) -> QuerySet[Regelcheck]:
    """The stored checks of a case, newest first; 404 outside the caller's gemeente."""
    toegang.vereis_inzage(medewerker)
    casus = casus_ophalen(medewerker=medewerker, casus_id=casus_id)
    _registreer(medewerker, casus)
    return (
        Regelcheck.objects.filter(gemeente_id=medewerker.gemeente_id, casus=casus)
        .select_related("door")
        .order_by("-aangemaakt_op", "pk")
    )


def regelcheck_inzien(*, medewerker: Medewerker, casus_id: UUID, regelcheck_id: UUID) -> Regelcheck:
    toegang.vereis_inzage(medewerker)
    casus = casus_ophalen(medewerker=medewerker, casus_id=casus_id)
    check = regelcheck_van(casus=casus, regelcheck_id=regelcheck_id)
    _registreer(medewerker, casus, f"regelcheck {check.pk}")
    return check


def regelcheck_van(*, casus: Casus, regelcheck_id: UUID) -> Regelcheck:
    try:
        return Regelcheck.objects.select_related("door").get(casus=casus, pk=regelcheck_id)
    except (Regelcheck.DoesNotExist, ValueError):
        raise NietGevonden("Regelcheck niet gevonden bij deze casus.") from None


def laatste_regelcheck(*, casus: Casus) -> Regelcheck | None:
    return Regelcheck.objects.filter(casus=casus).order_by("-aangemaakt_op", "-pk").first()


def casus_heeft_regelcheck(*, casus: Casus) -> bool:
    """For a request for doorbraakbudget: has the voorliggend check been run on this case?"""
    return Regelcheck.objects.filter(gemeente_id=casus.gemeente_id, casus=casus).exists()


# A question is decisive when its answer alone decides this many outcomes of the check (the
# voorliggend page asks these first). A check counts as "gecheckt" for a request only when a
# professional answered questions and none of the decisive ones is still open.
BESLISSEND_VANAF = 5


def beslissende_open_vragen(check: Regelcheck) -> list[str]:
    """The decisive questions of the check that are still unanswered (the household's; a
    question asked per member is left to the member's form)."""
    per_lid = {
        o["feit"]
        for p in check.uitkomst.get("per_persoon", [])
        for o in p.get("ontbrekende_feiten", [])
    }
    return [
        o["vraag"]
        for o in check.uitkomst.get("ontbrekende_feiten", [])
        if o.get("beslist", 0) >= BESLISSEND_VANAF and o["feit"] not in per_lid
    ]


def voorliggend_gecheckt(check: Regelcheck | None) -> tuple[bool, str]:
    """Has the voorliggend check been done for real (not only run with nothing answered)?
    Returns (yes/no, the instruction when not)."""
    if check is None:
        return False, "Doe eerst de voorliggend-check op deze casus."
    if not (check.ingevoerde_feiten or check.ingevoerde_persoonsfeiten):
        return False, (
            "Beantwoord eerst de beslissende vragen van de voorliggend-check: er is nog geen "
            "enkele vraag beantwoord."
        )
    open_vragen = beslissende_open_vragen(check)
    if open_vragen:
        return False, (
            f"Beantwoord eerst de beslissende vragen van de voorliggend-check (nog "
            f"{len(open_vragen)} open), bijvoorbeeld: {open_vragen[0]}"
        )
    return True, ""
