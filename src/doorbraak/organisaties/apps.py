from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "doorbraak.organisaties"
    verbose_name = "Organisaties"

    def ready(self) -> None:
        from doorbraak.organisaties import signalen  # noqa: F401  (connects the receivers)
