"""The main menu is rendered once per (roles, current page, language) and kept
(web.templatetags.hoofdmenu): a kept menu must still be the viewer's own."""

import re

import pytest
from django.test import Client

from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db


def menu(client: Client, pad: str, **extra) -> str:
    html = client.get(pad, **extra).content.decode()
    return re.search(
        r'<nav aria-label="[^"]+">\s*<ul class="doorbraak-menu">.*?</nav>', html, re.S
    )[0]


def test_menu_per_rol_per_pagina_en_per_taal(gemeente, regisseur, maak_medewerker):
    manager = maak_medewerker(gemeente, Rol.MANAGER, username="manager")
    als_regisseur, als_manager = Client(), Client()
    als_regisseur.force_login(regisseur)
    als_manager.force_login(manager)
    eerst = menu(als_regisseur, "/casussen")
    # the manager's menu after the regisseur's: not the regisseur's kept one
    van_manager = menu(als_manager, "/casussen")
    assert "/rapportages" in van_manager and "/rapportages" not in eerst
    assert menu(als_regisseur, "/casussen") == eerst  # kept, and the same
    # the current page is marked per page, not the page the menu was first rendered on
    assert re.search(r'href="/casussen" aria-current="page"', eerst)
    op_taken = menu(als_regisseur, "/mijn-taken")
    assert re.search(r'href="/mijn-taken" aria-current="page"', op_taken)
    assert not re.search(r'href="/casussen" aria-current="page"', op_taken)
    # and per language
    engels = menu(als_regisseur, "/casussen", HTTP_ACCEPT_LANGUAGE="en")
    assert "Mijn casussen" in eerst and engels != eerst


def test_menu_volgt_een_gewijzigde_rol(gemeente, regisseur):
    client = Client()
    client.force_login(regisseur)
    assert "/rapportages" not in menu(client, "/casussen")
    regisseur.rollen = [Rol.REGISSEUR, Rol.MANAGER]
    regisseur.save(update_fields=["rollen"])
    assert "/rapportages" in menu(client, "/casussen")


def test_bewaard_menu_neemt_niets_van_een_andere_gemeente_mee(
    gemeente, andere_gemeente, regisseur, regisseur_elders
):
    """The key has no gemeente: the kept menu must hold nothing that differs per gemeente or
    per person (their names stand outside it)."""
    hier, daar = Client(), Client()
    hier.force_login(regisseur)
    daar.force_login(regisseur_elders)
    eerst = menu(hier, "/casussen")
    tweede = menu(daar, "/casussen")
    assert tweede == eerst  # the same kept menu, and nothing in it names either of them
    for naam in (gemeente.naam, andere_gemeente.naam, regisseur.naam, regisseur_elders.naam):
        assert naam not in tweede
    pagina = daar.get("/casussen").content.decode()
    assert andere_gemeente.naam in pagina and gemeente.naam not in pagina


@pytest.mark.parametrize(
    ("bron", "melding"),
    [
        ("{% bewaard %}x{% endbewaard %}", "'bewaard' neemt één sleutel."),
        ("{% bewaard a b %}x{% endbewaard %}", "'bewaard' neemt één sleutel."),
        ("{% lege_velden %}x{% endlege_velden %}", "'lege_velden' neemt één formulier."),
        ("{% bewaard a %}{% block b %}{% endblock %}{% endbewaard %}", "Een {% block %} kan niet"),
    ],
)
def test_bewaarde_blokken_nemen_precies_een_waarde(bron, melding):
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match=melding):
        Template("{% load velden %}" + bron)


def test_extends_zoekt_de_blokken_niet_in_het_bewaarde_menu():
    """`{% extends %}` looks for the root template's blocks on every page it renders; a kept
    part holds none (refused above), so its nodes are not walked: not the menu's dozen links."""
    from django.template import engines
    from django.template.defaulttags import URLNode
    from django.template.loader_tags import BlockNode

    basis = engines["django"].get_template("web/base.html").template
    assert {b.name for b in basis.nodelist.get_nodes_by_type(BlockNode)} == {"title", "content"}
    gevonden = {n.view_name.token for n in basis.nodelist.get_nodes_by_type(URLNode)}
    assert "'start'" in gevonden  # outside the kept parts
    for bewaard in ("'werklijst'", "'mijn-taken'", "'logout'", "'toegankelijkheid'"):
        assert bewaard not in gevonden


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _formulier(html: str, actie: str) -> str:
    begin = html.index(f'action="{actie}"')
    return html[begin : html.index("</form>", begin)]


def test_afmelden_en_taal_bewaard_met_eigen_token_naam_en_adres(
    gemeente, regisseur, maak_medewerker
):
    """Who is signed in (with the logout form) and the footer (with the language form) are kept
    per process (hoofdmenu.gebruikersdeel, hoofdmenu.voet): each viewer still gets their own
    CSRF token, which the server accepts, their own name, and the address of the page they are
    on as the language form's `next`."""
    from doorbraak.web import paginacache

    tweede = maak_medewerker(gemeente, Rol.REGISSEUR, username="regisseur-b", first_name="Bo")
    clients = []
    for medewerker in (regisseur, tweede, regisseur):
        client = Client(enforce_csrf_checks=True)
        client.force_login(medewerker)
        client.get("/toegankelijkheid")  # a CSRF cookie first
        clients.append(client)
    paginas = [
        c.get(pad).content.decode()
        for c, pad in zip(clients, ("/casussen", "/casussen", "/toegankelijkheid"), strict=True)
    ]
    for html in paginas:
        assert paginacache.plaatshouder() not in html
    tokens = [set(TOKEN.findall(html)) for html in paginas]
    assert all(len(t) == 1 for t in tokens)  # the same token in both forms of a page
    assert tokens[0].isdisjoint(tokens[1])  # not the first viewer's
    assert regisseur.naam in _formulier(paginas[0], "/uitloggen")
    assert tweede.naam in _formulier(paginas[1], "/uitloggen")
    assert regisseur.naam not in _formulier(paginas[1], "/uitloggen")
    assert 'name="next" type="hidden" value="/casussen"' in paginas[1]
    assert 'name="next" type="hidden" value="/toegankelijkheid"' in paginas[2]
    # the token on a kept form is the viewer's own: the server accepts it
    antwoord = clients[1].post(
        "/taal/setlang/",
        {"language": "en", "next": "/casussen", "csrfmiddlewaretoken": tokens[1].pop()},
    )
    assert antwoord.status_code == 302
    # a renamed medewerker is shown by the new name at once
    tweede.first_name = "Bram"
    tweede.save(update_fields=["first_name"])
    html = clients[1].get("/casussen", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Bram" in _formulier(html, "/uitloggen")
