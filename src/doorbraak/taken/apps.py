from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TakenConfig(AppConfig):
    name = "doorbraak.taken"
    verbose_name = "Achtergrondtaken"

    def ready(self) -> None:
        from doorbraak.taken import signalen

        post_migrate.connect(signalen.na_migratie, dispatch_uid="doorbraak-taken-plannen")
        signalen.verbind_wachtrij()
