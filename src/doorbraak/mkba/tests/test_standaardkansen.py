"""Defaults that learn from the follow-ups: the pure shrinkage estimate (hand-computed and
property-tested), the tenant-scoped count of observed outcomes, and the screen that offers the
learned chance for a NEW calculation without overriding what a professional entered."""

import datetime
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorbraak.budget.models import Aanvraag, Fonds
from doorbraak.mkba import catalogus, selectors, services, standaardkansen
from doorbraak.mkba.standaardkansen import Prior, schatting

VLAK = Prior(kans=D("0.5"), gewicht=D("2"))


# --- the pure estimate ---------------------------------------------------------------------


def test_schatting_met_de_hand_nagerekend():
    # (0.5 x 2 + 3) / (2 + 5) = 4 / 7 = 0.5714... -> 0.57
    s = schatting(VLAK, gebeurd=3, nametingen=5, minimum=5)
    assert s.kans == (D(4) / D(7)).quantize(D("0.01"), ROUND_HALF_UP) == D("0.57")
    assert s.bruikbaar and s.toelichting == "gebaseerd op 5 nametingen (3 keer gebeurd)"
    # a prior of 0.2 with weight 10, 1 eviction in 10 follow-ups: (2 + 1) / 20 = 0.15
    assert schatting(Prior(D("0.2"), D("10")), gebeurd=1, nametingen=10, minimum=5).kans == D(
        "0.15"
    )
    # half a hundredth rounds up: (0.5 x 2 + 0) / (2 + 6) = 0.125 -> 0.13
    assert schatting(VLAK, gebeurd=0, nametingen=6, minimum=5).kans == D("0.13")


def test_onder_het_minimum_geen_standaard():
    s = schatting(VLAK, gebeurd=4, nametingen=4, minimum=5)
    assert not s.bruikbaar
    assert (
        standaardkansen.standaarden({("uithuiszetting", "huidig_pad"): (4, 4)}, VLAK, minimum=5)
        == {}
    )


@pytest.mark.parametrize(
    "gebeurd, nametingen, minimum", [(-1, 3, 1), (4, 3, 1), (0, -1, 1), (0, 3, 0)]
)
def test_onzinnige_telling_wordt_geweigerd(gebeurd, nametingen, minimum):
    with pytest.raises(ValueError):
        schatting(VLAK, gebeurd=gebeurd, nametingen=nametingen, minimum=minimum)


@pytest.mark.parametrize("kans, gewicht", [("0", "2"), ("1", "2"), ("0.5", "0")])
def test_onzinnige_prior_wordt_geweigerd(kans, gewicht):
    with pytest.raises(ValueError):
        Prior(D(kans), D(gewicht))


priors = st.builds(
    Prior,
    kans=st.decimals(min_value=D("0.01"), max_value=D("0.99"), places=2),
    gewicht=st.decimals(min_value=D("0.5"), max_value=D("50"), places=1),
)


@st.composite
def tellingen(draw):
    n = draw(st.integers(min_value=0, max_value=500))
    return draw(st.integers(min_value=0, max_value=n)), n


@given(priors, tellingen())
def test_schatting_ligt_tussen_prior_en_waarneming(prior, telling):
    gebeurd, n = telling
    s = schatting(prior, gebeurd=gebeurd, nametingen=n, minimum=1)
    assert D(0) <= s.kans <= D(1)
    if n == 0:
        assert s.kans == prior.kans.quantize(D("0.01"))
    else:
        waargenomen = D(gebeurd) / D(n)
        laag, hoog = sorted((prior.kans, waargenomen))
        assert laag - D("0.005") <= s.kans <= hoog + D("0.005")
        # the prior weighs less as follow-ups come in
        assert abs(s.kans - waargenomen) <= prior.gewicht / (prior.gewicht + n) + D("0.005")


