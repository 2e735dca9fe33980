"""Properties of the calculator that hold for any input (hypothesis)."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.mkba import calculator as c
from doorbraak.mkba.begrippen import BETALERS
from doorbraak.mkba.calculator import EigenKosten, Instellingen, Invoer, Kengetal, Regel

BETALER = st.sampled_from(sorted(BETALERS))
GRAAD = st.sampled_from(c.BETROUWBAARHEIDEN)
WAARDETYPE = st.sampled_from(c.WAARDETYPEN)
HORIZON = st.integers(min_value=1, max_value=5)


def _centen(maximum: int, stap: int = 1):
    return st.integers(min_value=0, max_value=maximum // stap).map(lambda n: D(n * stap) / 100)


@st.composite
def kengetallen(draw, stap: int = 1):
    bedrag = draw(_centen(5_000_000, stap))
    laag = draw(st.none() | _centen(int(bedrag * 100), stap))
    hoog = draw(st.none() | _centen(5_000_000, stap).map(lambda extra: bedrag + extra))
    return Kengetal(
        code="k",
        omschrijving="Kengetal",
        bedrag=bedrag,
        betaler=draw(BETALER),
        waardetype=draw(WAARDETYPE),
        betrouwbaarheid=draw(GRAAD),
        laag=laag,
        hoog=hoog,
    )


@st.composite
def invoeren(draw, exact: bool = False):
    """Any valid input; `exact` keeps every line a whole number of cents before rounding."""
    horizon = draw(HORIZON)
    kans = (
        st.sampled_from([D("0"), D("0.25"), D("0.5"), D("0.75"), D("1")])
        if exact
        else st.integers(0, 10_000).map(lambda n: D(n) / 10_000)
    )
    aantal = (
        st.integers(0, 40).map(D) if exact else st.integers(0, 10_000).map(lambda n: D(n) / 100)
    )

    def regels(deadweight: bool):
        return st.lists(
            st.builds(
                Regel,
                kengetal=kengetallen(stap=4 if exact else 1),
                aantal=aantal,
                kans=kans,
                jaar=st.integers(1, horizon),
                deadweight=(
                    st.integers(0, 100).map(lambda n: D(n) / 100) if deadweight else st.just(D(0))
                ),
            ),
            max_size=8,
        )

    eigen = st.lists(
        st.builds(
            EigenKosten,
            omschrijving=st.just("Doorbraak"),
            bedrag=_centen(2_000_000),
            jaar=st.integers(1, horizon),
            betaler=BETALER,
            betrouwbaarheid=GRAAD,
        ),
        max_size=3,
    )
    return Invoer(
        huidig_pad=draw(regels(deadweight=True)),
        doorbraak=draw(regels(deadweight=False)),
        eigen_kosten=draw(eigen),
        instellingen=Instellingen(
            horizon_jaren=horizon,
            discontovoet=draw(st.integers(0, 2000).map(lambda n: D(n) / 10_000)),
        ),
    )


def _som(paren) -> D:
    return sum((v for _, v in paren), D("0"))


@settings(max_examples=150, deadline=None)
@given(invoeren())
def test_sommen_per_betaler_jaar_en_waardetype_zijn_het_totaal(invoer):
    u = c.bereken(invoer)
    for lezing in (u.optimistisch, u.voorzichtig):
        for s in (lezing.huidig_pad, lezing.doorbraak):
            assert _som(s.per_betaler) == s.totaal
            assert _som(s.per_jaar) == s.totaal
            assert _som(s.per_waardetype) == s.totaal
        assert sum((b.saldo for b in lezing.per_betaler), D(0)) == lezing.saldo
    assert sum((j.saldo for j in u.per_jaar), D(0)) == u.saldo
    assert sum((j.contante_waarde for j in u.per_jaar), D(0)) == u.contante_waarde
    assert sum((w.saldo for w in u.per_waardetype), D(0)) == u.saldo


@settings(max_examples=150, deadline=None)
@given(invoeren())
def test_saldo_is_huidig_pad_min_doorbraak(invoer):
    u = c.bereken(invoer)
    for lezing in (u, u.optimistisch, u.voorzichtig):
        assert lezing.saldo == lezing.huidig_pad.totaal - lezing.doorbraak.totaal
        assert (
            lezing.contante_waarde
            == lezing.huidig_pad.contante_waarde - lezing.doorbraak.contante_waarde
        )
    b = u.bandbreedte
    assert b.huidig_pad_laag - b.doorbraak_hoog <= b.saldo_laag <= u.saldo
    assert u.saldo <= b.saldo_hoog <= b.huidig_pad_hoog - b.doorbraak_laag


@settings(max_examples=150, deadline=None)
@given(invoeren())
def test_contante_waarde_nooit_groter_dan_nominaal_bij_positieve_discontovoet(invoer):
    u = c.bereken(invoer)
    for s in (u.huidig_pad, u.doorbraak, u.voorzichtig.huidig_pad, u.voorzichtig.doorbraak):
        assert abs(s.contante_waarde) <= abs(s.totaal)
    for p in u.posten:
        assert abs(p.contante_waarde) <= abs(p.bedrag)
    if all(j.saldo >= 0 for j in u.per_jaar) or all(j.saldo <= 0 for j in u.per_jaar):
        assert abs(u.contante_waarde) <= abs(u.saldo)


def test_saldo_met_wisselend_teken_kan_contant_groter_zijn_dan_nominaal():
    """Why the property above is stated per scenario: a cost now against an equal saving later
    nets to 0 nominally, but to a loss in present value."""
    k = Kengetal("x", "X", D("1000.00"), "gemeente_wmo")
    u = c.bereken(
        Invoer(
            huidig_pad=[Regel(k, jaar=2)],
            doorbraak=[],
            eigen_kosten=[EigenKosten("Nu", D("1000.00"))],
            instellingen=Instellingen(horizon_jaren=2),
        )
    )
    assert u.saldo == D("0.00")
    assert u.contante_waarde == D("-22.00")  # 1000 / 1.0225 = 977.995.. -> 978.00


def _geschaald(invoer: Invoer, factor: int) -> Invoer:
    def kengetal(k: Kengetal) -> Kengetal:
        return Kengetal(
            k.code, k.omschrijving, k.bedrag * factor, k.betaler, k.waardetype, k.betrouwbaarheid,
            k.eenheid, None if k.laag is None else k.laag * factor,
            None if k.hoog is None else k.hoog * factor, k.in_geld,
        )  # fmt: skip

    def regel(r: Regel) -> Regel:
        return Regel(kengetal(r.kengetal), r.aantal, r.kans, r.jaar, r.deadweight)

    return Invoer(
        huidig_pad=[regel(r) for r in invoer.huidig_pad],
        doorbraak=[regel(r) for r in invoer.doorbraak],
        eigen_kosten=[
            EigenKosten(e.omschrijving, e.bedrag * factor, e.jaar, e.betaler, e.betrouwbaarheid)
            for e in invoer.eigen_kosten
        ],
        instellingen=invoer.instellingen,
    )


@settings(max_examples=150, deadline=None)
@given(invoeren(exact=True), st.integers(min_value=2, max_value=50))
def test_alle_bedragen_schalen_schaalt_alle_uitkomsten(invoer, factor):
    een, veel = c.bereken(invoer), c.bereken(_geschaald(invoer, factor))
    assert veel.huidig_pad.totaal == factor * een.huidig_pad.totaal
    assert veel.doorbraak.totaal == factor * een.doorbraak.totaal
    assert veel.saldo == factor * een.saldo
    assert [(b.betaler, b.saldo) for b in veel.per_betaler] == [
        (b.betaler, factor * b.saldo) for b in een.per_betaler
    ]
    assert [j.saldo for j in veel.per_jaar] == [factor * j.saldo for j in een.per_jaar]
    assert veel.bandbreedte.saldo_laag == factor * een.bandbreedte.saldo_laag
    assert veel.bandbreedte.saldo_hoog == factor * een.bandbreedte.saldo_hoog
    assert veel.terugverdientijd_maanden == een.terugverdientijd_maanden
    # Present values and the cautious reading round each line after scaling: equal to the cent
    # per line, so within half a cent per line times the factor.
    marge = D("0.01") * factor * len(veel.posten)
    assert abs(veel.contante_waarde - factor * een.contante_waarde) <= marge
    assert abs(veel.voorzichtig.saldo - factor * een.voorzichtig.saldo) <= marge
