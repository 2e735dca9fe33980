"""Each fund's route, every path: four eyes and three people for the regulation's fund, the
pilot's opdrachtgevers, the regelarm wijkbudget's mandated regisseur deciding alone."""

from decimal import Decimal

import pytest

from doorbraak.audit.models import Verwerking
from doorbraak.budget import ledger, services
from doorbraak.budget.models import AanvraagStatus, Boeking, Lening
from doorbraak.casussen.models import TijdlijnItem
from doorbraak.fouten import Conflict, GeenToegang, OngeldigeStatusovergang, Validatiefout

pytestmark = pytest.mark.django_db


def indienen(a, door):
    return services.aanvraag_indienen(door=door, aanvraag_id=a.pk)


def beoordelen(a, door, advies="positief"):
    return services.aanvraag_beoordelen(
        door=door, aanvraag_id=a.pk, advies=advies, toelichting="Gekeken."
    )


def besluiten(a, door, besluit="go", motivering="Akkoord."):
    return services.aanvraag_besluiten(
        door=door, aanvraag_id=a.pk, besluit=besluit, motivering=motivering
    )


# --- regulation (seed 000): requester, a reviewing colleague, a manager's go -----------------


def test_regeling_drie_personen_go(fondsen, mensen, maak_aanvraag, casus):
    a = maak_aanvraag(mensen["regisseur"], bedrag="1250.50")
    assert a.status == "concept"
    indienen(a, mensen["regisseur"])
    beoordelen(a, mensen["collega"])
    a = besluiten(a, mensen["manager"])
    assert a.status == AanvraagStatus.TOEGEKEND
    assert not a.zelfstandig_besloten
    assert ledger.saldi(a.budget).beschikbaar == Decimal("8749.50")
    assert [s.naar for s in a.stappen.all()] == [
        "concept",
        "ingediend",
        "beoordeeld",
        "toegekend",
    ]
    teksten = list(TijdlijnItem.objects.filter(casus=casus).values_list("tekst", flat=True))
    assert any("Go voor € 1.250,50" in t for t in teksten)
    assert Verwerking.objects.filter(object_type="aanvraag", object_id=str(a.pk)).count() >= 4


def test_regeling_afwijzing_met_motivering(fondsen, mensen, maak_aanvraag):
    a = maak_aanvraag(mensen["regisseur"])
    indienen(a, mensen["regisseur"])
    beoordelen(a, mensen["collega"], advies="negatief")
    with pytest.raises(Validatiefout) as fout:
        besluiten(a, mensen["manager"], besluit="afgewezen", motivering=" ")
    assert fout.value.veld == "motivering"
    a = besluiten(a, mensen["manager"], besluit="afgewezen", motivering="Voorliggend kan het.")
    assert a.status == "afgewezen"
    assert not Boeking.objects.exists()


def test_aanvrager_kan_eigen_aanvraag_niet_beoordelen(fondsen, mensen, maak_aanvraag):
    a = maak_aanvraag(mensen["regisseur"])
    indienen(a, mensen["regisseur"])
    with pytest.raises(GeenToegang):
        beoordelen(a, mensen["regisseur"])


def test_go_zonder_meekijken_geweigerd_in_de_regeling(fondsen, mensen, maak_aanvraag):
    a = maak_aanvraag(mensen["regisseur"])
    indienen(a, mensen["regisseur"])
    with pytest.raises(OngeldigeStatusovergang, match="meekijken"):
        besluiten(a, mensen["manager"])


def test_meekijker_kan_niet_ook_de_go_geven(fondsen, mensen, maak_aanvraag):
    from doorbraak.organisaties.models import Mandaat, MandaatRol
    from doorbraak.organisaties.tests.factories import doelgroep

    Mandaat.objects.create(
        medewerker=mensen["collega"],
        doelgroep=doelgroep(mensen["collega"].gemeente),
        rol=MandaatRol.GO,
    )
    a = maak_aanvraag(mensen["regisseur"])
    indienen(a, mensen["regisseur"])
    beoordelen(a, mensen["collega"])
    with pytest.raises(GeenToegang, match="drie personen"):
        besluiten(a, mensen["collega"])


def test_aanvrager_kan_eigen_aanvraag_niet_goedkeuren(fondsen, mensen, maak_aanvraag):
    from doorbraak.organisaties.models import Mandaat, MandaatRol
    from doorbraak.organisaties.tests.factories import doelgroep

    Mandaat.objects.create(
        medewerker=mensen["regisseur"],
        doelgroep=doelgroep(mensen["regisseur"].gemeente),
        rol=MandaatRol.GO,
    )
    a = maak_aanvraag(mensen["regisseur"])
    indienen(a, mensen["regisseur"])
    beoordelen(a, mensen["collega"])
    with pytest.raises(GeenToegang, match="eigen aanvraag"):
        besluiten(a, mensen["regisseur"])


