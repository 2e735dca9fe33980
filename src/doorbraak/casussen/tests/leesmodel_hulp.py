"""Shared by the read-model tests: the dossier as the API rendered it before the read model."""

from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from doorbraak.casussen import selectors
from doorbraak.casussen.api import CasusDossierSerializer


def uit_de_records(medewerker, casus_id) -> bytes:
    """Built now from the records, by the serializer, as `GET /casussen/{id}` did before."""
    casus = selectors.casus_dossier(medewerker=medewerker, casus_id=casus_id)
    return JSONRenderer().render(CasusDossierSerializer(casus).data)


def dossier(client: APIClient, casus_id) -> bytes:
    antwoord = client.get(f"/api/v1/casussen/{casus_id}")
    assert antwoord.status_code == 200, antwoord.content[:300]
    assert antwoord["Content-Type"] == "application/json"
    return antwoord.content


def toont_de_wijziging(client, medewerker, casus_id, schrijf) -> None:
    """Read (so the copy is stored), write, read again: the second read shows the change and
    is exactly the dossier built from the records."""
    voor = dossier(client, casus_id)
    assert voor == uit_de_records(medewerker, casus_id)
    schrijf()
    na = dossier(client, casus_id)
    assert na != voor, "the change does not show in the dossier"
    assert na == uit_de_records(medewerker, casus_id)
    assert dossier(client, casus_id) == na  # and the copy stored now is that one
