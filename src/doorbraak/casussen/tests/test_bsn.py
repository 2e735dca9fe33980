"""Invariant 6: a BSN is validated, stored encrypted, found by keyed hash, never shown in full —
not in any API response, log line or processing-log entry."""

import logging

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from doorbraak import bsn
from doorbraak.audit.models import Verwerking
from doorbraak.casussen.models import Gezinslid
from doorbraak.conftest import GELDIG_BSN, ONGELDIG_BSN
from doorbraak.fouten import Validatiefout


def maak_geldig(acht: str) -> str | None:
    for laatste in "0123456789":
        kandidaat = acht + laatste
        if stdnum_bsn.is_valid(kandidaat):
            return kandidaat
    return None


@given(st.from_regex(r"\A[1-9][0-9]{7}\Z"))
def test_versleutelen_is_omkeerbaar_en_verbergt_het_nummer(acht):
    nummer = maak_geldig(acht)
    if nummer is None:
        return
    versleuteld = bsn.versleutel(nummer)
    assert nummer not in versleuteld
    assert bsn.ontsleutel(versleuteld) == nummer
    assert bsn.zoekhash(nummer) == bsn.zoekhash(nummer) != bsn.zoekhash(maak_geldig("12345678"))


@pytest.mark.parametrize(
    ("waarde", "reden"),
    [
        (ONGELDIG_BSN, "elfproef"),
        ("12345", "9 cijfers"),
        ("12345678a", "alleen uit cijfers"),
    ],
)
def test_ongeldig_bsn_geeft_reden_zonder_waarde(waarde, reden):
    with pytest.raises(Validatiefout) as fout:
        bsn.valideer(waarde, veld="gezinsleden[2].bsn")
    assert reden in fout.value.melding
    assert fout.value.veld == "gezinsleden[2].bsn"
    assert waarde not in fout.value.melding


@pytest.mark.django_db
def test_volledig_bsn_komt_nergens_terug(api, privacy, api_als, caplog):
    caplog.set_level(logging.DEBUG)
    antwoorden = []
    body = {
        "naam": "Familie Bakker",
        "gezinsleden": [
            {
                "voornaam": "Eva",
                "achternaam": "Bakker",
                "geboortedatum": "1990-01-01",
                "rol": "ouder",
                "bsn": GELDIG_BSN,
            }
        ],
    }
    huishouden = api.post("/api/v1/huishoudens", body, format="json")
    antwoorden.append(huishouden)
    hid = huishouden.json()["id"]
    casus = api.post(
        "/api/v1/casussen",
        {"huishouden": hid, "doelgroep": "mph", "aanleiding": "Schulden"},
        format="json",
    )
    antwoorden += [
        casus,
        api.get(f"/api/v1/huishoudens/{hid}"),
        api.get(f"/api/v1/casussen/{casus.json()['id']}"),
        api.get("/api/v1/casussen"),
        api.post("/api/v1/huishoudens/zoekopdrachten", {"bsn": GELDIG_BSN}, format="json"),
        api.post("/api/v1/huishoudens", body, format="json"),  # duplicate: refused
        api_als(privacy).get(f"/api/v1/huishoudens/{hid}/verwerkingen"),
    ]
    assert antwoorden[5].json()[0]["id"] == hid
    assert antwoorden[6].status_code == 400
    for antwoord in antwoorden:
        assert GELDIG_BSN not in antwoord.content.decode()
    assert GELDIG_BSN not in caplog.text
    for rij in Verwerking.objects.values():
        assert GELDIG_BSN not in " ".join(str(v) for v in rij.values())
    lid = Gezinslid.objects.get()
    assert GELDIG_BSN not in lid.bsn_versleuteld
    assert lid.bsn_masked == "*****2333"


@pytest.mark.django_db
def test_sleutelrotatie_versleutelt_opnieuw(settings, regisseur, maak_casus):
    maak_casus(regisseur, bsn=GELDIG_BSN)
    oud = settings.BSN_SLEUTELS[0]
    voor = Gezinslid.objects.get().bsn_versleuteld
    nieuw = Fernet.generate_key().decode()
    settings.BSN_SLEUTELS = [nieuw, oud]
    call_command("bsn", "roteer")
    na = Gezinslid.objects.get().bsn_versleuteld
    assert na != voor
    settings.BSN_SLEUTELS = [nieuw]  # the old key is gone: the rotated value still decrypts
    assert bsn.ontsleutel(na) == GELDIG_BSN
