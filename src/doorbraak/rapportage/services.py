"""Signalen aan beleid: created from the knelpuntenanalyse, moved along their status with the
answer of policy. Every step is kept in the signal's history."""

from uuid import UUID

from django.db import transaction

from doorbraak.fouten import NietGevonden, OngeldigeStatusovergang, Validatiefout
from doorbraak.organisaties.models import Medewerker
from doorbraak.rapportage import toegang
from doorbraak.rapportage.models import OVERGANGEN, Signaal, SignaalStatus, SignaalWijziging


def signaal_aanmaken(
    *,
    door: Medewerker,
    regeling: str,
    artikel: str,
    titel: str,
    omschrijving: str,
    aantal_huishoudens: int = 0,
) -> Signaal:
    toegang.vereis_signaalbeheer(door)
    if not regeling.strip():
        raise Validatiefout("Noem de regeling die knelt.", veld="regeling")
    if not titel.strip():
        raise Validatiefout("Geef het signaal een titel.", veld="titel")
    if not omschrijving.strip():
        raise Validatiefout(
            "Beschrijf wat knelt en wat het vraagt van beleid.", veld="omschrijving"
        )
    with transaction.atomic():
        signaal = Signaal.objects.create(
            gemeente_id=door.gemeente_id,
            regeling=regeling.strip()[:80],
            artikel=artikel.strip()[:80],
            titel=titel.strip()[:200],
            omschrijving=omschrijving.strip(),
            aantal_huishoudens=max(0, aantal_huishoudens),
            aangemaakt_door=door,
        )
        SignaalWijziging.objects.create(
            signaal=signaal, gemeente_id=door.gemeente_id, naar=SignaalStatus.NIEUW, door=door
        )
        return signaal


def signaal_behandelen(
    *, door: Medewerker, signaal_id: UUID, naar: str, reactie: str = "", behandelaar: str = ""
) -> Signaal:
    """Move the signal on; closing it (opgelost/afgewezen) needs the answer of policy."""
    toegang.vereis_signaalbeheer(door)
    if naar not in SignaalStatus.values:
        raise Validatiefout("Onbekende status.", veld="status")
    with transaction.atomic():
        try:
            signaal = Signaal.objects.select_for_update(no_key=True).get(
                pk=signaal_id, gemeente_id=door.gemeente_id
            )
        except (Signaal.DoesNotExist, ValueError):
            raise NietGevonden("Signaal niet gevonden.") from None
        if naar not in OVERGANGEN[signaal.status]:
            raise OngeldigeStatusovergang(
                f"Van '{SignaalStatus(signaal.status).label}' kan een signaal niet naar "
                f"'{SignaalStatus(naar).label}'.",
                veld="status",
            )
        if naar in (SignaalStatus.OPGELOST, SignaalStatus.AFGEWEZEN) and not reactie.strip():
            raise Validatiefout(
                "Leg de reactie van beleid vast voordat het signaal wordt afgesloten.",
                veld="reactie",
            )
        van = signaal.status
        signaal.status = naar
        if reactie.strip():
            signaal.reactie = reactie.strip()
        if behandelaar.strip():
            signaal.behandelaar = behandelaar.strip()[:160]
        signaal.save()
        SignaalWijziging.objects.create(
            signaal=signaal,
            gemeente_id=signaal.gemeente_id,
            van=van,
            naar=naar,
            toelichting=reactie.strip(),
            door=door,
        )
        return signaal


# --- report PDFs on the background queue ----------------------------------------------------

EXPORT_SOORTEN = {"evaluatie", "pilot", "verantwoording"}


def rapportexport_aanvragen(
    *,
    medewerker: Medewerker,
    soort: str,
    van=None,
    tot=None,
    jaar: int | None = None,
    taal: str = "nl",
):
    """Ask for a report PDF made in the background. The same request while the first is still
    being made returns that one: a double click makes one file."""
    from doorbraak.rapportage import selectors
    from doorbraak.rapportage.models import ExportStatus, RapportExport
    from doorbraak.taken.services import plaats_taak

    toegang.vereis_rapportage(medewerker)
    if soort not in EXPORT_SOORTEN:
        raise Validatiefout("Onbekende soort rapport.", veld="soort")
    if soort == "verantwoording":
        if not jaar:
            raise Validatiefout("Kies een jaar.", veld="jaar")
        van = tot = None
    else:
        periode = selectors.periode(van, tot)  # raises for an end before the start
        van, tot, jaar = periode.van, periode.tot, None
    with transaction.atomic():
        export, nieuw = RapportExport.objects.get_or_create(
            gemeente_id=medewerker.gemeente_id,
            aangevraagd_door=medewerker,
            soort=soort,
            van=van,
            tot=tot,
            jaar=jaar,
            status=ExportStatus.WORDT_GEMAAKT,
            defaults={"taal": taal},
        )
        if nieuw:
            plaats_taak(
                functie="doorbraak.rapportage.taken.maak_rapport_pdf",
                args=[str(export.pk)],
                sleutel=f"rapportexport:{export.pk}",
                gemeente_id=medewerker.gemeente_id,
                omschrijving=f"PDF {export.get_soort_display()}",
            )
        return export
