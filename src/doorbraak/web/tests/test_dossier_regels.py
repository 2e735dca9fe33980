"""The dossier page's rows worked out in the view (helpers, members) and the empty forms' fields
kept per process ({% lege_velden %}): the same page as before, escaped, per language and case."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from doorbraak.casussen import services
from doorbraak.web.forms import StatusForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client, regisseur):
    client.force_login(regisseur)
    return client


def test_hulpverlener_rij_ontsnapt_en_vertaald(web, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    services.hulpverlener_toevoegen(
        door=regisseur,
        casus_id=casus.pk,
        invoer=services.HulpverlenerInvoer(
            organisatie='Wijk & "Co" <b>', rol="Schuld'hulp", geschatte_jaarkosten=1234
        ),
    )
    pagina = web.get(f"/casussen/{casus.pk}").content.decode()
    assert (
        'data-bevestig="Schuld&#x27;hulp (Wijk &amp; &quot;Co&quot; &lt;b&gt;) verwijderen uit '
        'dit dossier?"' in pagina
    )
    assert "<b>" not in pagina.split('id="hulpverleners"')[1].split("</section>")[0]
    h = casus.hulpverleners.get()
    assert f'action="/casussen/{casus.pk}/hulpverleners/{h.pk}/verwijderen"' in pagina
    assert "€ 1.234,00" in pagina.replace("\xa0", " ")
    engels = web.get(f"/casussen/{casus.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Remove<span" in engels
    assert (
        'data-bevestig="Remove Schuld&#x27;hulp (Wijk &amp; &quot;Co&quot; &lt;b&gt;) from this'
        in engels
    )


def test_gezinslid_rij_met_leeftijd_rol_en_correctie(web, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    lid = casus.huishouden.gezinsleden.get()
    vandaag = datetime.date.today()
    jaren = vandaag.year - 1988 - ((vandaag.month, vandaag.day) < (5, 1))
    pagina = web.get(f"/casussen/{casus.pk}").content.decode()
    assert f'01-05-1988 <span class="doorbraak-stil">({jaren} jaar)</span>' in pagina
    assert f'href="/casussen/{casus.pk}/gezinsleden/{lid.pk}/corrigeren"' in pagina
    assert '<td class="utrecht-table__cell">Ouder / verzorger</td>' in pagina
    engels = web.get(f"/casussen/{casus.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"({jaren} years)" in engels and ">correct<span" in engels


LEGE_VELDEN = Template(
    "{% load velden %}{% lege_velden form %}{% veld form.naar %}{% veld form.reden %}"
    "{% endlege_velden %}"
)


def _render(form) -> str:
    return LEGE_VELDEN.render(Context({"form": form}))


def test_lege_velden_bewaard_per_keuzes_en_taal():
    form = StatusForm()
    form.fields["naar"].choices = [("plan", "Plan")]
    eerste = _render(form)
    assert 'value="plan"' in eerste and _render(form) == eerste
    ander = StatusForm()
    ander.fields["naar"].choices = [("afgesloten", "Afgesloten")]
    tweede = _render(ander)
    assert 'value="afgesloten"' in tweede and 'value="plan"' not in tweede
    with translation.override("en"):
        engels = _render(StatusForm())
    with translation.override("nl"):
        nederlands = _render(StatusForm())
    assert engels != nederlands


def test_lege_velden_niet_bewaard_voor_een_ingevuld_formulier():
    _render(StatusForm())  # an empty one kept
    fout = StatusForm({"naar": "onbekend", "reden": "Mijn <reden>"})
    assert not fout.is_valid()
    pagina = _render(fout)
    assert "Mijn &lt;reden&gt;" in pagina and "aria-invalid" in pagina
    leeg_met_fout = StatusForm()  # as the BSN search shows its message without the value
    leeg_met_fout._errors = fout.errors
    assert "aria-invalid" in _render(leeg_met_fout)
    met_begin = StatusForm(initial={"reden": "Vooraf ingevuld"})
    assert "Vooraf ingevuld" in _render(met_begin)
    assert "Vooraf ingevuld" not in _render(StatusForm())


def test_lege_velden_vraagt_een_formulier():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load velden %}{% lege_velden %}{% endlege_velden %}")


def test_plan_en_statusgeschiedenis_rijen(web, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    morgen = datetime.date.today() + datetime.timedelta(days=1)
    services.doorbraakplan_opslaan(
        door=regisseur,
        casus_id=casus.pk,
        invoer=services.PlanInvoer(
            knelpunten=[
                {
                    "omschrijving": "Kostendelersnorm <knelt>",
                    "soort": "wet_regelgeving",
                    "regeling": "Pw",
                    "artikel": "art. 22a",
                }
            ],
            acties=[
                {"omschrijving": "Bellen", "eigenaar": "Ans", "deadline": morgen},
                {"omschrijving": "Klaar", "eigenaar": "Bo", "deadline": morgen, "gereed": True},
            ],
        ),
    )
    services.casus_wijzigen(door=regisseur, casus_id=casus.pk, status_naar="plan", reden="Start")
    pagina = web.get(f"/casussen/{casus.pk}").content.decode()
    assert (
        'Kostendelersnorm &lt;knelt&gt; <span class="doorbraak-stil">(Wet- of regelgeving; Pw '
        "art. 22a)</span>" in pagina
    )
    datum = morgen.strftime("%d-%m-%Y")
    assert f'{datum} <span class="doorbraak-stil">(morgen)</span></td>' in pagina
    assert (
        f'<td class="utrecht-table__cell">{datum}</td>\n        <td class="utrecht-table__cell">ja'
        in (pagina)
    )
    assert f'→ Plan — Start <span class="doorbraak-stil">({regisseur.naam})</span>' in pagina
    engels = web.get(f"/casussen/{casus.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<td class="utrecht-table__cell">no</td>' in engels
