from django.apps import AppConfig


class ReplicaConfig(AppConfig):
    """The database side of running: the replica's routing and lag, and the connections'
    health check (config.verbindingen)."""

    name = "doorbraak.replica"
    verbose_name = "Leesreplica"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from doorbraak.config import verbindingen

        # after django.db's close_old_connections (connected at import): in the other order the
        # check simply runs as before
        request_started.connect(verbindingen.voor_verzoek, dispatch_uid="verbindingen.voor")
        request_finished.connect(verbindingen.na_verzoek, dispatch_uid="verbindingen.na")
