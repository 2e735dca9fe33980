"""Cases scoped to their team and regie where the gemeente switches that on (invariant 5);
the whole gemeente by default."""

import pytest
from rest_framework.test import APIClient

from doorbraak.casussen import services
from doorbraak.fouten import GeenToegang, NietGevonden
from doorbraak.organisaties.models import Rol, Team


@pytest.fixture
def teams(gemeente, maak_medewerker, maak_casus):
    centrum = Team.objects.create(gemeente=gemeente, naam="Regieteam Centrum")
    noord = Team.objects.create(gemeente=gemeente, naam="Regieteam Noord")
    m = {
        "ilse": maak_medewerker(gemeente, Rol.REGISSEUR, username="ilse", team=centrum),
        "bas": maak_medewerker(gemeente, Rol.REGISSEUR, username="bas", team=centrum),
        "noor": maak_medewerker(gemeente, Rol.REGISSEUR, username="noor", team=noord),
        "manager": maak_medewerker(gemeente, Rol.MANAGER, username="baas"),
    }
    m["casus"] = maak_casus(m["ilse"])
    return m


def _zichtbaar(medewerker) -> int:
    api = APIClient()
    api.force_authenticate(medewerker)
    return api.get("/api/v1/casussen").json()["count"]


def test_standaard_ziet_de_hele_gemeente(teams):
    assert _zichtbaar(teams["noor"]) == 1
    services.casus_wijzigen(door=teams["noor"], casus_id=teams["casus"].pk, urgentie="crisis")


def test_per_team_ziet_alleen_eigen_team_en_regie(teams, gemeente):
    gemeente.casussen_per_team = True
    gemeente.save()
    assert _zichtbaar(teams["ilse"]) == 1
    assert _zichtbaar(teams["bas"]) == 1  # same team reads along
    assert _zichtbaar(teams["noor"]) == 0
    assert _zichtbaar(teams["manager"]) == 1  # a manager without a team: the whole gemeente
    api = APIClient()
    api.force_authenticate(teams["noor"])
    assert api.get(f"/api/v1/casussen/{teams['casus'].pk}").status_code == 404
    with pytest.raises(NietGevonden):
        services.casus_wijzigen(door=teams["noor"], casus_id=teams["casus"].pk, urgentie="crisis")


def test_per_team_wijzigt_alleen_de_regie(teams, gemeente):
    gemeente.casussen_per_team = True
    gemeente.save()
    with pytest.raises(GeenToegang, match="regisseur van deze casus"):
        services.casus_wijzigen(door=teams["bas"], casus_id=teams["casus"].pk, urgentie="crisis")
    services.notitie_toevoegen(door=teams["bas"], casus_id=teams["casus"].pk, tekst="Gebeld.")
    services.casus_wijzigen(door=teams["ilse"], casus_id=teams["casus"].pk, urgentie="crisis")
    services.casus_wijzigen(door=teams["manager"], casus_id=teams["casus"].pk, urgentie="hoog")
