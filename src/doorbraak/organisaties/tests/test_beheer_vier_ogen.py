"""Admin four-eyes: no password hash in the admin, roles, mandates and fund routes change only
after a second beheerder approves, every step is logged, and the regulation's fund never lets
anyone decide alone (invariant 4)."""

import pytest
from django.test import Client

from doorbraak.audit.models import Verwerking
from doorbraak.fouten import GeenToegang, Validatiefout
from doorbraak.organisaties import services
from doorbraak.organisaties.models import (
    Mandaat,
    MandaatRol,
    Medewerker,
    Rol,
    WijzigingSoort,
    Wijzigingsvoorstel,
)
from doorbraak.organisaties.tests.factories import doelgroep


@pytest.fixture
def beheerders(gemeente, maak_medewerker):
    return (
        maak_medewerker(gemeente, Rol.BEHEER, username="beheer1"),
        maak_medewerker(gemeente, Rol.BEHEER, username="beheer2"),
    )


def _browser(medewerker) -> Client:
    c = Client()
    c.force_login(medewerker)
    return c


def _medewerker_post(m: Medewerker, rollen: list[str], mandaten: list[dict] | None = None):
    data = {
        "username": m.username,
        "first_name": m.first_name,
        "last_name": m.last_name,
        "email": m.email,
        "functie": m.functie,
        "organisatie": m.organisatie,
        "gemeente": str(m.gemeente_id),
        "team": "",
        "rollen": rollen,
        "is_active": "on",
        "mandaten-INITIAL_FORMS": "0",
        "mandaten-MIN_NUM_FORMS": "0",
        "mandaten-MAX_NUM_FORMS": "1000",
    }
    mandaten = mandaten or []
    data["mandaten-TOTAL_FORMS"] = str(len(mandaten))
    for i, md in enumerate(mandaten):
        for k, v in md.items():
            data[f"mandaten-{i}-{k}"] = v
        data[f"mandaten-{i}-medewerker"] = str(m.pk)
    return data


def _beheerlog(actor: str) -> list[str]:
    return list(
        Verwerking.objects.filter(
            actor=actor, object_type="wijzigingsvoorstel", activiteit="beheer"
        ).values_list("omschrijving", flat=True)
    )


