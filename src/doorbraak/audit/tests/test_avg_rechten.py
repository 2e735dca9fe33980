"""The AVG rights of the household on the demo: the inzage holds every record about it and
every processing entry; the retention job, on dated data, removes exactly what is past its term
and leaves the ledger and the verantwoording as they were; denied accesses and the payment file
are in the processing log."""

import datetime
import io
import json
from collections import defaultdict

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone
from pypdf import PdfReader

from doorbraak.audit import bewaartermijnen
from doorbraak.audit.models import Bewaarrun, Bewaartermijnen, Verwerking
from doorbraak.budget.models import Boeking
from doorbraak.casussen.models import Casus, Gezinslid, Huishouden, TijdlijnItem
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.models import Medewerker
from doorbraak.rapportage import verantwoording
from doorbraak.regels.models import Regelcheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo")
    return Medewerker.objects.get(username="privacy")


def _alles_over(huishouden: Huishouden) -> dict[type, set]:
    """Every row in any model that hangs (directly or through others) off the household."""
    gevonden: dict[type, set] = {Huishouden: {huishouden.pk}}
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for model in apps.get_models():
            if model is Verwerking:
                continue  # checked separately
            for veld in model._meta.concrete_fields:
                doel = veld.related_model if isinstance(veld, models.ForeignKey) else None
                if doel not in gevonden or doel is model:
                    continue
                pks = set(
                    model.objects.filter(**{f"{veld.name}__in": gevonden[doel]}).values_list(
                        "pk", flat=True
                    )
                )
                if pks - gevonden.get(model, set()):
                    gevonden.setdefault(model, set()).update(pks)
                    gewijzigd = True
    return gevonden


def _rijkste_huishouden(gemeente_id) -> Huishouden:
    tellingen = defaultdict(int)
    for casus in Casus.objects.filter(gemeente_id=gemeente_id).prefetch_related(
        "aanvragen", "agendapunten", "regelchecks", "mkbas"
    ):
        tellingen[casus.huishouden_id] += sum(
            bool(getattr(casus, r).all())
            for r in ("aanvragen", "agendapunten", "regelchecks", "mkbas")
        )
    return Huishouden.objects.get(pk=max(tellingen, key=tellingen.get))


def test_inzage_bevat_elk_record_en_elke_verwerking(demo, api_als, client):
    huishouden = _rijkste_huishouden(demo.gemeente_id)
    antwoord = api_als(demo).get(f"/api/v1/huishoudens/{huishouden.pk}/inzage")
    assert antwoord.status_code == 200, antwoord.content
    inzage = antwoord.json()
    records = [r for rs in inzage["gegevens"].values() for r in rs]
    verwacht = _alles_over(huishouden)
    assert len(verwacht) >= 12, verwacht.keys()  # members, cases, plan, requests, meetings, ...
    for model, pks in verwacht.items():
        sleutel = model._meta.pk.attname
        aanwezig = {str(r.get(sleutel)) for r in records}
        ontbreekt = {str(pk) for pk in pks} - aanwezig
        assert not ontbreekt, f"{model.__name__} ontbreekt in de inzage: {ontbreekt}"
    # Every processing entry, including this export itself; the recipients; no BSN in clear.
    log = set(
        Verwerking.objects.filter(huishouden_id=huishouden.pk).values_list("volgnummer", flat=True)
    )
    assert {v["volgnummer"] for v in inzage["verwerkingen"]} == log
    assert inzage["verwerkingen"][-1]["object_type"] == "inzage"
    assert inzage["ontvangers"] and all(o["overleg"] for o in inzage["ontvangers"])
    tekst = json.dumps(inzage)
    for lid in Gezinslid.objects.filter(huishouden=huishouden).exclude(bsn_versleuteld=""):
        assert lid.bsn_zoekhash not in tekst and lid.bsn_versleuteld not in tekst
    # Only the privacy officer, only in the own gemeente; the denial is logged.
    regisseur = Medewerker.objects.get(username="regisseur")
    geweigerd = api_als(regisseur).get(f"/api/v1/huishoudens/{huishouden.pk}/inzage")
    assert geweigerd.status_code == 403
    entry = Verwerking.objects.filter(object_type="toegang_geweigerd").last()
    assert entry.actor == "regisseur" and entry.huishouden_id == huishouden.pk
    # The PDF from the privacy page button.
    client.force_login(demo)
    pagina = client.get(f"/privacy/huishoudens/{huishouden.pk}/verwerkingen").content.decode()
    assert f"/privacy/huishoudens/{huishouden.pk}/inzage?formaat=pdf" in pagina
    pdf = client.get(f"/privacy/huishoudens/{huishouden.pk}/inzage?formaat=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    inhoud = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "AVG artikel 15" in inhoud and huishouden.naam in inhoud
    assert (
        Verwerking.objects.filter(
            huishouden_id=huishouden.pk, object_type="inzage", activiteit="avg_rechten"
        ).count()
        == 2
    )  # the API json and the pdf


def _maanden_terug(maanden: int, dagen: int = 0) -> datetime.datetime:
    dag = bewaartermijnen.maanden_terug(timezone.localdate(), maanden)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12))) - (
        datetime.timedelta(days=dagen)
    )


