"""`heeft_rol_sql` and `mag_sql`, the roles checks of a statement that reads its medewerker itself
(the dossier read with a token), select exactly the medewerkers `heeft_rol` and `mag` accept."""

import itertools

import pytest
from django.db import connection

from doorbraak import vaste_sql
from doorbraak.organisaties.bevoegdheden import ACTIES
from doorbraak.organisaties.models import Medewerker, Rol
from doorbraak.organisaties.selectors import heeft_rol_sql
from doorbraak.organisaties.toegangspoort import mag, mag_sql

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="JSON-operatoren van PostgreSQL"
    ),
]

ROLLEN = list(Rol.values)


def _gekozen(voorwaarde: str) -> set:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT m.id FROM {vaste_sql.tabel(Medewerker)} m WHERE {voorwaarde}")
        return {rij[0] for rij in cursor.fetchall()}


@pytest.fixture
def mensen(gemeente, maak_medewerker):
    combinaties = [[], *([r] for r in ROLLEN), *itertools.combinations(ROLLEN[:4], 2)]
    mensen = [maak_medewerker(gemeente, username=f"m{i}") for i in range(len(combinaties))]
    for medewerker, rollen in zip(mensen, combinaties, strict=True):
        Medewerker.objects.filter(pk=medewerker.pk).update(rollen=list(rollen))
    return list(Medewerker.objects.filter(pk__in=[m.pk for m in mensen]))


def test_heeft_rol_sql_kiest_wie_heeft_rol_kiest(mensen):
    for aantal in (1, 2, 3):
        for rollen in itertools.combinations(ROLLEN, aantal):
            verwacht = {m.pk for m in mensen if m.heeft_rol(*rollen)}
            assert _gekozen(heeft_rol_sql("m", rollen)) & {m.pk for m in mensen} == verwacht


def test_mag_sql_kiest_wie_mag_kiest_voor_elke_actie(mensen):
    uitkomsten = set()
    for naam, actie in ACTIES.items():
        verwacht = {m.pk for m in mensen if mag(m, actie)}
        assert _gekozen(mag_sql("m", actie)) & {m.pk for m in mensen} == verwacht, naam
        uitkomsten.add(len(verwacht) == len(mensen))
    assert uitkomsten == {True, False}


def test_een_onbekende_rol_komt_niet_in_de_sql():
    with pytest.raises(ValueError, match="Onbekende rol"):
        heeft_rol_sql("m", ["regisseur", "x') OR TRUE --"])
