from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "doorbraak.audit"
    verbose_name = "Verwerkingenlogboek"
