"""Facts per person (issue 13 point 18): several adults and children, each with their own age and
school; the per-person voorzieningen are evaluated for each member and reported by first name.
One `leeftijd_jeugdige` is not a household."""

import datetime
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.casussen import services as casus_services
from doorbraak.regels import engine, kennisbank
from doorbraak.regels.feiten import personen_uit_casus
from doorbraak.regels.models import Regelcheck

KB = kennisbank.laad([kennisbank.STANDAARD_MAP]).kennisbank
PEIL = date(2026, 9, 1)
KIND_JEUGDHULP = {
    "jeugdige_woonplaats_gemeente": True,
    "opgroei_opvoed_psychische_problemen": True,
    "jeugd_eigen_kracht_voldoende": False,
}


def _persoon(naam, soort, **feiten):
    return engine.Persoon(naam, soort, KB.normaliseer_persoon(feiten))


def test_twee_kinderen_en_twee_volwassenen_per_persoon_beoordeeld():
    personen = [
        _persoon("Sami", "kind", leeftijd_jeugdige=6, **KIND_JEUGDHULP),
        _persoon("Lina", "kind", leeftijd_jeugdige=19, voortzetting_jeugdhulp_na_18=False),
        _persoon("Ans", "volwassene", aow_leeftijd_bereikt=True, leeftijd_aanvrager=68),
        _persoon("Kees", "volwassene", aow_leeftijd_bereikt=False, leeftijd_aanvrager=64),
    ]
    feiten = KB.normaliseer(
        {
            "rechtmatig_verblijf_nederland": True,
            "gedetineerd": False,
            "kostendelende_medebewoners": 0,
            "leefvorm": "gehuwden",
            "inkomen_per_maand": "2050.00",
            "vermogen": "4000.00",
            **KIND_JEUGDHULP,
        }
    )
    r = engine.beoordeel_alles(KB, feiten, PEIL, personen)
    assert [p.persoon.naam for p in r.per_persoon] == ["Sami", "Lina", "Ans", "Kees"]
    assert r.persoon("Sami").uitkomst("jw_jeugdhulp").waarde == engine.MOGELIJK
    assert r.persoon("Lina").uitkomst("jw_jeugdhulp").waarde == engine.NIET_MOGELIJK
    # a child is not evaluated for the AIO, an adult not for jeugdhulp
    assert r.persoon("Sami").uitkomst("pw_aio") is None
    assert r.persoon("Ans").uitkomst("jw_jeugdhulp") is None
    assert r.persoon("Ans").uitkomst("pw_aio").waarde == engine.MOGELIJK
    # Kees has not reached the AOW age; whether his partner has is asked for him
    kees = r.persoon("Kees")
    assert kees.uitkomst("pw_aio").waarde == engine.ONBEKEND
    assert "partner_aow_leeftijd_bereikt" in {o.feit for o in kees.ontbrekende_feiten}
    # the household itself, without one child's age, does not decide jeugdhulp
    assert r.uitkomst("jw_jeugdhulp").waarde == engine.ONBEKEND


def test_een_huishoudfeit_over_een_persoon_geldt_niet_voor_elk_kind():
    feiten = KB.normaliseer({"leeftijd_jeugdige": 6, **KIND_JEUGDHULP})
    r = engine.beoordeel_alles(KB, feiten, PEIL, [engine.Persoon("Lina", "kind", {})])
    lina = r.persoon("Lina").uitkomst("jw_jeugdhulp")
    assert lina.waarde == engine.ONBEKEND
    assert "leeftijd_jeugdige" in lina.ontbrekende_namen


def test_een_huishoudfeit_kan_niet_per_persoon():
    with pytest.raises(engine.OngeldigFeit) as fout:
        KB.normaliseer_persoon({"inkomen_per_maand": 100})
    assert fout.value.naam == "inkomen_per_maand"


PERSOONSFEITEN = sorted(n for n, d in KB.feiten.items() if d.per_persoon)


def _waarden(namen):
    def waarde(naam):
        d = KB.feiten[naam]
        if d.type == "ja_nee":
            return st.booleans()
        return st.integers(min_value=0, max_value=90).map(Decimal)

    return st.fixed_dictionaries({}, optional={n: waarde(n) for n in namen})


