"""The go's fixed reads in SQL written once per process (`doorbraak.vaste_sql`, issue 19) give
what the ORM gives: every column of every instance, converted, in the caller's gemeente only,
and the same rule outcomes (which budget, which mandate limits)."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Model, Q
from django.test.utils import isolate_apps
from django.utils import timezone

from doorbraak.budget import mandaten, selectors
from doorbraak.budget.models import Aanvraag, Budget, Fondsmandaat, Periode
from doorbraak.fouten import NietGevonden
from doorbraak.organisaties.models import MandaatRol
from doorbraak.organisaties.tests.factories import doelgroep

pytestmark = pytest.mark.django_db


def _velden(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.parametrize("lock", [False, True])
def test_aanvraag_ophalen_geeft_wat_de_orm_geeft(fondsen, mensen, maak_aanvraag, lock):
    a = maak_aanvraag(mensen["regisseur"], vorm="lening", fonds="samenloopbudget")
    gelezen = selectors.aanvraag_ophalen(medewerker=mensen["manager"], aanvraag_id=a.pk, lock=lock)
    orm = Aanvraag.objects.select_related("fonds", "doelgroep", "casus").get(pk=a.pk)
    assert _velden(gelezen) == _velden(orm)
    for rel in ("fonds", "doelgroep", "casus"):
        assert _velden(getattr(gelezen, rel)) == _velden(getattr(orm, rel)), rel
    assert isinstance(gelezen.bedrag, Decimal) and gelezen.fonds.code == "samenloopbudget"
    assert not gelezen._state.adding and gelezen._state.db == "default"


def test_aanvraag_ophalen_buiten_de_gemeente_of_onbekend_is_niet_gevonden(
    fondsen, mensen, maak_aanvraag, regisseur_elders
):
    a = maak_aanvraag(mensen["regisseur"])
    for wie, pk in ((regisseur_elders, a.pk), (mensen["manager"], uuid.uuid4())):
        with pytest.raises(NietGevonden):
            selectors.aanvraag_ophalen(medewerker=wie, aanvraag_id=pk, lock=True)
    with pytest.raises(NietGevonden):
        selectors.aanvraag_ophalen(medewerker=mensen["manager"], aanvraag_id="geen-uuid")


def test_budget_voor_kiest_het_eigen_budget_van_de_doelgroep_boven_het_algemene(fondsen, gemeente):
    regeling, vandaag = fondsen["regeling"], timezone.localdate()
    mph, team = doelgroep(gemeente, "mph"), doelgroep(gemeente, "doorbraakteam")
    periode = Periode.objects.get(fonds=regeling)
    algemeen = Budget.objects.create(
        gemeente=gemeente, periode=periode, doelgroep=None, plafond=Decimal("1")
    )
    eigen = selectors.budget_voor(fonds=regeling, doelgroep=mph, datum=vandaag)
    orm = Budget.objects.select_related("periode").get(periode=periode, doelgroep=mph)
    assert _velden(eigen) == _velden(orm) and _velden(eigen.periode) == _velden(orm.periode)
    Budget.objects.filter(periode=periode, doelgroep=team).delete()
    assert selectors.budget_voor(fonds=regeling, doelgroep=team, datum=vandaag).pk == algemeen.pk
    # outside the period, or the period closed: none
    buiten = date(vandaag.year + 1, 1, 1)
    assert selectors.budget_voor(fonds=regeling, doelgroep=mph, datum=buiten) is None
    assert selectors.budget_voor(fonds=regeling, doelgroep=mph, datum=periode.van) is not None
    assert selectors.budget_voor(fonds=regeling, doelgroep=mph, datum=periode.tot) is not None
    assert (
        selectors.budget_voor(fonds=regeling, doelgroep=mph, datum=periode.van - timedelta(1))
        is None
    )
    Periode.objects.filter(pk=periode.pk).update(afgesloten=True)
    assert selectors.budget_voor(fonds=regeling, doelgroep=mph, datum=vandaag) is None


def test_aanvraag_voor_go_leest_het_budget_dat_budget_voor_vindt(fondsen, mensen, maak_aanvraag):
    """The go's request read with its budget (PostgreSQL: one statement): the request and its
    columns as `aanvraag_voor_besluit(go=True)` gives them, and the budget `budget_voor` finds
    for its fund and doelgroep on the date: the doelgroep's own, else the one for all
    doelgroepen, none outside an open period; with its period."""
    a = maak_aanvraag(mensen["regisseur"])
    manager, vandaag = mensen["manager"], timezone.localdate()
    periode = Periode.objects.get(fonds=a.fonds)

    def vergelijk(datum):
        gelezen, budget_lezen = selectors.aanvraag_voor_go(
            medewerker=manager, aanvraag_id=a.pk, datum=datum
        )
        verwacht = selectors.budget_voor(
            fonds=a.fonds, doelgroep=a.casus.doelgroep, datum=datum, periode_delen=True
        )
        zo = selectors.aanvraag_voor_besluit(medewerker=manager, aanvraag_id=a.pk, go=True)
        assert _velden(gelezen.aanvraag) == _velden(zo.aanvraag)
        assert gelezen[1:] == zo[1:]
        budget = budget_lezen()
        if verwacht is None:
            assert budget is None, datum
            return None
        assert _velden(budget) == _velden(verwacht), datum
        assert _velden(budget.periode) == _velden(verwacht.periode), datum
        return budget

    algemeen = Budget.objects.create(
        gemeente_id=a.gemeente_id, periode=periode, doelgroep=None, plafond=Decimal("1")
    )
    eigen = vergelijk(vandaag)
    assert eigen.doelgroep_id == a.casus.doelgroep_id
    for datum in (periode.van, periode.tot, periode.van - timedelta(1), periode.tot + timedelta(1)):
        vergelijk(datum)
    Budget.objects.filter(pk=eigen.pk).delete()
    assert vergelijk(vandaag).pk == algemeen.pk
    Periode.objects.filter(pk=periode.pk).update(afgesloten=True)
    assert vergelijk(vandaag) is None


def _orm_limieten(medewerker, fonds, groep, rol) -> list:
    """The rule as the ORM states it (the reference the SQL is held to)."""
    from doorbraak.organisaties.models import Mandaat

    eigen = Fondsmandaat.objects.filter(fonds=fonds, medewerker=medewerker, rol=rol).filter(
        Q(doelgroep=groep) | Q(doelgroep__isnull=True)
    )
    limieten = list(eigen.values_list("max_bedrag", flat=True))
    if fonds.standaard:
        limieten += Mandaat.objects.filter(
            medewerker=medewerker, doelgroep=groep, rol=rol
        ).values_list("max_bedrag", flat=True)
    return limieten


def test_mandaatlimieten_per_fonds_doelgroep_en_rol(fondsen, mensen, gemeente):
    mph, team = doelgroep(gemeente, "mph"), doelgroep(gemeente, "doorbraakteam")
    pilot, regeling = fondsen["pilot"], fondsen["regeling"]
    Fondsmandaat.objects.create(
        fonds=pilot,
        medewerker=mensen["manager2"],
        doelgroep=mph,
        rol=MandaatRol.GO,
        max_bedrag=Decimal("750.50"),
    )
    Fondsmandaat.objects.create(
        fonds=regeling, medewerker=mensen["manager2"], rol=MandaatRol.GO, max_bedrag=Decimal("9")
    )
    gevallen = [
        (mensen["manager2"], pilot, mph, MandaatRol.GO),  # general and for mph: [None, 750.50]
        (mensen["manager2"], pilot, team, MandaatRol.GO),  # general only
        (mensen["manager2"], regeling, mph, MandaatRol.GO),  # fund's + general mandate (1000)
        (mensen["manager2"], regeling, team, MandaatRol.GO),  # fund's only
        (mensen["manager"], regeling, mph, MandaatRol.GO),  # general, no limit
        (mensen["regisseur"], regeling, mph, MandaatRol.GO),  # none for this role
        (mensen["regisseur"], regeling, mph, MandaatRol.AANVRAGEN),
        (mensen["collega"], pilot, mph, MandaatRol.MEEKIJKEN),  # general mandate: not this fund
    ]
    for wie, fonds, groep, rol in gevallen:
        gelezen = mandaten.limieten(wie, fonds, groep, rol)
        assert sorted(gelezen, key=str) == sorted(_orm_limieten(wie, fonds, groep, rol), key=str)
        assert all(m is None or isinstance(m, Decimal) for m in gelezen)
    assert sorted(mandaten.limieten(mensen["manager2"], pilot, mph, MandaatRol.GO), key=str) == [
        Decimal("750.50"),
        None,
    ]
    assert sorted(mandaten.limieten(mensen["manager2"], regeling, mph, MandaatRol.GO)) == [
        Decimal("9.00"),
        Decimal("1000.00"),
    ]
    assert mandaten.limieten(mensen["regisseur"], regeling, mph, MandaatRol.GO) == []
    assert mandaten.limieten(mensen["collega"], pilot, mph, MandaatRol.MEEKIJKEN) == []


def test_de_go_leest_de_mandaten_met_de_aanvraag(fondsen, mensen, maak_aanvraag, gemeente):
    """`aanvraag_voor_besluit`: the request as `aanvraag_ophalen(lock=True)` gives it, and the
    decider's go limits as `mandaten.limieten` reads them (PostgreSQL: in the same statement;
    elsewhere None, read by the check itself), for the standard fund (general mandates too) and
    another; none outside the gemeente."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pilot, regeling = fondsen["pilot"], fondsen["regeling"]
    for fonds in (pilot, regeling):
        Fondsmandaat.objects.create(
            fonds=fonds,
            medewerker=mensen["manager2"],
            rol=MandaatRol.GO,
            max_bedrag=Decimal("750.50"),
        )
    for fonds in (pilot, regeling):
        a = maak_aanvraag(mensen["regisseur"], fonds=fonds.code)
        for wie in ("manager", "manager2", "regisseur", "collega"):
            with CaptureQueriesContext(connection) as ctx:
                gelezen, limieten, _laagste, ontvangers = selectors.aanvraag_voor_besluit(
                    medewerker=mensen[wie], aanvraag_id=a.pk
                )
            assert len(ctx.captured_queries) == 1 and ontvangers is None  # not a go
            orm = selectors.aanvraag_ophalen(medewerker=mensen[wie], aanvraag_id=a.pk)
            assert _velden(gelezen) == _velden(orm) and gelezen.fonds.pk == fonds.pk
            if connection.vendor != "postgresql":
                assert limieten is None
                continue
            verwacht = _orm_limieten(mensen[wie], fonds, a.doelgroep, MandaatRol.GO)
            assert sorted(limieten, key=str) == sorted(verwacht, key=str), (fonds.code, wie)
            eigen = mandaten.limieten(mensen[wie], fonds, a.doelgroep, MandaatRol.GO)
            assert sorted(limieten, key=str) == sorted(eigen, key=str)
            assert all(m is None or isinstance(m, Decimal) for m in limieten)
    if connection.vendor == "postgresql":  # the cases above are not all empty or all unlimited
        _a, limieten, _l, _o = selectors.aanvraag_voor_besluit(
            medewerker=mensen["manager2"], aanvraag_id=a.pk
        )
        assert Decimal("750.50") in limieten


