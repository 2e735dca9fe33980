from django.apps import AppConfig


class ReplicaConfig(AppConfig):
    name = "doorbraak.replica"
    verbose_name = "Leesreplica"
    default_auto_field = "django.db.models.BigAutoField"
