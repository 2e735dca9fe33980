"""Invariant 1 under load, on PostgreSQL with real threads and transactions: 50 parallel go's
that together ask twice the ceiling commit exactly up to the ceiling, never more."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from doorbraak.budget import ledger, services
from doorbraak.budget.models import Aanvraag, Boeking, Budget

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _tegelijk(functie, ids, geweigerd_bij) -> tuple[list, list]:
    """Run `functie(id)` for every id in its own thread, all released at once; returns the
    refusals (exceptions of the types in `geweigerd_bij`) and any other error."""
    start = threading.Barrier(len(ids))
    geweigerd, fouten = [], []

    def draai(pk):
        try:
            start.wait()
            functie(pk)
        except geweigerd_bij as e:
            geweigerd.append(e)
        except Exception as e:  # pragma: no cover - reported by the caller
            fouten.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=draai, args=(pk,)) for pk in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return geweigerd, fouten


def test_vijftig_gelijktijdige_gos_committeren_precies_tot_het_plafond(
    fondsen, mensen, maak_aanvraag
):
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")
    budget = Budget.objects.get(periode__fonds=fondsen["regeling"], doelgroep__code="mph")
    assert budget.plafond == Decimal("10000.00")
    aanvragen = []
    for _ in range(50):
        a = maak_aanvraag(mensen["regisseur"], bedrag="400.00")  # 50 x 400 = 2 x plafond
        services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
        services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
        aanvragen.append(a.pk)
    geweigerd, fouten = _tegelijk(
        lambda pk: services.aanvraag_besluiten(
            door=mensen["manager"], aanvraag_id=pk, besluit="go"
        ),
        aanvragen,
        ledger.PlafondOverschreden,
    )
    assert not fouten, fouten
    assert len(geweigerd) == 25
    assert all(Decimal(e.extra["beschikbaar"]) < Decimal("400.00") for e in geweigerd)
    assert Aanvraag.objects.filter(status="toegekend").count() == 25
    assert Aanvraag.objects.filter(status="beoordeeld", budget__isnull=True).count() == 25
    s = ledger.saldi(budget)
    assert s.toegezegd == Decimal("10000.00")
    assert s.beschikbaar == Decimal("0.00")
    assert Boeking.objects.filter(soort="toezegging").count() == 25
    _saldo_klopt_met_grootboek()


def _saldo_klopt_met_grootboek() -> None:
    """The maintained balance of every budget equals the ledger's sum, and nothing overspent."""
    from doorbraak.budget.geld import naar_centen

    for budget in Budget.objects.select_related("periode__fonds"):
        s = ledger.saldi(budget)
        assert budget.ruimte_centen == naar_centen(s.ruimte), budget
        assert budget.vastgelegd_centen == naar_centen(s.toegezegd), budget
        assert s.toegezegd <= s.ruimte, budget


def test_gos_vrijval_bijdragen_en_aflossingen_door_elkaar_houden_het_saldo_gelijk(
    fondsen, mensen, maak_aanvraag
):
    """Everything that moves a budget's balance, at once on one budget and one case: go's that
    ask more than there is, releases of earlier grants, payments of others, partner
    contributions and repayments of a loan. No deadlock (one lock order), no overspend, every
    refusal larger than what was left at that moment, and afterwards the maintained balance
    equals the ledger."""
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")
    from doorbraak.budget.models import Lening

    fin, manager = mensen["financien"], mensen["manager"]
    budget = Budget.objects.get(periode__fonds=fondsen["regeling"], doelgroep__code="mph")

    def klaar_voor_go(bedrag, **anders):
        a = maak_aanvraag(mensen["regisseur"], bedrag=bedrag, **anders)
        services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
        services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
        return a.pk

    eerder = [klaar_voor_go("500.00") for _ in range(8)]
    te_betalen = [klaar_voor_go("300.00") for _ in range(3)]
    lening = klaar_voor_go("1000.00", vorm="lening")
    for pk in [*eerder, *te_betalen, lening]:
        services.aanvraag_besluiten(door=manager, aanvraag_id=pk, besluit="go")
    services.betaling_registreren(door=fin, aanvraag_id=lening, bedrag=Decimal("1000.00"))
    lening = Lening.objects.get(aanvraag_id=lening).pk
    nieuw = {klaar_voor_go("400.00"): Decimal("400.00") for _ in range(30)}  # 12,000 asked

    taken = [
        *(lambda pk=pk: services.aanvraag_besluiten(door=manager, aanvraag_id=pk, besluit="go")
          for pk in nieuw),
        *(lambda pk=pk: services.toezegging_vrijgeven(door=fin, aanvraag_id=pk, reden="Weg.")
          for pk in eerder),
        *(lambda: services.bijdrage_registreren(
            door=fin, budget_id=budget.pk, partner="Corporatie", bedrag=Decimal("100.00"))
          for _ in range(5)),
        *(lambda: services.aflossing_registreren(
            door=fin, lening_id=lening, bedrag=Decimal("50.00"))
          for _ in range(4)),
        *(lambda pk=pk: services.betaling_registreren(
            door=fin, aanvraag_id=pk, bedrag=Decimal("300.00"))
          for pk in te_betalen),
    ]  # fmt: skip
    geweigerd, fouten = _tegelijk(lambda taak: taak(), taken, ledger.PlafondOverschreden)
    assert not fouten, fouten
    assert all(Decimal(e.extra["beschikbaar"]) < Decimal("400.00") for e in geweigerd)
    toegekend = Aanvraag.objects.filter(pk__in=nieuw, status="toegekend").count()
    assert toegekend + len(geweigerd) == 30
    s = ledger.saldi(budget)
    # 10,000 + 500 contributions + 200 repaid (revolving) = 10,700 of room; the loan's 1,000
    # and the 900 paid stay granted
    assert s.ruimte == Decimal("10700.00")
    assert s.toegezegd == Decimal("1900.00") + 400 * toegekend
    assert s.betaald == Decimal("1900.00")
    assert Aanvraag.objects.filter(pk__in=te_betalen, status="betaald").count() == 3
    _saldo_klopt_met_grootboek()


