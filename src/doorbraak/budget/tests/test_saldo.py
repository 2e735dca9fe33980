"""The maintained balance on the budget row (ruimte, vastgelegd): every path that moves money
keeps it equal to what the ledger derives, the go checks against it in one conditional UPDATE
as its last step, and a refusal leaves nothing behind."""

import importlib
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorbraak.audit.models import Verwerking
from doorbraak.budget import ledger, services
from doorbraak.budget.geld import naar_centen
from doorbraak.budget.models import AanvraagStap, Boeking, Budget, Fonds, Lening, Periode
from doorbraak.casussen.models import TijdlijnItem

pytestmark = pytest.mark.django_db


def klopt(budget_id) -> Budget:
    """The maintained columns equal the ledger's derivation (the reconciling check)."""
    budget = Budget.objects.select_related("periode__fonds").get(pk=budget_id)
    s = ledger.saldi(budget)
    assert (budget.ruimte_centen, budget.vastgelegd_centen) == (
        naar_centen(s.ruimte),
        naar_centen(s.toegezegd),
    )
    assert s.toegezegd <= s.ruimte  # invariant 1
    return budget


def alle_kloppen() -> None:
    for pk in Budget.objects.values_list("pk", flat=True):
        klopt(pk)


def go_zelf(maak_aanvraag, mensen, bedrag, **anders):
    uitv = mensen["uitvoeringsregisseur"]
    a = maak_aanvraag(uitv, bedrag=bedrag, fonds="wijkbudget", **anders)
    services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
    return services.aanvraag_besluiten(door=uitv, aanvraag_id=a.pk, besluit="go")


def test_een_nieuw_budget_heeft_zijn_plafond_als_ruimte(fondsen):
    budget = Budget.objects.get(periode__fonds=fondsen["wijk"])
    assert (budget.ruimte_centen, budget.vastgelegd_centen) == (2_000_000, 0)
    alle_kloppen()


def test_elk_pad_houdt_het_saldo_gelijk_aan_het_grootboek(fondsen, mensen, maak_aanvraag):
    fin = mensen["financien"]
    budget = Budget.objects.get(periode__fonds=fondsen["wijk"])
    a = go_zelf(maak_aanvraag, mensen, "1000.00")
    assert klopt(budget.pk).vastgelegd_centen == 100_000
    services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("400.00"))
    assert klopt(budget.pk).vastgelegd_centen == 100_000  # a payment moves no room
    services.toezegging_vrijgeven(door=fin, aanvraag_id=a.pk, reden="Rest niet nodig.")
    assert klopt(budget.pk).vastgelegd_centen == 40_000
    lening = go_zelf(
        maak_aanvraag, mensen, "300.00", vorm="lening", termijnbedrag=Decimal("100.00")
    )
    lening = Lening.objects.get(aanvraag=lening)
    services.betaling_registreren(door=fin, aanvraag_id=lening.aanvraag_id, bedrag=Decimal("300"))
    services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("100.00"))
    assert klopt(budget.pk).ruimte_centen == 2_000_000 + 10_000  # revolving: flows back
    services.lening_afschrijven(door=fin, lening_id=lening.pk, reden="Oninbaar.")
    services.bijdrage_registreren(
        door=fin, budget_id=budget.pk, partner="Woningcorporatie", bedrag=Decimal("250.00")
    )
    assert klopt(budget.pk).ruimte_centen == 2_000_000 + 10_000 + 25_000
    alle_kloppen()


def test_een_fonds_dat_ophoudt_te_revolveren_haalt_aflossingen_uit_de_ruimte(
    fondsen, mensen, maak_aanvraag
):
    fin = mensen["financien"]
    a = go_zelf(maak_aanvraag, mensen, "300.00", vorm="lening", termijnbedrag=Decimal("100.00"))
    services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("300.00"))
    lening = Lening.objects.get(aanvraag=a)
    services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("100.00"))
    assert klopt(a.budget_id).ruimte_centen == 2_010_000
    wijk = Fonds.objects.get(pk=fondsen["wijk"].pk)
    wijk.revolverend = False
    wijk.save()
    assert klopt(a.budget_id).ruimte_centen == 2_000_000
    services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("100.00"))
    assert klopt(a.budget_id).ruimte_centen == 2_000_000
    wijk.revolverend = True
    wijk.save(update_fields=["revolverend"])
    assert klopt(a.budget_id).ruimte_centen == 2_020_000


