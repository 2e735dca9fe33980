from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "doorbraak.overleg"
    verbose_name = "Casusoverleg en escalatie"
