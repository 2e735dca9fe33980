"""The mail jobs of the background queue: one melding mailed directly, the daily overview, and
the daily scan for actions that passed their deadline. Every job is idempotent: a melding is
mailed once (its `verzonden_op` is set in the transaction that sends it), a second run of the
overview finds nothing new.

The mail holds no personal data: a neutral sentence and a link to where the task is done.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doorbraak.casussen.models import Actie
from doorbraak.casussen.status import CasusStatus
from doorbraak.mijntaken import services
from doorbraak.mijntaken.models import Frequentie, Melding, MeldingSoort

ONDERWERP = "Doorbraak: er wacht een taak op u"
BEWAARDAGEN = 90  # a mailed melding is removed after this many days
VERLOPEN_TERUGKIJKEN = 7  # actions whose deadline passed in the last this many days


def _url(pad: str) -> str:
    return settings.BASIS_URL.rstrip("/") + pad


def _voet() -> str:
    return _(
        "Deze e-mail bevat bewust geen gegevens over huishoudens; log in om de taak te zien.\n"
        "Hoe u meldingen ontvangt, kiest u hier: {url}"
    ).format(url=_url(reverse("meldingen")))


def tekst(melding: Melding) -> str:
    """The whole body: the neutral sentence of its kind and the link."""
    zin = MeldingSoort(melding.soort).label
    return f"{zin}.\n\n{_('Bekijk het in Doorbraak')}: {_url(melding.pad)}\n\n{_voet()}\n"


def verstuur_melding(melding_id: str) -> dict:
    """Mail one melding, once. An SMTP error rolls back and the queue tries again later."""
    with transaction.atomic():
        melding = (
            Melding.objects.select_for_update(no_key=True, of=("self",))
            .select_related("ontvanger")
            .filter(pk=melding_id, verzonden_op__isnull=True)
            .first()
        )
        if melding is None:
            return {"verzonden": 0}
        keuze = services.frequenties([melding.ontvanger])[melding.ontvanger_id]
        if keuze != Frequentie.DIRECT or not melding.ontvanger.email:
            return {"verzonden": 0}  # changed its mind: the overview (or nothing) takes it
        send_mail(ONDERWERP, tekst(melding), None, [melding.ontvanger.email])
        melding.verzonden_op = timezone.now()
        melding.save(update_fields=["verzonden_op"])
        return {"verzonden": 1}


def overzicht_tekst(aantal: int) -> str:
    zin = ngettext(
        "Er is sinds het vorige overzicht {n} taak bij u binnengekomen.",
        "Er zijn sinds het vorige overzicht {n} taken bij u binnengekomen.",
        aantal,
    ).format(n=aantal)
    return f"{zin}\n\n{_('Mijn taken')}: {_url(reverse('mijn-taken'))}\n\n{_voet()}\n"


def dagelijks_overzicht() -> dict:
    """One mail per medewerker who chose the daily overview and has new meldingen."""
    wachtend = Melding.objects.filter(
        verzonden_op__isnull=True, ontvanger__meldingsvoorkeur__frequentie=Frequentie.DAGELIJKS
    )
    verzonden = 0
    for ontvanger_id in set(wachtend.values_list("ontvanger_id", flat=True)):
        with transaction.atomic():
            meldingen = list(
                wachtend.filter(ontvanger_id=ontvanger_id)
                .select_for_update(no_key=True, of=("self",))
                .select_related("ontvanger")
            )
            if not meldingen or not meldingen[0].ontvanger.email:
                continue
            send_mail(
                "Doorbraak: uw dagelijkse overzicht",
                overzicht_tekst(len(meldingen)),
                None,
                [meldingen[0].ontvanger.email],
            )
            Melding.objects.filter(pk__in=[m.pk for m in meldingen]).update(
                verzonden_op=timezone.now()
            )
            verzonden += 1
    return {"overzichten": verzonden}


def verlopen_acties_melden(vandaag=None) -> dict:
    """A melding to the regisseur for each open case's action whose deadline passed lately."""
    vandaag = vandaag or timezone.localdate()
    acties = (
        Actie.objects.filter(
            gereed=False,
            deadline__lt=vandaag,
            deadline__gte=vandaag - timedelta(days=VERLOPEN_TERUGKIJKEN),
            plan__casus__regisseur__isnull=False,
        )
        .exclude(plan__casus__status=CasusStatus.AFGESLOTEN)
        .select_related("plan__casus__regisseur")
    )
    gemeld = 0
    for actie in acties:
        casus = actie.plan.casus
        gemeld += len(
            services.meld(
                ontvangers=[casus.regisseur],
                soort=MeldingSoort.ACTIE_VERLOPEN,
                gebeurtenis=f"actie_verlopen:{actie.pk}:{actie.deadline:%Y%m%d}",
                pad=reverse("dossier", args=[casus.pk]),
            )
        )
    return {"gemeld": gemeld}


def opruimen() -> dict:
    grens = timezone.now() - timedelta(days=BEWAARDAGEN)
    weg, _n = Melding.objects.filter(
        Q(verzonden_op__lt=grens) | Q(verzonden_op__isnull=True, aangemaakt_op__lt=grens)
    ).delete()
    return {"verwijderd": weg}


def dagelijks() -> dict:
    """The periodic job (taken/register.py): overdue actions first, then the overview."""
    return {**verlopen_acties_melden(), **dagelijks_overzicht(), **opruimen()}
