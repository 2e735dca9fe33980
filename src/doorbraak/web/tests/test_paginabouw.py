"""Dossier pages kept in the database and rendered ahead of their readers (web.paginabouw): after
a change, a release or the turn of the day the background job renders a kept page again, so the
next reader in any process finds it ready; it logs nothing itself; a page whose viewer is gone,
lost access or now sees another variant is removed; anonymising a household removes its pages;
`doorbraak dossierpaginas` renders every page a medewerker may see."""

import datetime
import io

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doorbraak.audit.bewaartermijnen import bewaartermijnen_toepassen
from doorbraak.audit.models import Bewaartermijnen, Verwerking
from doorbraak.casussen import services
from doorbraak.casussen.models import Casus, DossierLeesmodel
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.models import Rol
from doorbraak.taken.register import PERIODIEKE_TAKEN
from doorbraak.web import paginabouw, paginacache
from doorbraak.web.models import Dossierpagina

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lege_paginacache")]

# a page kept in the database only: session, viewer, the stand with its log entry (one statement
# on PostgreSQL), the kept row
UIT_DE_DATABASE = 5 - (connection.vendor == "postgresql")


def lees(client, medewerker, casus) -> tuple[str, int]:
    """A read in another process: nothing in this process's cache."""
    caches[paginacache.ALIAS].clear()
    client.force_login(medewerker)
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(f"/casussen/{casus.pk}")
    assert antwoord.status_code == 200, antwoord.content[:300]
    return antwoord.content.decode(), len(ctx.captured_queries)


def test_na_een_wijziging_staat_de_pagina_klaar_voor_de_volgende_lezer(client, regisseur, casus):
    lees(client, regisseur, casus)
    (rij,) = Dossierpagina.objects.all()
    assert (rij.casus_id, rij.taal, rij.variant) == (casus.pk, "nl", "1:1")
    assert rij.medewerker == regisseur
    services.notitie_toevoegen(door=regisseur, casus_id=casus.pk, tekst="Buurtteam gebeld.")
    voor = Verwerking.objects.count()

    assert paginabouw.bijwerken() == {"opgebouwd": 1, "verwijderd": 0, "mislukt": 0}

    assert Verwerking.objects.count() == voor  # rendering is not a read
    rij.refresh_from_db()
    assert rij.versie == DossierLeesmodel.objects.get(casus=casus).versie
    assert "Buurtteam gebeld." in rij.inhoud
    html, queries = lees(client, regisseur, casus)
    assert queries == UIT_DE_DATABASE
    assert "Buurtteam gebeld." in html
    assert Verwerking.objects.count() == voor + 1  # the read is logged
    # nothing left to do
    assert paginabouw.bijwerken() == {"opgebouwd": 0, "verwijderd": 0, "mislukt": 0}


def test_zonder_de_taak_toont_de_volgende_lezing_de_wijziging_ook(client, regisseur, casus):
    lees(client, regisseur, casus)
    services.notitie_toevoegen(door=regisseur, casus_id=casus.pk, tekst="Nieuw gesprek.")
    html, queries = lees(client, regisseur, casus)
    assert "Nieuw gesprek." in html
    assert queries > UIT_DE_DATABASE  # the stale row's key does not match: rendered again
    assert "Nieuw gesprek." in Dossierpagina.objects.get().inhoud


def test_een_nieuwe_dag_of_release_bouwt_opnieuw_een_ongewijzigde_niet(client, regisseur, casus):
    lees(client, regisseur, casus)
    assert paginabouw.bijwerken()["opgebouwd"] == 0
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    Dossierpagina.objects.update(datum=gisteren, sleutel="van gisteren")
    assert paginabouw.bijwerken()["opgebouwd"] == 1
    rij = Dossierpagina.objects.get()
    assert rij.datum == timezone.localdate()
    assert rij.sleutel.split(":")[3] == timezone.localdate().isoformat()
    Dossierpagina.objects.update(release="vorige")
    assert paginabouw.bijwerken()["opgebouwd"] == 1
    assert Dossierpagina.objects.get().release == paginacache.release()


def test_de_tijd_van_een_ronde_is_begrensd(client, regisseur, casus):
    lees(client, regisseur, casus)
    Dossierpagina.objects.update(release="vorige")
    assert paginabouw.bijwerken(seconden=0) == {"opgebouwd": 0, "verwijderd": 0, "mislukt": 0}
    assert Dossierpagina.objects.get().release == "vorige"  # the next run does it


def test_elke_variant_zijn_eigen_pagina(client, regisseur, casus, gemeente, maak_medewerker):
    collega = maak_medewerker(gemeente, Rol.COLLEGA, username="meekijker")
    regie_html, _ = lees(client, regisseur, casus)
    collega_html, queries = lees(client, collega, casus)
    assert queries > UIT_DE_DATABASE  # the regisseur's page is not the colleague's
    assert "Plan bewerken" in regie_html and "Plan bewerken" not in collega_html
    assert sorted(Dossierpagina.objects.values_list("variant", flat=True)) == ["0:1", "1:1"]


@pytest.mark.parametrize("weg", ["uit dienst", "andere rol", "andere gemeente"])
def test_een_pagina_zonder_bevoegde_lezer_gaat_weg(
    client, regisseur, casus, gemeente, andere_gemeente, maak_medewerker, weg
):
    lezer = maak_medewerker(gemeente, Rol.REGISSEUR, username="lezer")
    lees(client, lezer, casus)
    if weg == "uit dienst":
        lezer.is_active = False
    elif weg == "andere rol":
        lezer.rollen = [Rol.COLLEGA]  # sees the 'notes only' variant now
    else:
        lezer.gemeente = andere_gemeente
    lezer.save()
    Dossierpagina.objects.update(release="vorige")
    assert paginabouw.bijwerken() == {"opgebouwd": 0, "verwijderd": 1, "mislukt": 0}
    # the old variant's page is gone; with another role, the one they see now was rendered
    over = list(Dossierpagina.objects.values_list("variant", flat=True))
    assert over == (["0:1"] if weg == "andere rol" else [])


