from django.conf import settings
from django.db import models


class Schrijfpositie(models.Model):
    """Where in the primary's WAL a medewerker's last write ended (read-your-writes).

    Kept on the primary (never routed to the replica); a medewerker's reads go to the replica
    only once it has replayed up to here. Infrastructure, no personal data beyond the user id.
    """

    medewerker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    lsn = models.BigIntegerField(help_text="pg_current_wal_insert_lsn() - '0/0' na de schrijfactie")
    tijdstip = models.DateTimeField()

    class Meta:
        verbose_name = "schrijfpositie"
        verbose_name_plural = "schrijfposities"

    def __str__(self) -> str:
        return f"{self.medewerker_id} @ {self.lsn}"
