"""The dossier read's hand-written query (`selectors._dossier_sql`) finds exactly the cases that
`selectors._casussen` (the scope every other read uses) finds, for every kind of medewerker, in
gemeenten that scope per team and that do not."""

import itertools
import uuid

import pytest

from doorbraak.casussen import selectors
from doorbraak.casussen.tests.factories import CasusFactory
from doorbraak.fouten import NietGevonden
from doorbraak.organisaties.models import Rol, Team

pytestmark = pytest.mark.django_db


def _gevonden(medewerker, casus) -> bool:
    try:
        selectors.casus_dossier_json(medewerker=medewerker, casus_id=casus.pk)
    except NietGevonden:
        return False
    return True


@pytest.mark.parametrize("per_team", [True, False])
def test_zelfde_bereik_als_casussen(per_team, gemeente, andere_gemeente, maak_medewerker):
    gemeente.casussen_per_team = per_team
    gemeente.save()
    team, ander_team = (Team.objects.create(gemeente=gemeente, naam=n) for n in ("A", "B"))
    mensen = [
        maak_medewerker(gemeente, Rol.MANAGER, username="manager-zonder-team"),
        maak_medewerker(gemeente, Rol.MANAGER, username="manager-team", team=team),
        maak_medewerker(gemeente, Rol.REGISSEUR, username="regisseur-team", team=team),
        maak_medewerker(gemeente, Rol.REGISSEUR, username="regisseur-zonder-team"),
        maak_medewerker(andere_gemeente, Rol.MANAGER, username="manager-elders"),
    ]
    casussen = [
        CasusFactory(huishouden__gemeente=gemeente, team=t, regisseur=r)
        for t, r in itertools.product((None, team, ander_team), (None, mensen[2], mensen[3]))
    ]
    uitkomsten = set()
    for medewerker, casus in itertools.product(mensen, casussen):
        verwacht = selectors._casussen(medewerker).filter(pk=casus.pk).exists()
        assert _gevonden(medewerker, casus) == verwacht, (medewerker.username, casus.team_id)
        uitkomsten.add(verwacht)
    assert uitkomsten == {True, False}  # both outcomes occur: the test can fail either way


def test_onbekend_of_ongeldig_id_is_niet_gevonden(regisseur):
    for casus_id in (uuid.uuid4(), "geen-uuid"):
        with pytest.raises(NietGevonden):
            selectors.casus_dossier_json(medewerker=regisseur, casus_id=casus_id)