def test_gelijktijdige_gos_voor_een_casus_blijven_binnen_de_grens_per_casus(
    fondsen, mensen, maak_aanvraag
):
    """Invariant 4's cap per case and period holds under concurrency too: it is checked under
    the case's row lock, so ten parallel go's for one case on the regelarm fund grant exactly
    up to the cap (3 x € 2,500 of € 7,500) and refuse the rest."""
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")
    from doorbraak.budget.models import Fonds
    from doorbraak.fouten import Conflict

    Fonds.objects.filter(pk=fondsen["wijk"].pk).update(casus_max_bedrag=Decimal("7500.00"))
    uitv = mensen["uitvoeringsregisseur"]
    aanvragen = []
    for _ in range(10):
        a = maak_aanvraag(uitv, bedrag="2500.00", fonds="wijkbudget")
        services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
        aanvragen.append(a.pk)
    geweigerd, fouten = _tegelijk(
        lambda pk: services.aanvraag_besluiten(door=uitv, aanvraag_id=pk, besluit="go"),
        aanvragen,
        (Conflict, ledger.PlafondOverschreden),
    )
    assert not fouten, fouten
    toegekend = Aanvraag.objects.filter(pk__in=aanvragen, status="toegekend")
    assert toegekend.count() == 3
    assert len(geweigerd) == 7
    assert all("per casus" in str(getattr(e, "melding", e)) for e in geweigerd)
    assert Boeking.objects.filter(soort="toezegging", aanvraag__in=aanvragen).count() == 3
    _saldo_klopt_met_grootboek()


def test_twee_gelijktijdige_sepa_exports_nemen_een_aanvraag_maar_een_keer_op(
    fondsen, mensen, maak_aanvraag
):
    """Two finance clerks press "Betaalbestand downloaden" at the same moment: one file holds
    the requests, the other gets the 409, and every request has exactly one export line."""
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")
    from doorbraak.budget import sepa
    from doorbraak.budget.models import Betaalbatch, Exportregel
    from doorbraak.fouten import Conflict

    ids = []
    for bedrag in ("100.00", "200.00", "300.00"):
        a = maak_aanvraag(mensen["regisseur"], bedrag=bedrag)
        services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
        services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")
        ids.append(a.pk)
    bestanden = []
    geweigerd, fouten = _tegelijk(
        lambda _i: bestanden.append(
            sepa.pain001(medewerker=mensen["financien"], fonds="doorbraakbudget")
        ),
        [1, 2],
        Conflict,
    )
    assert not fouten, fouten
    assert len(bestanden) == 1 and len(geweigerd) == 1
    assert Betaalbatch.objects.count() == 1
    assert sorted(Exportregel.objects.values_list("aanvraag_id", flat=True)) == sorted(ids)
    xml = bestanden[0].decode()
    assert all(str(pk).replace("-", "") in xml for pk in ids)
