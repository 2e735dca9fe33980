import factory

from doorbraak.organisaties.models import Doelgroep, Gemeente, Medewerker, Rol
from doorbraak.organisaties.services import gemeente_inrichten


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"GM{8000 + n:04d}")
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")

    @factory.post_generation
    def inrichten(obj, create, extracted, **kwargs):
        if create:
            gemeente_inrichten(obj)


class MedewerkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medewerker
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    # Fixed staff names that no test plants as a household's identifier: a random Dutch name
    # ("Bakker", "Annabel") made the scans for leaked names fail now and then.
    first_name = factory.Iterator(["Joris", "Mirthe", "Wouter", "Femke"])
    last_name = factory.Iterator(["Verhoef", "Dekkers", "Brink", "Van Oostveen"])
    gemeente = factory.SubFactory(GemeenteFactory)
    rollen = factory.LazyFunction(lambda: [Rol.REGISSEUR])
    password = factory.django.Password("geheim-wachtwoord-123")


def doelgroep(gemeente: Gemeente, code: str = "mph") -> Doelgroep:
    return Doelgroep.objects.get(gemeente=gemeente, code=code)
