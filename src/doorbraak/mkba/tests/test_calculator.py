"""The calculator, computed by hand: totals, payers, present value, payback, both readings."""

import ast
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from doorbraak.mkba import calculator as c
from doorbraak.mkba.calculator import (
    EigenKosten,
    Instellingen,
    Invoer,
    Invoerfout,
    Kengetal,
    Regel,
    Sleutelkans,
)

ZUIVER = ("calculator", "catalogus", "opbouw", "prijsindex", "begrippen")

UITZETTING = Kengetal(
    "huisuitzetting", "Huisuitzetting", D("10000.00"), "woningcorporatie", "economisch", "C",
    laag=D("6000.00"), hoog=D("14000.00"),
)  # fmt: skip
OPVANG = Kengetal("opvang", "Gezinsopvang", D("20000.00"), "gemeente_wmo", "fiscaal", "C")
PLEEGZORG = Kengetal(
    "pleegzorg", "Pleegvergoeding", D("700.00"), "gemeente_jeugd", "fiscaal", "A",
    eenheid="per_maand", laag=D("700.00"), hoog=D("870.00"),
)  # fmt: skip
BEGELEIDING = Kengetal("begeleiding", "Wmo-begeleiding", D("70.00"), "gemeente_wmo", "fiscaal", "D")