def test_de_go_leest_de_ontvangers_van_zijn_melding_met_de_aanvraag(
    fondsen, mensen, maak_aanvraag, gemeente, andere_gemeente, maak_medewerker
):
    """`aanvraag_voor_besluit(go=True)`: the recipients of the go's notification (finance) as
    `mijntaken.ontvangers.financien` reads them (PostgreSQL: in the request's statement, the
    same medewerkers with the same fields read and the rest deferred; elsewhere None, read by
    the receiver): active ones of the request's gemeente with the role only."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from doorbraak.mijntaken import ontvangers
    from doorbraak.organisaties.models import Rol

    maak_medewerker(gemeente, Rol.FINANCIEN, Rol.MANAGER, email="geld2@example.org")
    maak_medewerker(gemeente, Rol.FINANCIEN, email="weg@example.org", is_active=False)
    maak_medewerker(gemeente, Rol.REGISSEUR, email="geen@example.org")
    maak_medewerker(andere_gemeente, Rol.FINANCIEN, email="elders@example.org")
    a = maak_aanvraag(mensen["regisseur"])
    with CaptureQueriesContext(connection) as ctx:
        gelezen = selectors.aanvraag_voor_besluit(
            medewerker=mensen["manager"], aanvraag_id=a.pk, go=True
        )
    assert len(ctx.captured_queries) == 1 and gelezen.aanvraag.pk == a.pk
    if connection.vendor != "postgresql":
        assert gelezen.ontvangers is None
        return
    eigen = sorted(ontvangers.financien(a.gemeente_id), key=lambda m: m.pk)
    zo = sorted(gelezen.ontvangers, key=lambda m: m.pk)
    assert len(eigen) == 2 and [m.pk for m in zo] == [m.pk for m in eigen]
    for m, verwacht in zip(zo, eigen, strict=True):
        assert m.get_deferred_fields() == verwacht.get_deferred_fields() != set()
        velden = ("id", "email", "gemeente_id", "rollen")
        assert {v: getattr(m, v) for v in velden} == {v: getattr(verwacht, v) for v in velden}
        assert isinstance(m.gemeente_id, uuid.UUID) and not m._state.adding
    # none at all: an empty list, not None (the receiver reads nothing again)
    type(mensen["financien"]).objects.filter(pk__in=[m.pk for m in eigen]).update(is_active=False)
    assert (
        selectors.aanvraag_voor_besluit(
            medewerker=mensen["manager"], aanvraag_id=a.pk, go=True
        ).ontvangers
        == []
    )


def test_json_rijen_weigert_velden_die_json_niet_exact_draagt():
    """A decimal (or date) would come back rounded or reformatted through JSON: refused."""
    from doorbraak import vaste_sql

    with pytest.raises(ValueError, match="bedrag"):
        vaste_sql.json_rijen(Aanvraag, "a", ("bedrag",))
    assert "json_build_array" in vaste_sql.json_rijen(Aanvraag, "a", ("status",))


def test_invoegen_en_bijwerken_schrijven_wat_de_orm_schrijft(fondsen, mensen, maak_aanvraag):
    """The timeline item's INSERT and the request's UPDATE written once: the row read back is
    the one the ORM would have written (auto_now_add set); an UPDATE that finds no row fails as
    the ORM's does; a model with a save signal still has its receiver called (created=True)."""
    from django.db import DatabaseError
    from django.db.models.signals import post_save

    from doorbraak import vaste_sql
    from doorbraak.casussen.models import TijdlijnItem
    from doorbraak.casussen.services import gebeurtenis

    a = maak_aanvraag(mensen["regisseur"])
    item = gebeurtenis(a.casus, "Iets gebeurd.", mensen["manager"])
    gelezen = TijdlijnItem.objects.get(pk=item.pk)
    assert _velden(gelezen) == _velden(item) and gelezen.op is not None
    assert gelezen.door_id == mensen["manager"].pk and not item._state.adding

    a.status, a.besluit_motivering = "beoordeeld", "Zo."
    vaste_sql.bijwerken(a, ["status", "besluit_motivering"])
    na = Aanvraag.objects.get(pk=a.pk)
    assert (na.status, na.besluit_motivering) == ("beoordeeld", "Zo.")
    assert _velden(na) == _velden(a)
    weg = Aanvraag(pk=uuid.uuid4(), status="ingediend")
    with pytest.raises(DatabaseError):
        vaste_sql.bijwerken(weg, ["status"])

    gezien = []

    def ontvanger(sender, instance, created, **kwargs):
        gezien.append((instance.pk, created))

    post_save.connect(ontvanger, sender=TijdlijnItem, dispatch_uid="test-vaste-sql")
    try:
        item = gebeurtenis(a.casus, "Met signaal.", None)
    finally:
        post_save.disconnect(sender=TijdlijnItem, dispatch_uid="test-vaste-sql")
    assert gezien == [(item.pk, True)]


