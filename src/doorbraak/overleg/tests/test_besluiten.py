"""Decisions become plan actions with a conclusion on the timeline; the chair orders the agenda
and writes the verslag; open afspraken return on the next agenda; escalation keeps history."""

import datetime

import pytest

from doorbraak.casussen.models import Actie, TijdlijnItem
from doorbraak.fouten import Conflict, GeenToegang, Validatiefout
from doorbraak.overleg import selectors, services
from doorbraak.overleg.models import Agendapunt, Escalatie

pytestmark = pytest.mark.django_db
DAG = datetime.timedelta(days=1)


def _besluit(door, punt, *afspraken):
    return services.besluit_vastleggen(
        door=door,
        agendapunt_id=punt.pk,
        conclusie="Corporatie schort ontruiming op; schuld via de Regeling.",
        afspraken=list(afspraken)
        or [
            services.AfspraakInvoer(
                "Ontruiming opschorten", "Woonstichting De Peel", datetime.date(2030, 1, 1)
            ),
            services.AfspraakInvoer("Aanvraag doorbraakbudget indienen", "Regisseur"),
        ],
    )


def test_afspraken_worden_acties_in_het_plan_met_conclusie_op_de_tijdlijn(
    voorzitter, agendapunt, casus
):
    bestaand = Actie.objects.filter(plan__casus=casus).count()
    _besluit(voorzitter, agendapunt)
    acties = list(Actie.objects.filter(plan__casus=casus).order_by("volgorde"))
    assert len(acties) == bestaand + 2
    nieuw = acties[-2]
    assert nieuw.omschrijving.startswith("Ontruiming opschorten (afspraak Overleg Passende Hulp")
    assert nieuw.eigenaar == "Woonstichting De Peel"
    assert nieuw.deadline == datetime.date(2030, 1, 1) and not nieuw.gereed
    punt = Agendapunt.objects.get(pk=agendapunt.pk)
    assert punt.besproken_op and punt.conclusie.startswith("Corporatie schort")
    assert [a.actie for a in punt.afspraken.order_by("wat")] == [acties[-1], acties[-2]]
    tijdlijn = TijdlijnItem.objects.filter(casus=casus, tekst__startswith="Besproken in").get()
    assert "Corporatie schort ontruiming op" in tijdlijn.tekst


def test_besluit_met_fout_slaat_niets_op(voorzitter, agendapunt, casus):
    with pytest.raises(Validatiefout) as fout:
        _besluit(voorzitter, agendapunt, services.AfspraakInvoer("Iets", ""))
    assert fout.value.veld == "afspraken[0].wie"
    assert not Actie.objects.filter(plan__casus=casus, omschrijving__contains="afspraak").exists()
    assert not Agendapunt.objects.get(pk=agendapunt.pk).conclusie


def test_alleen_de_voorzitter_of_een_manager_legt_het_besluit_vast(regisseur, manager, agendapunt):
    with pytest.raises(GeenToegang):
        _besluit(regisseur, agendapunt)
    _besluit(manager, agendapunt)


def test_voorzitter_ordent_de_agenda(voorzitter, regisseur, bijeenkomst, agendapunt, maak_casus):
    tweede = services.agendapunt_toevoegen(
        door=regisseur,
        bijeenkomst_id=bijeenkomst.pk,
        casus_id=maak_casus(regisseur, naam="Familie Jansen").pk,
        vraag="Wie neemt de regie?",
    )
    services.agendapunt_verplaatsen(door=voorzitter, agendapunt_id=tweede.pk, omhoog=True)
    _, agenda = selectors.bijeenkomst_inzien(medewerker=voorzitter, bijeenkomst_id=bijeenkomst.pk)
    assert [p.pk for p in agenda] == [tweede.pk, agendapunt.pk]
    # The pseudonyms follow the order of entry, not the agenda order.
    assert [p.aanduiding for p in agenda] == ["Huishouden B", "Huishouden A"]
    with pytest.raises(GeenToegang):
        services.agenda_ordenen(
            door=regisseur, bijeenkomst_id=bijeenkomst.pk, volgorde=[agendapunt.pk, tweede.pk]
        )
    with pytest.raises(Validatiefout):
        services.agenda_ordenen(
            door=voorzitter, bijeenkomst_id=bijeenkomst.pk, volgorde=[agendapunt.pk]
        )


def test_dubbel_of_in_het_verleden_agenderen_wordt_geweigerd(
    regisseur, voorzitter, overleg, agendapunt, casus, vergaderdag
):
    with pytest.raises(Validatiefout):
        services.agendapunt_toevoegen(
            door=regisseur, bijeenkomst_id=agendapunt.bijeenkomst_id, casus_id=casus.pk, vraag="x"
        )
    geweest = services.bijeenkomst_plannen(
        door=voorzitter, overleg_id=overleg.pk, datum=vergaderdag - 30 * DAG
    )
    with pytest.raises(Conflict):
        services.agendapunt_toevoegen(
            door=regisseur, bijeenkomst_id=geweest.pk, casus_id=casus.pk, vraag="x"
        )


