from django.apps import AppConfig


class RegelsConfig(AppConfig):
    name = "doorbraak.regels"
    verbose_name = "Regels en voorliggend-check"
