"""Tenant isolation, second line of defence: a part of the dossier read as rows
(`vaste_sql.rijen`, SQL compiled once per connection and kept per shape) filters on the gemeente
of the case it was asked for, also when the shape was compiled for another gemeente's case, when
it was compiled without the gemeente, and through a related model (`meting__casus_id`). A case
id of another gemeente, asked under the caller's gemeente, yields no row of that gemeente."""

from datetime import date

import pytest
from django.core.management import call_command

from doorbraak import vaste_sql
from doorbraak.casussen import selectors, services
from doorbraak.casussen.models import Casus, Domeinscore, Netwerklid, TijdlijnItem
from doorbraak.organisaties.models import Medewerker

pytestmark = pytest.mark.django_db

# Every part of the dossier page that is read as rows (members, helpers and the plan's
# bottlenecks, actions and network come from the case's read model, found within the caller's
# scope: casussen/tests/test_dossier_bereik.py).
RIJDELEN = (
    selectors.metingen_van,
    selectors.domeinscores_van,
    selectors.contactmomenten_van,
    selectors.statusgeschiedenis_van,
    lambda *, casus: selectors.tijdlijn_van(casus=casus, limiet=100),
)


def test_een_rijdeel_met_de_casus_van_een_andere_gemeente_geeft_niets(regisseur, maak_casus):
    call_command("genereer", huishoudens=6, seed=19, stdout=None)
    eigen = maak_casus(regisseur)  # the caller's gemeente; the generated cases are another's
    anderen = list(Casus.objects.exclude(gemeente_id=eigen.gemeente_id))
    bench = Medewerker.objects.get(username="bench")
    for ander in anderen[:2]:  # the generator records no contact moments and no network
        plan = ander.doorbraakplan
        Netwerklid.objects.create(plan=plan, gemeente_id=plan.gemeente_id, naam="Truus", rol="oma")
        invoer = services.ContactInvoer(datum=date(2026, 11, 2), soort="telefoon", met_wie="moeder")
        services.contactmoment_vastleggen(door=bench, casus_id=ander.pk, invoer=invoer)
    for deel in RIJDELEN:
        # each part has rows of the other gemeente to leak (read as its own gemeente reads them)
        met_rijen = [c for c in anderen if deel(casus=c)]
        assert met_rijen, deel
        for ander in met_rijen:
            # the other gemeente's case id, its household and plan, under the caller's gemeente
            vals = Casus(
                pk=ander.pk, gemeente_id=eigen.gemeente_id, huishouden_id=ander.huishouden_id
            )
            assert deel(casus=vals) == [], deel
        # the caller's own case through the same compiled shape still reads its own rows
        assert deel(casus=eigen) == deel(casus=Casus.objects.get(pk=eigen.pk))


def test_een_vorm_zonder_gemeente_wordt_niet_hergebruikt_met_gemeente(regisseur, maak_casus):
    call_command("genereer", huishoudens=3, seed=19, stdout=None)
    eigen = maak_casus(regisseur)
    ander = Casus.objects.exclude(gemeente_id=eigen.gemeente_id).first()
    velden = ("soort", "tekst")
    # a shape compiled without the gemeente (a legitimate read elsewhere) …
    assert vaste_sql.rijen(TijdlijnItem, velden, casus_id=ander.pk)
    # … is another shape than the one with it: the gemeente's condition is not dropped
    assert (
        vaste_sql.rijen(TijdlijnItem, velden, gemeente_id=eigen.gemeente_id, casus_id=ander.pk)
        == []
    )
    # through a relation (`meting__casus_id`), with and without an ordering of its own
    velden = ("meting_id", "score")
    for orde in (None, ("pk",)):
        assert vaste_sql.rijen(Domeinscore, velden, orde=orde, meting__casus_id=ander.pk)
        leeg = vaste_sql.rijen(
            Domeinscore, velden, orde=orde, gemeente_id=eigen.gemeente_id, meting__casus_id=ander.pk
        )
        assert leeg == []
