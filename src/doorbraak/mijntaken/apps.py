from django.apps import AppConfig


class MijnTakenConfig(AppConfig):
    name = "doorbraak.mijntaken"
    verbose_name = "Mijn taken en meldingen"

    def ready(self) -> None:
        from doorbraak.mijntaken import signalen

        signalen.verbind()
