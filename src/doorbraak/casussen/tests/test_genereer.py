"""`doorbraak genereer`: synthetic households for benchmarks, fast and reproducible."""

import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl.bsn import is_valid as elfproef_geldig

from doorbraak import bsn as bsn_bescherming
from doorbraak.audit.models import Verwerking
from doorbraak.casussen.genereer import bsn_trekken
from doorbraak.casussen.models import Casus, Gezinslid, Huishouden, Hulpverlener, Meting
from doorbraak.organisaties.models import Gemeente, Medewerker

pytestmark = pytest.mark.django_db


def genereer(n, **opties) -> str:
    uit = StringIO()
    call_command("genereer", huishoudens=n, stdout=uit, **opties)
    return uit.getvalue()


def test_maakt_precies_n_huishoudens_en_casussen_in_de_eigen_gemeente(gemeente):
    uitvoer = genereer(7, seed=1)
    bench = Gemeente.objects.get(code="GM9990")
    assert bench.naam == "Benchgemeente"
    assert Huishouden.objects.filter(gemeente=bench).count() == 7
    assert Casus.objects.filter(gemeente=bench).count() == 7
    assert not Huishouden.objects.filter(gemeente=gemeente).exists()
    assert "7 huishoudens" in uitvoer
    assert "Geen verwerkingen gelogd" in uitvoer


def test_realistische_omvang_per_huishouden():
    genereer(25, seed=3)
    for casus in Casus.objects.prefetch_related(
        "huishouden__gezinsleden", "metingen__scores", "hulpverleners", "tijdlijn"
    ).select_related("doorbraakplan"):
        assert 1 <= len(casus.huishouden.gezinsleden.all()) <= 5
        metingen = list(casus.metingen.all())
        assert 1 <= len(metingen) <= 3
        assert all(5 <= len(m.scores.all()) <= 16 for m in metingen)
        assert 5 <= len(casus.hulpverleners.all()) <= 25
        assert 2 <= len(casus.tijdlijn.all()) <= 10
        assert 1 <= casus.doorbraakplan.knelpunten.count() <= 4
        assert 1 <= casus.doorbraakplan.acties.count() <= 6
    kosten = Hulpverlener.objects.values_list("geschatte_jaarkosten", flat=True)
    assert all(k is not None and k > 0 and k.as_tuple().exponent == -2 for k in kosten)


def test_gebruiker_bench_is_regisseur_met_bruikbaar_wachtwoord():
    genereer(1, seed=1, wachtwoord="een-lang-wachtwoord-456")
    bench = Medewerker.objects.get(username="bench")
    assert bench.gemeente.code == "GM9990"
    assert "regisseur" in bench.rollen
    assert bench.check_password("een-lang-wachtwoord-456")
    antwoord = APIClient().post(
        "/api/v1/auth/tokens",
        {"username": "bench", "password": "een-lang-wachtwoord-456"},
        format="json",
    )
    assert antwoord.status_code == 201


def test_elk_bsn_doorstaat_de_elfproef_na_ontsleutelen():
    genereer(40, seed=5)
    leden = Gezinslid.objects.exclude(bsn_versleuteld="")
    assert leden.count() > 10  # about 60% of the members carry a BSN
    bsns = []
    for lid in leden:
        bsn = bsn_bescherming.ontsleutel(lid.bsn_versleuteld)
        assert stdnum_bsn.is_valid(bsn)
        assert lid.bsn_zoekhash == bsn_bescherming.zoekhash(bsn)
        assert lid.bsn_laatste_cijfers == bsn[-4:]
        bsns.append(bsn)
    assert len(set(bsns)) == len(bsns)


def test_bsn_trekken_geeft_elfproef_geldige_nummers():
    rng = random.Random(0)
    for _ in range(2000):
        bsn = bsn_trekken(rng)
        assert elfproef_geldig(bsn)
        assert stdnum_bsn.is_valid(bsn)
    assert not elfproef_geldig("123456789")
    assert elfproef_geldig("111222333")


def test_zelfde_seed_geeft_dezelfde_huishoudens():
    genereer(15, seed=42, gemeente_code="GM9991", gebruiker="bench1")
    genereer(15, seed=42, gemeente_code="GM9992", gebruiker="bench2")
    genereer(15, seed=43, gemeente_code="GM9993", gebruiker="bench3")

    def namen(code):
        return sorted(
            Huishouden.objects.filter(gemeente__code=code).values_list("naam", "postcode")
        )

    def leden(code):
        return sorted(
            Gezinslid.objects.filter(gemeente__code=code).values_list(
                "voornaam", "achternaam", "bsn_zoekhash"
            )
        )

    assert namen("GM9991") == namen("GM9992")
    assert leden("GM9991") == leden("GM9992")
    assert namen("GM9991") != namen("GM9993")


