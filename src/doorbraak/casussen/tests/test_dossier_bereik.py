"""The dossier reads' hand-written queries (`selectors._dossier_sql` for the API,
`selectors._dossierstand_sql` and `_dossierdelen_sql` for the dossier page) find exactly the
cases that `selectors._casussen` (the scope every other read uses) finds, for every kind of
medewerker, in gemeenten that scope per team and that do not."""

import itertools
import uuid

import pytest

from doorbraak.casussen import selectors
from doorbraak.casussen.tests.factories import CasusFactory, medewerkers_van_elke_soort
from doorbraak.fouten import NietGevonden
from doorbraak.organisaties.models import Team

pytestmark = pytest.mark.django_db


def _gevonden(medewerker, casus) -> bool:
    try:
        selectors.casus_dossier_json(medewerker=medewerker, casus_id=casus.pk)
    except NietGevonden:
        gevonden = False
    else:
        gevonden = True
    try:
        stand = selectors.dossierstand_inzien(medewerker=medewerker, casus_id=casus.pk)
    except NietGevonden:
        assert not gevonden, "de dossierpagina vindt minder dan de API"
        with pytest.raises(NietGevonden):  # nor its parts
            selectors.dossier_delen(medewerker=medewerker, casus_id=casus.pk)
        return False
    assert gevonden, "de dossierpagina vindt meer dan de API"
    assert stand.casus_id == casus.pk and stand.huishouden_naam == casus.huishouden.naam
    delen = selectors.dossier_delen(medewerker=medewerker, casus_id=casus.pk)
    assert delen.casus.pk == casus.pk and delen.casus.huishouden.naam == casus.huishouden.naam
    return True


@pytest.mark.parametrize("per_team", [True, False])
def test_zelfde_bereik_als_casussen(per_team, gemeente, andere_gemeente, maak_medewerker):
    gemeente.casussen_per_team = per_team
    gemeente.save()
    team, ander_team = (Team.objects.create(gemeente=gemeente, naam=n) for n in ("A", "B"))
    mensen = medewerkers_van_elke_soort(maak_medewerker, gemeente, andere_gemeente, team)
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
        with pytest.raises(NietGevonden):
            selectors.dossierstand_inzien(medewerker=regisseur, casus_id=casus_id)
        with pytest.raises(NietGevonden):
            selectors.dossier_delen(medewerker=regisseur, casus_id=casus_id)


def test_stand_telt_de_tijdlijn_en_volgt_de_versie(regisseur, maak_casus):
    from doorbraak.casussen import services

    casus = maak_casus(regisseur)
    voor = selectors.dossierstand_inzien(medewerker=regisseur, casus_id=str(casus.pk))
    assert voor.tijdlijn == casus.tijdlijn.count() > 0
    services.notitie_toevoegen(door=regisseur, casus_id=casus.pk, tekst="Nog een")
    na = selectors.dossierstand_inzien(medewerker=regisseur, casus_id=casus.pk)
    assert na.tijdlijn == voor.tijdlijn + 1
    assert na.versie is not None and (voor.versie is None or na.versie > voor.versie)
