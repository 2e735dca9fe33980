"""A partner's Mijn taken: their own tables this week and the open afspraken made for their
organisation, without anything that identifies the household; an afspraak assigned to them is
mailed (a link only)."""

from doorbraak.conftest import GELDIG_BSN
from doorbraak.mijntaken import selectors, taken
from doorbraak.mijntaken.models import Melding, MeldingSoort
from doorbraak.overleg import services
from doorbraak.overleg.tests import conftest as tafel

# The case conference's fixtures (this module's `casus` is theirs, not the budget app's).
agendapunt, bijeenkomst, casus = tafel.agendapunt, tafel.bijeenkomst, tafel.casus
manager, overleg, partner = tafel.manager, tafel.overleg, tafel.partner
vergaderdag, voorzitter = tafel.vergaderdag, tafel.voorzitter


def _besluit(voorzitter, agendapunt, vergaderdag):
    return services.besluit_vastleggen(
        door=voorzitter,
        agendapunt_id=agendapunt.pk,
        conclusie="Ontruiming opschorten.",
        afspraken=[
            services.AfspraakInvoer(
                "Ontruiming van Familie De Vries opschorten", "Woonstichting De Peel", vergaderdag
            ),
            services.AfspraakInvoer("Budgetcoach zoeken", "Regisseur", vergaderdag),
        ],
    )


def test_partner_ziet_eigen_tafel_en_eigen_afspraken_zonder_huishouden(
    client, django_capture_on_commit_callbacks, partner, voorzitter, agendapunt, vergaderdag
):
    partner.email = "corporatie@peel.example"
    partner.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        _besluit(voorzitter, agendapunt, vergaderdag)
    lijsten = {lijst.code: lijst for lijst in selectors.mijn_taken(partner)}
    assert [a.wie for a in lijsten["open_afspraken"].rijen] == ["Woonstichting De Peel"]
    client.force_login(partner)
    html = client.get("/mijn-taken").content.decode()
    assert f'href="/bijeenkomsten/{agendapunt.bijeenkomst_id}"' in html
    assert "Overleg Passende Hulp" in html
    for verboden in ("Vries", "Anna", "Ontruiming", GELDIG_BSN):
        assert verboden not in html
    # The afspraak for the partner's organisation was mailed as a neutral melding.
    melding = Melding.objects.get(ontvanger=partner)
    assert melding.soort == MeldingSoort.AFSPRAAK
    assert "Vries" not in taken.tekst(melding)


def test_tafels_deze_week_alleen_de_eigen(voorzitter, partner, bijeenkomst, vergaderdag, manager):
    from doorbraak.mijntaken.selectors import tafels_deze_week, week

    van, tot = week(vergaderdag)
    for wie, verwacht in ((partner, True), (voorzitter, True), (manager, False)):
        rijen = list(tafels_deze_week(wie, vergaderdag))
        assert (bijeenkomst in rijen) is verwacht
    assert van.weekday() == 0 and (tot - van).days == 6