def test_model_met_eigen_save_gaat_via_de_orm(monkeypatch, fondsen, mensen, maak_aanvraag):
    """A save() of the model's own (GemeenteViaOuder takes the parent's gemeente, for one) is
    never skipped by the SQL written once."""
    from doorbraak import vaste_sql

    a = maak_aanvraag(mensen["regisseur"])
    gezien = []

    def eigen_save(self, *args, **kwargs):
        gezien.append(kwargs.get("update_fields"))
        return Model.save(self, *args, **kwargs)

    monkeypatch.setattr(Aanvraag, "save", eigen_save)
    a.status = "beoordeeld"
    vaste_sql.bijwerken(a, ["status"])
    assert gezien == [["status"]]
    assert Aanvraag.objects.get(pk=a.pk).status == "beoordeeld"


def _rij(instance) -> list:
    """The row `kolommen(model, …)` reads, as the database hands it over (before converters)."""
    from django.db import connection

    from doorbraak import vaste_sql

    model = type(instance)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {vaste_sql.kolommen(model, 'x')} FROM {vaste_sql.tabel(model)} x "
            f"WHERE x.{vaste_sql.kolom(model, model._meta.pk.name)} = %s",
            [vaste_sql.param(model, model._meta.pk.name, instance.pk)],
        )
        return cursor.fetchone()