@given(priors, tellingen())
def test_nog_een_keer_gebeurd_verlaagt_de_kans_nooit(prior, telling):
    gebeurd, n = telling
    nu = schatting(prior, gebeurd=gebeurd, nametingen=n, minimum=1).kans
    assert schatting(prior, gebeurd=gebeurd + 1, nametingen=n + 1, minimum=1).kans >= nu
    assert schatting(prior, gebeurd=gebeurd, nametingen=n + 1, minimum=1).kans <= nu


def test_instellingen_geven_de_regel_met_bron():
    regel = catalogus.instellingen().standaardkansen
    assert regel.prior == VLAK and regel.minimum == 5
    assert regel.bron.status == "aanname" and "Laplace" in regel.bron.bron_titel


# --- the count of observed outcomes and the screen -----------------------------------------

BODY = {
    "horizon_jaren": 1,
    "sleutelkans": {"omschrijving": "Uithuiszetting", "huidig_pad": "0.6", "doorbraak": "0.1",
                    "betrouwbaarheid": "C"},
    "huidig_pad": [{"omschrijving": "Ontruiming", "bedrag": "10000", "betaler":
                    "woningcorporatie", "betrouwbaarheid": "A", "sleutel": True}],
    "doorbraak": [{"omschrijving": "Restrisico", "bedrag": "10000", "betaler": "woningcorporatie",
                   "betrouwbaarheid": "A", "sleutel": True}],
    "doorbraak_kosten": "2000",
}  # fmt: skip


def _betaald(casus, door):
    fonds, _ = Fonds.objects.get_or_create(
        gemeente=casus.gemeente, code="doorbraakbudget", defaults={"naam": "Doorbraakbudget"}
    )
    Aanvraag.objects.create(
        gemeente=casus.gemeente, casus=casus, fonds=fonds, doelgroep=casus.doelgroep,
        bedrag=D("2000.00"), vorm="om_niet", ontvanger_naam="Woningcorporatie",
        ontvanger_iban="NL91ABNA0417164300", aanvrager=door, status="betaald",
    )  # fmt: skip


def _gevolgd(api, door, maak_casus, naam, *, gebeurd, betaald=True, body=BODY):
    casus = maak_casus(door, naam=naam)
    assert api.post(f"/api/v1/casussen/{casus.pk}/mkbas", body, format="json").status_code == 201
    if betaald:
        _betaald(casus, door)
    services.nameting_vastleggen(
        door=door,
        casus_id=casus.pk,
        invoer=services.NametingInvoer(datum=datetime.date.today(), sleutelgebeurtenis=gebeurd),
    )
    return casus


@pytest.mark.django_db
def test_telling_per_gebeurtenis_en_scenario_binnen_de_gemeente(
    api, api_als, regisseur, regisseur_elders, maak_casus, django_assert_num_queries
):
    _gevolgd(api, regisseur, maak_casus, "Familie A", gebeurd=True)
    _gevolgd(api, regisseur, maak_casus, "Familie B", gebeurd=False)
    _gevolgd(api, regisseur, maak_casus, "Familie C", gebeurd=True, betaald=False)
    onbekend = _gevolgd(api, regisseur, maak_casus, "Familie D", gebeurd=None)
    # a later follow-up of the same case replaces the earlier one
    services.nameting_vastleggen(
        door=regisseur,
        casus_id=onbekend.pk,
        invoer=services.NametingInvoer(
            datum=datetime.date.today(), sleutelgebeurtenis=False, toelichting="later bekend"
        ),
    )
    _gevolgd(api_als(regisseur_elders), regisseur_elders, maak_casus, "Elders", gebeurd=True)
    with django_assert_num_queries(1):
        telling = selectors.waargenomen_sleutelgebeurtenissen(gemeente_id=regisseur.gemeente_id)
    assert telling == {
        ("uithuiszetting", "doorbraak"): (1, 3),
        ("uithuiszetting", "huidig_pad"): (1, 1),
    }
    elders = selectors.waargenomen_sleutelgebeurtenissen(gemeente_id=regisseur_elders.gemeente_id)
    assert elders == {("uithuiszetting", "doorbraak"): (1, 1)}


