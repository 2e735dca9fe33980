"""Notifications: a task that lands with someone becomes one melding per recipient (once per
event: the key is unique) and, for who wants it directly, one mail job on the background queue.
Everything happens in the caller's transaction, so a refused step leaves neither melding nor job.
"""

from django.db import transaction

from doorbraak import opmaak
from doorbraak.fouten import Validatiefout
from doorbraak.mijntaken.models import Frequentie, Melding, MeldingSoort, Meldingsvoorkeur
from doorbraak.organisaties.models import Medewerker
from doorbraak.taken.services import plaats_taak

VERSTUUR = "doorbraak.mijntaken.taken.verstuur_melding"


def frequenties(ontvangers: list[Medewerker]) -> dict[int, str]:
    gekozen = dict(
        Meldingsvoorkeur.objects.filter(medewerker__in=ontvangers).values_list(
            "medewerker_id", "frequentie"
        )
    )
    return {m.pk: gekozen.get(m.pk, Frequentie.DIRECT) for m in ontvangers}


def meld(*, ontvangers: list[Medewerker], soort: str, gebeurtenis: str, pad: str) -> list[Melding]:
    """One melding per recipient for this event (`gebeurtenis`, e.g. 'te_beoordelen:<id>');
    the same event never twice. Recipients without e-mail address or who chose no mail get
    none: the task is on their Mijn taken anyway."""
    ontvangers = [m for m in ontvangers if m.email and m.gemeente_id]
    if not ontvangers:
        return []
    keuze = frequenties(ontvangers)
    nieuw: list[Melding] = []
    with transaction.atomic():
        for ontvanger in ontvangers:
            if keuze[ontvanger.pk] == Frequentie.UIT:
                continue
            melding, gemaakt = Melding.objects.get_or_create(
                gemeente_id=ontvanger.gemeente_id,  # the tenant filter (docs/schaal.md)
                sleutel=f"{gebeurtenis}:{ontvanger.pk}"[:200],
                defaults={
                    "ontvanger": ontvanger,
                    "soort": soort,
                    "pad": pad,
                },
            )
            if not gemaakt:
                continue
            nieuw.append(melding)
            if keuze[ontvanger.pk] == Frequentie.DIRECT:
                plaats_taak(
                    functie=VERSTUUR,
                    sleutel=f"melding:{melding.pk}",
                    args=[str(melding.pk)],
                    gemeente_id=ontvanger.gemeente_id,
                    omschrijving=f"E-mailmelding ({opmaak.keuze(MeldingSoort, soort)})",
                )
    return nieuw


def voorkeur_wijzigen(*, door: Medewerker, frequentie: str) -> Meldingsvoorkeur:
    """The medewerker's own choice: direct, a daily overview, or no mail (not household data,
    so not in the processing log)."""
    if frequentie not in Frequentie.values:
        raise Validatiefout("Kies direct, dagelijks overzicht of geen e-mail.", veld="frequentie")
    with transaction.atomic():
        voorkeur, _ = Meldingsvoorkeur.objects.update_or_create(
            medewerker=door, defaults={"frequentie": frequentie}
        )
        return voorkeur