def test_de_rekenkern_importeert_geen_django():
    map_ = Path(c.__file__).parent
    for naam in ZUIVER:
        boom = ast.parse((map_ / f"{naam}.py").read_text())
        modules = [
            n.module if isinstance(n, ast.ImportFrom) else a.name
            for n in ast.walk(boom)
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in (n.names if isinstance(n, ast.Import) else [n])
        ]
        assert not [m for m in modules if m and m.startswith("django")], naam
    # And at run time: importing the engine loads no Django module at all.
    code = (
        "import sys; import doorbraak.mkba.calculator, doorbraak.mkba.catalogus, "
        "doorbraak.mkba.opbouw; "
        "assert not [m for m in sys.modules if m.startswith('django')], 'django geladen'; "
        "doorbraak.mkba.catalogus.landelijk()"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def schadebedrag_tegen_uithuiszetting() -> Invoer:
    """Seed 001: pay a damage bill of 4,500 or risk eviction, shelter and foster care for two."""
    return Invoer(
        huidig_pad=[
            Regel(UITZETTING, kans=D("0.7"), jaar=1),
            Regel(OPVANG, aantal=D("0.5"), kans=D("0.7"), jaar=1),  # half a year
            Regel(PLEEGZORG, aantal=D("24"), kans=D("0.5"), jaar=1),  # 2 children x 12 months
            Regel(PLEEGZORG, aantal=D("24"), kans=D("0.5"), jaar=2),
        ],
        doorbraak=[Regel(BEGELEIDING, aantal=D("40"), jaar=1)],
        eigen_kosten=[EigenKosten("Schadebedrag corporatie", D("4500"))],
        instellingen=Instellingen(horizon_jaren=2),
    )


def test_schadebedrag_met_de_hand_nagerekend():
    u = c.bereken(schadebedrag_tegen_uithuiszetting()).optimistisch
    # huidig pad: 10000 x 0.7 = 7000; 20000 x 0.5 x 0.7 = 7000; 700 x 24 x 0.5 = 8400 (twice)
    assert u.huidig_pad.totaal == D("30800.00")
    assert dict(u.huidig_pad.per_jaar) == {1: D("22400.00"), 2: D("8400.00")}
    assert dict(u.huidig_pad.per_betaler) == {
        "gemeente_jeugd": D("16800.00"),
        "gemeente_wmo": D("7000.00"),
        "woningcorporatie": D("7000.00"),
    }
    # doorbraak: 4500 up front plus 40 hours x 70 = 2800
    assert u.doorbraak.totaal == D("7300.00")
    assert u.saldo == D("23500.00")
    saldi = {b.betaler: b.saldo for b in u.per_betaler}
    assert saldi == {
        "gemeente_doorbraakbudget": D("-4500.00"),
        "gemeente_jeugd": D("16800.00"),
        "gemeente_wmo": D("4200.00"),
        "woningcorporatie": D("7000.00"),
    }
    # fiscal and economic reported apart: the corporation's eviction costs are economic
    per_waardetype = dict(u.huidig_pad.per_waardetype)
    assert per_waardetype == {
        "fiscaal": D("23800.00"),
        "economisch": D("7000.00"),
        "sociaal": D("0.00"),
    }
    # present value at 2.25%: year 2 saldo 8400 / 1.0225 = 8215.16
    assert u.contante_waarde == D("22400.00") - D("7300.00") + D("8215.16")
    # payback: 4500 at the start, then (22400 - 2800) / 12 = 1633.33 a month -> month 3
    assert u.terugverdientijd_maanden == 3


def test_contante_waarde_over_drie_jaar_met_de_hand():
    """10%: 1000 now, 1100 in a year and 1210 in two years are each worth exactly 1000 today."""
    k = Kengetal("x", "X", D("1.00"), "gemeente_wmo", betrouwbaarheid="A")
    u = c.bereken(
        Invoer(
            huidig_pad=[
                Regel(k, aantal=D("1000"), jaar=1),
                Regel(k, aantal=D("1100"), jaar=2),
                Regel(k, aantal=D("1210"), jaar=3),
            ],
            doorbraak=[],
            instellingen=Instellingen(horizon_jaren=3, discontovoet=D("0.10")),
        )
    )
    # grade A and certain lines: no correction, so central and optimistic agree
    assert u.huidig_pad.totaal == u.optimistisch.huidig_pad.totaal == D("3310.00")
    assert u.huidig_pad.contante_waarde == D("3000.00")
    assert [j.contante_waarde for j in u.per_jaar] == [D("1000.00")] * 3


def test_contante_waarde_over_drie_jaar_met_de_standaard_discontovoet():
    """2.25%: 1000 a year -> 1000 + 1000/1.0225 (977.995..) + 1000/1.04550625 (956.474..)."""
    k = Kengetal("x", "X", D("1000.00"), "gemeente_wmo", betrouwbaarheid="A")
    u = c.bereken(
        Invoer(
            huidig_pad=[Regel(k, jaar=j) for j in (1, 2, 3)],
            doorbraak=[],
            eigen_kosten=[EigenKosten("Doorbraak", D("1500.00"))],
            instellingen=Instellingen(horizon_jaren=3),
        )
    )
    assert [j.contante_waarde for j in u.per_jaar] == [D("-500.00"), D("978.00"), D("956.47")]
    assert u.contante_waarde == D("1434.47")
    assert u.saldo == D("1500.00")
    assert u.terugverdientijd_maanden == 18  # 1500 back at 1000 a year


def test_optimisme_opslag_zit_in_de_centrale_schatting():
    """Unit cost grade C (25%), probability guessed by one professional (D, 40%)."""
    vermeden = Kengetal("a", "Vermeden", D("1000.00"), "gemeente_wmo", betrouwbaarheid="C")
    extra = Kengetal("b", "Extra steun", D("100.00"), "gemeente_wmo", betrouwbaarheid="D")
    u = c.bereken(
        Invoer(
            huidig_pad=[Regel(vermeden, kans=D("0.6"), kans_betrouwbaarheid="D")],
            doorbraak=[Regel(extra)],
            eigen_kosten=[EigenKosten("Gift", D("500.00"))],
            instellingen=Instellingen(horizon_jaren=1),
        )
    )
    # optimistic (side figure): 600 - (100 + 500) = 0
    assert u.optimistisch.saldo == D("0.00")
    # central (headline): 1000 x 0.6 x (1 - 0.25) x (1 - 0.40) against 100 x 1.5 + 500
    huidig = D("1000") * D("0.6") * (1 - D("0.25")) * (1 - D("0.40"))
    doorbraak = D("100") * (1 + D("0.50")) + D("500")
    assert huidig == D("270")
    assert u.huidig_pad.totaal == u.voorzichtig.huidig_pad.totaal == D("270.00")
    assert u.doorbraak.totaal == D("650.00")
    assert u.saldo == (huidig - doorbraak).quantize(D("0.01")) == D("-380.00")
    assert u.terugverdientijd_maanden is None
    # the band holds both readings
    assert u.bandbreedte.saldo_laag <= u.saldo <= u.bandbreedte.saldo_hoog
    assert u.bandbreedte.saldo_laag <= u.optimistisch.saldo <= u.bandbreedte.saldo_hoog


def test_zekere_regel_krijgt_geen_kansopslag_en_de_graad_telt_alleen_bij_een_kans():
    k = Kengetal("a", "A", D("1000.00"), "gemeente_wmo", betrouwbaarheid="A")
    zeker = c.bereken(Invoer(huidig_pad=[Regel(k, kans_betrouwbaarheid="D")], doorbraak=[]))
    assert zeker.saldo == D("1000.00")
    onzeker_b = c.bereken(
        Invoer(huidig_pad=[Regel(k, kans=D("0.5"), kans_betrouwbaarheid="B")], doorbraak=[])
    )
    assert onzeker_b.saldo == D("450.00")  # 500 x (1 - 0.10)
    zonder_graad = c.bereken(Invoer(huidig_pad=[Regel(k, kans=D("0.5"))], doorbraak=[]))
    assert zonder_graad.saldo == D("300.00")  # no grade given: one professional's guess (D)


def test_hulpverlener_die_blijft_is_geen_besparing():
    """A helper who stays in year 1 and stops in year 2: only year 2 is avoided."""
    hulp = Kengetal("", "Schuldhulpverlener", D("2800.00"), "gemeente_schuldhulp", "fiscaal", "D")
    u = c.bereken(
        Invoer(
            huidig_pad=[
                Regel(hulp, jaar=1),
                Regel(hulp, jaar=2),
                Regel(UITZETTING, kans=D("0.5"), kans_betrouwbaarheid="C"),
            ],
            doorbraak=[Regel(hulp, jaar=1)],
            instellingen=Instellingen(horizon_jaren=2),
        )
    )
    # optimistic: 2800 + 2800 + 5000 against 2800
    assert u.optimistisch.saldo == D("7800.00")
    # central: year 1 is shared (2800 both sides, no correction); year 2's 2800 is avoided at
    # grade D (-50%) = 1400; the eviction 10000 x 0.5 x (1 - 0.25) x (1 - 0.25) = 2812.50
    uitzetting = D("10000") * D("0.5") * D("0.75") * D("0.75")
    verwacht = D("2800") + D("2800") * D("0.5") + uitzetting - D("2800")
    assert [p.voorzichtig for p in u.posten] == [
        D("2800.00"),
        D("1400.00"),
        D("2812.50"),
        D("2800.00"),
    ]
    assert u.saldo == verwacht == D("4212.50")
    assert u.per_jaar[0].saldo == D("2812.50")  # year 1: only the eviction


def test_lening_kost_de_gemeente_de_verwachte_wanbetaling_plus_administratie():
    """A loan of 3500 paid to the corporation, 80% expected back over two years (ground C,
    so 25% less in the central estimate), 150 administration."""
    lening = EigenKosten(
        "Herstelrekening als lening", D("3500"), vorm="lening", ontvanger="woningcorporatie",
        terugbetaald=D("0.8"), terugbetaling_betrouwbaarheid="C", aflossingsjaren=2,
        administratiekosten=D("150"),
    )  # fmt: skip
    u = c.bereken(
        Invoer(
            huidig_pad=[Regel(UITZETTING, kans=D("0.5"), kans_betrouwbaarheid="A")],
            doorbraak=[],
            eigen_kosten=[lening],
            instellingen=Instellingen(horizon_jaren=3),
        )
    )
    aflossing = D("3500") * D("0.8") / 2  # 1400 a year in years 1 and 2
    centraal_aflossing = aflossing * (1 - D("0.25"))  # 1050
    gemeente_doorbraak = D("3500") + D("150") - 2 * centraal_aflossing
    assert gemeente_doorbraak == D("1550")
    soorten = [(p.soort, p.jaar, p.bedrag, p.voorzichtig) for p in u.posten if p.soort != "regel"]
    assert soorten == [
        ("eigen_kosten", 1, D("3500.00"), D("3500.00")),
        ("administratie", 1, D("150.00"), D("150.00")),
        ("aflossing", 1, D("-1400.00"), D("-1050.00")),
        ("aflossing", 2, D("-1400.00"), D("-1050.00")),
    ]
    perspectief = {p.code: p for p in u.perspectieven}
    assert perspectief["gemeente"].doorbraak == D("1550.00")
    assert perspectief["gemeente"].huidig_pad == D("0.00")  # the eviction is the corporation's
    # per organisation: the corporation is paid 3500, the household repays 2100 (central)
    org = {o.betaler: o for o in u.per_organisatie}
    assert org["gemeente"].doorbraak == D("1550.00")
    assert org["woningcorporatie"].doorbraak == D("-3500.00")
    assert org["huishouden"].doorbraak == D("2100.00")
    # eviction: 10000 x 0.5 x (1 - 0.25 for grade C) = 3750 avoided for the corporation
    assert org["woningcorporatie"].saldo == D("3750.00") + D("3500.00")
    # welfare: loan, payment and repayments are transfers; only the administration is a cost
    assert perspectief["welvaart"].doorbraak == D("150.00")
    assert perspectief["welvaart"].huidig_pad == D("3750.00")
    assert perspectief["welvaart"].verhouding == D("25.00")  # 3750 / 150
    # payback: 3650 up front, then (3750 + 1050) / 12 = 400 a month in year 1 -> month 10
    assert u.terugverdientijd_maanden == 10


def test_een_gift_wordt_niet_terugbetaald():
    with pytest.raises(Invoerfout) as fout:
        c.bereken(
            Invoer(
                huidig_pad=[],
                doorbraak=[],
                eigen_kosten=[EigenKosten("Gift", D("100"), terugbetaald=D("0.5"))],
            )
        )
    assert fout.value.veld == "doorbraak_kosten[0].terugbetaald"


def test_overdracht_valt_weg_in_de_welvaartsblik():
    """Bijstand is a transfer: a cost to the gemeente, income to the household."""
    bijstand = Kengetal(
        "bijstand", "Bijstandsuitkering", D("18000.00"), "gemeente_participatiewet",
        betrouwbaarheid="B", overdracht_aan="huishouden",
    )  # fmt: skip
    uitvoering = Kengetal(
        "uitvoering", "Uitvoering bijstand", D("3000.00"), "gemeente_participatiewet",
        betrouwbaarheid="B",
    )  # fmt: skip
    u = c.bereken(
        Invoer(
            huidig_pad=[
                Regel(bijstand, kans=D("0.5"), kans_betrouwbaarheid="C"),
                Regel(uitvoering, kans=D("0.5"), kans_betrouwbaarheid="C"),
            ],
            doorbraak=[],
            eigen_kosten=[EigenKosten("Begeleiding naar werk", D("1000"))],
            instellingen=Instellingen(horizon_jaren=1),
        )
    )
    factor = (1 - D("0.10")) * (1 - D("0.25"))  # grade B unit cost, grade C probability
    b = D("18000") * D("0.5") * factor  # 6075
    w = D("3000") * D("0.5") * factor  # 1012.50
    perspectief = {p.code: p for p in u.perspectieven}
    assert perspectief["gemeente"].huidig_pad == b + w
    assert perspectief["gemeente"].verhouding == ((b + w) / 1000).quantize(D("0.01"))  # 7.09
    assert perspectief["organisaties"].saldo == b + w - 1000
    assert perspectief["welvaart"].huidig_pad == w  # the benefit itself nets out
    assert perspectief["welvaart"].saldo == w - 1000 == D("12.50")
    org = {o.betaler: o.saldo for o in u.per_organisatie}
    assert org == {"gemeente": b + w - 1000, "huishouden": -b}


def test_verkeerde_zak_kijkt_naar_organisaties_niet_naar_potjes():
    jeugd = Kengetal("j", "Pleegzorg", D("10000.00"), "gemeente_jeugd", betrouwbaarheid="A")
    zorg = Kengetal("z", "Crisisopname", D("10000.00"), "zorgverzekeraar", betrouwbaarheid="A")
    binnen = c.bereken(
        Invoer(huidig_pad=[Regel(jeugd)], doorbraak=[], eigen_kosten=[EigenKosten("G", D("1"))])
    )
    # the doorbraakbudget pays and gemeente Jeugd gains: one organisation, no wrong pocket
    assert binnen.verkeerde_zak.verkeerde_zak is False
    assert binnen.verkeerde_zak.winnaars == (("gemeente", D("9999.00")),)
    buiten = c.bereken(
        Invoer(huidig_pad=[Regel(zorg)], doorbraak=[], eigen_kosten=[EigenKosten("G", D("1"))])
    )
    assert buiten.verkeerde_zak.verkeerde_zak is True
    assert buiten.verkeerde_zak.betalers == (("gemeente", D("1.00")),)
    assert buiten.verkeerde_zak.winnaars == (("zorgverzekeraar", D("10000.00")),)


def _sleutelgeval(kans: str = "0.6") -> Invoer:
    """Eviction (grade A unit cost) and, given eviction, foster care for two (0.5, grade A)
    against a bill of 3500; the eviction chance is the team's judgement (C)."""
    uitzetting = Kengetal("u", "Uitzetting", D("10000.00"), "woningcorporatie", "economisch", "A")
    return Invoer(
        huidig_pad=[
            Regel(uitzetting, sleutel=True),
            Regel(PLEEGZORG, aantal=D("24"), kans=D("0.5"), kans_betrouwbaarheid="A", sleutel=True),
        ],
        doorbraak=[Regel(uitzetting, sleutel=True)],
        eigen_kosten=[EigenKosten("Herstelrekening", D("3500"))],
        instellingen=Instellingen(horizon_jaren=1),
        sleutelkans=Sleutelkans("uithuiszetting", D(kans), D("0.05"), "C"),
    )


def test_omslagpunt_met_de_hand():
    """saldo(p) = 10000 p + 700 x 24 x 0.5 p - (3500 + 10000 x 0.05 x 1.25): zero at
    p = 4125 / 18400."""
    invoer = _sleutelgeval()
    rest = D("10000") * D("0.05") * (1 + D("0.25"))  # residual eviction risk, grade C
    assert rest == D("625")
    omslag = (D("3500") + rest) / (D("10000") + D("8400"))
    o = c.omslagpunt(invoer)
    assert o.soort == "sleutelkans"
    assert abs(o.kans - omslag) < D("0.00001")
    assert abs(c.centraal_saldo(invoer, sleutel_huidig=o.kans)) <= D("0.01")
    assert o.ingevuld == D("0.6")
    assert c.omslagzin(o) == (
        "De doorbraak betaalt zich terug zolang de kans op uithuiszetting zonder doorbraak "
        "boven 23% ligt (ingeschat: 60%)."
    )
    # the headline itself: at 0.6 graded C: 18400 x 0.6 x 0.75 - 4125
    u = c.bereken(invoer)
    assert u.saldo == D("18400") * D("0.6") * D("0.75") - D("4125") == D("4155.00")
    assert u.omslagpunt == o


def test_omslagpunt_altijd_en_nooit():
    altijd = c.omslagpunt(replace(_sleutelgeval(), eigen_kosten=[], doorbraak=[]))
    assert altijd.altijd and altijd.kans is None
    assert "zelfs als uithuiszetting" in c.omslagzin(altijd)
    duur = replace(_sleutelgeval(), eigen_kosten=[EigenKosten("Te duur", D("50000"))])
    nooit = c.omslagpunt(duur)
    assert nooit.nooit and nooit.kans is None
    assert "niet terug" in c.omslagzin(nooit)


def test_omslagpunt_laat_wat_beide_scenarios_maken_staan():
    """A helper who stays in both scenarios is made anyway: the share of the avoided costs that
    must occur scales the avoided costs only, so at share 0 the helper still cancels, and the
    saldo has no step at share 1 (it had one of the helper's optimism correction)."""
    helper = Kengetal("h", "Helper", D("2000.00"), "gemeente_wmo", betrouwbaarheid="C")
    risico = Kengetal("r", "Opvang", D("6000.00"), "gemeente_wmo", betrouwbaarheid="A")
    invoer = Invoer(
        huidig_pad=[Regel(helper), Regel(risico, kans=D("0.5"), kans_betrouwbaarheid="C")],
        doorbraak=[Regel(helper)],
        eigen_kosten=[EigenKosten("Rekening", D("1500"))],
        instellingen=Instellingen(horizon_jaren=1),
    )
    vermeden = D("6000") * D("0.5") * (1 - D("0.25"))  # the risk, its probability graded C
    assert c.centraal_saldo(invoer) == vermeden - D("1500") == D("750.00")
    assert c.centraal_saldo(invoer, schaal=D(0)) == D("-1500.00")
    bijna_een = c.centraal_saldo(invoer, schaal=1 - D("1e-12"))
    assert abs(bijna_een - c.centraal_saldo(invoer, schaal=D(1))) <= D("0.01")
    o = c.omslagpunt(invoer)
    assert abs(o.kans - D("1500") / vermeden) < D("0.00001")
    assert D(0) <= c.centraal_saldo(invoer, schaal=o.kans) <= D("0.01")


def test_omslagpunt_is_een_punt_waar_de_doorbraak_zich_terugbetaalt():
    """Not the point a cent short of it, and never 0 when the saldo at 0 is a cent short."""
    k = Kengetal("k", "K", D("1000.00"), "gemeente_wmo", betrouwbaarheid="A")
    o = c.omslagpunt(Invoer([Regel(k)], [], [EigenKosten("G", D("0.01"))]))
    assert not o.altijd and not o.nooit
    assert D(0) < o.kans < D("0.00002")
    assert o.saldo == c.centraal_saldo(Invoer([Regel(k)], [], [EigenKosten("G", D("0.01"))]),
                                       schaal=o.kans)  # fmt: skip
    assert D(0) <= o.saldo <= D("0.01")


def test_omslagpunt_zonder_sleutelgebeurtenis_is_een_aandeel_van_de_vermeden_kosten():
    k = Kengetal("k", "K", D("1000.00"), "gemeente_wmo", betrouwbaarheid="A")
    o = c.omslagpunt(Invoer([Regel(k)], [], [EigenKosten("G", D("250"))]))
    assert o.soort == "aandeel"
    assert abs(o.kans - D("0.25")) < D("0.00001")
    assert "minstens 25% van de ingeschatte vermeden kosten" in c.omslagzin(o)


def test_waarschuwing_zonder_restrisico():
    k = Kengetal("k", "K", D("1000.00"), "gemeente_wmo", betrouwbaarheid="A")
    zonder = c.bereken(Invoer([Regel(k, kans=D("0.5"))], [], [EigenKosten("G", D("100"))]))
    assert any("zonder restrisico" in w for w in zonder.waarschuwingen)
    met = c.bereken(Invoer([Regel(k, kans=D("0.5"))], [Regel(k, kans=D("0.05"))]))
    assert not any("zonder restrisico" in w for w in met.waarschuwingen)
    assert not c.bereken(_sleutelgeval()).waarschuwingen


def test_plausibiliteit_tegen_het_programmabewijs():
    u = c.bereken(_sleutelgeval("1"))
    welvaart = next(p for p in u.perspectieven if p.code == "welvaart")
    assert welvaart.verhouding > D("3.80")
    # the gemeente saves 8400 - 3500 = 4900 (foster care): not above 2 x 10000
    vlaggen = c.plausibiliteit(u, plafond_per_jaar=D("10000"), gemeente_per_jaar=D("10000"))
    assert len(vlaggen) == 2  # the ratio and the ceiling
    assert "1 : 1,90" in vlaggen[0]
    assert c.plausibiliteit(c.bereken(_sleutelgeval("0.3"))) == ()


def test_bandbreedte_neemt_een_prijs_in_beide_scenarios_tegelijk():
    """Foster care at 700..870 a month: low in both scenarios at once, not low in one only."""
    u = c.bereken(
        Invoer(
            huidig_pad=[Regel(PLEEGZORG, aantal=D("12"))],
            doorbraak=[Regel(PLEEGZORG, aantal=D("2"))],
            instellingen=Instellingen(horizon_jaren=1),
        )
    )
    assert u.saldo == D("7000.00")  # 10 months saved
    assert (u.bandbreedte.saldo_laag, u.bandbreedte.saldo_hoog) == (D("7000.00"), D("8700.00"))


def test_bandbreedte_varieert_ook_de_kansen():
    k = Kengetal("k", "K", D("1000.00"), "gemeente_wmo", betrouwbaarheid="A")
    u = c.bereken(Invoer([Regel(k, kans=D("0.5"), kans_betrouwbaarheid="C")], []))
    # the probability moves within 25% of itself: 0.375 .. 0.625
    assert (u.bandbreedte.saldo_laag, u.bandbreedte.saldo_hoog) == (D("375.00"), D("625.00"))
    assert u.saldo == D("375.00")  # central: 500 x 0.75
    assert u.optimistisch.saldo == D("500.00")


def test_elke_regel_wordt_half_naar_boven_afgerond():
    k = Kengetal("x", "X", D("0.05"), "gemeente_wmo", betrouwbaarheid="A")
    u = c.bereken(
        Invoer(huidig_pad=[Regel(k, kans=D("0.5"), kans_betrouwbaarheid="A")] * 3, doorbraak=[])
    )
    assert [p.bedrag for p in u.posten] == [D("0.03")] * 3  # 0.025 -> 0.03, per line
    assert u.huidig_pad.totaal == D("0.09")


def test_terugverdientijd_nul_zonder_kosten_en_leeg_als_het_niet_lukt():
    k = Kengetal("x", "X", D("1200.00"), "gemeente_wmo")
    zonder_kosten = Invoer(huidig_pad=[Regel(k)], doorbraak=[])
    assert c.bereken(zonder_kosten).terugverdientijd_maanden == 0
    te_duur = Invoer(
        huidig_pad=[Regel(k)],
        doorbraak=[],
        eigen_kosten=[EigenKosten("Te duur", D("5000"))],
        instellingen=Instellingen(horizon_jaren=2),
    )
    assert c.bereken(te_duur).terugverdientijd_maanden is None


def test_beschreven_effecten_tellen_niet_mee():
    welzijn = Kengetal(
        "w", "Kinderen blijven thuis", D("0"), "huishouden", "sociaal", in_geld=False
    )
    u = c.bereken(Invoer(huidig_pad=[], doorbraak=[Regel(welzijn, toelichting="beide kinderen")]))
    assert u.beschreven_effecten == ("Kinderen blijven thuis (beide kinderen)",)
    assert u.doorbraak.totaal == D("0.00")


@pytest.mark.parametrize(
    ("regel", "veld"),
    [
        (Regel(BEGELEIDING, kans=D("1.5")), "huidig_pad[0].kans"),
        (Regel(BEGELEIDING, kans=D("-0.1")), "huidig_pad[0].kans"),
        (Regel(BEGELEIDING, aantal=D("-1")), "huidig_pad[0].aantal"),
        (Regel(BEGELEIDING, jaar=4), "huidig_pad[0].jaar"),
        (Regel(BEGELEIDING, jaar=0), "huidig_pad[0].jaar"),
        (Regel(BEGELEIDING, deadweight=D("2")), "huidig_pad[0].deadweight"),
        (
            Regel(Kengetal("x", "X", D("-5"), "gemeente_wmo")),
            "huidig_pad[0].bedrag",
        ),
    ],
)
def test_ongeldige_regel_noemt_het_veld(regel, veld):
    with pytest.raises(Invoerfout) as fout:
        c.bereken(Invoer(huidig_pad=[regel], doorbraak=[]))
    assert fout.value.veld == veld


def test_deadweight_is_vervallen_en_wijst_naar_de_kans():
    with pytest.raises(Invoerfout) as fout:
        c.bereken(Invoer(huidig_pad=[], doorbraak=[Regel(BEGELEIDING, deadweight=D("0.1"))]))
    assert fout.value.veld == "doorbraak[0].deadweight"
    assert "kans" in fout.value.melding


def test_sleutelregel_zonder_sleutelgebeurtenis_wordt_geweigerd():
    with pytest.raises(Invoerfout) as fout:
        c.bereken(Invoer(huidig_pad=[Regel(BEGELEIDING, sleutel=True)], doorbraak=[]))
    assert fout.value.veld == "huidig_pad[0].sleutel"


def test_negatieve_eigen_kosten_en_horizon_worden_geweigerd():
    with pytest.raises(Invoerfout) as fout:
        c.bereken(Invoer(huidig_pad=[], doorbraak=[], eigen_kosten=[EigenKosten("Gift", D("-1"))]))
    assert fout.value.veld == "doorbraak_kosten[0].bedrag"
    with pytest.raises(Invoerfout) as fout:
        c.bereken(Invoer(huidig_pad=[], doorbraak=[], instellingen=Instellingen(horizon_jaren=0)))
    assert fout.value.veld == "horizon_jaren"


def test_naar_dict_geeft_bedragen_als_tekst_met_twee_decimalen():
    d = c.naar_dict(c.bereken(schadebedrag_tegen_uithuiszetting()))
    # the headline is the central estimate: probabilities without a grade count as D (40%)
    # 10000 x 0.7 x 0.75 x 0.6 + 20000 x 0.5 x 0.7 x 0.75 x 0.6 + 2 x 700 x 24 x 0.5 x 0.6
    assert d["huidig_pad"]["totaal"] == "16380.00"
    assert d["doorbraak"]["totaal"] == "8700.00"  # 2800 x 1.5 + 4500
    assert d["saldo"] == "7680.00"
    assert d["saldo_optimistisch"] == d["lezingen"]["optimistisch"]["saldo"] == "23500.00"
    assert d["lezingen"]["centraal"]["saldo"] == d["saldo"]
    # no third name for the central figure; the band is the saldo's and holds both readings
    assert set(d["lezingen"]) == {"centraal", "optimistisch", "band"}
    assert d["lezingen"]["band"] == d["bandbreedte"]["saldo"]
    assert D(d["lezingen"]["band"]["laag"]) <= D("7680.00") < D("23500.00")
    assert D("23500.00") <= D(d["lezingen"]["band"]["hoog"])
    assert all("voorzichtig" not in p for p in d["posten"]) and d["posten"][0]["centraal"]
    assert {p["perspectief"] for p in d["perspectieven"]} == {
        "gemeente",
        "organisaties",
        "welvaart",
    }
    assert d["omslagpunt"]["zin"].startswith("De doorbraak betaalt zich terug zolang minstens")
    assert {"betaler", "huidig_pad", "doorbraak", "saldo"} == set(d["per_betaler"][0])
    assert d["lezingen"]["centraal"]["saldo"] != d["lezingen"]["optimistisch"]["saldo"]
    assert d["posten"][0]["kans"] == "0.7"


def test_aannames_in_gewoon_nederlands():
    tekst = " ".join(c.aannames(Instellingen()))
    assert "2,25%" in tekst
    assert "D 50%" in tekst
    assert "D 40%" in tekst  # the probabilities' own grade
    assert "deadweight" not in tekst


def test_omslagzin_als_het_omslagpunt_op_zekerheid_ligt():
    from doorbraak.mkba.calculator import Omslagpunt, omslagzin

    o = Omslagpunt("sleutelkans", "uithuiszetting", D("1"), False, False, D("0.00"),
                   D("0.6"))  # fmt: skip
    zin = omslagzin(o)
    assert "alleen terug als uithuiszetting zonder doorbraak zeker zou gebeuren" in zin
    assert "100%" not in zin
