"""Properties of the calculator that hold for any input (hypothesis)."""

from dataclasses import replace
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.mkba import calculator as c
from doorbraak.mkba.begrippen import BETALERS
from doorbraak.mkba.calculator import (
    EigenKosten,
    Instellingen,
    Invoer,
    Kengetal,
    Regel,
    Sleutelkans,
)

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

    met_sleutel = draw(st.booleans()) and not exact  # a key chance breaks whole cents
    sleutel = met_sleutel

    def regels(deadweight: bool):
        return st.lists(
            st.builds(
                Regel,
                kengetal=kengetallen(stap=4 if exact else 1),
                aantal=aantal,
                kans=kans,
                jaar=st.integers(1, horizon),
                kans_betrouwbaarheid=st.sampled_from(["", *c.BETROUWBAARHEDEN]),
                sleutel=st.booleans() if sleutel else st.just(False),
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
    leningen = st.lists(
        st.builds(
            EigenKosten,
            omschrijving=st.just("Lening"),
            bedrag=_centen(2_000_000),
            jaar=st.integers(1, horizon),
            vorm=st.just("lening"),
            ontvanger=st.sampled_from(["", "woningcorporatie"]),
            terugbetaald=st.integers(0, 100).map(lambda n: D(n) / 100),
            terugbetaling_betrouwbaarheid=GRAAD,
            aflossingsjaren=st.integers(1, 6),
            administratiekosten=_centen(50_000),
        ),
        max_size=2,
    )
    return Invoer(
        huidig_pad=draw(regels(deadweight=True)),
        doorbraak=draw(regels(deadweight=False)),
        eigen_kosten=draw(eigen) + ([] if exact else draw(leningen)),
        instellingen=Instellingen(
            horizon_jaren=horizon,
            discontovoet=draw(st.integers(0, 2000).map(lambda n: D(n) / 10_000)),
        ),
        sleutelkans=Sleutelkans("uithuiszetting", draw(kans), draw(kans), draw(GRAAD))
        if met_sleutel
        else None,
    )


def _som(paren) -> D:
    return sum((v for _, v in paren), D("0"))


@settings(max_examples=60, deadline=None)
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


@settings(max_examples=60, deadline=None)
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
    assert b.huidig_pad_laag <= b.huidig_pad_hoog
    assert b.doorbraak_laag <= b.doorbraak_hoog


@settings(max_examples=60, deadline=None)
@given(invoeren())
def test_de_band_bevat_altijd_beide_lezingen(invoer):
    u = c.bereken(invoer)
    b = u.bandbreedte
    for lezing in (u.optimistisch, u.voorzichtig):
        assert b.saldo_laag <= lezing.saldo <= b.saldo_hoog
        assert b.huidig_pad_laag <= lezing.huidig_pad.totaal <= b.huidig_pad_hoog
        assert b.doorbraak_laag <= lezing.doorbraak.totaal <= b.doorbraak_hoog


@settings(max_examples=60, deadline=None)
@given(invoeren())
def test_het_omslagpunt_maakt_het_saldo_nul_op_een_cent(invoer):
    o = c.omslagpunt(invoer)
    if o.soort == "sleutelkans":
        saldo = lambda p: c.centraal_saldo(invoer, sleutel_huidig=p)  # noqa: E731
    else:
        saldo = lambda p: c.centraal_saldo(invoer, schaal=p)  # noqa: E731
    if o.altijd:
        assert saldo(D(0)) >= 0
    elif o.nooit:
        assert saldo(D(1)) < 0
    else:
        # The turn can lie at certainty itself: the saldo is then zero (within a cent) at 1.
        assert D(0) < o.kans <= D(1)
        assert abs(saldo(o.kans)) <= D("0.01")
        assert o.saldo == saldo(o.kans)


@settings(max_examples=60, deadline=None)
@given(invoeren())
def test_contante_waarde_nooit_groter_dan_nominaal_bij_positieve_discontovoet(invoer):
    u = c.bereken(invoer)
    aflossing = any(p.soort == "aflossing" for p in u.posten)  # income: mixed signs
    scenarios = [u.huidig_pad, u.voorzichtig.huidig_pad]
    if not aflossing:
        scenarios += [u.doorbraak, u.voorzichtig.doorbraak]
    for s in scenarios:
        assert abs(s.contante_waarde) <= abs(s.totaal)
    for p in u.posten:
        assert abs(p.contante_waarde) <= abs(p.bedrag)
    if all(j.saldo >= 0 for j in u.per_jaar) or all(j.saldo <= 0 for j in u.per_jaar):
        assert abs(u.contante_waarde) <= abs(u.saldo)


def test_saldo_met_wisselend_teken_kan_contant_groter_zijn_dan_nominaal():
    """Why the property above is stated per scenario: a cost now against an equal saving later
    nets to 0 nominally, but to a loss in present value."""
    k = Kengetal("x", "X", D("1000.00"), "gemeente_wmo", betrouwbaarheid="A")
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
        return replace(r, kengetal=kengetal(r.kengetal))

    return replace(
        invoer,
        huidig_pad=[regel(r) for r in invoer.huidig_pad],
        doorbraak=[regel(r) for r in invoer.doorbraak],
        eigen_kosten=[
            replace(e, bedrag=e.bedrag * factor, administratiekosten=e.administratiekosten * factor)
            for e in invoer.eigen_kosten
        ],
    )


@settings(max_examples=60, deadline=None)
@given(invoeren(exact=True), st.integers(min_value=2, max_value=50))
def test_alle_bedragen_schalen_schaalt_alle_uitkomsten(invoer, factor):
    een, veel = c.bereken(invoer), c.bereken(_geschaald(invoer, factor))
    o1, o2 = een.optimistisch, veel.optimistisch
    assert o2.huidig_pad.totaal == factor * o1.huidig_pad.totaal
    assert o2.doorbraak.totaal == factor * o1.doorbraak.totaal
    assert o2.saldo == factor * o1.saldo
    assert [(b.betaler, b.saldo) for b in o2.per_betaler] == [
        (b.betaler, factor * b.saldo) for b in o1.per_betaler
    ]
    assert o2.terugverdientijd_maanden == o1.terugverdientijd_maanden
    # Present values and the cautious reading round each line after scaling: equal to the cent
    # per line, so within half a cent per line times the factor.
    marge = D("0.01") * factor * len(veel.posten)
    assert abs(veel.contante_waarde - factor * een.contante_waarde) <= marge
    assert abs(veel.voorzichtig.saldo - factor * een.voorzichtig.saldo) <= marge
    assert abs(veel.bandbreedte.saldo_laag - factor * een.bandbreedte.saldo_laag) <= marge
    assert abs(veel.bandbreedte.saldo_hoog - factor * een.bandbreedte.saldo_hoog) <= marge
