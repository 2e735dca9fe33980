"""Retention (AVG art. 5 lid 1 onder e): what is past the gemeente's bewaartermijn goes.

- Casusdossier: a household whose cases are all closed, the last one longer ago than the term
  (or that never got a case and was registered that long ago), is anonymised. What stays is what
  the verantwoording needs: the cases with their doelgroep and dates, the requests with amount,
  vorm, status and dates, loans, and the ledger (append-only, never touched). Members, notes,
  scores, helpers, plan texts, actions, network members, meldcode decisions, documents (the
  files too), rules checks, MKBAs, sharing grounds and agreements go;
  free text elsewhere is emptied. A household with a loan still outstanding is kept (the
  repayment needs the debtor) and counted as such.
- Rules-check facts (income, vermogen, ...) go when the check is older than its term, with the
  reasons and steps of the outcome that quote them; the verdict per provision stays.

`bewaartermijnen_toepassen` does one gemeente, in one transaction; with `proefdraai=True` it
counts what would go and changes nothing. Every run is recorded (Bewaarrun), and a real run
writes a processing-log entry per household and per rules check it touched.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from doorbraak.audit.activiteiten import AVG_RECHTEN
from doorbraak.audit.models import Bewaarrun, Bewaartermijnen, Handeling
from doorbraak.audit.services import Vastlegging, leg_vast

SYSTEEM = "systeem:bewaartermijn"
VERWIJDERD = "[verwijderd: bewaartermijn verstreken]"


def maanden_terug(peildatum: date, maanden: int) -> date:
    """The same day `maanden` months earlier (the last day of a shorter month)."""
    jaar, maand = divmod(peildatum.year * 12 + peildatum.month - 1 - maanden, 12)
    maand += 1
    for dag in (peildatum.day, 30, 29, 28):
        try:
            return date(jaar, maand, dag)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def uitkomst_zonder_feiten(uitkomst: dict) -> dict:
    """The outcome of a rules check without the facts: per provision the verdict, its sources
    and its knelpunten stay; the reasons and steps, which quote the facts, go."""
    uit = dict(uitkomst)
    for sleutel in ("voorzieningen", "uitzonderingsgronden"):
        uit[sleutel] = [
            {**item, "redenen": [], "stappen": []} for item in uitkomst.get(sleutel, [])
        ]
    uit["feiten_verwijderd"] = True
    return uit


def termijnen_van(gemeente_id: UUID) -> Bewaartermijnen:
    """The gemeente's periods, or the defaults when it has not set them yet (not saved)."""
    termijnen = Bewaartermijnen.objects.filter(gemeente_id=gemeente_id).first()
    return termijnen or Bewaartermijnen(gemeente_id=gemeente_id)


def _huishoudens_voorbij(gemeente_id: UUID, grens: date) -> QuerySet:
    from doorbraak.casussen.models import Huishouden
    from doorbraak.casussen.status import CasusStatus

    return (
        Huishouden.objects.filter(gemeente_id=gemeente_id, geanonimiseerd_op__isnull=True)
        .annotate(
            aantal=Count("casussen", distinct=True),
            open=Count(
                "casussen",
                filter=~Q(casussen__status=CasusStatus.AFGESLOTEN)
                | Q(casussen__afgesloten_op__isnull=True),
                distinct=True,
            ),
            laatst_afgesloten=Max("casussen__afgesloten_op"),
        )
        .filter(
            Q(aantal=0, aangemaakt_op__date__lt=grens)
            | Q(aantal__gt=0, open=0, laatst_afgesloten__date__lt=grens)
        )
    )


def _met_uitstaande_lening(huishouden_ids: list[UUID]) -> set[UUID]:
    from doorbraak.budget.ledger import lening_saldi
    from doorbraak.budget.models import Lening

    uit = set()
    for lening in Lening.objects.filter(
        aanvraag__casus__huishouden_id__in=huishouden_ids
    ).select_related("aanvraag__casus"):
        if lening_saldi(lening).uitstaand > 0:
            uit.add(lening.aanvraag.casus.huishouden_id)
    return uit