def test_go_mandaat_per_bedrag(fondsen, mensen, maak_aanvraag):
    """manager2 has a go mandate for mph up to € 1000 in the regulation's fund."""
    a = maak_aanvraag(mensen["regisseur"], bedrag="1000.01")
    indienen(a, mensen["regisseur"])
    beoordelen(a, mensen["collega"])
    with pytest.raises(GeenToegang, match=r"reikt tot € 1\.000,00"):
        besluiten(a, mensen["manager2"])
    b = maak_aanvraag(mensen["regisseur"], bedrag="1000.00")
    indienen(b, mensen["regisseur"])
    beoordelen(b, mensen["collega"])
    assert besluiten(b, mensen["manager2"]).status == "toegekend"


def test_aanvraagmandaat_per_bedrag_en_doelgroep(fondsen, mensen, maak_aanvraag, maak_casus):
    with pytest.raises(GeenToegang, match="reikt tot"):
        maak_aanvraag(mensen["regisseur"], bedrag="5000.01")
    andere = maak_casus(mensen["regisseur"], doelgroep="passende_hulp", naam="Familie Elders")
    with pytest.raises(GeenToegang, match="geen mandaat"):
        maak_aanvraag(mensen["regisseur"], casus_id=andere.pk)


def test_go_mandaat_per_doelgroep(fondsen, mensen, maak_aanvraag, maak_casus, casus):
    from doorbraak.budget.demo import klaar_voor_aanvraag
    from doorbraak.organisaties.models import Mandaat, MandaatRol
    from doorbraak.organisaties.tests.factories import doelgroep

    g = mensen["regisseur"].gemeente
    for wie, rol in (("regisseur", MandaatRol.AANVRAGEN), ("collega", MandaatRol.MEEKIJKEN)):
        Mandaat.objects.create(
            medewerker=mensen[wie], doelgroep=doelgroep(g, "passende_hulp"), rol=rol
        )
    andere = maak_casus(mensen["regisseur"], doelgroep="passende_hulp", naam="Familie Elders")
    klaar_voor_aanvraag(mensen["regisseur"], andere)
    a = maak_aanvraag(mensen["regisseur"], casus_id=andere.pk)
    indienen(a, mensen["regisseur"])
    beoordelen(a, mensen["collega"])
    with pytest.raises(GeenToegang, match="geen mandaat"):
        besluiten(a, mensen["manager"])  # manager: go for mph only


def test_indienen_vraagt_plan_regelcheck_motivering_en_criteria(
    fondsen, mensen, maak_aanvraag, maak_casus
):
    from doorbraak.casussen.services import PlanInvoer, doorbraakplan_opslaan
    from doorbraak.regels.services import regelcheck_uitvoeren

    r = mensen["regisseur"]
    kaal = maak_casus(r, naam="Familie Zonder Check")
    a = maak_aanvraag(r, casus_id=kaal.pk)
    # no plan: refused, named "plan"
    with pytest.raises(Conflict, match="doorbraak is") as fout:
        indienen(a, r)
    assert fout.value.veld == "plan"
    # a doorbraak without an action: still refused
    plan = PlanInvoer(doorbraak="Huur betalen zodat de ontruiming stopt.")
    doorbraakplan_opslaan(door=r, casus_id=kaal.pk, invoer=plan)
    with pytest.raises(Conflict, match="actie"):
        indienen(a, r)
    acties = [{"omschrijving": "Afspraak met de verhuurder", "eigenaar": "Regisseur"}]
    plan = PlanInvoer(doorbraak=plan.doorbraak, acties=acties)
    doorbraakplan_opslaan(door=r, casus_id=kaal.pk, invoer=plan)
    # no check, then a check with nothing answered: neither counts as "gecheckt"
    with pytest.raises(Conflict, match="Doe eerst de voorliggend-check") as fout:
        indienen(a, r)
    assert fout.value.veld == "regelcheck"
    regelcheck_uitvoeren(door=r, casus_id=kaal.pk, feiten={})
    with pytest.raises(Conflict, match="geen enkele vraag beantwoord"):
        indienen(a, r)
    # one answer, decisive questions still open: refused, naming one
    regelcheck_uitvoeren(door=r, casus_id=kaal.pk, feiten={"inwoner_gemeente": True})
    with pytest.raises(Conflict, match=r"beslissende vragen .*nog \d+ open"):
        indienen(a, r)
    b = maak_aanvraag(mensen["regisseur"], motivering="")
    with pytest.raises(Conflict) as fout:
        indienen(b, mensen["regisseur"])
    assert fout.value.veld == "motivering"
    c = maak_aanvraag(mensen["regisseur"], criteria={"noodzakelijk": True})
    with pytest.raises(
        Conflict, match="nog niet aangevinkt: voorliggende voorzieningen zijn onvoldoende"
    ) as fout:
        indienen(c, mensen["regisseur"])
    assert fout.value.veld == "criteria"
    for x in (a, b, c):
        x.refresh_from_db()
        assert x.status == "concept"


