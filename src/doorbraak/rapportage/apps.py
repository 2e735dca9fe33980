from django.apps import AppConfig


class RapportageConfig(AppConfig):
    name = "doorbraak.rapportage"
    verbose_name = "Rapportage en verantwoording"
