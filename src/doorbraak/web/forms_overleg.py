"""Forms of the casusoverleg pages (tables, meetings, decisions, grounds, escalation). As in
`forms.py`: the shape of the input here, the rules in `overleg.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.casussen.models import Urgentie
from doorbraak.overleg.models import Categorie, GrondslagSoort
from doorbraak.web.forms import TEKSTVAK, DatumInvoer, UtrechtFormMixin


class BijeenkomstForm(UtrechtFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DatumInvoer())
    aanvang = forms.TimeField(
        label=_("Aanvang"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    locatie = forms.CharField(label=_("Locatie"), max_length=160, required=False)


class AgenderenForm(UtrechtFormMixin, forms.Form):
    bijeenkomst = forms.ChoiceField(label=_("Bijeenkomst"))
    vraag = forms.CharField(
        label=_("Vraag aan de tafel"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat vraagt u van de tafel? Bijvoorbeeld: wie kan de huurschuld overnemen?"),
    )

    def __init__(self, *args, bijeenkomsten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bijeenkomst"].choices = [
            (str(b.pk), f"{b.overleg.naam} — {b.datum:%d-%m-%Y}") for b in bijeenkomsten
        ]


class GrondslagForm(UtrechtFormMixin, forms.Form):
    soort = forms.ChoiceField(label=_("Grondslag"), choices=GrondslagSoort.choices)
    toestemming_datum = forms.DateField(
        label=_("Datum van de toestemming"), required=False, widget=DatumInvoer()
    )
    reikwijdte = forms.CharField(
        label=_("Reikwijdte van de toestemming"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waarvoor en met welke tafel of partners mag gedeeld worden."),
    )
    wettelijke_grondslag = forms.CharField(
        label=_("Wettelijke grondslag"),
        required=False,
        max_length=240,
        help_text=_("Wet en artikel, bijvoorbeeld Wmo 2015 art. 5.2.1."),
    )
    overleg = forms.ChoiceField(label=_("Voor overleg"), required=False)
    organisatie = forms.CharField(
        label=_("Voor partnerorganisatie"),
        required=False,
        max_length=160,
        help_text=_("Leeg: alle partners aan de tafel. Anders precies zoals aan de tafel vermeld."),
    )
    categorieen = forms.MultipleChoiceField(
        label=_("Wat mag gedeeld worden"),
        choices=Categorie.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Gezondheid en veiligheid alleen met uitdrukkelijke toestemming van de betrokkene "
            "zelf of een wettelijke grondslag met artikel."
        ),
    )
    toestemming_van = forms.CharField(
        label=_("Toestemming gegeven door"),
        required=False,
        max_length=160,
        help_text=_("De betrokkene zelf, bij gezondheid of veiligheid."),
    )

    def __init__(self, *args, overleggen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overleg"].choices = [("", _("Alle overleggen"))] + [
            (str(o.pk), o.naam) for o in overleggen
        ]


class BriefdelenForm(UtrechtFormMixin, forms.Form):
    """Per category what one partner organisation gets to read (empty: nothing)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for waarde, label in Categorie.choices:
            self.fields[waarde] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


class EscalatieForm(UtrechtFormMixin, forms.Form):
    naar_overleg = forms.ChoiceField(label=_("Naar overleg"))
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))
    urgentie = forms.ChoiceField(label=_("Urgentie"), choices=Urgentie.choices)

    def __init__(self, *args, overleggen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar_overleg"].choices = [(str(o.pk), o.naam) for o in overleggen]


class AfschalenForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden van afschalen"), widget=forms.Textarea(attrs={"rows": 2})
    )


class BesluitForm(UtrechtFormMixin, forms.Form):
    conclusie = forms.CharField(
        label=_("Conclusie van de tafel"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt op de tijdlijn van de casus."),
    )


class AfspraakForm(UtrechtFormMixin, forms.Form):
    wat = forms.CharField(label=_("Wat"), max_length=2000)
    wie = forms.CharField(label=_("Wie"), max_length=160)
    deadline = forms.DateField(label=_("Uiterlijk"), required=False, widget=DatumInvoer())


AfsprakenFormSet = forms.formset_factory(AfspraakForm, extra=3, max_num=10)


class VerslagForm(UtrechtFormMixin, forms.Form):
    verslag = forms.CharField(
        label=_("Verslag"), widget=forms.Textarea(attrs={**TEKSTVAK, "rows": 16})
    )


class AanwezigenForm(UtrechtFormMixin, forms.Form):
    aanwezigen = forms.MultipleChoiceField(
        label=_("Aanwezig"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, leden=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezigen"].choices = [(str(m.pk), naam) for m, naam in leden]


class OverlegForm(UtrechtFormMixin, forms.Form):
    naam = forms.CharField(label=_("Naam van het overleg"), max_length=160)
    soort = forms.ChoiceField(label=_("Soort"))
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), required=False)
    voorzitter = forms.ChoiceField(label=_("Voorzitter"), required=False)
    ritme = forms.CharField(
        label=_("Ritme"), max_length=120, required=False, help_text=_("Bijv. wekelijks op dinsdag.")
    )
    venster_dagen_voor = forms.IntegerField(
        label=_("Dagen vóór de bijeenkomst dat partners de casusbrief zien"), initial=7
    )
    venster_dagen_na = forms.IntegerField(
        label=_("Dagen ná de bijeenkomst dat partners de casusbrief nog zien"), initial=7
    )

    def __init__(self, *args, soorten, doelgroepen, medewerkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = soorten
        self.fields["doelgroep"].choices = [("", "—"), *((d.code, d.naam) for d in doelgroepen)]
        self.fields["voorzitter"].choices = [("", "—"), *((str(m.pk), m.naam) for m in medewerkers)]


class LidForm(UtrechtFormMixin, forms.Form):
    medewerker = forms.ChoiceField(label=_("Medewerker"))
    organisatie = forms.CharField(label=_("Organisatie"), max_length=160)
    domein = forms.CharField(label=_("Domein"), max_length=120, required=False)

    def __init__(self, *args, medewerkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].choices = [("", "—"), *((str(m.pk), m.naam) for m in medewerkers)]
