"""Every page reads the session and then the signed-in medewerker with its gemeente (scope,
huisstijl). Both reads are fixed SQL written once per process (`doorbraak.vaste_sql`): before,
compiling these two ORM queries was about a third of the CPU a small signed-in page cost
(issue 19). What is read, and what is refused, is what Django's own code reads and refuses;
`django.contrib.auth.get_user` still checks the session's auth hash on the medewerker read
here, so a password change still ends every other session."""

import logging
from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore as DbSessionStore
from django.core.exceptions import SuspiciousOperation
from django.db import DEFAULT_DB_ALIAS, router
from django.db.models import Model
from django.utils import timezone

from doorbraak import vaste_sql
from doorbraak.organisaties.models import Gemeente, Medewerker


@cache
def _medewerker_sql() -> str:
    return (
        f"SELECT {vaste_sql.kolommen(Medewerker, 'm')}, {vaste_sql.kolommen(Gemeente, 'g')} "  # noqa: S608
        f"FROM {vaste_sql.tabel(Medewerker)} m "
        f"LEFT JOIN {vaste_sql.tabel(Gemeente)} g ON g.{vaste_sql.kolom(Gemeente, 'id')} "
        f"= m.{vaste_sql.kolom(Medewerker, 'gemeente')} "
        f"WHERE m.{vaste_sql.kolom(Medewerker, 'id')} = %s"
    )


def medewerker_met_gemeente(user_id: object) -> Medewerker | None:
    """`Medewerker._default_manager.select_related("gemeente").get(pk=user_id)`, or None: the
    same instance, its gemeente cached on it. The ORM reads it where a router sends the read
    elsewhere than the primary (the user is read before the replica router marks a request,
    so in practice never)."""
    if router.db_for_read(Medewerker) != DEFAULT_DB_ALIAS:
        try:
            return Medewerker._default_manager.select_related("gemeente").get(pk=user_id)
        except (Medewerker.DoesNotExist, ValueError, TypeError):
            return None
    rij = vaste_sql.rij_op_sleutel(Medewerker, _medewerker_sql(), "id", user_id)
    if rij is None:
        return None
    m = vaste_sql.aantal(Medewerker)
    gebruiker = vaste_sql.instantie(Medewerker, rij[:m])
    gemeente = vaste_sql.instantie(Gemeente, rij[m:]) if gebruiker.gemeente_id is not None else None
    gebruiker._state.fields_cache["gemeente"] = gemeente
    return gebruiker


class SessieBackend(ModelBackend):
    """Django's ModelBackend (username and password), loading the gemeente with the user."""

    def get_user(self, user_id):
        gebruiker = medewerker_met_gemeente(user_id)
        if gebruiker is None or not self.user_can_authenticate(gebruiker):
            return None
        return gebruiker


@cache
def _sessie_sql(model: type[Model]) -> str:
    return (
        f"SELECT {vaste_sql.kolommen(model, 's')} FROM {vaste_sql.tabel(model)} s "  # noqa: S608
        f"WHERE s.{vaste_sql.kolom(model, 'expire_date')} > %s "
        f"AND s.{vaste_sql.kolom(model, 'session_key')} = %s"
    )


class SessionStore(DbSessionStore):
    """Django's database session store (SESSION_ENGINE), reading the session row with fixed SQL.
    Only that read differs: an expired or unknown session is not loaded (and its key dropped),
    the data is decoded by Django (a corrupted or tampered session is an empty one), and saving,
    cycling and flushing are Django's."""

    def _get_session_from_db(self) -> Model | None:
        if router.db_for_read(self.model) != DEFAULT_DB_ALIAS:
            return super()._get_session_from_db()
        try:
            waarden = [
                vaste_sql.param(self.model, "expire_date", timezone.now()),
                vaste_sql.param(self.model, "session_key", self.session_key),
            ]
            with vaste_sql.db().cursor() as cursor:
                cursor.execute(_sessie_sql(self.model), waarden)
                rij = cursor.fetchone()
            if rij is None:
                raise self.model.DoesNotExist
            return vaste_sql.instantie(self.model, rij)
        except (self.model.DoesNotExist, SuspiciousOperation) as e:
            # as Django's own _get_session_from_db
            if isinstance(e, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{e.__class__.__name__}")
                logger.warning(str(e))
            self._session_key = None