def test_afsluiten_vrijgeven_en_overboeken_houden_beide_budgetten_kloppend(
    fondsen, mensen, maak_aanvraag
):
    from datetime import date

    fin = mensen["financien"]
    a = go_zelf(maak_aanvraag, mensen, "700.00")
    b = go_zelf(maak_aanvraag, mensen, "500.00")
    services.betaling_registreren(door=fin, aanvraag_id=b.pk, bedrag=Decimal("200.00"))
    periode = a.budget.periode
    jaar = periode.van.year + 1
    volgend = services.budget_vaststellen(
        door=fin, doelgroep=None, plafond=Decimal("1000.00"), fonds="wijkbudget", jaar=jaar
    )
    assert volgend.periode.van == date(jaar, 1, 1)
    services.periode_afsluiten(
        door=fin, periode_id=periode.pk, wijze="overboeken", naar_periode_id=volgend.periode_id
    )
    assert klopt(a.budget_id).vastgelegd_centen == 20_000  # only what was paid stays
    assert klopt(volgend.pk).vastgelegd_centen == 70_000 + 30_000
    services.periode_afsluiten(door=fin, periode_id=volgend.periode_id, wijze="vrijgeven")
    assert klopt(volgend.pk).vastgelegd_centen == 0
    alle_kloppen()


@pytest.mark.parametrize("waar", ["bij het lezen", "bij de check-en-commit"])
def test_een_geweigerde_go_laat_niets_achter(fondsen, mensen, maak_aanvraag, request, waar):
    """A loan refused at the ceiling: no loan, step, timeline item, log entry or entry, and the
    maintained balance untouched. Refused when the balance as read is too small, before anything
    is written; or, when the read still saw room (another go took it since), by the
    check-and-commit, after all of those were written and then rolled back."""
    if waar == "bij de check-en-commit":
        request.getfixturevalue("saldo_gelezen_voor_een_andere_go")
    go_zelf(maak_aanvraag, mensen, "2000.00")
    budget = Budget.objects.get(periode__fonds=fondsen["wijk"])
    Budget.objects.filter(pk=budget.pk).update(plafond=Decimal("2000.99"))
    ledger.herbereken_saldi([budget.pk])
    uitv = mensen["uitvoeringsregisseur"]
    a = maak_aanvraag(
        uitv, bedrag="1.00", fonds="wijkbudget", vorm="lening", termijnbedrag=Decimal("1.00")
    )
    services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
    voor = (
        Lening.objects.count(),
        AanvraagStap.objects.count(),
        TijdlijnItem.objects.count(),
        Verwerking.objects.count(),
        Boeking.objects.count(),
    )
    with pytest.raises(ledger.PlafondOverschreden) as fout:
        services.aanvraag_besluiten(door=uitv, aanvraag_id=a.pk, besluit="go")
    assert fout.value.extra == {"beschikbaar": "0.99"}
    assert "€ 0,99" in str(fout.value.melding) and fout.value.veld == "bedrag"
    na = (
        Lening.objects.count(),
        AanvraagStap.objects.count(),
        TijdlijnItem.objects.count(),
        Verwerking.objects.count(),
        Boeking.objects.count(),
    )
    assert na == voor
    a.refresh_from_db()
    assert (a.status, a.budget_id) == ("ingediend", None)
    assert klopt(budget.pk).vastgelegd_centen == 200_000


def test_de_go_eindigt_met_de_check_en_commit(fondsen, mensen, maak_aanvraag):
    """Inside the budget's row lock only the check-and-commit: the conditional UPDATE of the
    budget row and the ledger insert are the go's last statements. The processing-log insert
    and the dossier read model's upsert come before them (the lock order every budget path
    shares: dossier, then budget). PostgreSQL does the UPDATE and the ledger insert in one
    statement; SQLite in two."""
    uitv = mensen["uitvoeringsregisseur"]
    a = maak_aanvraag(
        uitv, bedrag="100.00", fonds="wijkbudget", vorm="lening", termijnbedrag=Decimal("10")
    )
    services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
    with CaptureQueriesContext(connection) as ctx:
        services.aanvraag_besluiten(door=uitv, aanvraag_id=a.pk, besluit="go")
    sql = [
        " ".join(q["sql"].split())
        for q in ctx.captured_queries
        if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))
    ]
    # the statements that write the budget row (not the request's read, locked FOR … UPDATE)
    budgetrij = [i for i, q in enumerate(sql) if re.search(r'UPDATE "?budget_budget"? SET', q)]
    assert len(budgetrij) == 1, sql
    # no lock on the budget row before it: the budget's read share-locks only its period (on
    # PostgreSQL in the request's read, which locks the request: a)
    gelockt = [q for q in sql if "budget_budget" in q and " FOR " in q]
    assert all("LIMIT 1 FOR SHARE OF p" in q for q in gelockt), gelockt
    sloten = {s for q in gelockt for s in re.findall(r"FOR (?:NO KEY |KEY )?\w+(?: OF \w+)?", q)}
    assert sloten <= {"FOR NO KEY UPDATE OF a", "FOR SHARE OF p"}, sloten
    eerste = budgetrij[0]
    assert "vastgelegd_centen" in sql[eerste] and "ruimte_centen" in sql[eerste]
    if connection.vendor == "postgresql":
        assert sql[eerste].startswith("WITH vastgelegd AS ( UPDATE budget_budget")
        assert "INSERT INTO budget_boeking" in sql[eerste]
        na = sql[eerste + 1 :]
    else:
        assert sql[eerste + 1].startswith('INSERT INTO "budget_boeking"')
        na = sql[eerste + 2 :]
    assert na == [], na
    voor = sql[:eerste]
    assert any('INSERT INTO "audit_verwerking"' in q for q in voor), voor
    assert any("casussen_dossierleesmodel" in q for q in voor), voor
    assert Boeking.objects.filter(aanvraag=a, soort="toezegging").count() == 1
    klopt(Budget.objects.get(periode__fonds=fondsen["wijk"]).pk)


