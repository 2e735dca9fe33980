"""The calculator, computed by hand: totals, payers, present value, payback, both readings."""

import ast
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from doorbraak.mkba import calculator as c
from doorbraak.mkba.calculator import EigenKosten, Instellingen, Invoer, Invoerfout, Kengetal, Regel

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
    u = c.bereken(schadebedrag_tegen_uithuiszetting())
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
    assert {w.waardetype: w.saldo for w in u.per_waardetype} == {
        "fiscaal": D("16500.00"),
        "economisch": D("7000.00"),
        "sociaal": D("0.00"),
    }
    # present value at 2.25%: year 2 saldo 8400 / 1.0225 = 8215.16
    assert u.contante_waarde == D("22400.00") - D("7300.00") + D("8215.16")
    # payback: 4500 at the start, then (22400 - 2800) / 12 = 1633.33 a month -> month 3
    assert u.terugverdientijd_maanden == 3
    # wrong pocket: the doorbraak budget pays, Jeugd gains most
    assert u.verkeerde_zak.betalers == (("gemeente_doorbraakbudget", D("4500.00")),)
    assert u.verkeerde_zak.winnaars[0] == ("gemeente_jeugd", D("16800.00"))
    assert u.verkeerde_zak.verkeerde_zak is True


def test_contante_waarde_over_drie_jaar_met_de_hand():
    """10%: 1000 now, 1100 in a year and 1210 in two years are each worth exactly 1000 today."""
    k = Kengetal("x", "X", D("1.00"), "gemeente_wmo")
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
    assert u.huidig_pad.totaal == D("3310.00")
    assert u.huidig_pad.contante_waarde == D("3000.00")
    assert [j.contante_waarde for j in u.per_jaar] == [D("1000.00")] * 3


def test_contante_waarde_over_drie_jaar_met_de_standaard_discontovoet():
    """2.25%: 1000 a year -> 1000 + 1000/1.0225 (977.995..) + 1000/1.04550625 (956.474..)."""
    k = Kengetal("x", "X", D("1000.00"), "gemeente_wmo")
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


def test_voorzichtige_lezing_met_deadweight_en_opslag_naar_betrouwbaarheid():
    avoided = Kengetal("a", "Vermeden", D("1000.00"), "gemeente_wmo", betrouwbaarheid="C")
    extra = Kengetal("b", "Extra steun", D("100.00"), "gemeente_wmo", betrouwbaarheid="D")
    u = c.bereken(
        Invoer(
            huidig_pad=[Regel(avoided, deadweight=D("0.2"))],
            doorbraak=[Regel(extra)],
            eigen_kosten=[EigenKosten("Gift", D("500.00"))],
            instellingen=Instellingen(horizon_jaren=1),
        )
    )
    # optimistic: 1000 - (100 + 500)
    assert u.optimistisch.saldo == u.saldo == D("400.00")
    # cautious: 1000 x (1 - 0.2) x (1 - 0.25) = 600 against 100 x 1.5 + 500 x 1.0 = 650
    assert u.voorzichtig.huidig_pad.totaal == D("600.00")
    assert u.voorzichtig.doorbraak.totaal == D("650.00")
    assert u.voorzichtig.saldo == D("-50.00")
    assert u.voorzichtig.terugverdientijd_maanden is None
    assert u.optimistisch.terugverdientijd_maanden == 7  # 500 back at 900 / 12 = 75 a month


def test_kosten_in_beide_scenarios_blijven_in_de_voorzichtige_lezing_gelijk():
    """A helper who stays in both scenarios is no benefit and no cost of the doorbraak."""
    hulp = Kengetal("h", "Schuldhulpverlener", D("2800.00"), "gemeente_schuldhulp", "fiscaal", "D")
    u = c.bereken(
        Invoer(
            huidig_pad=[Regel(hulp), Regel(UITZETTING, kans=D("0.5"))],
            doorbraak=[Regel(hulp, kans=D("0.5"))],
            instellingen=Instellingen(horizon_jaren=1),
        )
    )
    # optimistic: 2800 + 5000 against 1400
    assert u.saldo == D("6400.00")
    # cautious: the helper's shared 1400 stays 1400 on both sides; the extra 1400 in the huidig
    # pad is cut by 50% (grade D) -> 2100; the eviction (grade C) by 25% -> 3750
    assert [p.voorzichtig for p in u.posten] == [D("2100.00"), D("3750.00"), D("1400.00")]
    assert u.voorzichtig.saldo == D("4450.00")
    # band: the eviction's price varies (6000..14000 x 0.5), the helper's not
    assert (u.bandbreedte.saldo_laag, u.bandbreedte.saldo_hoog) == (D("4400.00"), D("8400.00"))


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


def test_bandbreedte_uit_de_spreiding_per_kengetal():
    u = c.bereken(schadebedrag_tegen_uithuiszetting())
    b = u.bandbreedte
    # eviction 6000..14000 x 0.7; shelter has no range; foster care 700..870 x 12 (x2 years)
    assert b.huidig_pad_laag == D("4200.00") + D("7000.00") + D("16800.00")
    assert b.huidig_pad_hoog == D("9800.00") + D("7000.00") + D("20880.00")
    assert b.doorbraak_laag == b.doorbraak_hoog == D("7300.00")
    assert b.saldo_laag == D("20700.00")
    assert b.saldo_hoog == D("30380.00")


def test_elke_regel_wordt_half_naar_boven_afgerond():
    k = Kengetal("x", "X", D("0.05"), "gemeente_wmo")
    u = c.bereken(Invoer(huidig_pad=[Regel(k, kans=D("0.5"))] * 3, doorbraak=[]))
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


def test_deadweight_alleen_in_het_huidig_pad():
    with pytest.raises(Invoerfout) as fout:
        c.bereken(Invoer(huidig_pad=[], doorbraak=[Regel(BEGELEIDING, deadweight=D("0.1"))]))
    assert fout.value.veld == "doorbraak[0].deadweight"


def test_negatieve_eigen_kosten_en_horizon_worden_geweigerd():
    with pytest.raises(Invoerfout) as fout:
        c.bereken(Invoer(huidig_pad=[], doorbraak=[], eigen_kosten=[EigenKosten("Gift", D("-1"))]))
    assert fout.value.veld == "doorbraak_kosten[0].bedrag"
    with pytest.raises(Invoerfout) as fout:
        c.bereken(Invoer(huidig_pad=[], doorbraak=[], instellingen=Instellingen(horizon_jaren=0)))
    assert fout.value.veld == "horizon_jaren"


def test_naar_dict_geeft_bedragen_als_tekst_met_twee_decimalen():
    d = c.naar_dict(c.bereken(schadebedrag_tegen_uithuiszetting()))
    assert d["huidig_pad"]["totaal"] == "30800.00"
    assert d["saldo"] == "23500.00"
    assert d["terugverdientijd_maanden"] == 3
    assert {"betaler", "huidig_pad", "doorbraak", "saldo"} == set(d["per_betaler"][0])
    assert d["lezingen"]["voorzichtig"]["saldo"] != d["lezingen"]["optimistisch"]["saldo"]
    assert d["posten"][0]["kans"] == "0.7"


def test_aannames_in_gewoon_nederlands():
    tekst = " ".join(c.aannames(Instellingen()))
    assert "2,25%" in tekst
    assert "D 50%" in tekst
