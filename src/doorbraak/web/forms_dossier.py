"""Forms for editing the dossier (issue 17): the household's details, a new member, urgency and
aanleiding, the regie hand-over, a contact moment. They check the shape of the input; the rules
are in `casussen.services`, whose errors come back beside the field they name."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak import invoer
from doorbraak.casussen.models import ContactSoort, Urgentie
from doorbraak.web.forms import DatumInvoer, UtrechtFormMixin

TEKSTVAK = {"rows": 4}


class HuishoudenWijzigForm(UtrechtFormMixin, forms.Form):
    naam = forms.CharField(
        label=_("Naam van het huishouden"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Gezin El Idrissi."),
    )
    straat = forms.CharField(label=_("Straat"), max_length=120, required=False)
    huisnummer = forms.CharField(
        label=_("Huisnummer"),
        max_length=12,
        required=False,
        help_text=_("Met toevoeging, bijv. 12a."),
    )
    postcode = forms.CharField(
        label=_("Postcode"), max_length=7, required=False, help_text=_("Bijvoorbeeld: 5701 AB.")
    )
    woonplaats = forms.CharField(label=_("Woonplaats"), max_length=80, required=False)
    telefoon = forms.CharField(
        label=_("Telefoon"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("E-mailadres"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "off"}),
    )


class CasusWijzigForm(UtrechtFormMixin, forms.Form):
    urgentie = forms.ChoiceField(label=_("Urgentie"), choices=Urgentie.choices)
    aanleiding = forms.CharField(
        label=_("Aanleiding"),
        max_length=invoer.MAX_TEKST,
        error_messages={"max_length": invoer.te_lange_tekst()},
        widget=forms.Textarea(attrs=TEKSTVAK),
        help_text=_("Wat is er aan de hand, en waarom lukt het niet met de gewone hulp?"),
    )


class OverdrachtForm(UtrechtFormMixin, forms.Form):
    regisseur = forms.TypedChoiceField(label=_("Nieuwe regisseur"), coerce=int, choices=())
    reden = forms.CharField(
        label=_("Reden van de overdracht"),
        max_length=1000,
        widget=forms.Textarea(attrs=TEKSTVAK),
        help_text=_("Staat op de tijdlijn; de nieuwe regisseur krijgt een melding."),
    )

    def __init__(self, *args, regisseurs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].choices = [
            ("", _("Kies een regisseur")),
            *((m.pk, m.naam) for m in regisseurs),
        ]


class ContactmomentForm(UtrechtFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DatumInvoer())
    soort = forms.ChoiceField(
        label=_("Soort contact"), choices=[("", _("Kies een soort")), *ContactSoort.choices]
    )
    met_wie = forms.CharField(
        label=_("Met wie"),
        max_length=160,
        help_text=_("Bijvoorbeeld: moeder, de school, de woningcorporatie."),
    )
    notitie = forms.CharField(
        label=_("Korte notitie"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Feitelijk en kort; geen gezondheidsgegevens die niet nodig zijn."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)
