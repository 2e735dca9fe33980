from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "doorbraak.documenten"
    verbose_name = "Documenten bij een dossier"
