"""Need-to-know: a partner sees a brief only while its case is on the agenda of a meeting they
belong to and the window is open; other gemeenten' tables stay invisible; every view is logged."""

import datetime
from dataclasses import asdict

import pytest

from doorbraak.audit.models import Verwerking
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.conftest import GELDIG_BSN
from doorbraak.fouten import GeenToegang, NietGevonden
from doorbraak.organisaties.models import Rol
from doorbraak.overleg import selectors, services
from doorbraak.overleg.models import Deelgrondslag

pytestmark = pytest.mark.django_db
DAG = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("dagen_ten_opzichte_van_bijeenkomst", "zichtbaar"),
    [(-8, False), (-7, True), (0, True), (7, True), (8, False)],
)
def test_partner_ziet_brief_alleen_binnen_het_venster(
    partner, agendapunt, vergaderdag, dagen_ten_opzichte_van_bijeenkomst, zichtbaar
):
    vandaag = vergaderdag + dagen_ten_opzichte_van_bijeenkomst * DAG
    if zichtbaar:
        _, brief = selectors.casusbrief_inzien(
            medewerker=partner, agendapunt_id=agendapunt.pk, vandaag=vandaag
        )
        assert brief.vraag
    else:
        with pytest.raises(GeenToegang, match="alleen in te zien van"):
            selectors.casusbrief_inzien(
                medewerker=partner, agendapunt_id=agendapunt.pk, vandaag=vandaag
            )
        # The agenda itself stays visible, but only with pseudonyms.
        _, agenda = selectors.bijeenkomst_inzien(
            medewerker=partner, bijeenkomst_id=agendapunt.bijeenkomst_id, vandaag=vandaag
        )
        assert [p.aanduiding for p in agenda] == ["Huishouden A"]
        assert not agenda[0].brief_zichtbaar and agenda[0].getoonde_vraag == ""


def test_venster_is_per_overleg_instelbaar(partner, overleg, agendapunt, vergaderdag):
    overleg.venster_dagen_voor = 1
    overleg.save()
    with pytest.raises(GeenToegang):
        selectors.casusbrief_inzien(
            medewerker=partner, agendapunt_id=agendapunt.pk, vandaag=vergaderdag - 2 * DAG
        )
    selectors.casusbrief_inzien(
        medewerker=partner, agendapunt_id=agendapunt.pk, vandaag=vergaderdag - DAG
    )


def test_partner_die_geen_lid_is_ziet_niets(
    gemeente, maak_medewerker, agendapunt, vergaderdag, overleg
):
    ggz = maak_medewerker(gemeente, Rol.PARTNER, username="ggz", organisatie="GGZ Oost")
    assert not selectors.overleggen_voor(medewerker=ggz).exists()
    with pytest.raises(NietGevonden):
        selectors.overleg_inzien(medewerker=ggz, overleg_id=overleg.pk)
    with pytest.raises(NietGevonden):
        selectors.bijeenkomst_inzien(medewerker=ggz, bijeenkomst_id=agendapunt.bijeenkomst_id)
    with pytest.raises(NietGevonden):
        selectors.casusbrief_inzien(
            medewerker=ggz, agendapunt_id=agendapunt.pk, vandaag=vergaderdag
        )


def test_partner_ziet_alleen_casussen_op_de_agenda_van_zijn_eigen_overleg(
    partner, voorzitter, regisseur, regieteam, agendapunt, maak_casus, vergaderdag
):
    # The same case on another table's agenda: the partner is no member there.
    elders = services.bijeenkomst_plannen(
        door=voorzitter, overleg_id=regieteam.pk, datum=vergaderdag
    )
    andere = maak_casus(regisseur, naam="Familie Jansen")
    punt = services.agendapunt_toevoegen(
        door=regisseur, bijeenkomst_id=elders.pk, casus_id=andere.pk, vraag="Wie pakt regie?"
    )
    with pytest.raises(NietGevonden):
        selectors.casusbrief_inzien(medewerker=partner, agendapunt_id=punt.pk, vandaag=vergaderdag)
    # And never the dossier itself.
    with pytest.raises(GeenToegang):
        casus_selectors.casus_dossier(medewerker=partner, casus_id=agendapunt.casus_id)
    assert list(selectors.overleggen_voor(medewerker=partner)) == [agendapunt.bijeenkomst.overleg]


