import datetime

import pytest
from django.utils import timezone

from doorbraak.organisaties.models import Rol
from doorbraak.overleg import services


@pytest.fixture
def manager(gemeente, maak_medewerker):
    return maak_medewerker(gemeente, Rol.MANAGER, username="manager")


@pytest.fixture
def voorzitter(gemeente, maak_medewerker):
    return maak_medewerker(gemeente, Rol.REGISSEUR, username="voorzitter")


@pytest.fixture
def partner(gemeente, maak_medewerker):
    return maak_medewerker(
        gemeente, Rol.PARTNER, username="corporatie", organisatie="Woonstichting De Peel"
    )


@pytest.fixture
def overleg(manager, voorzitter, partner):
    overleg = services.overleg_aanmaken(
        door=manager,
        naam="Overleg Passende Hulp",
        soort="passende_hulp",
        doelgroep_code="passende_hulp",
        voorzitter=voorzitter,
        ritme="Wekelijks op dinsdag",
    )
    services.lid_toevoegen(
        door=voorzitter,
        overleg_id=overleg.pk,
        medewerker=partner,
        organisatie="Woonstichting De Peel",
        domein="wonen",
    )
    return overleg


@pytest.fixture
def regieteam(manager, voorzitter):
    return services.overleg_aanmaken(
        door=manager, naam="Regieteam", soort="regieteam", voorzitter=voorzitter
    )


@pytest.fixture
def vergaderdag():
    return timezone.localdate() + datetime.timedelta(days=3)


@pytest.fixture
def bijeenkomst(overleg, voorzitter, vergaderdag):
    return services.bijeenkomst_plannen(door=voorzitter, overleg_id=overleg.pk, datum=vergaderdag)


@pytest.fixture
def casus(regisseur, maak_casus):
    from doorbraak.conftest import GELDIG_BSN

    return maak_casus(regisseur, bsn=GELDIG_BSN)


@pytest.fixture
def agendapunt(regisseur, bijeenkomst, casus):
    return services.agendapunt_toevoegen(
        door=regisseur,
        bijeenkomst_id=bijeenkomst.pk,
        casus_id=casus.pk,
        vraag="Kan de corporatie de ontruiming van Familie De Vries opschorten?",
    )
