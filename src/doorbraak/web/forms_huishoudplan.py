"""Forms of the household's own plan, documents, the meldcode and a partner's afspraak (issue
17). The shape of the input here; the rules in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.casussen.models import MeldcodeBesluit
from doorbraak.documenten import opslag
from doorbraak.documenten.models import DocumentSoort
from doorbraak.web.forms import TEKSTVAK, UtrechtFormMixin


class EigenPlanForm(UtrechtFormMixin, forms.Form):
    eigen_woorden = forms.CharField(
        label=_("In hun eigen woorden: wat wil het huishouden?"),
        help_text=_("Schrijf op wat zij zelf zeggen, zo letterlijk mogelijk."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEKSTVAK),
    )
    krachten = forms.CharField(
        label=_("Krachten: wat lukt al, waar is het huishouden goed in?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEKSTVAK),
    )


class NetwerklidForm(UtrechtFormMixin, forms.Form):
    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    naam = forms.CharField(label=_("Naam"), max_length=160)
    rol = forms.CharField(
        label=_("Wie is dit voor het huishouden?"),
        max_length=160,
        help_text=_("Bijv. oma, buurman, vriendin, maatje."),
    )
    bijdrage = forms.CharField(
        label=_("Wat doet deze persoon?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


NetwerkFormSet = forms.formset_factory(NetwerklidForm, extra=0, can_delete=True, max_num=50)


class DocumentForm(UtrechtFormMixin, forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort document"), choices=[("", _("Kies…")), *DocumentSoort.choices]
    )
    titel = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Bijv. 'Afsluitbrief Enexis, 3 november' of 'Toestemming gezin, getekend'."),
    )
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, JPG, PNG of Word (.docx), hoogstens %(mb)s MB."),
        widget=forms.ClearableFileInput(attrs={"accept": opslag.ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.fields["bestand"].help_text = self.fields["bestand"].help_text % {
            "mb": settings.DOCUMENT_MAX_MB
        }
        self.fields["bestand"].error_messages["required"] = _("Kies het bestand dat u toevoegt.")
        self.fields["bestand"].error_messages["empty"] = _(
            "Het bestand is leeg. Kies een ander bestand."
        )

    def clean_bestand(self):
        """The size is checked before the content is read (the service checks it again)."""
        from doorbraak.fouten import Validatiefout

        bestand = self.cleaned_data["bestand"]
        try:
            opslag.vereis_grootte(bestand.size)
        except Validatiefout as fout:
            raise forms.ValidationError(fout.melding) from None
        return bestand


class MeldcodeForm(UtrechtFormMixin, forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit na de vijf stappen"),
        choices=MeldcodeBesluit.choices,
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Met wie overlegde u, wat woog u, wat is er afgesproken?"),
        max_length=5000,
        widget=forms.Textarea(attrs=TEKSTVAK),
    )


class AfspraakGereedForm(UtrechtFormMixin, forms.Form):
    toelichting = forms.CharField(
        label=_("Wat is er gedaan?"),
        help_text=_("Kort, bijv. 'Huurachterstand bevroren tot 1 maart.'"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
