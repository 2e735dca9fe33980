from django.apps import AppConfig


class CasussenConfig(AppConfig):
    name = "doorbraak.casussen"
    verbose_name = "Huishoudens en casussen"

    def ready(self) -> None:
        from doorbraak.casussen import leesmodel

        leesmodel.verbind()
