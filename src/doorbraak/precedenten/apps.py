from django.apps import AppConfig


class PrecedentenConfig(AppConfig):
    name = "doorbraak.precedenten"
    verbose_name = "Precedenten (eerdere doorbraken)"
