from django.apps import AppConfig


class MkbaConfig(AppConfig):
    name = "doorbraak.mkba"
    verbose_name = "Kosten en baten (MKBA)"
