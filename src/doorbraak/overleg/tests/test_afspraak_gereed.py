"""A partner reports its own afspraak done, with a short note: only its own organisation's, once,
logged; the action in the plan is done and the regisseur reads it on the timeline."""

import pytest

from doorbraak.audit.models import Verwerking
from doorbraak.casussen.models import Actie, TijdlijnItem
from doorbraak.fouten import Conflict, GeenToegang, NietGevonden, Validatiefout
from doorbraak.organisaties.models import Rol
from doorbraak.overleg import services
from doorbraak.overleg.models import Afspraak

pytestmark = pytest.mark.django_db


@pytest.fixture
def afspraken(voorzitter, agendapunt):
    services.besluit_vastleggen(
        door=voorzitter,
        agendapunt_id=agendapunt.pk,
        conclusie="Ontruiming opschorten.",
        afspraken=[
            services.AfspraakInvoer("Huurachterstand bevriezen", "Woonstichting De Peel"),
            services.AfspraakInvoer("Budgetcoach inschakelen", "Kredietbank"),
        ],
    )
    eigen = Afspraak.objects.get(wie="Woonstichting De Peel")
    andere = Afspraak.objects.get(wie="Kredietbank")
    return eigen, andere


def test_partner_meldt_eigen_afspraak_gereed(client, partner, regisseur, afspraken, agendapunt):
    eigen, andere = afspraken
    client.force_login(partner)
    bijeenkomst = client.get(f"/bijeenkomsten/{agendapunt.bijeenkomst_id}").content.decode()
    assert f"/afspraken/{eigen.pk}/gereed" in bijeenkomst
    assert f"/afspraken/{andere.pk}/gereed" not in bijeenkomst
    taken = client.get("/mijn-taken").content.decode()
    assert f"/afspraken/{eigen.pk}/gereed" in taken

    pagina = client.get(f"/afspraken/{eigen.pk}/gereed")
    assert pagina.status_code == 200 and "Huurachterstand bevriezen" in pagina.content.decode()
    leeg = client.post(f"/afspraken/{eigen.pk}/gereed", {"toelichting": "  "})
    assert leeg.status_code == 400 and 'id="id_toelichting-fout"' in leeg.content.decode()
    eigen.refresh_from_db()
    assert eigen.gereed_gemeld_op is None and eigen.open

    antwoord = client.post(
        f"/afspraken/{eigen.pk}/gereed", {"toelichting": "Bevroren tot 1 maart."}
    )
    assert antwoord.status_code == 302
    eigen.refresh_from_db()
    assert (
        eigen.gereed_gemeld_door == partner and eigen.gereed_toelichting == "Bevroren tot 1 maart."
    )
    assert Actie.objects.get(pk=eigen.actie_id).gereed and not eigen.open
    assert Actie.objects.get(pk=andere.actie_id).gereed is False
    item = TijdlijnItem.objects.get(tekst__startswith="Afspraak gereed gemeld")
    assert "Woonstichting De Peel" in item.tekst and "Bevroren tot 1 maart." in item.tekst
    assert Verwerking.objects.filter(
        actor="corporatie", object_type="afspraak", handeling="wijzigen", object_id=str(eigen.pk)
    ).exists()
    assert Verwerking.objects.filter(
        actor="corporatie", object_type="afspraak", handeling="lezen"
    ).exists()
    # The regisseur sees it: in the plan (done), on the timeline, at the meeting.
    client.force_login(regisseur)
    dossier = client.get(f"/casussen/{agendapunt.casus_id}").content.decode()
    assert "Bevroren tot 1 maart." in dossier
    vergadering = client.get(f"/bijeenkomsten/{agendapunt.bijeenkomst_id}").content.decode()
    assert "gereed gemeld door" in vergadering


def test_niet_de_eigen_afspraak_of_twee_keer(partner, afspraken, gemeente, maak_medewerker):
    eigen, andere = afspraken
    with pytest.raises(NietGevonden):
        services.afspraak_gereed_melden(door=partner, afspraak_id=andere.pk, toelichting="Klaar")
    andere_partner = maak_medewerker(
        gemeente, Rol.PARTNER, username="ggz", organisatie="Woonstichting De Peel"
    )  # the same organisation's name, but not a member of this table
    with pytest.raises(NietGevonden):
        services.afspraak_gereed_melden(
            door=andere_partner, afspraak_id=eigen.pk, toelichting="Klaar"
        )
    with pytest.raises(Validatiefout):
        services.afspraak_gereed_melden(door=partner, afspraak_id=eigen.pk, toelichting="")
    services.afspraak_gereed_melden(door=partner, afspraak_id=eigen.pk, toelichting="Klaar")
    with pytest.raises(Conflict):
        services.afspraak_gereed_melden(door=partner, afspraak_id=eigen.pk, toelichting="Weer")
    assert TijdlijnItem.objects.filter(tekst__startswith="Afspraak gereed gemeld").count() == 1


def test_medewerkers_en_andere_gemeente_niet(client, regisseur, regisseur_elders, afspraken):
    eigen, _ = afspraken
    with pytest.raises(GeenToegang):
        services.afspraak_gereed_melden(door=regisseur, afspraak_id=eigen.pk, toelichting="x")
    client.force_login(regisseur)
    assert client.get(f"/afspraken/{eigen.pk}/gereed").status_code == 403
    client.force_login(regisseur_elders)
    assert client.get(f"/afspraken/{eigen.pk}/gereed").status_code == 403
    assert not Afspraak.objects.filter(gereed_gemeld_op__isnull=False).exists()


def test_actie_al_gereed_in_het_plan(partner, afspraken):
    eigen, _ = afspraken
    Actie.objects.filter(pk=eigen.actie_id).update(gereed=True)
    with pytest.raises(Conflict):
        services.afspraak_gereed_melden(door=partner, afspraak_id=eigen.pk, toelichting="Klaar")