def test_andere_gemeente_ziet_de_tafels_niet(regisseur_elders, agendapunt, overleg, vergaderdag):
    assert not selectors.overleggen_voor(medewerker=regisseur_elders).exists()
    assert not selectors.bijeenkomsten_voor(medewerker=regisseur_elders).exists()
    for poging in (
        lambda: selectors.overleg_inzien(medewerker=regisseur_elders, overleg_id=overleg.pk),
        lambda: selectors.bijeenkomst_inzien(
            medewerker=regisseur_elders, bijeenkomst_id=agendapunt.bijeenkomst_id
        ),
        lambda: selectors.casusbrief_inzien(
            medewerker=regisseur_elders, agendapunt_id=agendapunt.pk, vandaag=vergaderdag
        ),
        lambda: services.agendapunt_toevoegen(
            door=regisseur_elders,
            bijeenkomst_id=agendapunt.bijeenkomst_id,
            casus_id=agendapunt.casus_id,
            vraag="?",
        ),
    ):
        with pytest.raises(NietGevonden):
            poging()


def test_elke_inzage_van_een_brief_staat_in_het_logboek_met_het_overleg_als_doel(
    partner, regisseur, agendapunt, vergaderdag
):
    voor = Verwerking.objects.filter(object_type="casusbrief").count()
    for medewerker in (partner, regisseur, partner):
        selectors.casusbrief_inzien(
            medewerker=medewerker, agendapunt_id=agendapunt.pk, vandaag=vergaderdag
        )
    regels = list(Verwerking.objects.filter(object_type="casusbrief").order_by("volgnummer"))
    assert len(regels) - voor == 3
    assert [r.actor for r in regels] == ["corporatie", "regisseur", "corporatie"]
    for r in regels:
        assert r.activiteit == "casusoverleg"
        assert r.handeling == "lezen"
        assert r.casus_id == agendapunt.casus_id
        assert "Overleg Passende Hulp" in r.omschrijving
        assert "gepseudonimiseerd" in r.omschrijving
    # A refused view (window closed) reads nothing and logs nothing.
    with pytest.raises(GeenToegang):
        selectors.casusbrief_inzien(
            medewerker=partner, agendapunt_id=agendapunt.pk, vandaag=vergaderdag + 30 * DAG
        )
    assert Verwerking.objects.filter(object_type="casusbrief").count() == len(regels)


def _tekst(brief) -> str:
    return repr(asdict(brief))


def test_zonder_grondslag_is_de_brief_gepseudonimiseerd(partner, agendapunt, vergaderdag):
    _, brief = selectors.casusbrief_inzien(
        medewerker=partner, agendapunt_id=agendapunt.pk, vandaag=vergaderdag
    )
    tekst = _tekst(brief)
    assert brief.gepseudonimiseerd and brief.aanduiding == "Huishouden A"
    for geheim in ("Vries", "Anna", "5701", GELDIG_BSN, "2333"):
        assert geheim not in tekst, geheim
    # The household's name in free text (the question) becomes its pseudonym; the rest stays.
    assert "ontruiming van Huishouden A opschorten" in brief.vraag
    # A partner without a ground gets no composition of the household, not even ages.
    assert brief.gezin == [] and not brief.volledig