def test_de_migratie_vult_het_saldo_uit_het_grootboek(fondsen, mensen, maak_aanvraag):
    fin = mensen["financien"]
    a = go_zelf(maak_aanvraag, mensen, "1000.00")
    services.toezegging_vrijgeven(door=fin, aanvraag_id=a.pk, reden="Niet nodig.")
    go_zelf(maak_aanvraag, mensen, "250.00")
    services.bijdrage_registreren(
        door=fin, budget_id=a.budget_id, partner="Fonds", bedrag=Decimal("99.99")
    )
    Budget.objects.update(ruimte_centen=0, vastgelegd_centen=0)
    migratie = importlib.import_module("doorbraak.budget.migrations.0007_budget_bijgehouden_saldo")
    migratie.vullen(apps, None)
    budget = klopt(a.budget_id)
    assert (budget.ruimte_centen, budget.vastgelegd_centen) == (2_009_999, 25_000)
    alle_kloppen()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    stappen=st.lists(
        st.tuples(
            st.sampled_from(["go", "vrijval", "bijdrage"]),
            st.integers(min_value=1, max_value=400_000),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_eigenschap_elke_volgorde_houdt_saldo_en_plafond(fondsen, mensen, casus, stappen):
    """Any sequence of commitments, releases and contributions straight on the ledger: a
    refusal only when the amount exceeds what is left (and then exactly that is reported), never
    overspent, and the maintained balance equals the ledger throughout."""
    from doorbraak.budget.models import Aanvraag

    fin = mensen["financien"]
    with transaction.atomic():
        periode = Periode.objects.create(
            fonds=fondsen["pilot"],
            naam="Eigenschap",
            van=fondsen["pilot"].perioden.first().tot.replace(year=2090, month=1, day=1),
            tot=fondsen["pilot"].perioden.first().tot.replace(year=2090, month=12, day=31),
        )
        budget = Budget.objects.create(
            gemeente=periode.fonds.gemeente, periode=periode, plafond=Decimal("5000.00")
        )
        aanvraag = Aanvraag.objects.create(
            gemeente=budget.gemeente,
            casus=casus,
            fonds=fondsen["pilot"],
            doelgroep=casus.doelgroep,
            bedrag=Decimal("1.00"),
            vorm="om_niet",
            ontvanger_naam="Instelling",
            ontvanger_iban="NL91ABNA0417164300",
            aanvrager=mensen["regisseur"],
        )
        open_: list[tuple[object, int]] = []
        for soort, centen in stappen:
            bedrag = Decimal(centen) / 100
            if soort == "go":
                vrij = budget.ruimte_centen - budget.vastgelegd_centen
                try:
                    ledger.committeer(
                        budget=budget,
                        bedrag=bedrag,
                        datum=periode.van,
                        door=mensen["manager"],
                        aanvraag=aanvraag,
                    )
                    assert centen <= vrij
                    open_.append((aanvraag, centen))
                except ledger.PlafondOverschreden as e:
                    assert centen > vrij
                    assert e.extra == {"beschikbaar": f"{Decimal(vrij) / 100:.2f}"}
            elif soort == "vrijval" and open_:
                _, c = open_.pop()
                ledger.boek(
                    budget=budget,
                    soort="vrijval",
                    bedrag=Decimal(c) / 100,
                    datum=periode.van,
                    door=fin,
                    aanvraag=aanvraag,
                )
            elif soort == "bijdrage":
                ledger.boek(
                    budget=budget, soort="bijdrage", bedrag=bedrag, datum=periode.van, door=fin
                )
            budget = klopt(budget.pk)
        transaction.set_rollback(True)


def test_past_het_na_een_gelijktijdige_vrijval_toch_dan_legt_de_go_alsnog_vast(
    fondsen, mensen, maak_aanvraag, monkeypatch
):
    """The conditional UPDATE found no room, but a release committed before the row lock was
    taken: under the lock the go sees the room and commits after all (once, exactly)."""
    monkeypatch.setattr(ledger, "_leg_vast_als_het_past", lambda budget_id, centen: False)
    # PostgreSQL: the statement failed, but the room it read under the lock fits: False.
    monkeypatch.setattr(ledger, "_vastleggen_en_boeken", lambda **kw: False)
    a = go_zelf(maak_aanvraag, mensen, "750.00")
    assert a.status == "toegekend"
    assert Boeking.objects.filter(aanvraag=a, soort="toezegging").count() == 1
    assert klopt(a.budget_id).vastgelegd_centen == 75_000