def _sluit(huishouden: Huishouden, op: datetime.datetime) -> None:
    Casus.objects.filter(huishouden=huishouden).update(
        status=CasusStatus.AFGESLOTEN, afgesloten_op=op
    )


def _verantwoording(financien) -> list:
    jaren = {b.datum.year for b in Boeking.objects.all()} | {timezone.localdate().year}
    return [
        (j, [vars(r) for r in verantwoording.verantwoording(medewerker=financien, jaar=j)])
        for j in sorted(jaren)
    ]


def test_bewaartermijn_verwijdert_precies_wat_verlopen_is(demo):
    gemeente_id = demo.gemeente_id
    Bewaartermijnen.objects.create(
        gemeente_id=gemeente_id, casusdossier_maanden=24, regelcheck_feiten_maanden=12
    )
    zonder_lening = list(
        Huishouden.objects.filter(gemeente_id=gemeente_id)
        .exclude(casussen__aanvragen__lening__isnull=False)
        .filter(casussen__isnull=False)
        .distinct()
        .order_by("naam")
    )
    verlopen, net_niet = zonder_lening[0], zonder_lening[1]
    _sluit(verlopen, _maanden_terug(24, dagen=1))  # one day past the term
    _sluit(net_niet, _maanden_terug(24, dagen=-1))  # one day short of it
    # Rules-check facts: one check just past its 12 months, one just inside.
    checks = list(
        Regelcheck.objects.filter(gemeente_id=gemeente_id)
        .exclude(casus__huishouden__in=[verlopen])
        .exclude(feiten={})
        .order_by("pk")
    )
    oud, jong = checks[0], checks[1]
    uitkomst_oud = oud.uitkomst
    assert any(v["stappen"] for v in uitkomst_oud["voorzieningen"])  # facts quoted in the trace
    Regelcheck.objects.filter(pk=oud.pk).update(aangemaakt_op=_maanden_terug(12, dagen=1))
    Regelcheck.objects.filter(pk=jong.pk).update(aangemaakt_op=_maanden_terug(12, dagen=-1))
    financien = Medewerker.objects.get(username="financien")
    voor = _verantwoording(financien)
    boekingen_voor = list(Boeking.objects.order_by("pk").values_list("pk", "centen", "soort"))
    namen_voor = dict(Huishouden.objects.values_list("pk", "naam"))
    leden_voor = Gezinslid.objects.count()
    leden_verlopen = Gezinslid.objects.filter(huishouden=verlopen).count()
    assert leden_verlopen

    # Dry run: counts, changes nothing, is recorded.
    proef = bewaartermijnen.bewaartermijnen_toepassen(gemeente_id=gemeente_id, proefdraai=True)
    assert proef["huishoudens"] == 1 and proef["gezinsleden"] == leden_verlopen
    assert proef["regelcheck_feiten"] == 1
    assert dict(Huishouden.objects.values_list("pk", "naam")) == namen_voor
    assert Gezinslid.objects.count() == leden_voor
    assert Bewaarrun.objects.get(gemeente_id=gemeente_id).proefdraai is True

    # The real run removes exactly that.
    call_command("bewaartermijn")
    echt = Bewaarrun.objects.get(gemeente_id=gemeente_id, proefdraai=False)
    assert echt.aantallen == proef
    verlopen.refresh_from_db()
    assert verlopen.naam == "Geanonimiseerd huishouden" and verlopen.postcode == ""
    assert not Gezinslid.objects.filter(huishouden=verlopen).exists()
    assert not TijdlijnItem.objects.filter(casus__huishouden=verlopen).exists()
    assert not Regelcheck.objects.filter(casus__huishouden=verlopen).exists()
    assert all(c.aanleiding.startswith("[verwijderd") for c in verlopen.casussen.all())
    namen_na = dict(Huishouden.objects.values_list("pk", "naam"))
    assert {pk for pk in namen_voor if namen_voor[pk] != namen_na[pk]} == {verlopen.pk}
    assert Gezinslid.objects.count() == leden_voor - leden_verlopen
    oud.refresh_from_db()
    jong.refresh_from_db()
    assert oud.feiten == {} and oud.ingevoerde_feiten == {} and oud.uitkomst["voorzieningen"]
    assert all(not v["stappen"] and not v["redenen"] for v in oud.uitkomst["voorzieningen"])
    assert [v["uitkomst"] for v in oud.uitkomst["voorzieningen"]] == [
        v["uitkomst"] for v in uitkomst_oud["voorzieningen"]
    ]
    assert jong.feiten != {}
    # The ledger is untouched and the verantwoording the same to the cent.
    assert list(Boeking.objects.order_by("pk").values_list("pk", "centen", "soort")) == (
        boekingen_voor
    )
    assert _verantwoording(financien) == voor
    # Logged, and idempotent: a second run finds nothing more.
    assert Verwerking.objects.filter(
        huishouden_id=verlopen.pk, handeling="verwijderen", actor="systeem:bewaartermijn"
    ).exists()
    tweede = bewaartermijnen.bewaartermijnen_toepassen(gemeente_id=gemeente_id, proefdraai=False)
    assert tweede["huishoudens"] == 0 and tweede["regelcheck_feiten"] == 0


