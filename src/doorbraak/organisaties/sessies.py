"""Every page reads the signed-in medewerker from the session, and nearly every page then its
gemeente (scope, huisstijl): both in one query."""

from django.contrib.auth.backends import ModelBackend

from doorbraak.organisaties.models import Medewerker


def medewerker_met_gemeente(user_id) -> Medewerker | None:
    try:
        return Medewerker._default_manager.select_related("gemeente").get(pk=user_id)
    except (Medewerker.DoesNotExist, ValueError, TypeError):
        return None


class SessieBackend(ModelBackend):
    """Django's ModelBackend (username and password), loading the gemeente with the user."""

    def get_user(self, user_id):
        gebruiker = medewerker_met_gemeente(user_id)
        if gebruiker is None or not self.user_can_authenticate(gebruiker):
            return None
        return gebruiker
