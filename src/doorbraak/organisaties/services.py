"""State changes for organisations: setting up a gemeente with its defaults, and changes to
roles, mandates and fund routes with four eyes."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorbraak.audit.activiteiten import BEHEER
from doorbraak.audit.models import Handeling, Verwerkingsketen
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.fouten import Conflict, GeenToegang, NietGevonden, Validatiefout
from doorbraak.organisaties.models import (
    Doelgroep,
    Gemeente,
    Leefgebied,
    Mandaat,
    Medewerker,
    Regio,
    Rol,
    WijzigingSoort,
    WijzigingStatus,
    Wijzigingsvoorstel,
)
from doorbraak.organisaties.standaard import STANDAARD_DOELGROEPEN, STANDAARD_LEEFGEBIEDEN


def gemeente_inrichten(gemeente: Gemeente) -> None:
    """Give a gemeente the default doelgroepen, leefgebieden and its processing-log chain."""
    with transaction.atomic():
        for code, naam, omschrijving in STANDAARD_DOELGROEPEN:
            Doelgroep.objects.get_or_create(
                gemeente=gemeente, code=code, defaults={"naam": naam, "omschrijving": omschrijving}
            )
        for volgorde, (code, naam) in enumerate(STANDAARD_LEEFGEBIEDEN, start=1):
            Leefgebied.objects.get_or_create(
                gemeente=gemeente, code=code, defaults={"naam": naam, "volgorde": volgorde}
            )
        Verwerkingsketen.objects.get_or_create(gemeente=gemeente)


def gemeente_aanmaken(*, code: str, naam: str, regio: Regio | None = None) -> Gemeente:
    with transaction.atomic():
        gemeente = Gemeente(code=code, naam=naam, regio=regio)
        gemeente.full_clean()
        gemeente.save()
        gemeente_inrichten(gemeente)
        return gemeente


# --- four eyes on configuration ------------------------------------------------------------
# Roles, mandates and fund routes decide who may spend the doorbraakbudget. One beheerder
# proposes, a second one (never the proposer) approves; only then is the change applied, inside
# one transaction, and both steps are in the processing log.


def _vereis_beheer(door: Medewerker, gemeente_id) -> None:
    if door.is_superuser:
        return
    if not door.heeft_rol(Rol.BEHEER) or door.gemeente_id is None:
        raise GeenToegang("Alleen een functioneel beheerder kan dit doen.")
    if str(door.gemeente_id) != str(gemeente_id):
        raise NietGevonden("Onbekend in deze gemeente.")


def _leg_beheer_vast(door: Medewerker, voorstel: Wijzigingsvoorstel, handeling: str, wat: str):
    leg_vast(
        gemeente_id=voorstel.gemeente_id,
        door=door,
        vastleggingen=[
            Vastlegging(
                handeling,
                "wijzigingsvoorstel",
                voorstel.pk,
                None,
                omschrijving=f"{wat}: {voorstel.omschrijving}",
            )
        ],
        activiteit=BEHEER,
    )


def _als_validatiefout(fout: ValidationError) -> Validatiefout:
    if hasattr(fout, "message_dict"):
        veld, meldingen = next(iter(fout.message_dict.items()))
        return Validatiefout(" ".join(meldingen), veld=None if veld == "__all__" else veld)
    return Validatiefout(" ".join(fout.messages))


def _medewerker(gemeente_id, pk) -> Medewerker:
    try:
        return Medewerker.objects.select_for_update(no_key=True).get(gemeente_id=gemeente_id, pk=pk)
    except (Medewerker.DoesNotExist, ValueError, TypeError):
        raise Validatiefout("Onbekende medewerker in deze gemeente.", veld="medewerker") from None


def _rollen_toepassen(gemeente_id, object_id, gegevens: dict, opslaan: bool) -> None:
    medewerker = _medewerker(gemeente_id, object_id)
    rollen = gegevens.get("rollen")
    if not isinstance(rollen, list):
        raise Validatiefout("Geef de rollen als lijst.", veld="rollen")
    medewerker.rollen = sorted(set(rollen))
    try:
        medewerker.clean()
    except ValidationError as e:
        raise _als_validatiefout(e) from None
    if opslaan:
        medewerker.save(update_fields=["rollen"])


def mandaat_toepassen(model, gemeente_id, gegevens: dict, opslaan: bool, **sleutels) -> None:
    """Add, change or remove a mandate (Mandaat or the budget's Fondsmandaat) in the gemeente."""
    actie = gegevens.get("actie")
    if actie not in ("toevoegen", "wijzigen", "verwijderen"):
        raise Validatiefout("Kies toevoegen, wijzigen of verwijderen.", veld="actie")
    if actie == "toevoegen":
        mandaat = model()
    else:
        mandaat = (
            model.objects.select_for_update()  # FOR UPDATE: deleted below on "verwijderen"
            .filter(pk=gegevens.get("id"), medewerker__gemeente_id=gemeente_id)
            .first()
        )
        if mandaat is None:
            raise Validatiefout("Dit mandaat bestaat niet (meer).", veld="mandaat")
        if actie == "verwijderen":
            if opslaan:
                mandaat.delete()
            return
    mandaat.medewerker = _medewerker(gemeente_id, gegevens.get("medewerker"))
    for veld, waarde in sleutels.items():
        setattr(mandaat, veld, waarde)
    doelgroep = gegevens.get("doelgroep")
    if (
        doelgroep is not None
        and not Doelgroep.objects.filter(pk=doelgroep, gemeente_id=gemeente_id).exists()
    ):
        raise Validatiefout("Onbekende doelgroep in deze gemeente.", veld="doelgroep")
    mandaat.doelgroep_id = doelgroep
    mandaat.rol = gegevens.get("rol", "")
    mandaat.max_bedrag = gegevens.get("max_bedrag")
    try:
        mandaat.full_clean(validate_unique=True)
    except ValidationError as e:
        raise _als_validatiefout(e) from None
    if opslaan:
        mandaat.save()


# Kinds of change that an app built on organisaties applies itself (budget registers its fund
# routes and fund mandates in its AppConfig.ready): the base layer imports none of those apps.
# Called with gemeente_id, object_id, gegevens and opslaan.
WIJZIGINGEN_ELDERS: dict[str, Callable[..., None]] = {}


def wijzigingssoort_registreren(soort: str, toepassen: Callable[..., None]) -> None:
    WIJZIGINGEN_ELDERS[soort] = toepassen


def _toepassen(voorstel: Wijzigingsvoorstel, *, opslaan: bool) -> None:
    g, soort = voorstel.gemeente_id, voorstel.soort
    if soort == WijzigingSoort.ROLLEN:
        _rollen_toepassen(g, voorstel.object_id, voorstel.gegevens, opslaan)
    elif soort == WijzigingSoort.MANDAAT:
        mandaat_toepassen(Mandaat, g, voorstel.gegevens, opslaan)
    elif soort in WIJZIGINGEN_ELDERS:
        WIJZIGINGEN_ELDERS[soort](
            gemeente_id=g, object_id=voorstel.object_id, gegevens=voorstel.gegevens, opslaan=opslaan
        )
    else:
        raise Validatiefout("Onbekende soort wijziging.", veld="soort")


def wijziging_voorstellen(
    *,
    door: Medewerker,
    gemeente_id,
    soort: str,
    gegevens: dict,
    omschrijving: str,
    object_id: object = "",
) -> Wijzigingsvoorstel:
    """Propose a change; it is checked now (and again when applied) and logged. A platform
    superuser's change is applied at once (setting up a gemeente), and logged as such."""
    _vereis_beheer(door, gemeente_id)
    with transaction.atomic():
        voorstel = Wijzigingsvoorstel(
            gemeente_id=gemeente_id,
            soort=soort,
            object_id=str(object_id or ""),
            gegevens=gegevens,
            omschrijving=omschrijving[:300],
            voorgesteld_door=door,
        )
        _toepassen(voorstel, opslaan=False)
        voorstel.save()
        _leg_beheer_vast(door, voorstel, Handeling.AANMAKEN, "voorgesteld")
        if door.is_superuser:
            _toepassen(voorstel, opslaan=True)
            voorstel.status, voorstel.beoordeeld_op = WijzigingStatus.TOEGEPAST, timezone.now()
            voorstel.reden = "Toegepast door de platformbeheerder."
            voorstel.save(update_fields=["status", "beoordeeld_op", "reden"])
            _leg_beheer_vast(door, voorstel, Handeling.WIJZIGEN, "toegepast (platformbeheer)")
        return voorstel


def _open_voorstel(door: Medewerker, voorstel_id) -> Wijzigingsvoorstel:
    qs = Wijzigingsvoorstel.objects.select_for_update(no_key=True)
    if not door.is_superuser:
        qs = qs.filter(gemeente_id=door.gemeente_id)
    try:
        voorstel = qs.get(pk=voorstel_id)
    except (Wijzigingsvoorstel.DoesNotExist, ValueError):
        raise NietGevonden("Wijzigingsvoorstel niet gevonden.") from None
    _vereis_beheer(door, voorstel.gemeente_id)
    if voorstel.status != WijzigingStatus.OPEN:
        raise Conflict("Over dit voorstel is al beslist.", veld="status")
    if voorstel.voorgesteld_door_id == door.pk:
        raise GeenToegang(
            "Een tweede beheerder keurt het voorstel goed, niet wie het voorstelde (4-ogen)."
        )
    return voorstel


def wijziging_goedkeuren(*, door: Medewerker, voorstel_id) -> Wijzigingsvoorstel:
    """The second beheerder approves: the change is applied, all or nothing, and logged."""
    with transaction.atomic():
        voorstel = _open_voorstel(door, voorstel_id)
        _toepassen(voorstel, opslaan=True)
        voorstel.status, voorstel.beoordeeld_door = WijzigingStatus.TOEGEPAST, door
        voorstel.beoordeeld_op = timezone.now()
        voorstel.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op"])
        _leg_beheer_vast(door, voorstel, Handeling.WIJZIGEN, "goedgekeurd en toegepast")
        return voorstel


def wijziging_afwijzen(*, door: Medewerker, voorstel_id, reden: str) -> Wijzigingsvoorstel:
    if not reden.strip():
        raise Validatiefout("Geef de reden van de afwijzing.", veld="reden")
    with transaction.atomic():
        voorstel = _open_voorstel(door, voorstel_id)
        voorstel.status, voorstel.beoordeeld_door = WijzigingStatus.AFGEWEZEN, door
        voorstel.beoordeeld_op, voorstel.reden = timezone.now(), reden.strip()
        voorstel.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "reden"])
        _leg_beheer_vast(door, voorstel, Handeling.WIJZIGEN, "afgewezen")
        return voorstel