@settings(max_examples=40, deadline=None)
@given(huishouden=_waarden(PERSOONSFEITEN), eigen=_waarden(PERSOONSFEITEN))
def test_eigenschap_persoonsuitkomst_hangt_alleen_af_van_eigen_persoonsfeiten(huishouden, eigen):
    """One member's facts (age, school) never come from the household or another member: the
    per-person outcome is the same whatever the household's per-person facts are, and equals
    evaluating the voorziening on the household's facts plus the member's own."""
    basis = KB.normaliseer({"leefvorm": "gehuwden", "rechtmatig_verblijf_nederland": True})
    kind = engine.Persoon("Sami", "kind", eigen)
    met = engine.beoordeel_personen(KB, {**basis, **huishouden}, PEIL, [kind])[0]
    zonder = engine.beoordeel_personen(KB, basis, PEIL, [kind])[0]
    assert [u.waarde for u in met.voorzieningen] == [u.waarde for u in zonder.voorzieningen]
    for u in met.voorzieningen:
        los = engine.beoordeel(u.voorziening, {**basis, **eigen}, PEIL, definities=KB.feiten)
        assert u.waarde == los.waarde


@pytest.fixture
def gezin(regisseur):
    huishouden = casus_services.huishouden_registreren(
        door=regisseur,
        naam="Gezin Jansen",
        postcode="5701 AB",
        gezinsleden=[
            casus_services.NieuwGezinslid("Ans", "Jansen", datetime.date(1958, 3, 1), "ouder"),
            casus_services.NieuwGezinslid("Kees", "Jansen", datetime.date(1962, 6, 1), "ouder"),
            casus_services.NieuwGezinslid("Sami", "Jansen", datetime.date(2020, 2, 1), "kind"),
            casus_services.NieuwGezinslid("Lina", "Jansen", datetime.date(2007, 5, 1), "kind"),
        ],
    )
    return casus_services.casus_aanmelden(
        door=regisseur,
        huishouden_id=huishouden.pk,
        doelgroep_code="mph",
        aanleiding="Twee kinderen, grootmoeder met AOW",
        urgentie="hoog",
    )


def _leden(casus):
    return {g.voornaam: str(g.pk) for g in casus.huishouden.gezinsleden.all()}


@pytest.mark.django_db
def test_leeftijden_per_persoon_uit_het_dossier(gezin):
    personen = personen_uit_casus(gezin.huishouden.gezinsleden.all(), PEIL)
    per_naam = {p.naam: p for p in personen}
    assert per_naam["Sami"].soort == "kind" and per_naam["Sami"].feiten["leeftijd_jeugdige"] == 6
    assert per_naam["Lina"].feiten["leeftijd_jeugdige"] == 19
    assert per_naam["Ans"].feiten["aow_leeftijd_bereikt"] is True  # 68
    assert per_naam["Kees"].feiten["aow_leeftijd_bereikt"] is False  # 64
    assert per_naam["Kees"].feiten["partner_aow_leeftijd_bereikt"] is True


