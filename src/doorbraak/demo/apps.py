from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "doorbraak.demo"
    verbose_name = "Demo (orkestratie van de demogegevens)"
