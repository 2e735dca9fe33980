"""'Wacht op: …' on every request: the same route the services enforce, on the page, in the
list and in the API."""

from doorbraak.budget import services
from doorbraak.budget.wacht_op import wacht_op


def test_wacht_op_volgt_de_route(mensen, fondsen, maak_aanvraag):
    a = maak_aanvraag(mensen["regisseur"])
    assert wacht_op(a) == "indienen door de aanvrager"
    a = services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
    assert wacht_op(a) == "meekijken door een collega (4-ogen)"
    a = services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
    assert wacht_op(a) == "de go van een manager"
    a = services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")
    assert wacht_op(a) == "de betaling door financiën"
    a = services.betaling_registreren(door=mensen["financien"], aanvraag_id=a.pk, bedrag=a.bedrag)
    assert wacht_op(a) == ""


def test_zonder_meekijken_wacht_het_op_de_go_en_regelarm_op_de_aanvrager(
    mensen, fondsen, maak_aanvraag
):
    pilot = maak_aanvraag(mensen["regisseur"], fonds="samenloopbudget")
    pilot = services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=pilot.pk)
    assert wacht_op(pilot) == "de go van een manager"
    wijk = maak_aanvraag(mensen["uitvoeringsregisseur"], fonds="wijkbudget", bedrag="500.00")
    wijk = services.aanvraag_indienen(door=mensen["uitvoeringsregisseur"], aanvraag_id=wijk.pk)
    assert "regelarm" in wacht_op(wijk)


def test_afgewezen_wacht_op_niemand(mensen, fondsen, maak_aanvraag):
    a = maak_aanvraag(mensen["regisseur"])
    services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
    services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
    a = services.aanvraag_besluiten(
        door=mensen["manager"], aanvraag_id=a.pk, besluit="afgewezen", motivering="Voorliggend."
    )
    assert wacht_op(a) == ""


def test_wacht_op_op_de_pagina_in_de_lijst_en_in_de_api(
    client, api_als, mensen, fondsen, maak_aanvraag
):
    a = maak_aanvraag(mensen["regisseur"])
    services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
    client.force_login(mensen["regisseur"])
    zin = "Wacht op: meekijken door een collega (4-ogen)"
    assert zin in client.get(f"/aanvragen/{a.pk}").content.decode()
    assert zin in client.get("/aanvragen?lijst=alle").content.decode()
    api = api_als(mensen["regisseur"])
    assert api.get(f"/api/v1/aanvragen/{a.pk}").json()["wacht_op"] == (
        "meekijken door een collega (4-ogen)"
    )
    lijst = api.get("/api/v1/aanvragen").json()
    rijen = lijst.get("results", lijst) if isinstance(lijst, dict) else lijst
    assert rijen[0]["wacht_op"] == "meekijken door een collega (4-ogen)"
