"""Data and load for the tests against a real primary + replica (and PgBouncer), run as a
separate process on that cluster:

    python -m doorbraak.replica.tests.scenario vul   -> JSON: a gemeente, people, a fund, a case
    python -m doorbraak.replica.tests.scenario taak SLEUTEL  -> queues tel_op(20, 22)
    python -m doorbraak.replica.tests.scenario belast STOPBESTAND JSON
        -> one JSON line per operation the client saw COMMITTED (go, betaling, lezen), until
           STOPBESTAND exists; failed attempts (the primary gone) are retried on a new
           connection, which libpq's multi-host string sends to whichever server is writable.
"""

import json
import sys
import threading
import time
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

PLAFOND = Decimal("1000000.00")
BEDRAG = Decimal("100.00")
WACHTWOORD = "geheim-wachtwoord-123"
PAUZE = 0.05  # s between a client's operations


def _aanvraag_klaar_voor_go(mensen: dict, casus_id: str):
    from doorbraak.budget import services

    a = services.aanvraag_aanmaken(
        door=mensen["regisseur"],
        invoer=services.AanvraagInvoer(
            casus_id=casus_id,
            bedrag=BEDRAG,
            vorm="om_niet",
            ontvanger_naam="Woningcorporatie Peelwonen",
            ontvanger_iban="NL91ABNA0417164300",
            motivering="Huurachterstand wegwerken voorkomt huisuitzetting.",
            criteria={"voorliggend_onvoldoende": True, "noodzakelijk": True},
        ),
    )
    services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
    services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
    return a.pk


def vul() -> dict:
    from django.utils import timezone

    from doorbraak.budget.demo import klaar_voor_aanvraag
    from doorbraak.budget.models import Budget, Fonds, Periode
    from doorbraak.casussen import services as casussen
    from doorbraak.organisaties.models import Mandaat, MandaatRol, Rol
    from doorbraak.organisaties.tests.factories import (
        GemeenteFactory,
        MedewerkerFactory,
        doelgroep,
    )

    gemeente = GemeenteFactory(naam="Peelstad", code="GM9901")

    def mens(naam, rol):
        return MedewerkerFactory(gemeente=gemeente, rollen=[rol], username=naam)

    regisseur = mens("regisseur", Rol.REGISSEUR)
    mens("lezer", Rol.REGISSEUR)
    collega, manager = mens("meekijker", Rol.COLLEGA), mens("baas", Rol.MANAGER)
    financien = mens("geld", Rol.FINANCIEN)
    mph = doelgroep(gemeente, "mph")
    Mandaat.objects.bulk_create(
        [
            Mandaat(medewerker=regisseur, doelgroep=mph, rol=MandaatRol.AANVRAGEN),
            Mandaat(medewerker=collega, doelgroep=mph, rol=MandaatRol.MEEKIJKEN),
            Mandaat(medewerker=manager, doelgroep=mph, rol=MandaatRol.GO),
        ]
    )
    fonds = Fonds.objects.create(
        gemeente=gemeente,
        code="doorbraakbudget",
        naam="Doorbraakbudget",
        standaard=True,
        afwegingskader={"alle": ["voorliggend_onvoldoende", "noodzakelijk"]},
    )
    jaar = timezone.localdate().year
    periode = Periode.objects.create(
        fonds=fonds, naam=str(jaar), van=date(jaar, 1, 1), tot=date(jaar, 12, 31)
    )
    Budget.objects.create(gemeente=gemeente, periode=periode, doelgroep=mph, plafond=PLAFOND)
    huishouden = casussen.huishouden_registreren(
        door=regisseur,
        naam="Familie De Vries",
        postcode="5701 AB",
        gezinsleden=[casussen.NieuwGezinslid("Anna", "de Vries", date(1988, 5, 1), "ouder")],
    )
    casus = casussen.casus_aanmelden(
        door=regisseur,
        huishouden_id=huishouden.pk,
        doelgroep_code="mph",
        aanleiding="Dreigende huisuitzetting",
        urgentie="hoog",
    )
    # a plan with its doorbraak and an action, and the check's decisive questions answered:
    # what a request needs before it can be submitted
    klaar_voor_aanvraag(regisseur, casus)
    return {
        "casus": str(casus.pk),
        "wachtwoord": WACHTWOORD,
        "mensen": {"regisseur": "regisseur", "lezer": "lezer", "manager": "baas", "fin": "geld"},
        "financien_id": financien.pk,
        "manager_id": manager.pk,
        "regisseur_id": regisseur.pk,
        "collega_id": collega.pk,
    }


