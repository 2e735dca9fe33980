"""API tokens (knox) end with the credentials they were issued on: a password change or a
deactivation revokes every token of that medewerker."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from knox.models import AuthToken

from doorbraak.organisaties.models import Medewerker


@receiver(pre_save, sender=Medewerker, dispatch_uid="tokens_intrekken_voor")
def _onthoud_wat_verandert(
    sender, instance: Medewerker, raw=False, update_fields=None, **kwargs
) -> None:
    instance._tokens_intrekken = False
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. last_login at every login: no extra query
    oud = Medewerker.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if oud is None:
        return
    instance._tokens_intrekken = oud["password"] != instance.password or (
        oud["is_active"] and not instance.is_active
    )


@receiver(post_save, sender=Medewerker, dispatch_uid="tokens_intrekken")
def _tokens_intrekken(sender, instance: Medewerker, created=False, **kwargs) -> None:
    if getattr(instance, "_tokens_intrekken", False):
        AuthToken.objects.filter(user=instance).delete()
        instance._tokens_intrekken = False
