"""Who a task lands with: the medewerkers of the gemeente who may take the request's next step
(the same mandates the services check), finance for a payment, the regisseur for an action, the
members of the table for an afspraak made for their organisation or in their name."""

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

from doorbraak.budget.models import Aanvraag, Fondsmandaat
from doorbraak.organisaties import selectors as organisatie_selectors
from doorbraak.organisaties.models import Mandaat, Medewerker, Rol
from doorbraak.overleg.models import Afspraak


def _actief(gemeente_id) -> QuerySet[Medewerker]:
    return Medewerker.objects.filter(gemeente_id=gemeente_id, is_active=True)


def met_mandaat(aanvraag: Aanvraag, rol: str) -> list[Medewerker]:
    """Everyone holding a mandate of this kind for the request's fund, doelgroep and amount
    (budget.mandaten.heeft_mandaat, for all medewerkers in one query)."""
    binnen_bedrag = Q(max_bedrag__isnull=True) | Q(max_bedrag__gte=aanvraag.bedrag)
    per_fonds = Fondsmandaat.objects.filter(
        binnen_bedrag,
        Q(doelgroep_id=aanvraag.doelgroep_id) | Q(doelgroep__isnull=True),
        fonds_id=aanvraag.fonds_id,
        medewerker_id=OuterRef("pk"),
        rol=rol,
    )
    voorwaarde = Q(Exists(per_fonds))
    if aanvraag.fonds.standaard:
        algemeen = Mandaat.objects.filter(
            binnen_bedrag, medewerker_id=OuterRef("pk"), rol=rol, doelgroep_id=aanvraag.doelgroep_id
        )
        voorwaarde |= Q(Exists(algemeen))
    return list(_actief(aanvraag.gemeente_id).filter(voorwaarde))


# What a notification reads of its recipient (mijntaken.services.meld): the key, the
# gemeente and the address; the rest of the row (password hash included) stays unread.
MELDING_VELDEN = ("email", "gemeente")


def met_rol(gemeente_id, rol: str) -> list[Medewerker]:
    return organisatie_selectors.medewerkers_met_rol(
        gemeente_id=gemeente_id, rol=rol, op_naam=False, velden=MELDING_VELDEN
    )


def financien(gemeente_id) -> list[Medewerker]:
    return met_rol(gemeente_id, Rol.FINANCIEN)


def financien_als_kolom(gemeente: str) -> str | None:
    """`financien` (a go's recipients) as one column of another statement, for the gemeente its
    SQL expression names (PostgreSQL; None elsewhere). Parameters: `financien_parameters()`; the
    medewerkers through `financien_omgezet`, for the step as `AanvraagStap.ontvangers_gelezen`."""
    return organisatie_selectors.medewerkers_met_rol_als_kolom(gemeente, MELDING_VELDEN)


def financien_parameters() -> list:
    return organisatie_selectors.medewerkers_met_rol_parameters(Rol.FINANCIEN)


def financien_omgezet(rijen: list) -> list[Medewerker]:
    return organisatie_selectors.medewerkers_met_rol_omgezet(rijen, MELDING_VELDEN)


def voor_afspraak(afspraak: Afspraak) -> list[Medewerker]:
    """The members of the table the afspraak names: by their organisation at the table, their
    own organisation, or their full name."""
    wie = afspraak.wie.strip()
    if not wie:
        return []
    overleg_id = afspraak.agendapunt.bijeenkomst.overleg_id
    return list(
        _actief(afspraak.gemeente_id)
        .filter(lidmaatschappen__overleg_id=overleg_id)
        .annotate(volledige_naam=Concat("first_name", Value(" "), "last_name"))
        .filter(
            Q(lidmaatschappen__organisatie__iexact=wie)
            | Q(organisatie__iexact=wie)
            | Q(volledige_naam__iexact=wie)
            | Q(username__iexact=wie)
        )
        .distinct()
    )