# --- pilot (seed 001): the pilot leader requests, either opdrachtgever decides ---------------


@pytest.mark.parametrize("opdrachtgever", ["manager", "manager2"])
def test_pilot_een_van_de_opdrachtgevers_geeft_akkoord(
    fondsen, mensen, maak_aanvraag, opdrachtgever
):
    a = maak_aanvraag(mensen["regisseur"], bedrag="7500.00", fonds="samenloopbudget")
    indienen(a, mensen["regisseur"])
    a = besluiten(a, mensen[opdrachtgever])
    assert a.status == "toegekend"
    assert a.beoordelaar is None
    assert ledger.saldi(a.budget).beschikbaar == Decimal("42500.00")


@pytest.mark.parametrize("opdrachtgever", ["manager", "manager2"])
def test_pilot_opdrachtgever_wijst_gemotiveerd_af(fondsen, mensen, maak_aanvraag, opdrachtgever):
    a = maak_aanvraag(mensen["regisseur"], fonds="samenloopbudget")
    indienen(a, mensen["regisseur"])
    a = besluiten(a, mensen[opdrachtgever], "afgewezen", "Regulier budget Wmo volstaat.")
    assert a.status == "afgewezen"
    assert a.besluit_motivering == "Regulier budget Wmo volstaat."


def test_pilot_afwegingskader_en_of(fondsen, mensen, maak_aanvraag):
    """noodzakelijk EN (schade EN/OF hogere kosten) EN regulier niet mogelijk."""
    basis = {"noodzakelijk": True, "regulier_niet_mogelijk": True}
    a = maak_aanvraag(mensen["regisseur"], fonds="samenloopbudget", criteria=basis)
    with pytest.raises(Conflict, match="levert onverantwoorde schade op"):
        indienen(a, mensen["regisseur"])
    b = maak_aanvraag(
        mensen["regisseur"],
        fonds="samenloopbudget",
        criteria={**basis, "hogere_kosten_op_termijn": True},
    )
    assert indienen(b, mensen["regisseur"]).status == "ingediend"


def test_pilot_aanvrager_beslist_niet_zelf(fondsen, mensen, maak_aanvraag):
    from doorbraak.budget.models import Fondsmandaat
    from doorbraak.organisaties.models import MandaatRol

    Fondsmandaat.objects.create(
        fonds=fondsen["pilot"], medewerker=mensen["regisseur"], rol=MandaatRol.GO
    )
    a = maak_aanvraag(mensen["regisseur"], fonds="samenloopbudget")
    indienen(a, mensen["regisseur"])
    with pytest.raises(GeenToegang):
        besluiten(a, mensen["regisseur"])


def test_pilot_mandaat_geldt_alleen_voor_het_pilotfonds(fondsen, mensen, maak_aanvraag):
    """manager2 is opdrachtgever of the pilot (no limit) but has only € 1000 in the regulation."""
    a = maak_aanvraag(mensen["regisseur"], bedrag="3000.00", fonds="samenloopbudget")
    indienen(a, mensen["regisseur"])
    assert besluiten(a, mensen["manager2"]).status == "toegekend"


# --- regelarm wijkbudget (seed 002): the uitvoeringsregisseur decides alone -----------------


def test_regelarm_uitvoeringsregisseur_beslist_zelf_onder_de_limiet(fondsen, mensen, maak_aanvraag):
    uitv = mensen["uitvoeringsregisseur"]
    a = maak_aanvraag(uitv, bedrag="2500.00", fonds="wijkbudget")
    indienen(a, uitv)
    a = besluiten(a, uitv, motivering="")
    assert a.status == "toegekend"
    assert a.zelfstandig_besloten
    assert a.stappen.last().toelichting == "Zelfstandig besloten (regelarm)."
    assert ledger.saldi(a.budget).beschikbaar == Decimal("17500.00")


def test_regelarm_boven_de_limiet_beslist_een_ander(fondsen, mensen, maak_aanvraag):
    uitv = mensen["uitvoeringsregisseur"]
    a = maak_aanvraag(uitv, bedrag="2500.01", fonds="wijkbudget")
    indienen(a, uitv)
    with pytest.raises(GeenToegang):
        besluiten(a, uitv)
    a = besluiten(a, mensen["manager"])
    assert a.status == "toegekend" and not a.zelfstandig_besloten


