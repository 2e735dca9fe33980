"""Setting up a table and adding members in the screen: who may, errors beside fields, isolation."""

import pytest

from doorbraak.organisaties.models import Rol
from doorbraak.overleg.models import Lidmaatschap, Overleg

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(gemeente, maak_medewerker, client):
    medewerker = maak_medewerker(gemeente, Rol.MANAGER, username="manager")
    client.force_login(medewerker)
    return medewerker


def gegevens(**wijzig):
    data = {
        "naam": "Regieteam Noord", "soort": "regieteam", "doelgroep": "mph", "voorzitter": "",
        "ritme": "wekelijks op dinsdag", "venster_dagen_voor": "7", "venster_dagen_na": "7",
    }  # fmt: skip
    data.update(wijzig)
    return data


def test_manager_richt_een_overleg_in_en_voegt_een_lid_toe(client, manager, regisseur):
    antwoord = client.post("/overleggen/nieuw", gegevens(voorzitter=str(manager.pk)))
    tafel = Overleg.objects.get()
    assert antwoord.status_code == 302 and antwoord.url == f"/overleggen/{tafel.pk}"
    assert tafel.doelgroep.code == "mph" and tafel.voorzitter == manager
    lid = client.post(
        f"/overleggen/{tafel.pk}/leden",
        {"lid-medewerker": str(regisseur.pk), "lid-organisatie": "Gemeente", "lid-domein": "werk"},
    )
    assert lid.status_code == 302
    assert Lidmaatschap.objects.get(overleg=tafel).medewerker == regisseur
    assert "Lid toevoegen" in client.get(f"/overleggen/{tafel.pk}").content.decode()


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"naam": ""}, "naam"),
        ({"venster_dagen_voor": "90"}, "venster_dagen_voor"),
        ({"soort": "kroeg"}, "soort"),
    ],
)
def test_fout_bij_het_veld_en_niets_opgeslagen(client, manager, wijziging, veld):
    antwoord = client.post("/overleggen/nieuw", gegevens(**wijziging))
    assert antwoord.status_code == 400
    assert f'id="id_{veld}-fout"' in antwoord.content.decode()
    assert not Overleg.objects.exists()


def test_regisseur_mag_geen_overleg_inrichten(client, regisseur):
    client.force_login(regisseur)
    assert client.get("/overleggen/nieuw").status_code == 403
    assert client.post("/overleggen/nieuw", gegevens()).status_code == 403
    assert not Overleg.objects.exists()


def test_lid_toevoegen_aan_overleg_van_andere_gemeente_kan_niet(
    client, manager, andere_gemeente, maak_medewerker
):
    elders = Overleg.objects.create(gemeente=andere_gemeente, naam="Elders", soort="regieteam")
    collega_elders = maak_medewerker(andere_gemeente, Rol.REGISSEUR, username="elders")
    antwoord = client.post(
        f"/overleggen/{elders.pk}/leden",
        {"lid-medewerker": str(collega_elders.pk), "lid-organisatie": "X"},
    )
    assert antwoord.status_code == 404
    assert not Lidmaatschap.objects.exists()