def test_instantie_zonder_init_is_die_van_from_db(fondsen, mensen, maak_aanvraag, gemeente):
    """Filled directly (no Model.__init__): the same attributes, state and behaviour as the
    ORM's `from_db`, for models with a foreign key, JSON, a file field and a decimal."""
    from django.db import connection

    from doorbraak import vaste_sql
    from doorbraak.organisaties.models import Gemeente, Medewerker

    a = maak_aanvraag(mensen["regisseur"])
    for instance in (a, mensen["regisseur"], Gemeente.objects.get(pk=gemeente.pk)):
        model = type(instance)
        assert vaste_sql._alleen_opslaan(model), model
        snel = vaste_sql.instantie(model, _rij(instance))
        orm = model.objects.get(pk=instance.pk)
        assert vars(snel).keys() == vars(orm).keys()
        assert {k: v for k, v in vars(snel).items() if k != "_state"} == {
            k: v for k, v in vars(orm).items() if k != "_state"
        }
        assert (snel._state.adding, snel._state.db) == (False, connection.alias)
        assert snel._state.fields_cache == {}
        assert snel == orm and type(snel) is model
    medewerker = vaste_sql.instantie(Medewerker, _rij(mensen["regisseur"]))
    assert medewerker.gemeente == mensen["regisseur"].gemeente  # a relation still loads
    assert medewerker.heeft_rol("regisseur") and medewerker.is_authenticated
    assert vaste_sql.instantie(Gemeente, _rij(gemeente)).logo.name == gemeente.logo.name


