"""State changes of the voorliggend check: run and store a check, turn a blocking rule into a
knelpunt of the doorbraakplan. Each in one transaction, access checked, logged."""

from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.casussen import toegang
from doorbraak.casussen.models import (
    Doorbraakplan,
    Knelpunt,
    KnelpuntSoort,
)
from doorbraak.casussen.selectors import casus_ophalen
from doorbraak.casussen.services import gebeurtenis
from doorbraak.fouten import Conflict, Validatiefout
from doorbraak.organisaties.models import Medewerker
from doorbraak.regels import engine, selectors, uitvoer
from doorbraak.regels.feiten import feiten_uit_casus, personen_uit_casus
from doorbraak.regels.models import Regelcheck


def _normaliseer(
    kennisbank: engine.Kennisbank, feiten: Mapping[str, Any], veldprefix: str
) -> dict[str, engine.Waarde | None]:
    """Entered facts checked against the catalogue; None means 'forget this fact'."""
    uit: dict[str, engine.Waarde | None] = {}
    for naam, waarde in feiten.items():
        definitie = kennisbank.feiten.get(naam)
        if definitie is None:
            raise Validatiefout(
                "Onbekend feit; zie GET /regelingen voor de feiten van de kennisbank.",
                veld=f"{veldprefix}.{naam}",
            )
        if waarde is None:
            uit[naam] = None
            continue
        try:
            uit[naam] = definitie.normaliseer(waarde)
        except engine.OngeldigFeit as fout:
            raise Validatiefout(fout.reden, veld=f"{veldprefix}.{naam}") from None
    return uit


def _eerder_ingevoerd(
    kennisbank: engine.Kennisbank, opgeslagen: Mapping[str, Any]
) -> dict[str, engine.Waarde]:
    """Facts entered in the previous check that still fit the (possibly changed) catalogue."""
    uit = {}
    for naam, waarde in opgeslagen.items():
        definitie = kennisbank.feiten.get(naam)
        if definitie is None or waarde is None:
            continue
        try:
            uit[naam] = definitie.normaliseer(waarde)
        except engine.OngeldigFeit:
            continue  # the knowledge base changed this fact's type: ask again
    return uit


def _json(kennisbank: engine.Kennisbank, feiten: Mapping[str, engine.Waarde]) -> dict[str, Any]:
    return {
        naam: uitvoer.waarde_json(w, kennisbank.feiten[naam].type) for naam, w in feiten.items()
    }


def _persoonsinvoer(
    kennisbank: engine.Kennisbank, personen: Mapping[str, Any], leden: set[str]
) -> dict[str, dict[str, engine.Waarde | None]]:
    """Facts entered per member (gezinslid id → {feit: waarde}); only per-person facts."""
    if not isinstance(personen, Mapping):
        raise Validatiefout(
            "Geef de personen als object {gezinslid-id: {feit: waarde}}.", veld="personen"
        )
    uit: dict[str, dict[str, engine.Waarde | None]] = {}
    for sleutel, feiten in personen.items():
        veld = f"personen.{sleutel}"
        if sleutel not in leden:
            raise Validatiefout(
                "Dit gezinslid hoort niet bij het huishouden van de casus.", veld=veld
            )
        if not isinstance(feiten, Mapping):
            raise Validatiefout("Geef de feiten als object {naam: waarde}.", veld=veld)
        for naam in feiten:
            d = kennisbank.feiten.get(naam)
            if d is not None and not d.per_persoon:
                raise Validatiefout(
                    "Dit feit gaat over het huishouden; geef het bij de feiten, niet per persoon.",
                    veld=f"{veld}.{naam}",
                )
        uit[sleutel] = _normaliseer(kennisbank, feiten, veld)
    return uit


