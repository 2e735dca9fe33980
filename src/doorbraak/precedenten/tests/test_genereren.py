"""The command that fills a test or bench environment with synthetic precedents."""

import pytest
from django.core.management import CommandError, call_command

from doorbraak.precedenten.models import Precedent


def test_genereert_het_gevraagde_aantal_in_de_gemeente(gemeente, andere_gemeente):
    call_command("precedenten_genereren", "--gemeente-code", gemeente.code, "--aantal", "7")
    assert Precedent.objects.filter(gemeente=gemeente).count() == 7
    assert not Precedent.objects.filter(gemeente=andere_gemeente).exists()


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["--gemeente-code", "GM0000", "--aantal", "3"], "bestaat niet"),
        (["--aantal", "0"], "minstens 1"),
    ],
)
def test_weigert_een_onbekende_gemeente_of_een_leeg_aantal(gemeente, argumenten, melding):
    if "--gemeente-code" not in argumenten:
        argumenten = ["--gemeente-code", gemeente.code, *argumenten]
    with pytest.raises(CommandError, match=melding):
        call_command("precedenten_genereren", *argumenten)
    assert not Precedent.objects.exists()
