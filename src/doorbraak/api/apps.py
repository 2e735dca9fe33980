from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "doorbraak.api"
    verbose_name = "API"