def test_een_kapotte_pagina_houdt_de_andere_niet_tegen(
    client, regisseur, casus, maak_casus, monkeypatch
):
    tweede = maak_casus(regisseur, naam="Familie Tweede")
    lees(client, regisseur, casus)
    lees(client, regisseur, tweede)
    Dossierpagina.objects.update(release="vorige")
    echt = paginabouw.opbouwen

    def kapot_bij_de_eerste(*, medewerker, casus_id, taal):
        if casus_id == casus.pk:
            raise RuntimeError("kapot")
        return echt(medewerker=medewerker, casus_id=casus_id, taal=taal)

    monkeypatch.setattr(paginabouw, "opbouwen", kapot_bij_de_eerste)
    assert paginabouw.bijwerken() == {"opgebouwd": 1, "verwijderd": 0, "mislukt": 1}
    assert Dossierpagina.objects.get(casus=tweede).release == paginacache.release()
    assert Dossierpagina.objects.get(casus=casus).release == "vorige"  # tried again next run


def test_anonimiseren_neemt_de_bewaarde_paginas_mee(client, regisseur, casus):
    services.notitie_toevoegen(door=regisseur, casus_id=casus.pk, tekst="Gesprek met moeder.")
    lees(client, regisseur, casus)
    assert "Familie De Vries" in Dossierpagina.objects.get().inhoud
    Bewaartermijnen.objects.create(gemeente_id=casus.gemeente_id, casusdossier_maanden=24)
    lang_geleden = timezone.now() - datetime.timedelta(days=800)
    Casus.objects.filter(pk=casus.pk).update(
        status=CasusStatus.AFGESLOTEN, afgesloten_op=lang_geleden
    )

    aantallen = bewaartermijnen_toepassen(gemeente_id=casus.gemeente_id, proefdraai=False)

    assert aantallen["dossierpaginas"] == 1
    assert not Dossierpagina.objects.exists()
    html, _ = lees(client, regisseur, casus)
    assert "Geanonimiseerd huishouden" in html
    assert "Familie De Vries" not in html and "Gesprek met moeder." not in html


def test_commando_bouwt_de_paginas_die_een_medewerker_mag_zien(
    client, regisseur, casus, maak_casus, regisseur_elders
):
    tweede = maak_casus(regisseur, naam="Familie Tweede")
    maak_casus(regisseur_elders, naam="Familie Elders")  # another gemeente: not theirs
    call_command("dossierpaginas", als="regisseur", stdout=None)
    assert set(Dossierpagina.objects.values_list("casus_id", flat=True)) == {casus.pk, tweede.pk}
    html, queries = lees(client, regisseur, tweede)
    assert queries == UIT_DE_DATABASE
    assert "Familie Tweede" in html
    call_command("dossierpaginas", als="regisseur", taal="en", stdout=None)
    assert Dossierpagina.objects.filter(taal="en").count() == 2


@pytest.mark.parametrize(
    ("opties", "melding"),
    [
        ({}, "--als"),
        ({"als": "niemand"}, "Geen actieve medewerker niemand"),
        ({"als": "regisseur", "taal": "xx"}, "Onbekende taal: xx"),
    ],
)
def test_commando_zegt_wat_er_mist(regisseur, opties, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("dossierpaginas", **opties)
    assert not Dossierpagina.objects.exists()


def test_de_taak_draait_elke_minuut():
    (taak,) = [t for t in PERIODIEKE_TAKEN if t.functie == "doorbraak.web.paginabouw.bijwerken"]
    assert taak.minuten == 1


def test_de_bewaarde_pagina_wordt_binnen_de_gemeente_opgezocht(
    client, regisseur, casus, andere_gemeente
):
    """Invariant 5 at the lookup itself: a row is found by its gemeente, case, language, variant
    and exact key; the same key asked for from another gemeente finds nothing."""
    lees(client, regisseur, casus)
    rij = Dossierpagina.objects.get()
    plek = paginacache.Plek(regisseur.gemeente_id, casus.pk, (True, True), regisseur.pk, rij.versie)
    caches[paginacache.ALIAS].clear()
    assert paginacache.ophalen(rij.sleutel, plek) == rij.inhoud
    caches[paginacache.ALIAS].clear()
    elders = paginacache.Plek(andere_gemeente.pk, casus.pk, (True, True), regisseur.pk, rij.versie)
    assert paginacache.ophalen(rij.sleutel, elders) is None
    assert paginacache.ophalen(rij.sleutel + "x", plek) is None  # only the exact key


def test_commando_werkt_de_verouderde_paginas_bij(client, regisseur, casus):
    lees(client, regisseur, casus)
    services.notitie_toevoegen(door=regisseur, casus_id=casus.pk, tekst="Schuldhulp gebeld.")
    Dossierpagina.objects.update(datum=timezone.localdate() - datetime.timedelta(days=1))
    uit = io.StringIO()
    call_command("dossierpaginas", bijwerken=True, stdout=uit)
    assert "'opgebouwd': 1" in uit.getvalue()
    rij = Dossierpagina.objects.get()
    assert rij.datum == timezone.localdate() and "Schuldhulp gebeld." in rij.inhoud