def bewaartermijnen_toepassen(
    *, gemeente_id: UUID, peildatum: date | None = None, proefdraai: bool, door: str = SYSTEEM
) -> dict[str, int]:
    """Apply (or, as a dry run, count) the retention periods of one gemeente."""
    from doorbraak.budget.models import Aanvraag, AanvraagStap
    from doorbraak.casussen.models import (
        Actie,
        Casus,
        Contactmoment,
        Doorbraakplan,
        Gezinslid,
        GezinslidCorrectie,
        Huishouden,
        Hulpverlener,
        Knelpunt,
        MeldcodeAfweging,
        Meting,
        Netwerklid,
        Statuswijziging,
        TijdlijnItem,
    )
    from doorbraak.documenten.models import Document
    from doorbraak.documenten.services import documenten_opruimen
    from doorbraak.mkba.models import Mkba, Nameting
    from doorbraak.overleg.models import Afspraak, Agendapunt, Briefdeel, Deelgrondslag, Escalatie
    from doorbraak.precedenten.models import Afwijking, Precedent
    from doorbraak.regels.models import Regelcheck
    from doorbraak.web.models import Dossierpagina

    peildatum = peildatum or timezone.localdate()
    termijnen = termijnen_van(gemeente_id)
    g = gemeente_id
    with transaction.atomic():
        kandidaten = list(
            _huishoudens_voorbij(
                g, maanden_terug(peildatum, termijnen.casusdossier_maanden)
            ).values_list("pk", flat=True)
        )
        # Lock them (a grouped query cannot lock on PostgreSQL), so nobody adds a case meanwhile:
        # FOR UPDATE, not NO KEY, blocks every new row that references them, and they are deleted.
        list(Huishouden.objects.filter(pk__in=kandidaten).select_for_update().values_list("pk"))
        vastgehouden = _met_uitstaande_lening(kandidaten)
        ids = [pk for pk in kandidaten if pk not in vastgehouden]
        casussen = Casus.objects.filter(gemeente_id=g, huishouden_id__in=ids)
        plannen = Doorbraakplan.objects.filter(gemeente_id=g, casus__in=casussen)
        agendapunten = Agendapunt.objects.filter(gemeente_id=g, casus__in=casussen)
        aanvragen = Aanvraag.objects.filter(gemeente_id=g, casus__in=casussen)
        feiten_grens = maanden_terug(peildatum, termijnen.regelcheck_feiten_maanden)
        oude_feiten = (
            Regelcheck.objects.filter(gemeente_id=g, aangemaakt_op__date__lt=feiten_grens)
            .exclude(casus__in=casussen)
            .exclude(feiten={}, ingevoerde_feiten={})
        )
        # (what goes, how to make it go) in an order that respects the foreign keys
        stappen = [
            # rendered dossier pages: names, notes and plans as they were shown
            (
                "dossierpaginas",
                Dossierpagina.objects.filter(gemeente_id=g, casus__in=casussen),
                None,
            ),
            ("gezinsleden", Gezinslid.objects.filter(gemeente_id=g, huishouden_id__in=ids), None),
            (
                "correcties_gezinsleden",
                GezinslidCorrectie.objects.filter(gemeente_id=g, gezinslid__huishouden_id__in=ids),
                None,
            ),  # removed with their member (cascade)
            ("notities_en_tijdlijn", TijdlijnItem.objects.filter(casus__in=casussen), None),
            ("contactmomenten", Contactmoment.objects.filter(casus__in=casussen), None),
            ("metingen", Meting.objects.filter(casus__in=casussen), None),
            ("hulpverleners", Hulpverlener.objects.filter(casus__in=casussen), None),
            ("acties", Actie.objects.filter(plan__in=plannen), None),
            ("netwerkleden", Netwerklid.objects.filter(plan__in=plannen), None),
            ("meldcode_afwegingen", MeldcodeAfweging.objects.filter(casus__in=casussen), None),
            # The rows now, the files on disk once the run is committed.
            ("documenten", Document.objects.filter(gemeente_id=g, casus__in=casussen), None),
            ("regelchecks", Regelcheck.objects.filter(casus__in=casussen), None),
            ("nametingen", Nameting.objects.filter(casus__in=casussen), None),
            ("mkbas", Mkba.objects.filter(casus__in=casussen), None),
            ("deelgrondslagen", Deelgrondslag.objects.filter(casus__in=casussen), None),
            ("afspraken", Afspraak.objects.filter(agendapunt__in=agendapunten), None),
            ("briefdelen", Briefdeel.objects.filter(agendapunt__in=agendapunten), None),
            (
                "knelpunten_omschrijving",
                Knelpunt.objects.filter(plan__in=plannen),
                {"omschrijving": VERWIJDERD},
            ),
            (
                "doorbraakplannen",
                plannen,
                {
                    "situatie": "",
                    "perspectief": "",
                    "doorbraak": "",
                    "eigen_woorden": "",
                    "krachten": "",
                },
            ),
            ("agendapunten", agendapunten, {"vraag": VERWIJDERD, "conclusie": ""}),
            ("escalaties", Escalatie.objects.filter(casus__in=casussen), {"reden": VERWIJDERD}),
            (
                "statuswijzigingen",
                Statuswijziging.objects.filter(casus__in=casussen),
                {"reden": ""},
            ),
            (
                "aanvragen",
                aanvragen,
                {
                    "ontvanger_naam": VERWIJDERD[:70],
                    "ontvanger_iban": "",
                    "reden_aan_huishouden": "",
                    "motivering": "",
                    "criteria": {},
                    "voorwaarden": "",
                    "reden_om_niet": "",
                    "draagkracht": {},
                    "advies_toelichting": "",
                    "besluit_motivering": "",
                },
            ),
            (
                "aanvraagstappen",
                AanvraagStap.objects.filter(aanvraag__in=aanvragen),
                {"toelichting": ""},
            ),
            # Precedents: the motivation of a deviation goes; the anonymised precedent stays,
            # cut loose from the request (docs/precedenten.md).
            ("afwijkingen", Afwijking.objects.filter(aanvraag__in=aanvragen), {"motivering": ""}),
            (
                "precedenten_ontkoppeld",
                Precedent.objects.filter(aanvraag__in=aanvragen),
                {"aanvraag": None},
            ),
            ("casussen", casussen, {"aanleiding": VERWIJDERD}),
            (
                "huishoudens",
                Huishouden.objects.filter(pk__in=ids),
                {
                    "naam": "Geanonimiseerd huishouden",
                    "postcode": "",
                    "straat": "",
                    "huisnummer": "",
                    "woonplaats": "",
                    "telefoon": "",
                    "email": "",
                    "geanonimiseerd_op": timezone.now(),
                },
            ),
        ]
        aantallen = {soort: qs.count() for soort, qs, _ in stappen}
        aantallen["regelcheck_feiten"] = oude_feiten.count()
        aantallen["huishoudens_met_uitstaande_lening"] = len(vastgehouden)
        if not proefdraai:
            log = [
                Vastlegging(
                    Handeling.VERWIJDEREN, "huishouden", pk, pk,
                    omschrijving="bewaartermijn casusdossier verstreken: geanonimiseerd",
                )
                for pk in ids
            ] + [
                Vastlegging(
                    Handeling.VERWIJDEREN, "regelcheck_feiten", rc.pk, rc.casus.huishouden_id,
                    rc.casus_id, omschrijving="bewaartermijn feiten voorliggend-check verstreken",
                )
                for rc in oude_feiten.select_related("casus").only(
                    "pk", "casus_id", "casus__huishouden_id"
                )
            ]  # fmt: skip
            checks = list(oude_feiten.only("pk", "uitkomst"))
            for check in checks:
                check.feiten, check.ingevoerde_feiten = {}, {}
                check.uitkomst = uitkomst_zonder_feiten(check.uitkomst)
            Regelcheck.objects.bulk_update(checks, ["feiten", "ingevoerde_feiten", "uitkomst"])
            for soort, qs, wijziging in stappen:
                if soort == "correcties_gezinsleden":
                    continue
                if soort == "documenten":
                    documenten_opruimen(qs)
                    continue
                if wijziging is None:
                    qs.delete()
                else:
                    qs.update(**wijziging)
            leg_vast(gemeente_id=g, door=door, vastleggingen=log, activiteit=AVG_RECHTEN)
        Bewaarrun.objects.create(
            gemeente_id=g,
            gestart_op=timezone.now(),
            peildatum=peildatum,
            proefdraai=proefdraai,
            aantallen=aantallen,
            door=door,
        )
        return aantallen
