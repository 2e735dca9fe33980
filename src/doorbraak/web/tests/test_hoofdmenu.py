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
    assert "'start'" in gevonden and "'toegankelijkheid'" in gevonden  # outside the menu
    assert "'werklijst'" not in gevonden and "'mijn-taken'" not in gevonden  # in the menu
