"""A doelgroep named with dollar signs ("$x^{$") broke the verantwoording report: matplotlib read
it as mathtext. Labels are shown as typed."""

import pytest
from django.core.management import call_command

from doorbraak import grafieken
from doorbraak.organisaties.models import Doelgroep, Medewerker

NAMEN = ["Jongeren $x^{$", "$\\frac{1}{0}$ kosten", "€ 5 $"]


def test_staafgrafiek_toont_dollartekens_letterlijk():
    svg = grafieken.staafgrafiek(NAMEN, {"budget $a$": [1, 2, 3]}, "Budget")
    assert svg.startswith("<svg")
    assert "Jongeren $x^{$" in svg
    assert "budget $a$" in svg


def test_betalersgrafiek_toont_dollartekens_letterlijk():
    svg = grafieken.betalersgrafiek(
        [{"betaler": "$gemeente_x^{$", "huidig_pad": "10.00", "doorbraak": "5.00"}], "Per betaler"
    )
    assert "$gemeente x^{$" in svg


@pytest.mark.django_db
def test_verantwoording_met_dollartekens_in_een_doelgroepnaam(client):
    call_command("demo")
    financien = Medewerker.objects.get(username="financien")
    Doelgroep.objects.filter(gemeente=financien.gemeente).update(naam="Groep $x^{$")
    client.force_login(financien)
    antwoord = client.get("/rapportages/verantwoording")
    assert antwoord.status_code == 200
    assert "<svg" in antwoord.content.decode()
    assert client.get("/rapportages/verantwoording", {"formaat": "pdf"}).status_code == 200
