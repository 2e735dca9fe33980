from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "doorbraak.organisaties"
    verbose_name = "Organisaties"
