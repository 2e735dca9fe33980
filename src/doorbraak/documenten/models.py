"""Documents on a case file: the invoice, the letter, the signed consent.

The file itself is stored outside the web root and outside MEDIA_ROOT, under
`settings.DOCUMENTEN_MAP` (`opslag`); only the authorised download view hands it out, and every
download is logged. Partners at a table never see documents (docs/documenten.md): a letter or an
invoice cannot be masked like a case brief, so sharing one would bypass the need-to-know grounds.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.casussen.models import Casus
from doorbraak.organisaties.models import Gemeente


class DocumentSoort(models.TextChoices):
    FACTUUR = "factuur", _("Factuur of rekening")
    BRIEF = "brief", _("Brief (bijv. van een schuldeiser, netbeheerder of instantie)")
    TOESTEMMING = "toestemming", _("Ondertekende toestemming")
    BESCHIKKING = "beschikking", _("Beschikking of besluit")
    OVEREENKOMST = "overeenkomst", _("Overeenkomst of betalingsregeling")
    OVERIG = "overig", _("Overig")


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="documenten")
    soort = models.CharField(max_length=20, choices=DocumentSoort.choices)
    titel = models.CharField(max_length=200)
    bestandsnaam = models.CharField(max_length=200, help_text="De naam van het geüploade bestand.")
    mediatype = models.CharField(max_length=100, help_text="Vastgesteld uit de inhoud.")
    grootte = models.PositiveIntegerField(help_text="In bytes.")
    sha256 = models.CharField(max_length=64)
    opslagnaam = models.CharField(
        max_length=120, unique=True, editable=False, help_text="Pad onder DOCUMENTEN_MAP."
    )
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    toegevoegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documenten"
        ordering = ["-toegevoegd_op"]
        indexes = [models.Index(fields=["gemeente", "casus"], name="document_gemeente_casus")]

    def __str__(self) -> str:
        return self.titel