def test_open_afspraken_gaan_mee_naar_de_volgende_bijeenkomst(
    voorzitter, overleg, agendapunt, casus, vergaderdag
):
    _besluit(voorzitter, agendapunt)
    volgende = services.bijeenkomst_plannen(
        door=voorzitter, overleg_id=overleg.pk, datum=vergaderdag + 7 * DAG
    )
    punt = volgende.agenda.get()
    assert punt.casus == casus and punt.meegenomen
    assert punt.vraag == services.MEENEEM_VRAAG
    # Its brief lists the earlier afspraken, still open.
    _, brief = selectors.casusbrief_inzien(
        medewerker=voorzitter, agendapunt_id=punt.pk, vandaag=vergaderdag
    )
    assert [a["wat"] for a in brief.eerdere_afspraken if a["open"]] == [
        "Ontruiming opschorten",
        "Aanvraag doorbraakbudget indienen",
    ]
    # Once every action is done, nothing is carried over.
    Actie.objects.filter(plan__casus=casus).update(gereed=True)
    daarna = services.bijeenkomst_plannen(
        door=voorzitter, overleg_id=overleg.pk, datum=vergaderdag + 14 * DAG
    )
    assert not daarna.agenda.exists()
    # Carrying over again does not put the case on twice.
    Actie.objects.filter(plan__casus=casus).update(gereed=False)
    assert services.open_afspraken_meenemen(door=voorzitter, bijeenkomst_id=volgende.pk) == 0
    assert services.open_afspraken_meenemen(door=voorzitter, bijeenkomst_id=daarna.pk) == 1


def test_verslag_uit_de_agendapunten_bewerkbaar_door_de_voorzitter(
    voorzitter, partner, regisseur, bijeenkomst, agendapunt
):
    _besluit(voorzitter, agendapunt)
    services.aanwezigheid_vastleggen(
        door=voorzitter, bijeenkomst_id=bijeenkomst.pk, aanwezigen=[voorzitter.pk, partner.pk]
    )
    services.verslag_opstellen(door=voorzitter, bijeenkomst_id=bijeenkomst.pk)
    bijeenkomst.refresh_from_db()
    assert "1. Huishouden A" in bijeenkomst.verslag
    assert "Vries" not in bijeenkomst.verslag
    assert "Conclusie: Corporatie schort ontruiming op" in bijeenkomst.verslag
    assert "- Afspraak: Ontruiming opschorten — Woonstichting De Peel vóór 01-01-2030" in (
        bijeenkomst.verslag
    )
    assert partner.naam in bijeenkomst.verslag
    services.verslag_opslaan(
        door=voorzitter, bijeenkomst_id=bijeenkomst.pk, tekst=bijeenkomst.verslag + "\nRondvraag."
    )
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.verslag.endswith("Rondvraag.")
    assert bijeenkomst.verslag_bijgewerkt_door == voorzitter
    with pytest.raises(GeenToegang):
        services.verslag_opslaan(door=regisseur, bijeenkomst_id=bijeenkomst.pk, tekst="Anders")


def test_escaleren_en_afschalen_bewaren_de_geschiedenis(
    regisseur, manager, overleg, agendapunt, casus
):
    veiligheidshuis = services.overleg_aanmaken(
        door=manager, naam="Zorg- en Veiligheidshuis", soort="veiligheidshuis"
    )
    assert selectors.huidige_tafel(casus) == overleg  # from the agenda
    services.casus_escaleren(
        door=regisseur,
        casus_id=casus.pk,
        naar_overleg_id=veiligheidshuis.pk,
        reden="Dreiging van geweld; AVE-criteria",
        urgentie="crisis",
    )
    assert selectors.huidige_tafel(casus) == veiligheidshuis
    with pytest.raises(Conflict):
        services.casus_escaleren(
            door=regisseur,
            casus_id=casus.pk,
            naar_overleg_id=veiligheidshuis.pk,
            reden="nogmaals",
            urgentie="hoog",
        )
    services.casus_afschalen(door=regisseur, casus_id=casus.pk, reden="Veiligheid geborgd")
    assert selectors.huidige_tafel(casus) == overleg
    geschiedenis = list(Escalatie.objects.filter(casus=casus).order_by("op"))
    assert [(e.richting, e.van_overleg, e.naar_overleg, e.urgentie) for e in geschiedenis] == [
        ("op", overleg, veiligheidshuis, "crisis"),
        ("af", veiligheidshuis, overleg, "normaal"),
    ]
    teksten = list(
        TijdlijnItem.objects.filter(casus=casus, tekst__contains="geschaald").values_list(
            "tekst", flat=True
        )
    )
    assert len(teksten) == 2
    assert any(
        "Opgeschaald van Overleg Passende Hulp naar Zorg- en Veiligheidshuis" in t for t in teksten
    )


def test_escalatie_vraagt_reden_en_een_overleg_van_de_eigen_gemeente(
    regisseur, regisseur_elders, overleg, casus
):
    with pytest.raises(Validatiefout):
        services.casus_escaleren(
            door=regisseur,
            casus_id=casus.pk,
            naar_overleg_id=overleg.pk,
            reden=" ",
            urgentie="hoog",
        )
    from doorbraak.fouten import NietGevonden

    with pytest.raises(NietGevonden):
        services.casus_escaleren(
            door=regisseur_elders,
            casus_id=casus.pk,
            naar_overleg_id=overleg.pk,
            reden="x",
            urgentie="hoog",
        )
    with pytest.raises(Validatiefout):
        services.casus_afschalen(door=regisseur, casus_id=casus.pk, reden="nergens vandaan")