def belast(stopbestand: Path, gegevens: dict) -> None:
    """Three kinds of clients until the stop file appears: go's, payments of granted requests,
    dossier reads (each writes a processing-log entry), and the sealing of the log. Prints what
    committed."""
    from django.db import connection

    from doorbraak.audit.taken import verzegel
    from doorbraak.budget import services
    from doorbraak.casussen.selectors import casus_dossier
    from doorbraak.config.middleware import zet_request_id
    from doorbraak.organisaties.models import Medewerker

    uit = threading.Lock()
    te_betalen: list[str] = []

    def meld(**regel):
        with uit:
            print(json.dumps(regel), flush=True)

    def client(soort: str):
        mensen = {}
        while not stopbestand.exists():
            try:
                if not mensen:
                    mensen = {
                        "manager": Medewerker.objects.get(pk=gegevens["manager_id"]),
                        "fin": Medewerker.objects.get(pk=gegevens["financien_id"]),
                        "regisseur": Medewerker.objects.get(pk=gegevens["regisseur_id"]),
                        "collega": Medewerker.objects.get(pk=gegevens["collega_id"]),
                    }
                if soort == "go":
                    # A fresh request through the whole route, then the go (4 transactions).
                    pk = _aanvraag_klaar_voor_go(mensen, gegevens["casus"])
                    services.aanvraag_besluiten(
                        door=mensen["manager"], aanvraag_id=pk, besluit="go"
                    )
                    meld(op="go", id=str(pk))
                    with uit:
                        te_betalen.append(pk)
                elif soort == "betaling":
                    with uit:
                        pk = te_betalen.pop(0) if te_betalen else None
                    if pk is None:
                        time.sleep(0.05)
                        continue
                    try:
                        services.betaling_registreren(
                            door=mensen["fin"], aanvraag_id=pk, bedrag=BEDRAG
                        )
                    except Exception:
                        with uit:
                            te_betalen.append(pk)
                        raise
                    meld(op="betaling", id=str(pk))
                elif soort == "verzegel":  # what the worker does every few seconds
                    verzegeld = verzegel()
                    if verzegeld.get("verzegeld"):
                        meld(op="verzegeling", id=str(verzegeld["verzegeld"]))
                    time.sleep(0.5)
                else:
                    kenmerk = uuid.uuid4().hex
                    zet_request_id(kenmerk)
                    casus_dossier(medewerker=mensen["regisseur"], casus_id=gegevens["casus"])
                    meld(op="lezen", id=kenmerk)
            except Exception as fout:
                meld(fout=type(fout).__name__, soort=soort, melding=str(fout)[:200])
                connection.close()  # a new connection next time: multi-host finds the primary
                mensen = {}
                time.sleep(0.1)
                continue
            time.sleep(PAUZE)
        connection.close()

    threads = [
        threading.Thread(target=client, args=(soort,))
        for soort in ("go", "go", "betaling", "lezen", "verzegel")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "vul":
        print(json.dumps(vul()))
    elif sys.argv[1] == "taak":
        from doorbraak.taken.services import plaats_taak

        taak = plaats_taak(
            functie="doorbraak.taken.tests.taken_voor_test.tel_op",
            args=[20, 22],
            sleutel=sys.argv[2],
        )
        print(taak.task_id)
    else:
        belast(Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text()))