def test_regelarm_afwijzing_zelfstandig(fondsen, mensen, maak_aanvraag):
    uitv = mensen["uitvoeringsregisseur"]
    a = maak_aanvraag(uitv, fonds="wijkbudget")
    indienen(a, uitv)
    assert besluiten(a, uitv, "afgewezen", "Past niet.").status == "afgewezen"


def test_regelarm_mandaat_geldt_niet_in_de_regeling(fondsen, mensen, maak_aanvraag):
    with pytest.raises(GeenToegang, match="geen mandaat"):
        maak_aanvraag(mensen["uitvoeringsregisseur"])


# --- the ceiling ------------------------------------------------------------------------------


def test_go_boven_plafond_geeft_409_met_beschikbaar_en_verandert_niets(
    fondsen, mensen, maak_aanvraag
):
    a = maak_aanvraag(mensen["uitvoeringsregisseur"], bedrag="2000.00", fonds="wijkbudget")
    b = maak_aanvraag(mensen["uitvoeringsregisseur"], bedrag="2000.00", fonds="wijkbudget")
    from doorbraak.budget.models import Budget

    budget = Budget.objects.get(periode__fonds=fondsen["wijk"])
    services.bijdrage_registreren(
        door=mensen["financien"],
        budget_id=budget.pk,
        partner="Woningcorporatie",
        bedrag=Decimal("0.01"),
    )
    Budget.objects.filter(pk=budget.pk).update(plafond=Decimal("1999.99"))
    ledger.herbereken_saldi([budget.pk])  # a ceiling set outside the services
    for x in (a, b):
        indienen(x, mensen["uitvoeringsregisseur"])
    besluiten(a, mensen["uitvoeringsregisseur"])  # exactly 2000.00 = 1999.99 + 0.01
    aantal = (Boeking.objects.count(), TijdlijnItem.objects.count(), Verwerking.objects.count())
    with pytest.raises(ledger.PlafondOverschreden) as fout:
        besluiten(b, mensen["uitvoeringsregisseur"])
    assert fout.value.extra == {"beschikbaar": "0.00"}
    b.refresh_from_db()
    assert b.status == "ingediend" and b.budget_id is None and b.besluit_door is None
    assert (
        Boeking.objects.count(),
        TijdlijnItem.objects.count(),
        Verwerking.objects.count(),
    ) == aantal


def test_lening_krijgt_bij_go_een_lening(fondsen, mensen, maak_aanvraag):
    a = maak_aanvraag(mensen["regisseur"], vorm="lening", bedrag="600.00")
    indienen(a, mensen["regisseur"])
    beoordelen(a, mensen["collega"])
    besluiten(a, mensen["manager"])
    lening = Lening.objects.get(aanvraag=a)
    assert lening.hoofdsom == Decimal("600.00") and lening.termijnbedrag == Decimal("50.00")


def test_meekijken_alleen_boven_een_bedrag(fondsen, mensen, maak_aanvraag):
    """A fund other than the regulation's may ask for a review only above an amount."""
    pilot = fondsen["pilot"]
    pilot.meekijken_verplicht, pilot.meekijken_vanaf = True, Decimal("500.00")
    pilot.save()
    from doorbraak.budget.models import Fondsmandaat
    from doorbraak.organisaties.models import MandaatRol

    Fondsmandaat.objects.create(fonds=pilot, medewerker=mensen["collega"], rol=MandaatRol.MEEKIJKEN)
    klein = maak_aanvraag(mensen["regisseur"], bedrag="500.00", fonds="samenloopbudget")
    indienen(klein, mensen["regisseur"])
    assert besluiten(klein, mensen["manager"]).status == "toegekend"
    groot = maak_aanvraag(mensen["regisseur"], bedrag="500.01", fonds="samenloopbudget")
    indienen(groot, mensen["regisseur"])
    with pytest.raises(OngeldigeStatusovergang, match="meekijken"):
        besluiten(groot, mensen["manager"])


def test_regeling_vraagt_altijd_meekijken_ook_met_een_drempel_in_de_data(
    fondsen, mensen, maak_aanvraag
):
    """The regulation's fund: a threshold stored behind the services' back does not skip the
    colleague's review."""
    fondsen["regeling"].meekijken_vanaf = Decimal("500.00")
    fondsen["regeling"].save()
    klein = maak_aanvraag(mensen["regisseur"], bedrag="100.00")
    indienen(klein, mensen["regisseur"])
    with pytest.raises(OngeldigeStatusovergang, match="meekijken"):
        besluiten(klein, mensen["manager"])