def regelcheck_uitvoeren(
    *,
    door: Medewerker,
    casus_id: UUID,
    feiten: Mapping[str, Any],
    peildatum: date | None = None,
    personen: Mapping[str, Any] | None = None,
) -> Regelcheck:
    """Run the voorliggend check on a case and store it.

    The facts are what the case file states (ages, household, urgency), what was entered in
    earlier checks, and the facts given now (which win; None forgets an earlier answer). Bad
    input raises Validatiefout naming `feiten.<naam>` before anything is written.

    `personen` gives facts about one member each ({gezinslid id: {feit: waarde}}), for the
    per-person voorzieningen (jeugdhulp per child, AIO per adult); kept like `feiten`.
    """
    toegang.vereis_casuswerk(door)
    if not isinstance(feiten, Mapping):
        raise Validatiefout("Geef de feiten als object {naam: waarde}.", veld="feiten")
    kennisbank = selectors.kennisbank_van(medewerker=door)
    nieuw = _normaliseer(kennisbank, feiten, "feiten")
    peildatum = peildatum or timezone.localdate()
    with transaction.atomic():
        casus = casus_ophalen(medewerker=door, casus_id=casus_id, lock=True)
        vorige = selectors.laatste_regelcheck(casus=casus)
        eerder = _eerder_ingevoerd(kennisbank, vorige.ingevoerde_feiten if vorige else {})
        ingevoerd = {k: v for k, v in {**eerder, **nieuw}.items() if v is not None}
        gezinsleden = list(casus.huishouden.gezinsleden.all())
        per_lid = _persoonsinvoer(kennisbank, personen or {}, {str(g.pk) for g in gezinsleden})
        eerder_per_lid = vorige.ingevoerde_persoonsfeiten if vorige else {}
        persoonsinvoer: dict[str, dict[str, engine.Waarde]] = {}
        for lid in gezinsleden:
            sleutel = str(lid.pk)
            samen = {
                **_eerder_ingevoerd(kennisbank, eerder_per_lid.get(sleutel, {})),
                **per_lid.get(sleutel, {}),
            }
            samen = {
                k: v for k, v in samen.items() if v is not None and kennisbank.feiten[k].per_persoon
            }
            if samen:
                persoonsinvoer[sleutel] = samen
        afgeleid = feiten_uit_casus(casus, gezinsleden, peildatum)
        gebruikt: dict[str, engine.Waarde] = {n: a.waarde for n, a in afgeleid.items()}
        gebruikt.update(ingevoerd)
        herkomst = {n: a.herkomst for n, a in afgeleid.items()}
        herkomst.update({n: "eerder ingevoerd" for n in ingevoerd if n in eerder})
        herkomst.update({n: "ingevoerd" for n, w in nieuw.items() if w is not None})
        resultaat = engine.beoordeel_alles(
            kennisbank,
            gebruikt,
            peildatum,
            personen_uit_casus(gezinsleden, peildatum, persoonsinvoer),
        )
        uitkomst = uitvoer.resultaat_json(resultaat)
        waarden = _json(kennisbank, gebruikt)
        check = Regelcheck.objects.create(
            gemeente_id=casus.gemeente_id,
            casus=casus,
            peildatum=peildatum,
            ingevoerde_feiten=_json(kennisbank, ingevoerd),
            ingevoerde_persoonsfeiten={
                sleutel: _json(kennisbank, f) for sleutel, f in persoonsinvoer.items()
            },
            feiten={n: {"waarde": waarden[n], "herkomst": herkomst[n]} for n in gebruikt},
            uitkomst=uitkomst,
            kennisbank_versie=kennisbank.versie,
            door=door,
        )
        s = uitkomst["samenvatting"]
        gebeurtenis(
            casus,
            (
                f"Voorliggend-check (peildatum {peildatum:%d-%m-%Y}): {s['mogelijk']} mogelijk, "
                f"{s['niet_mogelijk']} niet mogelijk, {s['onbekend']} onbekend, "
                f"{s['niet_snel_genoeg']} niet snel genoeg."
            ),
            door,
        )
        leg_vast(
            gemeente_id=door.gemeente_id,
            door=door,
            vastleggingen=[
                Vastlegging(
                    Handeling.AANMAKEN,
                    "regelcheck",
                    check.pk,
                    casus.huishouden_id,
                    casus.pk,
                    f"peildatum {peildatum:%d-%m-%Y}",
                )
            ],
        )
        return check