@pytest.mark.django_db
def test_api_per_persoon_feiten_bewaard_en_uitkomst_per_persoon(api, gezin):
    leden = _leden(gezin)
    pad = f"/api/v1/casussen/{gezin.pk}/regelchecks"
    antwoord = api.post(
        pad,
        {
            "peildatum": "2026-09-01",
            "feiten": {"leefvorm": "gehuwden"},
            "personen": {leden["Sami"]: KIND_JEUGDHULP, leden["Lina"]: KIND_JEUGDHULP},
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    per = {p["naam"]: p for p in data["per_persoon"]}
    assert per["Sami"]["leeftijd"] == 6 and per["Lina"]["leeftijd"] == 19
    jeugdhulp = {
        p: next(v for v in per[p]["voorzieningen"] if v["code"] == "jw_jeugdhulp")
        for p in ("Sami", "Lina")
    }
    assert jeugdhulp["Sami"]["uitkomst"] == "mogelijk"
    assert jeugdhulp["Lina"]["uitkomst"] == "onbekend"  # 19: only on voortzetting
    assert "bsn" not in str(per).lower()
    check = Regelcheck.objects.get()
    assert check.ingevoerde_persoonsfeiten[leden["Sami"]]["opgroei_opvoed_psychische_problemen"]
    # a later check keeps the answers per person; null forgets one
    antwoord = api.post(
        pad,
        {
            "peildatum": "2026-09-01",
            "personen": {
                leden["Lina"]: {
                    "voortzetting_jeugdhulp_na_18": False,
                    "jeugdige_woonplaats_gemeente": None,
                }
            },
        },
        format="json",
    )
    assert antwoord.status_code == 201
    laatste = Regelcheck.objects.order_by("-aangemaakt_op").first()
    assert (
        laatste.ingevoerde_persoonsfeiten[leden["Sami"]]
        == check.ingevoerde_persoonsfeiten[leden["Sami"]]
    )
    assert "jeugdige_woonplaats_gemeente" not in laatste.ingevoerde_persoonsfeiten[leden["Lina"]]
    per = {p["naam"]: p for p in antwoord.json()["per_persoon"]}
    lina = next(v for v in per["Lina"]["voorzieningen"] if v["code"] == "jw_jeugdhulp")
    assert lina["uitkomst"] == "niet_mogelijk"
    # old single facts keep working: no personen given is fine
    assert api.post(pad, {"feiten": {"leeftijd_jeugdige": 6}}, format="json").status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("personen", "veld"),
    [
        ("geen object", "personen"),
        ({"onbekend-id": {}}, "personen.onbekend-id"),
        ("SAMI:inkomen", "personen.SAMI.inkomen_per_maand"),
        ("SAMI:leeftijd", "personen.SAMI.leeftijd_jeugdige"),
    ],
)
def test_api_verkeerde_persoonsfeiten_noemen_het_veld_en_bewaren_niets(api, gezin, personen, veld):
    sami = _leden(gezin)["Sami"]
    if personen == "SAMI:inkomen":
        personen = {sami: {"inkomen_per_maand": 100}}
    elif personen == "SAMI:leeftijd":
        personen = {sami: {"leeftijd_jeugdige": "zes"}}
    antwoord = api.post(
        f"/api/v1/casussen/{gezin.pk}/regelchecks", {"personen": personen}, format="json"
    )
    assert antwoord.status_code == 400
    tekst = str(antwoord.json())
    assert veld.replace("SAMI", sami) in tekst or (veld == "personen" and "personen" in tekst)
    assert not Regelcheck.objects.exists()


@pytest.mark.django_db
def test_pagina_toont_uitkomst_per_persoon_en_vraagt_per_persoon(client, regisseur, gezin):
    client.force_login(regisseur)
    pad = f"/casussen/{gezin.pk}/voorliggend"
    assert client.post(pad).status_code == 302
    html = client.get(pad).content.decode()
    assert "Voor Sami (6)" in html and "Voor Lina (19)" in html and "Voor Ans (68)" in html
    assert "Over Sami: " in html
    check = Regelcheck.objects.get()
    volgorde = [p["naam"] for p in check.uitkomst["per_persoon"]]
    i = volgorde.index("Sami")
    antwoord = client.post(pad, {f"persoon{i}-opgroei_opvoed_psychische_problemen": "ja"})
    assert antwoord.status_code == 302
    laatste = Regelcheck.objects.order_by("-aangemaakt_op").first()
    sami = _leden(gezin)["Sami"]
    assert laatste.ingevoerde_persoonsfeiten == {
        sami: {"opgroei_opvoed_psychische_problemen": True}
    }
    # a wrong answer for one member is shown beside that member's field, nothing is stored
    fout = client.post(pad, {f"persoon{i}-afstand_school_km": "ver"})
    assert fout.status_code == 400
    assert f'id="id_persoon{i}-afstand_school_km-fout"' in fout.content.decode()
    assert Regelcheck.objects.count() == 2


def test_een_minderjarige_met_een_andere_rol_is_een_kind():
    from types import SimpleNamespace

    leden = [
        SimpleNamespace(pk=1, voornaam="Ans", geboortedatum=date(1958, 3, 1), rol="ouder"),
        SimpleNamespace(pk=2, voornaam="Mila", geboortedatum=date(2014, 1, 1), rol="overig"),
        SimpleNamespace(pk=3, voornaam="Born", geboortedatum=date(2027, 1, 1), rol="kind"),
    ]
    personen = {p.naam: p for p in personen_uit_casus(leden, PEIL)}
    assert personen["Mila"].soort == "kind" and personen["Mila"].feiten["leeftijd_jeugdige"] == 12
    assert personen["Ans"].soort == "volwassene"
    assert "partner_aow_leeftijd_bereikt" not in personen["Ans"].feiten  # one adult only
    assert "Born" not in personen  # born after the peildatum
    # what was entered for a member (by id) wins over what the file states
    ingevoerd = personen_uit_casus(leden, PEIL, {"2": {"leeftijd_jeugdige": Decimal(13)}})
    assert {p.naam: p for p in ingevoerd}["Mila"].feiten["leeftijd_jeugdige"] == 13
