"""Invariants 1–3: the ledger is append-only, money is exact to the cent, and any sequence of
commitments, payments, repayments, write-offs, releases and contributions keeps every derived
balance equal to the sum of the entries and the commitments under the ceiling."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorbraak.budget import ledger, services
from doorbraak.budget.models import AlleenToevoegen, Boeking, Budget, Lening
from doorbraak.fouten import Conflict, Validatiefout

pytestmark = pytest.mark.django_db


def test_app_kan_boeking_niet_wijzigen_of_verwijderen(fondsen, mensen):
    budget = Budget.objects.get(periode__fonds=fondsen["wijk"])
    services.bijdrage_registreren(
        door=mensen["financien"], budget_id=budget.pk, partner="Fonds X", bedrag=Decimal("10.00")
    )
    boeking = Boeking.objects.get()
    boeking.centen = 1
    with pytest.raises(AlleenToevoegen):
        boeking.save()
    with pytest.raises(AlleenToevoegen):
        boeking.delete()


@pytest.mark.postgres
def test_database_weigert_update_en_delete_op_postgres(fondsen, mensen):
    if connection.vendor != "postgresql":
        pytest.skip("trigger bestaat alleen op PostgreSQL")
    budget = Budget.objects.get(periode__fonds=fondsen["wijk"])
    services.bijdrage_registreren(
        door=mensen["financien"], budget_id=budget.pk, partner="Fonds X", bedrag=Decimal("10.00")
    )
    for query in ("UPDATE budget_boeking SET centen = 1", "DELETE FROM budget_boeking"):
        with (
            pytest.raises(Exception, match="alleen-toevoegen"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(query)
    assert Boeking.objects.get().centen == 1000


def _onafhankelijk(budget: Budget) -> dict[str, Decimal]:
    """Sum the entries one by one in Python, independent of the aggregate queries."""
    som: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for b in Boeking.objects.filter(budget=budget):
        som[b.soort] += Decimal(b.centen) / 100
    return som


bedragen = st.integers(min_value=1, max_value=250_000).map(lambda c: Decimal(c) / 100)
# A share of what is open or outstanding; 101 asks one cent too much (must be refused).
procent = st.integers(min_value=1, max_value=101)


def _deel(geheel: Decimal, procent: int) -> Decimal:
    if procent == 101:
        return geheel + Decimal("0.01")
    return max((geheel * procent / 100).quantize(Decimal("0.01")), Decimal("0.01"))


go = st.tuples(st.just("go"), bedragen, st.sampled_from(["lening", "om_niet"]))
stappen = st.lists(
    st.one_of(
        go,
        go,
        st.tuples(st.just("betaal"), st.integers(0, 9), procent),
        st.tuples(st.just("betaal"), st.integers(0, 9), procent),
        st.tuples(st.just("vrijval"), st.integers(0, 9), st.none()),
        st.tuples(st.just("aflos"), st.integers(0, 9), procent),
        st.tuples(st.just("afschrijf"), st.integers(0, 9), st.none()),
        st.tuples(st.just("bijdrage"), bedragen, st.none()),
    ),
    min_size=3,
    max_size=20,
)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(stappen=stappen)
def test_elke_reeks_houdt_saldi_gelijk_aan_grootboek_en_onder_plafond(
    stappen, fondsen, mensen, maak_aanvraag
):
    uitv, fin = mensen["uitvoeringsregisseur"], mensen["financien"]
    with transaction.atomic():
        budget = Budget.objects.get(periode__fonds=fondsen["wijk"])
        Budget.objects.filter(pk=budget.pk).update(plafond=Decimal("6000.00"))
        ledger.herbereken_saldi([budget.pk])  # a ceiling set outside the services
        budget.refresh_from_db()
        aanvragen = []
        for soort, a, b in stappen:
            try:
                if soort == "go":
                    x = maak_aanvraag(uitv, bedrag=str(a), fonds="wijkbudget", vorm=b)
                    services.aanvraag_indienen(door=uitv, aanvraag_id=x.pk)
                    aanvragen.append(x)
                    services.aanvraag_besluiten(door=uitv, aanvraag_id=x.pk, besluit="go")
                    x.refresh_from_db()
                elif soort == "bijdrage":
                    services.bijdrage_registreren(
                        door=fin, budget_id=budget.pk, partner="Partner", bedrag=a
                    )
                elif aanvragen:
                    # Aim at requests where the step can apply (101% still asks too much).
                    for y in aanvragen:
                        y.refresh_from_db()
                    doelen = [y for y in aanvragen if y.budget_id] or aanvragen
                    if soort in ("betaal", "vrijval"):
                        doelen = [y for y in doelen if y.status == "toegekend"] or doelen
                    if soort in ("aflos", "afschrijf"):
                        doelen = [
                            y for y in doelen if y.vorm == "lening" and y.status == "betaald"
                        ] or doelen
                    x = doelen[a % len(doelen)]
                    lening = Lening.objects.filter(aanvraag=x).first()
                    if soort == "betaal":
                        open_ = ledger.aanvraag_saldi(x).open
                        services.betaling_registreren(
                            door=fin, aanvraag_id=x.pk, bedrag=_deel(open_, b)
                        )
                    elif soort == "vrijval":
                        services.toezegging_vrijgeven(door=fin, aanvraag_id=x.pk, reden="Klaar")
                    elif soort == "aflos" and lening:
                        uit = ledger.lening_saldi(lening).uitstaand
                        services.aflossing_registreren(
                            door=fin, lening_id=lening.pk, bedrag=_deel(uit, b)
                        )
                    elif soort == "afschrijf" and lening:
                        services.lening_afschrijven(door=fin, lening_id=lening.pk, reden="Oninbaar")
            except (Conflict, Validatiefout):
                pass  # a refusal (ceiling, more than granted/outstanding) changes nothing
            s = ledger.saldi(budget)
            som = _onafhankelijk(budget)
            assert s.bijdragen == som["bijdrage"]
            assert s.betaald == som["betaling"]
            assert s.afgelost == som["aflossing"]
            assert s.afgeschreven == som["afschrijving"]
            assert s.toegezegd == som["toezegging"] - som["vrijval"]
            assert s.beschikbaar == s.plafond + som["bijdrage"] + som["aflossing"] - s.toegezegd
            assert s.beschikbaar >= 0, "boven het plafond"
            assert 0 <= s.betaald <= s.toegezegd
            assert s.uitstaand >= 0
            for x in aanvragen:
                a_s = ledger.aanvraag_saldi(x)
                assert 0 <= a_s.betaald <= a_s.toegekend <= x.bedrag
            for lening in Lening.objects.filter(aanvraag__in=aanvragen):
                l_s = ledger.lening_saldi(lening)
                assert l_s.uitstaand >= 0
        transaction.set_rollback(True)