def test_beheerder_ziet_geen_wachtwoordhash_maar_een_resetlink(beheerders, regisseur):
    pagina = _browser(beheerders[0]).get(f"/beheer/organisaties/medewerker/{regisseur.pk}/change/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    hash_deel = regisseur.password.rsplit("$", 1)[-1]
    assert regisseur.password not in html and hash_deel not in html
    assert 'name="password"' not in html  # no editable (or hidden) password field
    assert "../password/" in html


def test_beheerder_kan_niet_alleen_een_rol_geven_en_de_poging_staat_in_het_log(
    beheerders, regisseur
):
    eerste, tweede = beheerders
    antwoord = _browser(eerste).post(
        f"/beheer/organisaties/medewerker/{regisseur.pk}/change/",
        _medewerker_post(regisseur, [Rol.REGISSEUR, Rol.MANAGER]),
    )
    assert antwoord.status_code == 302
    regisseur.refresh_from_db()
    assert regisseur.rollen == [Rol.REGISSEUR]  # not applied
    voorstel = Wijzigingsvoorstel.objects.get()
    assert voorstel.status == "open" and voorstel.gegevens == {"rollen": ["manager", "regisseur"]}
    assert any("voorgesteld" in o and "regisseur" in o for o in _beheerlog("beheer1"))

    with pytest.raises(GeenToegang, match="tweede beheerder"):
        services.wijziging_goedkeuren(door=eerste, voorstel_id=voorstel.pk)
    regisseur.refresh_from_db()
    assert regisseur.rollen == [Rol.REGISSEUR]

    services.wijziging_goedkeuren(door=tweede, voorstel_id=voorstel.pk)
    regisseur.refresh_from_db()
    assert regisseur.rollen == ["manager", "regisseur"]
    voorstel.refresh_from_db()
    assert voorstel.status == "toegepast" and voorstel.beoordeeld_door == tweede
    assert any("goedgekeurd" in o for o in _beheerlog("beheer2"))


def test_mandaat_via_beheer_is_een_voorstel(beheerders, regisseur, gemeente):
    mph = doelgroep(gemeente, "mph")
    _browser(beheerders[0]).post(
        f"/beheer/organisaties/medewerker/{regisseur.pk}/change/",
        _medewerker_post(
            regisseur,
            [Rol.REGISSEUR],
            [{"doelgroep": str(mph.pk), "rol": MandaatRol.GO, "max_bedrag": ""}],
        ),
    )
    assert not Mandaat.objects.exists()
    voorstel = Wijzigingsvoorstel.objects.get(soort=WijzigingSoort.MANDAAT)
    assert voorstel.gegevens["actie"] == "toevoegen"
    # Mijn taken shows this text: the mandate's label, not its code.
    assert "— formele go geven — " in voorstel.omschrijving
    services.wijziging_goedkeuren(door=beheerders[1], voorstel_id=voorstel.pk)
    assert Mandaat.objects.get().rol == MandaatRol.GO


def test_afgewezen_voorstel_verandert_niets(beheerders, regisseur):
    eerste, tweede = beheerders
    voorstel = services.wijziging_voorstellen(
        door=eerste,
        gemeente_id=regisseur.gemeente_id,
        soort=WijzigingSoort.ROLLEN,
        gegevens={"rollen": ["manager"]},
        omschrijving="rollen",
        object_id=regisseur.pk,
    )
    with pytest.raises(Validatiefout):
        services.wijziging_afwijzen(door=tweede, voorstel_id=voorstel.pk, reden=" ")
    services.wijziging_afwijzen(door=tweede, voorstel_id=voorstel.pk, reden="Niet nodig.")
    regisseur.refresh_from_db()
    assert regisseur.rollen == [Rol.REGISSEUR]
    with pytest.raises(Exception, match="al beslist"):
        services.wijziging_goedkeuren(door=tweede, voorstel_id=voorstel.pk)


def test_alleen_beheer_stelt_voor_en_keurt_goed(beheerders, regisseur):
    with pytest.raises(GeenToegang):
        services.wijziging_voorstellen(
            door=regisseur,
            gemeente_id=regisseur.gemeente_id,
            soort=WijzigingSoort.ROLLEN,
            gegevens={"rollen": ["manager"]},
            omschrijving="zelf manager worden",
            object_id=regisseur.pk,
        )
    voorstel = services.wijziging_voorstellen(
        door=beheerders[0],
        gemeente_id=regisseur.gemeente_id,
        soort=WijzigingSoort.ROLLEN,
        gegevens={"rollen": ["manager"]},
        omschrijving="rollen",
        object_id=regisseur.pk,
    )
    with pytest.raises(GeenToegang):
        services.wijziging_goedkeuren(door=regisseur, voorstel_id=voorstel.pk)


def test_onbekende_rol_wordt_niet_eens_voorgesteld(beheerders, regisseur):
    with pytest.raises(Validatiefout, match="Onbekende rol"):
        services.wijziging_voorstellen(
            door=beheerders[0],
            gemeente_id=regisseur.gemeente_id,
            soort=WijzigingSoort.ROLLEN,
            gegevens={"rollen": ["koning"]},
            omschrijving="rollen",
            object_id=regisseur.pk,
        )
    assert not Wijzigingsvoorstel.objects.exists()


def test_andere_gemeente_kan_niets_voorstellen(beheerders, regisseur_elders):
    with pytest.raises(Exception, match="Onbekend"):
        services.wijziging_voorstellen(
            door=beheerders[0],
            gemeente_id=regisseur_elders.gemeente_id,
            soort=WijzigingSoort.ROLLEN,
            gegevens={"rollen": ["manager"]},
            omschrijving="rollen",
            object_id=regisseur_elders.pk,
        )
    regisseur_elders.refresh_from_db()
    assert regisseur_elders.rollen == [Rol.REGISSEUR]


def test_platformbeheerder_richt_direct_in_en_dat_staat_in_het_log(regisseur, django_user_model):
    platform = django_user_model.objects.create_superuser("platform", password="x" * 16)
    voorstel = services.wijziging_voorstellen(
        door=platform,
        gemeente_id=regisseur.gemeente_id,
        soort=WijzigingSoort.ROLLEN,
        gegevens={"rollen": ["beheer"]},
        omschrijving="eerste beheerder",
        object_id=regisseur.pk,
    )
    regisseur.refresh_from_db()
    assert voorstel.status == "toegepast" and regisseur.rollen == ["beheer"]
    assert any("platformbeheer" in o for o in _beheerlog("platform"))


# --- the proposal's own page (Mijn taken links there) ------------------------------------------


def _rollenvoorstel(door, regisseur) -> Wijzigingsvoorstel:
    return services.wijziging_voorstellen(
        door=door,
        gemeente_id=regisseur.gemeente_id,
        soort=WijzigingSoort.ROLLEN,
        gegevens={"rollen": ["manager", "regisseur"]},
        omschrijving="Rollen van de regisseur: ook manager",
        object_id=regisseur.pk,
    )


def test_tweede_beheerder_keurt_goed_op_de_pagina_van_het_voorstel(beheerders, regisseur):
    eerste, tweede = beheerders
    voorstel = _rollenvoorstel(eerste, regisseur)
    pad = f"/wijzigingsvoorstellen/{voorstel.pk}"
    pagina = _browser(tweede).get(pad)
    assert pagina.status_code == 200
    assert "Goedkeuren en toepassen" in pagina.content.decode()
    assert "checked" not in pagina.content.decode()  # no decision preselected
    antwoord = _browser(tweede).post(pad, {"besluit": "goedkeuren"}, follow=True)
    assert "Goedgekeurd en toegepast." in antwoord.content.decode()
    regisseur.refresh_from_db()
    assert regisseur.rollen == ["manager", "regisseur"]
    voorstel.refresh_from_db()
    assert voorstel.status == "toegepast" and voorstel.beoordeeld_door == tweede


def test_afwijzen_zonder_reden_zegt_het_bij_het_veld_en_verandert_niets(beheerders, regisseur):
    eerste, tweede = beheerders
    voorstel = _rollenvoorstel(eerste, regisseur)
    pad = f"/wijzigingsvoorstellen/{voorstel.pk}"
    antwoord = _browser(tweede).post(pad, {"besluit": "afwijzen", "reden": " "})
    assert antwoord.status_code == 400
    assert "Geef de reden van de afwijzing." in antwoord.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == "open"
    antwoord = _browser(tweede).post(pad, {})
    assert antwoord.status_code == 400
    assert "Kies goedkeuren of afwijzen." in antwoord.content.decode()
    _browser(tweede).post(pad, {"besluit": "afwijzen", "reden": "Niet nodig."})
    voorstel.refresh_from_db()
    assert voorstel.status == "afgewezen" and voorstel.reden == "Niet nodig."
    regisseur.refresh_from_db()
    assert regisseur.rollen == [Rol.REGISSEUR]


def test_eigen_voorstel_heeft_geen_knoppen_en_wordt_geweigerd(beheerders, regisseur):
    eerste, _tweede = beheerders
    voorstel = _rollenvoorstel(eerste, regisseur)
    pad = f"/wijzigingsvoorstellen/{voorstel.pk}"
    pagina = _browser(eerste).get(pad)
    assert pagina.status_code == 200
    assert "Besluit vastleggen" not in pagina.content.decode()
    assert _browser(eerste).post(pad, {"besluit": "goedkeuren"}).status_code == 403
    voorstel.refresh_from_db()
    assert voorstel.status == "open"


def test_voorstel_van_een_andere_gemeente_of_voor_een_ander_dan_beheer(
    beheerders, regisseur, regisseur_elders, maak_medewerker
):
    voorstel = _rollenvoorstel(beheerders[0], regisseur)
    pad = f"/wijzigingsvoorstellen/{voorstel.pk}"
    beheer_elders = maak_medewerker(regisseur_elders.gemeente, Rol.BEHEER, username="elders")
    assert _browser(beheer_elders).get(pad).status_code == 404
    assert _browser(regisseur).get(pad).status_code == 403