def test_instantie_met_init_signaal_gaat_via_from_db(fondsen, mensen):
    """A pre_init or post_init receiver (an image field's dimensions, another app's) is never
    skipped: with one connected, the instance is made by Model.__init__ as before."""
    from django.db.models.signals import post_init, pre_init

    from doorbraak import vaste_sql
    from doorbraak.organisaties.models import Medewerker

    for signaal in (pre_init, post_init):
        gezien = []

        def ontvanger(sender, gezien=gezien, **kwargs):
            gezien.append(sender)

        signaal.connect(ontvanger, dispatch_uid="test-vaste-sql-init")
        try:
            gelezen = vaste_sql.instantie(Medewerker, _rij(mensen["regisseur"]))
        finally:
            signaal.disconnect(dispatch_uid="test-vaste-sql-init")
        assert gezien == [Medewerker] and gelezen.pk == mensen["regisseur"].pk


@isolate_apps("doorbraak.budget")
def test_alleen_opslaan_herkent_wat_meer_doet():
    """A model with an __init__ or from_db of its own, or an image field, goes through from_db."""
    from django.db import models

    from doorbraak import vaste_sql

    class MetInit(models.Model):  # noqa: DJ008
        naam = models.CharField(max_length=10)

        class Meta:
            app_label = "budget"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)

    class MetFromDb(models.Model):  # noqa: DJ008
        naam = models.CharField(max_length=10)

        class Meta:
            app_label = "budget"

        @classmethod
        def from_db(cls, db, field_names, values):
            return super().from_db(db, field_names, values)

    class MetAfbeelding(models.Model):  # noqa: DJ008
        beeld = models.ImageField()

        class Meta:
            app_label = "budget"

    for model in (MetInit, MetFromDb, MetAfbeelding):
        assert not vaste_sql._alleen_opslaan(model), model