def test_betaalbestand_lezen_staat_in_het_logboek(demo, api_als):
    financien = Medewerker.objects.get(username="financien")
    voor = Verwerking.objects.filter(object_type="betaalopdracht").count()
    opdrachten = api_als(financien).get("/api/v1/betaalopdrachten")
    assert opdrachten.status_code == 200
    n = len(opdrachten.json())
    assert n and Verwerking.objects.filter(object_type="betaalopdracht").count() == voor + n
    xml = api_als(financien).post("/api/v1/betaalopdrachten/pain001", {}, format="json")
    assert xml.status_code == 200
    gedownload = Verwerking.objects.filter(
        object_type="betaalopdracht", omschrijving__contains="pain.001"
    )
    assert gedownload.count() == n


def test_beheerder_stelt_bewaartermijnen_van_de_eigen_gemeente_in(
    client, gemeente, andere_gemeente, maak_medewerker
):
    from django.test import Client

    beheerder = maak_medewerker(gemeente, "beheer", username="beheer")
    Bewaartermijnen.objects.create(gemeente=andere_gemeente, casusdossier_maanden=60)
    # Defaults hold until the gemeente sets its own.
    assert bewaartermijnen.termijnen_van(gemeente.pk).casusdossier_maanden == 24
    browser = Client()
    browser.force_login(beheerder)
    assert browser.get("/beheer/audit/bewaartermijnen/").status_code == 200
    vreemd = browser.post(
        "/beheer/audit/bewaartermijnen/add/",
        {"gemeente": andere_gemeente.pk, "casusdossier_maanden": 1,
         "regelcheck_feiten_maanden": 1},
    )  # fmt: skip
    assert vreemd.status_code == 200  # not a valid choice for this beheerder
    assert Bewaartermijnen.objects.get(gemeente=andere_gemeente).casusdossier_maanden == 60
    antwoord = browser.post(
        "/beheer/audit/bewaartermijnen/add/",
        {"gemeente": gemeente.pk, "casusdossier_maanden": 36, "regelcheck_feiten_maanden": 6},
    )
    assert antwoord.status_code == 302
    eigen = bewaartermijnen.termijnen_van(gemeente.pk)
    assert (eigen.casusdossier_maanden, eigen.regelcheck_feiten_maanden) == (36, 6)
    lijst = browser.get("/beheer/audit/bewaartermijnen/").content.decode()
    assert "Kempenhoven" not in lijst
