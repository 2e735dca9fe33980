"""Where tasks land: every step of a request is an AanvraagStap row and every afspraak of a
table an Afspraak row, so the notifications hang on their creation (in the same transaction as
the step: a refused or rolled-back step notifies nobody). No service of another app had to
change for this."""

from django.db.models.signals import post_save
from django.urls import reverse

from doorbraak.budget.models import AanvraagStap, AanvraagStatus
from doorbraak.mijntaken import ontvangers, services
from doorbraak.mijntaken.models import MeldingSoort
from doorbraak.organisaties.models import MandaatRol
from doorbraak.overleg.models import Afspraak


def na_aanvraagstap(sender, instance: AanvraagStap, created: bool = False, raw=False, **kwargs):
    if not created or raw:
        return
    aanvraag = instance.aanvraag
    naar = instance.naar
    if naar == AanvraagStatus.INGEDIEND and aanvraag.fonds.meekijken_nodig(aanvraag.bedrag):
        wie = [
            m
            for m in ontvangers.met_mandaat(aanvraag, MandaatRol.MEEKIJKEN)
            if m.pk != aanvraag.aanvrager_id
        ]
        soort = MeldingSoort.TE_BEOORDELEN
    elif naar in (AanvraagStatus.INGEDIEND, AanvraagStatus.BEOORDEELD):
        wie = [
            m
            for m in ontvangers.met_mandaat(aanvraag, MandaatRol.GO)
            if m.pk not in (aanvraag.aanvrager_id, aanvraag.beoordelaar_id)
        ]
        soort = MeldingSoort.GO_NODIG
    elif naar == AanvraagStatus.TOEGEKEND:
        wie = instance.ontvangers_gelezen  # read with the request by the go (PostgreSQL)
        if wie is None:
            wie = ontvangers.financien(aanvraag.gemeente_id)
        soort = MeldingSoort.TE_BETALEN
    else:
        return
    if not wie:  # nobody to tell (meld would make nothing): no link to build either
        return
    pad = reverse("aanvraag", args=[aanvraag.pk])
    services.meld(ontvangers=wie, soort=soort, gebeurtenis=f"{soort}:{aanvraag.pk}", pad=pad)


def na_afspraak(sender, instance: Afspraak, created: bool = False, raw=False, **kwargs):
    if not created or raw:
        return
    services.meld(
        ontvangers=ontvangers.voor_afspraak(instance),
        soort=MeldingSoort.AFSPRAAK,
        gebeurtenis=f"afspraak:{instance.pk}",
        pad=reverse("bijeenkomst", args=[instance.agendapunt.bijeenkomst_id]),
    )


def verbind() -> None:
    post_save.connect(na_aanvraagstap, sender=AanvraagStap, dispatch_uid="mijntaken-aanvraagstap")
    post_save.connect(na_afspraak, sender=Afspraak, dispatch_uid="mijntaken-afspraak")