def test_invoegen_met_genummerde_sleutel_en_gemeente_van_de_ouder(fondsen, mensen, maak_aanvraag):
    """A status step (GemeenteViaOuder, a key the database numbers): the INSERT written once
    takes the gemeente from the request (the only thing its save() adds), returns the number,
    and sends the save signals as the ORM does, once, with created=True (the notifications hang
    on them). A model whose save() declares nothing still goes through that save()."""
    from django.db.models.signals import post_save, pre_save

    from doorbraak import vaste_sql
    from doorbraak.budget.models import AanvraagStap

    a = maak_aanvraag(mensen["regisseur"])
    gezien = []

    def voor(sender, instance, **kwargs):
        gezien.append(("pre", instance.pk, instance.gemeente_id, kwargs["raw"]))

    def na(sender, instance, created, **kwargs):
        gezien.append(("post", instance.pk, created, instance._state.adding))

    pre_save.connect(voor, sender=AanvraagStap, dispatch_uid="test-vaste-sql-stap")
    post_save.connect(na, sender=AanvraagStap, dispatch_uid="test-vaste-sql-stap")
    try:
        stap = vaste_sql.invoegen(
            AanvraagStap(aanvraag=a, van="concept", naar="ingediend", door=mensen["regisseur"])
        )
    finally:
        pre_save.disconnect(sender=AanvraagStap, dispatch_uid="test-vaste-sql-stap")
        post_save.disconnect(sender=AanvraagStap, dispatch_uid="test-vaste-sql-stap")
    assert isinstance(stap.pk, int) and not stap._state.adding
    assert gezien == [("pre", None, a.gemeente_id, False), ("post", stap.pk, True, False)]
    gelezen = AanvraagStap.objects.get(pk=stap.pk)
    assert _velden(gelezen) == _velden(stap) and gelezen.gemeente_id == a.gemeente_id
    assert gelezen.op is not None and gelezen.naar == "ingediend"


def test_invoegen_van_een_model_met_eigen_save_gaat_via_die_save(
    monkeypatch, fondsen, mensen, maak_aanvraag
):
    from doorbraak import vaste_sql
    from doorbraak.budget.models import AanvraagStap

    a = maak_aanvraag(mensen["regisseur"])
    gezien = []

    def eigen_save(self, *args, **kwargs):
        gezien.append(kwargs.get("force_insert"))
        self.gemeente_van_ouder_zetten()
        return Model.save(self, *args, **kwargs)

    monkeypatch.setattr(AanvraagStap, "save", eigen_save)
    stap = vaste_sql.invoegen(AanvraagStap(aanvraag=a, naar="ingediend"))
    assert gezien == [True] and AanvraagStap.objects.filter(pk=stap.pk).exists()


