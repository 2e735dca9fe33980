"""The worklist's doelgroep choices (fixed SQL) are `doelgroepen_voor`'s: the own gemeente's
active doelgroepen, by name."""

import pytest

from doorbraak.organisaties import selectors
from doorbraak.organisaties.models import Doelgroep

pytestmark = pytest.mark.django_db


def test_eigen_actieve_doelgroepen_op_naam(gemeente, andere_gemeente, regisseur):
    Doelgroep.objects.create(gemeente=gemeente, code="aa", naam="Zzz laatste", actief=True)
    Doelgroep.objects.create(gemeente=gemeente, code="weg", naam="Aaa gestopt", actief=False)
    Doelgroep.objects.create(gemeente=andere_gemeente, code="elders", naam="Aaa elders")
    keuzes = selectors.doelgroepkeuzes_voor(medewerker=regisseur)
    verwacht = selectors.doelgroepen_voor(medewerker=regisseur).values_list("code", "naam")
    assert keuzes == tuple(verwacht)
    codes = [code for code, _ in keuzes]
    assert "aa" in codes and "weg" not in codes and "elders" not in codes
    assert codes[-1] == "aa"  # by name, not by code