def test_met_grondslag_ziet_de_tafel_namen_maar_nooit_het_bsn(
    regisseur, partner, overleg, regieteam, agendapunt, vergaderdag
):
    # A ground for another table does not count.
    services.deelgrondslag_vastleggen(
        door=regisseur,
        casus_id=agendapunt.casus_id,
        soort="wettelijk",
        wettelijke_grondslag="Convenant Zorg- en Veiligheidshuis (AVE)",
        overleg_id=regieteam.pk,
        categorieen=["wonen"],
    )
    _, brief = selectors.casusbrief_inzien(
        medewerker=partner, agendapunt_id=agendapunt.pk, vandaag=vergaderdag
    )
    assert brief.gepseudonimiseerd
    grond = services.deelgrondslag_vastleggen(
        door=regisseur,
        casus_id=agendapunt.casus_id,
        soort="toestemming",
        toestemming_datum=vergaderdag - 10 * DAG,
        reikwijdte="Bespreking aan het Overleg Passende Hulp met woningcorporatie en GGZ",
        overleg_id=overleg.pk,
        categorieen=["wonen", "kinderen"],
    )
    _, brief = selectors.casusbrief_inzien(
        medewerker=partner, agendapunt_id=agendapunt.pk, vandaag=vergaderdag
    )
    assert not brief.gepseudonimiseerd
    assert brief.aanduiding == "Familie De Vries" and brief.postcode == "5701 AB"
    assert "Anna de Vries" in brief.gezin[0]
    assert GELDIG_BSN not in _tekst(brief) and "2333" not in _tekst(brief)
    assert "Toestemming" in brief.grondslag
    # Withdrawn: pseudonymised again.
    services.deelgrondslag_intrekken(
        door=regisseur, casus_id=agendapunt.casus_id, grondslag_id=grond.pk
    )
    _, brief = selectors.casusbrief_inzien(
        medewerker=partner, agendapunt_id=agendapunt.pk, vandaag=vergaderdag
    )
    assert brief.gepseudonimiseerd


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        ({"soort": "toestemming", "reikwijdte": "x"}, "toestemming_datum"),
        ({"soort": "toestemming", "toestemming_datum": datetime.date(2020, 1, 1)}, "reikwijdte"),
        ({"soort": "wettelijk"}, "wettelijke_grondslag"),
        ({"soort": "gevoel"}, "soort"),
        ({"soort": "wettelijk", "wettelijke_grondslag": "Wmo 2015 art. 5.2.1"}, "categorieen"),
        (
            {"soort": "wettelijk", "wettelijke_grondslag": "Wmo art. 1", "categorieen": ["x"]},
            "categorieen",
        ),
        # Health and safety (AVG art. 9/10): consent of the person concerned, or the article.
        (
            {
                "soort": "toestemming",
                "toestemming_datum": datetime.date(2026, 1, 1),
                "reikwijdte": "x",
                "categorieen": ["wonen", "gezondheid"],
            },
            "toestemming_van",
        ),
        (
            {
                "soort": "wettelijk",
                "wettelijke_grondslag": "Wet verplichte ggz",
                "categorieen": ["gezondheid"],
            },
            "wettelijke_grondslag",
        ),
        (
            {
                "soort": "wettelijk",
                "wettelijke_grondslag": "Convenant veiligheidshuis",
                "categorieen": ["veiligheid"],
            },
            "wettelijke_grondslag",
        ),
    ],
)
def test_grondslag_vraagt_datum_en_reikwijdte_of_een_wet(regisseur, casus, invoer, veld):
    from doorbraak.fouten import Validatiefout

    with pytest.raises(Validatiefout) as fout:
        services.deelgrondslag_vastleggen(door=regisseur, casus_id=casus.pk, **invoer)
    assert fout.value.veld == veld
    assert not Deelgrondslag.objects.exists()


def test_partner_kan_niets_wijzigen(partner, agendapunt, bijeenkomst, casus):
    with pytest.raises(GeenToegang):
        services.besluit_vastleggen(
            door=partner, agendapunt_id=agendapunt.pk, conclusie="x", afspraken=[]
        )
    with pytest.raises(GeenToegang):
        services.agendapunt_toevoegen(
            door=partner, bijeenkomst_id=bijeenkomst.pk, casus_id=casus.pk, vraag="x"
        )
    with pytest.raises(GeenToegang):
        services.verslag_opslaan(door=partner, bijeenkomst_id=bijeenkomst.pk, tekst="x")


def test_tijdlijn_noemt_de_gedeelde_categorieen_met_hun_label(regisseur, regieteam, agendapunt):
    from doorbraak.casussen.models import TijdlijnItem

    services.deelgrondslag_vastleggen(
        door=regisseur,
        casus_id=agendapunt.casus_id,
        soort="wettelijk",
        wettelijke_grondslag="Convenant Zorg- en Veiligheidshuis (AVE)",
        overleg_id=regieteam.pk,
        categorieen=["financien", "wonen"],
    )
    tekst = TijdlijnItem.objects.filter(casus_id=agendapunt.casus_id).latest("op").tekst
    assert "; wonen, financiën)" in tekst or "; financiën, wonen)" in tekst