def test_invoegen_en_bijwerken_in_een_statement(fondsen, mensen, maak_aanvraag):
    """The step and the request's UPDATE (PostgreSQL: one statement): both rows as the ORM
    would write them, the step's save signals sent once; an UPDATE that finds no row fails as
    `bijwerken`'s does."""
    from django.db import DatabaseError, connection
    from django.db.models.signals import post_save
    from django.test.utils import CaptureQueriesContext

    from doorbraak import vaste_sql
    from doorbraak.budget.models import AanvraagStap

    a = maak_aanvraag(mensen["regisseur"])
    gezien = []

    def na(sender, instance, created, **kwargs):
        gezien.append((instance.pk, created))

    # a step nobody is notified of (the notification's own reads would be counted too)
    stap = AanvraagStap(aanvraag=a, van=a.status, naar="ingetrokken", door=mensen["regisseur"])
    a.status, a.motivering = "ingetrokken", "Samen geschreven."
    post_save.connect(na, sender=AanvraagStap, dispatch_uid="test-vaste-sql-samen")
    try:
        with CaptureQueriesContext(connection) as ctx:
            vaste_sql.invoegen_en_bijwerken(stap, a, ["status", "motivering"])
    finally:
        post_save.disconnect(sender=AanvraagStap, dispatch_uid="test-vaste-sql-samen")
    assert len(ctx.captured_queries) == (1 if connection.vendor == "postgresql" else 2)
    assert isinstance(stap.pk, int) and gezien == [(stap.pk, True)]
    assert _velden(AanvraagStap.objects.get(pk=stap.pk)) == _velden(stap)
    assert stap.gemeente_id == a.gemeente_id
    na_ = Aanvraag.objects.get(pk=a.pk)
    assert (na_.status, na_.motivering) == ("ingetrokken", "Samen geschreven.")
    weg = Aanvraag(pk=uuid.uuid4(), status="ingediend")
    with pytest.raises(DatabaseError):
        vaste_sql.invoegen_en_bijwerken(AanvraagStap(aanvraag=a, naar="x"), weg, ["status"])


def test_invoegen_en_bijwerken_met_meer_nieuwe_rijen(fondsen, mensen, maak_aanvraag):
    """`mee`: the timeline's event in the same statement as the step and the request
    (PostgreSQL; SQLite one after the other), written as the ORM writes it, its save signal sent
    after the step's; when the UPDATE finds no row, the error is the ORM's and the caller's
    transaction takes the new rows back with it."""
    from django.db import DatabaseError, connection, transaction
    from django.db.models.signals import post_save
    from django.test.utils import CaptureQueriesContext

    from doorbraak import vaste_sql
    from doorbraak.budget.models import AanvraagStap
    from doorbraak.casussen.models import TijdlijnItem
    from doorbraak.casussen.services import gebeurtenis_nog_op_te_slaan

    a = maak_aanvraag(mensen["regisseur"])
    gezien = []

    def na(sender, instance, created, **kwargs):
        gezien.append((sender.__name__, created))

    stap = AanvraagStap(aanvraag=a, van=a.status, naar="ingetrokken", door=mensen["regisseur"])
    item = gebeurtenis_nog_op_te_slaan(a.casus, "Samen met de stap.", mensen["regisseur"])
    a.status = "ingetrokken"
    post_save.connect(na, sender=AanvraagStap, dispatch_uid="test-vaste-sql-mee-1")
    post_save.connect(na, sender=TijdlijnItem, dispatch_uid="test-vaste-sql-mee-2")
    try:
        with CaptureQueriesContext(connection) as ctx:
            vaste_sql.invoegen_en_bijwerken(stap, a, ["status"], mee=[item])
    finally:
        post_save.disconnect(sender=AanvraagStap, dispatch_uid="test-vaste-sql-mee-1")
        post_save.disconnect(sender=TijdlijnItem, dispatch_uid="test-vaste-sql-mee-2")
    assert len(ctx.captured_queries) == (1 if connection.vendor == "postgresql" else 3)
    assert gezien == [("AanvraagStap", True), ("TijdlijnItem", True)]
    gelezen = TijdlijnItem.objects.get(pk=item.pk)
    assert _velden(gelezen) == _velden(item) and gelezen.op is not None
    assert not item._state.adding and gelezen.casus_id == a.casus_id
    assert Aanvraag.objects.get(pk=a.pk).status == "ingetrokken"

    weg = Aanvraag(pk=uuid.uuid4(), status="ingediend")
    los = gebeurtenis_nog_op_te_slaan(a.casus, "Niet bewaard.", mensen["regisseur"])
    with pytest.raises(DatabaseError), transaction.atomic():
        vaste_sql.invoegen_en_bijwerken(
            AanvraagStap(aanvraag=a, naar="x", door=mensen["regisseur"]), weg, ["status"], mee=[los]
        )
    assert not TijdlijnItem.objects.filter(tekst="Niet bewaard.").exists()