@pytest.mark.django_db
def test_een_nameting_verandert_de_volgende_standaard(client, api, regisseur, maak_casus):
    client.force_login(regisseur)
    for i in range(4):
        _gevolgd(api, regisseur, maak_casus, f"Familie {i}", gebeurd=i == 0)
    nieuw = maak_casus(regisseur, naam="Familie Nieuw")
    pad = f"/casussen/{nieuw.pk}/kosten-en-baten/berekenen"
    html = client.get(pad).content.decode()
    assert "nametingen" not in html  # 4 follow-ups: below the minimum, no default

    _gevolgd(api, regisseur, maak_casus, "Familie 4", gebeurd=False)
    # (0.5 x 2 + 1) / (2 + 5) = 0.2857 -> 0.29
    assert selectors.standaardkansen_van_gemeente(gemeente_id=regisseur.gemeente_id)[
        ("uithuiszetting", "doorbraak")
    ].kans == D("0.29")
    antwoord = client.get(pad)
    form = antwoord.context["form"]
    assert form.initial["sleutel_omschrijving"] == "uithuiszetting"
    assert form.initial["sleutelkans_doorbraak"] == D("0.29")
    assert form.initial.get("sleutelkans_huidig_pad") in (None, "")  # no paid-less follow-ups
    html = antwoord.content.decode()
    assert "gebaseerd op 5 nametingen in deze gemeente (1 keer gebeurd)" in html
    assert "29%" in html

    _gevolgd(api, regisseur, maak_casus, "Familie 5", gebeurd=True)
    # (0.5 x 2 + 2) / (2 + 6) = 0.375 -> 0.38: the sixth follow-up changed the default
    form = client.get(pad).context["form"]
    assert form.initial["sleutelkans_doorbraak"] == D("0.38")


@pytest.mark.django_db
def test_standaard_overschrijft_nooit_wat_een_professional_invulde(
    client, api, regisseur, maak_casus
):
    client.force_login(regisseur)
    for i in range(5):
        _gevolgd(api, regisseur, maak_casus, f"Familie {i}", gebeurd=True)
    casus = maak_casus(regisseur, naam="Familie Eigen")
    eigen = {**BODY, "sleutelkans": {**BODY["sleutelkans"], "doorbraak": "0.05"}}
    assert api.post(f"/api/v1/casussen/{casus.pk}/mkbas", eigen, format="json").status_code == 201
    antwoord = client.get(f"/casussen/{casus.pk}/kosten-en-baten/berekenen")
    assert antwoord.context["form"].initial["sleutelkans_doorbraak"] == "0.05"
    assert "nametingen in deze gemeente" not in antwoord.content.decode()


@pytest.mark.django_db
def test_api_rekeninstellingen_noemt_regel_en_geleerde_kansen(
    api, api_als, regisseur, regisseur_elders, maak_casus
):
    for i in range(5):
        _gevolgd(api, regisseur, maak_casus, f"Familie {i}", gebeurd=i < 2)
    data = api.get("/api/v1/rekeninstellingen").json()["standaardkansen"]
    assert (data["prior_kans"], data["prior_gewicht"], data["minimum_nametingen"]) == (
        "0.5",
        "2",
        5,
    )
    assert data["status"] == "aanname"
    # (0.5 x 2 + 2) / (2 + 5) = 0.4285... -> 0.43
    assert data["geleerd"] == [
        {
            "gebeurtenis": "uithuiszetting",
            "scenario": "doorbraak",
            "kans": "0.43",
            "nametingen": 5,
            "gebeurd": 2,
            "toelichting": "gebaseerd op 5 nametingen (2 keer gebeurd)",
        }
    ]
    elders = api_als(regisseur_elders).get("/api/v1/rekeninstellingen").json()
    assert elders["standaardkansen"]["geleerd"] == []  # another gemeente learned nothing yet