def test_opnieuw_draaien_voegt_huishoudens_toe_en_hergebruikt_gemeente_en_gebruiker():
    genereer(3, seed=9)
    genereer(2, seed=9)  # same seed: the BSNs drawn before are skipped, not duplicated
    assert Gemeente.objects.filter(code="GM9990").count() == 1
    assert Medewerker.objects.filter(username="bench").count() == 1
    assert Huishouden.objects.filter(gemeente__code="GM9990").count() == 5
    assert Casus.objects.filter(gemeente__code="GM9990").count() == 5
    hashes = list(Gezinslid.objects.exclude(bsn_zoekhash="").values_list("bsn_zoekhash", flat=True))
    assert len(hashes) == len(set(hashes))


def test_gebruiker_uit_andere_gemeente_wordt_geweigerd(gemeente, regisseur):
    with pytest.raises(CommandError, match="andere gemeente"):
        genereer(1, gebruiker="regisseur")
    assert not Gemeente.objects.filter(code="GM9990", huishoudens__isnull=False).exists()


def test_schrijft_niets_in_het_verwerkingenlogboek():
    genereer(5, seed=2)
    assert not Verwerking.objects.exists()


def test_dossier_van_gegenereerde_casus_via_de_api():
    genereer(5, seed=11)
    bench = Medewerker.objects.get(username="bench")
    client = APIClient()
    client.force_authenticate(bench)
    casus = Casus.objects.filter(gemeente__code="GM9990").first()
    antwoord = client.get(f"/api/v1/casussen/{casus.pk}")
    assert antwoord.status_code == 200
    dossier = antwoord.json()
    assert dossier["id"] == str(casus.pk)
    assert 1 <= len(dossier["huishouden"]["gezinsleden"]) <= 5
    assert len(dossier["metingen"]) == Meting.objects.filter(casus=casus).count()
    assert dossier["doorbraakplan"]["knelpunten"]
    assert dossier["totaal_jaarkosten_hulpverleners"].count(".") == 1
    assert all(
        lid["bsn_masked"] is None or lid["bsn_masked"].startswith("*****")
        for lid in dossier["huishouden"]["gezinsleden"]
    )
    # Reading it is logged like any other read.
    assert Verwerking.objects.filter(casus_id=casus.pk, handeling="lezen").count() == 1


def test_tijdstippen_liggen_in_het_verleden_en_velden_blijven_automatisch():
    from django.utils import timezone

    genereer(10, seed=4)
    nu = timezone.now()
    assert all(c.aangemeld_op <= nu for c in Casus.objects.all())
    assert len({c.aangemeld_op.date() for c in Casus.objects.all()}) > 1
    # The auto_now_add switch is restored after the command.
    assert Casus._meta.get_field("aangemeld_op").auto_now_add
    assert Huishouden._meta.get_field("aangemaakt_op").auto_now_add


def test_gemeenten_verdeelt_de_huishoudens_over_een_regio_met_elk_een_eigen_regisseur():
    uitvoer = genereer(23, seed=5, gemeenten=3, wachtwoord="een-lang-wachtwoord-789")
    codes = ["GM9990", "GM9989", "GM9988"]
    per_gemeente = [Huishouden.objects.filter(gemeente__code=c).count() for c in codes]
    assert per_gemeente == [8, 8, 7]
    assert Casus.objects.count() == 23
    for code, naam in zip(codes, ("bench", "bench-02", "bench-03"), strict=True):
        gebruiker = Medewerker.objects.get(username=naam)
        assert gebruiker.gemeente.code == code
        assert gebruiker.check_password("een-lang-wachtwoord-789")
        # every case and member stays inside its own gemeente
        assert (
            not Casus.objects.filter(huishouden__gemeente__code=code)
            .exclude(gemeente__code=code)
            .exists()
        )
        assert (
            not Gezinslid.objects.filter(huishouden__gemeente__code=code)
            .exclude(gemeente__code=code)
            .exists()
        )
    assert "Regio van 3 gemeenten" in uitvoer and "GM9988 (bench-03, 7)" in uitvoer


def test_gemeenten_weigert_een_code_waaronder_de_regio_niet_past():
    with pytest.raises(CommandError, match="GM0000"):
        genereer(2, gemeenten=2, gemeente_code="X1")
    with pytest.raises(CommandError, match="geen 3 gemeenten"):
        genereer(2, gemeenten=3, gemeente_code="GM0002")
    with pytest.raises(CommandError, match="minstens 1"):
        genereer(2, gemeenten=0)
    assert not Huishouden.objects.exists()


def test_copy_of_bulk_create_schrijft_elke_tabel_met_zijn_waarden():
    """On PostgreSQL the rows go in with COPY, on SQLite with bulk_create: the same seed gives
    the same rows, and the values survive the round trip (dates, amounts, text)."""
    genereer(4, seed=11)
    casus = Casus.objects.select_related("doorbraakplan").order_by("aangemeld_op").first()
    assert casus.doorbraakplan.situatie and casus.aangemeld_op is not None
    assert casus.metingen.first().scores.exists()  # children of auto-increment parents
    kosten = sorted(Hulpverlener.objects.values_list("geschatte_jaarkosten", flat=True))
    assert all(k.as_tuple().exponent == -2 for k in kosten)
