"""Factories for bulk data in tests; behaviour tests go through the services instead."""

import datetime
from decimal import Decimal

import factory

from doorbraak.casussen.models import (
    Actie,
    Casus,
    Doorbraakplan,
    Gezinslid,
    Huishouden,
    Hulpverlener,
    Knelpunt,
)
from doorbraak.organisaties.models import Doelgroep, Rol


class HuishoudenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Huishouden

    naam = factory.Faker("last_name", locale="nl_NL")
    postcode = "5701 AB"


class GezinslidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gezinslid

    huishouden = factory.SubFactory(HuishoudenFactory)
    gemeente = factory.SelfAttribute("huishouden.gemeente")
    voornaam = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.SelfAttribute("huishouden.naam")
    geboortedatum = datetime.date(1985, 3, 14)
    rol = "ouder"


class CasusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Casus
        skip_postgeneration_save = True

    huishouden = factory.SubFactory(HuishoudenFactory)
    gemeente = factory.SelfAttribute("huishouden.gemeente")
    doelgroep = factory.LazyAttribute(
        lambda o: Doelgroep.objects.get(gemeente=o.gemeente, code="mph")
    )
    aanleiding = "Dreigende huisuitzetting en schulden"
    urgentie = "hoog"

    @factory.post_generation
    def volledig(obj, create, extracted, **kwargs):
        """A realistic case file: members, a plan with knelpunten and acties, helpers."""
        if not create:
            return
        GezinslidFactory.create_batch(2, huishouden=obj.huishouden)
        plan = Doorbraakplan.objects.create(
            casus=obj,
            gemeente=obj.gemeente,
            situatie="Situatie",
            perspectief="Perspectief",
            doorbraak="Schuld bij de corporatie overnemen",
        )
        Knelpunt.objects.create(
            plan=plan,
            gemeente=obj.gemeente,
            omschrijving="Geen bijzondere bijstand voor schulden",
            soort="wet_regelgeving",
            regeling="PW",
            artikel="13 lid 1 onder g",
        )
        Actie.objects.create(
            plan=plan, gemeente=obj.gemeente, omschrijving="Bellen", eigenaar="Regisseur"
        )
        for i in range(3):
            Hulpverlener.objects.create(
                casus=obj,
                gemeente=obj.gemeente,
                organisatie=f"Organisatie {i}",
                rol="Begeleider",
                geschatte_jaarkosten=Decimal("1250.50"),
            )


def medewerkers_van_elke_soort(maak_medewerker, gemeente, andere_gemeente, team) -> list:
    """Every kind of medewerker the scope of cases tells apart (`selectors._casussen`), in this
    order: a manager without a team and one with `team`, a regisseur with `team` and one without,
    a collega with `team`, and a manager of `andere_gemeente`."""
    return [
        maak_medewerker(gemeente, Rol.MANAGER, username="manager-zonder-team"),
        maak_medewerker(gemeente, Rol.MANAGER, username="manager-team", team=team),
        maak_medewerker(gemeente, Rol.REGISSEUR, username="regisseur-team", team=team),
        maak_medewerker(gemeente, Rol.REGISSEUR, username="regisseur-zonder-team"),
        maak_medewerker(gemeente, Rol.COLLEGA, username="collega-team", team=team),
        maak_medewerker(andere_gemeente, Rol.MANAGER, username="manager-elders"),
    ]