class Blokkade(NamedTuple):
    soort: str
    omschrijving: str
    artikel: str


def blokkade(item: dict[str, Any]) -> Blokkade | None:
    """What blocks this voorziening of a stored check (not possible, not in time, or possible
    only at a high administrative burden), or None when nothing blocks. One rule for the
    Voorliggend page, the knelpunt it makes and the knelpuntenanalyse."""
    naam, regeling = item["naam"], item["regeling_naam"]
    if item["uitkomst"] == engine.NIET_MOGELIJK:
        stap = next((s for s in item["stappen"] if s["voldaan"] is False), None)
        bron = stap["bron"] if stap else item["bron"]
        reden = stap["tekst"] if stap else item["redenen"][0]
        soort = (
            KnelpuntSoort.BELEID
            if bron["soort"] == "beleidsregel"
            else KnelpuntSoort.WET_REGELGEVING
        )
        return Blokkade(soort, f"{naam} ({regeling}) is niet mogelijk. {reden}", bron["artikel"])
    if item["niet_snel_genoeg"]:
        return Blokkade(
            KnelpuntSoort.WACHTTIJD,
            f"{naam} ({regeling}) is niet snel genoeg. {item['tijdigheid']}",
            item["bron"]["artikel"],
        )
    if item["uitkomst"] == engine.MOGELIJK and item["hoge_administratieve_last"]:
        return Blokkade(
            KnelpuntSoort.PROCEDURE,
            f"{naam} ({regeling}) gaat gepaard met hoge administratieve lasten.",
            item["bron"]["artikel"],
        )
    return None


def knelpunt_uit_regelcheck(
    *, door: Medewerker, casus_id: UUID, regelcheck_id: UUID, voorziening: str
) -> Knelpunt:
    """Turn the rule that blocks a voorziening into a knelpunt of the case's doorbraakplan,
    linked to the regeling and article, so the knelpuntenanalyse can count it."""
    toegang.vereis_casuswerk(door)
    with transaction.atomic():
        casus = casus_ophalen(medewerker=door, casus_id=casus_id, lock=True)
        check = selectors.regelcheck_van(casus=casus, regelcheck_id=regelcheck_id)
        item = next(
            (v for v in check.uitkomst.get("voorzieningen", []) if v["code"] == voorziening), None
        )
        if item is None:
            raise Validatiefout("Deze voorziening staat niet in de regelcheck.", veld="voorziening")
        gevonden = blokkade(item)
        if gevonden is None:
            raise Conflict(
                "Deze voorziening blokkeert niet (mogelijk, op tijd, of nog onbekend): er is geen "
                "knelpunt om vast te leggen.",
                veld="voorziening",
            )
        soort, omschrijving, artikel = gevonden
        plan, _ = Doorbraakplan.objects.get_or_create(
            casus=casus, defaults={"gemeente_id": casus.gemeente_id}
        )
        knelpunt = Knelpunt.objects.create(
            plan=plan,
            gemeente_id=casus.gemeente_id,
            omschrijving=omschrijving,
            soort=soort,
            regeling=item["regeling"][:80],
            artikel=artikel[:80],
            volgorde=plan.knelpunten.count(),
        )
        gebeurtenis(
            casus,
            f"Knelpunt uit de voorliggend-check: {item['naam']} ({item['regeling']} "
            f"art. {artikel}).",
            door,
        )
        leg_vast(
            gemeente_id=door.gemeente_id,
            door=door,
            vastleggingen=[
                Vastlegging(
                    Handeling.WIJZIGEN,
                    "doorbraakplan",
                    casus.pk,
                    casus.huishouden_id,
                    casus.pk,
                    f"knelpunt uit regelcheck {check.pk}",
                )
            ],
        )
        return knelpunt
