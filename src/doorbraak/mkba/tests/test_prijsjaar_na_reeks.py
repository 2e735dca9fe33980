"""An amount with a price year after the last CPI year is used as it is, with a visible warning
on the calculation's page, in its PDF and in the API."""

from decimal import Decimal as D

import pytest

from doorbraak.mkba import prijsindex
from doorbraak.mkba.models import Mkba
from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db


def test_prijsjaar_na_de_reeks_geeft_een_zichtbare_waarschuwing(
    api, api_als, client, regisseur, gemeente, maak_medewerker, maak_casus
):
    na = prijsindex.standaard().laatste_jaar + 1
    beleid = maak_medewerker(gemeente, Rol.BELEID, username="beleid")
    antwoord = api_als(beleid).put(
        "/api/v1/kengetallen/contract_begeleiding",
        {
            "omschrijving": "Contract ambulante begeleiding",
            "bedrag": "80.00",
            "eenheid": "per_uur",
            "per": "persoon",
            "prijsjaar": na,
            "betaler": "gemeente_wmo",
            "waardetype": "fiscaal",
            "betrouwbaarheid": "A",
            "status": "checked",
            "bron": {"titel": f"Contract Wmo {na}"},
        },
        format="json",
    )
    assert antwoord.status_code in (200, 201), antwoord.json()
    casus = maak_casus(regisseur)
    body = {
        "horizon_jaren": 1,
        "huidig_pad": [{"kengetal": "huisuitzetting_direct"}],
        "doorbraak": [{"kengetal": "contract_begeleiding", "aantal": "10"}],
        "doorbraak_kosten": "1000",
    }
    antwoord = api.post(f"/api/v1/casussen/{casus.pk}/mkbas", body, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    melding = (
        f"Let op: het bedrag van 'Contract ambulante begeleiding' heeft prijsjaar {na}, na het "
        f"laatste jaar van de prijsindex ({na - 1}); het is niet omgerekend"
    )
    assert any(melding in w for w in antwoord.json()["waarschuwingen"])
    # used as entered: 10 x 80.00 (grade A, no uplift)
    posten = Mkba.objects.get().uitkomst["posten"]
    regel = next(p for p in posten if "Contract" in p["omschrijving"])
    assert D(regel["bedrag"]) == D("800.00")
    # an entry inside the series gives no such warning
    assert not any("huisuitzetting" in w.lower() for w in antwoord.json()["waarschuwingen"])

    client.force_login(regisseur)
    pagina = client.get(f"/casussen/{casus.pk}/kosten-en-baten").content.decode()
    assert melding.replace("'", "&#x27;") in pagina
    pdf = client.get(f"/casussen/{casus.pk}/kosten-en-baten/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
