from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "doorbraak.budget"
    verbose_name = "Doorbraakbudget (fondsen, aanvragen, grootboek)"

    def ready(self) -> None:
        from doorbraak.budget import services
        from doorbraak.organisaties.models import WijzigingSoort
        from doorbraak.organisaties.services import wijzigingssoort_registreren

        wijzigingssoort_registreren(
            WijzigingSoort.FONDSROUTE,
            lambda *, gemeente_id, object_id, gegevens, opslaan: services.fondsroute_toepassen(
                gemeente_id=gemeente_id, fonds_id=object_id, gegevens=gegevens, opslaan=opslaan
            ),
        )
        wijzigingssoort_registreren(
            WijzigingSoort.FONDSMANDAAT,
            lambda *, gemeente_id, object_id, gegevens, opslaan: services.fondsmandaat_toepassen(
                gemeente_id=gemeente_id, gegevens=gegevens, opslaan=opslaan
            ),
        )
