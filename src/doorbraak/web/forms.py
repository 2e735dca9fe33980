"""Forms of the professionals' UI. They check the shape of the input and show every error beside
its field at once; the business rules stay in the services, whose errors are mapped back onto
the field they name (see `fouten.py`).
"""

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doorbraak import bsn as bsn_bescherming
from doorbraak import invoer, opmaak
from doorbraak.casussen.models import GezinslidRol, KnelpuntSoort, Urgentie
from doorbraak.casussen.status import CasusStatus
from doorbraak.fouten import Validatiefout

TEKSTVAK = {"class": "utrecht-textarea", "rows": 4}


class DatumInvoer(forms.DateInput):
    """The browser's date picker; its value is always ISO 8601, whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def behouden(formset: forms.BaseFormSet) -> list[forms.Form]:
    """The rows a user keeps, in order: not marked for deletion, and filled in or already stored.
    Services number rows in this order, so their errors map back by index (`op_formulier`)."""
    return [
        f
        for f in formset.forms
        if not formset._should_delete_form(f) and (f.has_changed() or f.initial)
    ]


class UtrechtFormMixin:
    """Give every widget its NL Design System class (errors are marked at render, `velden.py`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            widget = veld.widget
            klasse = {
                forms.Textarea: "utrecht-textarea",
                forms.Select: "utrecht-select",
                forms.RadioSelect: "utrecht-radio-button",
                forms.CheckboxInput: "utrecht-checkbox",
            }.get(type(widget), "utrecht-textbox")
            widget.attrs.setdefault("class", klasse)
            _instructief(veld)


def _standaardmeldingen(veld: forms.Field) -> dict:
    meldingen: dict = {}
    for klasse in reversed(type(veld).__mro__):
        meldingen.update(getattr(klasse, "default_error_messages", {}))
    return meldingen


def _instructief(veld: forms.Field) -> None:
    """Django's generic messages ("Dit veld is vereist.", "Zorg ervoor dat deze waarde minstens 0
    is.") as instructions beside the field, in the style of the NL Design System: say what to do,
    with Dutch numbers. A message a form sets itself is left alone."""
    meldingen, standaard = veld.error_messages, _standaardmeldingen(veld)

    def zet(sleutel: str, tekst: str) -> None:
        if sleutel not in meldingen or meldingen[sleutel] is standaard.get(sleutel):
            meldingen[sleutel] = tekst

    if isinstance(veld, forms.MultipleChoiceField):
        zet("required", gettext("Kies er minstens één."))
        zet("invalid_choice", gettext("Kies uit de mogelijkheden in de lijst."))
    elif isinstance(veld, forms.ChoiceField | forms.ModelChoiceField):
        zet("required", gettext("Kies een van de mogelijkheden."))
        zet("invalid_choice", gettext("Kies een van de mogelijkheden in de lijst."))
    elif isinstance(veld, forms.BooleanField):
        zet("required", gettext("Vink dit aan om verder te gaan."))
    elif isinstance(veld, forms.DateField):
        zet("required", gettext("Vul een datum in."))
        zet("invalid", gettext("Vul een bestaande datum in, bijvoorbeeld 28-11-2026."))
    elif isinstance(veld, BedragVeld):
        zet("required", gettext("Vul een bedrag in, bijvoorbeeld 1.250,00."))
        zet("invalid", gettext("Vul een bedrag in cijfers in, bijvoorbeeld 1.250,00."))
    elif isinstance(veld, forms.IntegerField):
        zet("required", gettext("Vul een getal in."))
        zet("invalid", gettext("Vul een heel getal in, zonder komma."))
    elif isinstance(veld, forms.DecimalField | forms.FloatField):
        zet("required", gettext("Vul een getal in."))
        zet("invalid", gettext("Vul een getal in."))
    elif isinstance(veld, forms.FileField):
        zet("required", gettext("Kies een bestand."))
    else:
        zet("required", gettext("Vul dit veld in."))
    if getattr(veld, "min_value", None) is not None:
        zet(
            "min_value", gettext("Vul een getal in van minstens %s.") % opmaak.getal(veld.min_value)
        )
    if getattr(veld, "max_value", None) is not None:
        zet(
            "max_value",
            gettext("Vul een getal in van hoogstens %s.") % opmaak.getal(veld.max_value),
        )
    if getattr(veld, "max_length", None) is not None:
        zet(
            "max_length",
            gettext("Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        )
    if isinstance(veld, forms.DecimalField):
        zet("max_decimal_places", gettext("Gebruik hoogstens %(max)s cijfers achter de komma."))
        zet("max_whole_digits", gettext("Gebruik hoogstens %(max)s cijfers voor de komma."))
        zet("max_digits", gettext("Gebruik hoogstens %(max)s cijfers."))


class HuishoudenForm(UtrechtFormMixin, forms.Form):
    naam = forms.CharField(
        label=_("Naam van het huishouden"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Gezin El Idrissi."),
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)


class GezinslidForm(UtrechtFormMixin, forms.Form):
    voornaam = forms.CharField(label=_("Voornaam"), max_length=100)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=DatumInvoer())
    rol = forms.ChoiceField(label=_("Rol"), choices=GezinslidRol.choices)
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_("9 cijfers; wordt versleuteld opgeslagen en daarna alleen gemaskeerd getoond."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_geboortedatum(self):
        datum = self.cleaned_data["geboortedatum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("Kies een geboortedatum die niet in de toekomst ligt."))
        return datum

    def clean_bsn(self):
        waarde = self.cleaned_data["bsn"].strip()
        if not waarde:
            return ""
        try:
            return bsn_bescherming.valideer(waarde)
        except Validatiefout as fout:
            raise forms.ValidationError(fout.melding) from None


class BasisGezinsledenFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        leden = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        if not leden:
            raise forms.ValidationError(_("Een huishouden heeft minstens één gezinslid."))
        bsns = [f.cleaned_data.get("bsn") for f in leden if f.cleaned_data.get("bsn")]
        if len(bsns) != len(set(bsns)):
            raise forms.ValidationError(_("Hetzelfde BSN staat bij twee gezinsleden."))


GezinsledenFormSet = forms.formset_factory(
    GezinslidForm, formset=BasisGezinsledenFormSet, extra=0, min_num=1, max_num=20
)


class CasusForm(UtrechtFormMixin, forms.Form):
    doelgroep = forms.ChoiceField(label=_("Doelgroep"))
    aanleiding = forms.CharField(
        label=_("Aanleiding"),
        max_length=invoer.MAX_TEKST,
        error_messages={"max_length": invoer.te_lange_tekst()},
        widget=forms.Textarea(attrs=TEKSTVAK),
        help_text=_("Wat is er aan de hand, en waarom lukt het niet met de gewone hulp?"),
    )
    urgentie = forms.ChoiceField(label=_("Urgentie"), choices=Urgentie.choices)

    def __init__(self, *args, doelgroepen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doelgroep"].choices = [(d.code, d.naam) for d in doelgroepen]


class HulpverlenerForm(UtrechtFormMixin, forms.Form):
    organisatie = forms.CharField(label=_("Organisatie"), max_length=200)
    rol = forms.CharField(label=_("Rol"), max_length=200)
    contactpersoon = forms.CharField(label=_("Contactpersoon"), max_length=200, required=False)
    geschatte_jaarkosten = forms.DecimalField(
        label=_("Geschatte kosten per jaar (€)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )


class NotitieForm(UtrechtFormMixin, forms.Form):
    tekst = forms.CharField(
        label=_("Notitie"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatusForm(UtrechtFormMixin, forms.Form):
    naar = forms.ChoiceField(label=_("Nieuwe status"), choices=CasusStatus.choices)
    reden = forms.CharField(
        label=_("Reden of toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij voortijdig afsluiten."),
    )


class PlanForm(UtrechtFormMixin, forms.Form):
    situatie = forms.CharField(
        label=_("Situatie"), required=False, widget=forms.Textarea(attrs=TEKSTVAK)
    )
    perspectief = forms.CharField(
        label=_("Perspectief: waar wil het huishouden over een jaar staan?"),
        required=False,
        widget=forms.Textarea(attrs=TEKSTVAK),
    )
    doorbraak = forms.CharField(
        label=_("Doorbraak: wat is er nodig om dat te bereiken?"),
        required=False,
        widget=forms.Textarea(attrs=TEKSTVAK),
    )


class KnelpuntForm(UtrechtFormMixin, forms.Form):
    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    omschrijving = forms.CharField(label=_("Knelpunt"), widget=forms.Textarea(attrs={"rows": 2}))
    soort = forms.ChoiceField(label=_("Soort"), choices=KnelpuntSoort.choices)
    regeling = forms.CharField(label=_("Regeling"), max_length=80, required=False)
    artikel = forms.CharField(label=_("Artikel"), max_length=80, required=False)


class ActieForm(UtrechtFormMixin, forms.Form):
    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    omschrijving = forms.CharField(label=_("Actie"), widget=forms.Textarea(attrs={"rows": 2}))
    eigenaar = forms.CharField(label=_("Eigenaar"), max_length=160)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DatumInvoer())
    gereed = forms.BooleanField(label=_("Gereed"), required=False)


KnelpuntenFormSet = forms.formset_factory(KnelpuntForm, extra=0, can_delete=True, max_num=50)
ActiesFormSet = forms.formset_factory(ActieForm, extra=0, can_delete=True, max_num=50)


class ZoekBsnForm(UtrechtFormMixin, forms.Form):
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self):
        try:
            return bsn_bescherming.valideer(self.cleaned_data["bsn"])
        except Validatiefout as fout:
            raise forms.ValidationError(fout.melding) from None


# --- kosten en baten (MKBA) -------------------------------------------------------------------


KANSGRONDEN = [
    ("", _("niet opgegeven (telt als inschatting van één professional)")),
    ("A", _("A – vastgesteld (vonnis, besluit, aangekondigde ontruiming)")),
    ("B", _("B – landelijke cijfers over vergelijkbare huishoudens")),
    ("C", _("C – regionale cijfers of oordeel van het team of casusoverleg")),
    ("D", _("D – inschatting van één professional")),
]
BRONGRADEN = [
    ("A", _("A – officiële prijslijst of regelgeving")),
    ("B", _("B – landelijke statistiek of gezaghebbend onderzoek")),
    ("C", _("C – onderzoek via een andere bron, of een regionaal tarief")),
    ("D", _("D – eigen schatting")),
]


def _betalerkeuzes(leeg: str | None = None) -> list[tuple[str, str]]:
    from doorbraak.mkba.begrippen import BETALERS

    keuzes = [(code, naam) for code, naam in BETALERS.items()]
    return [("", leeg), *keuzes] if leeg is not None else keuzes


class MkbaRegelForm(UtrechtFormMixin, forms.Form):
    """A line: a kengetal from the catalogue, or an own amount with its payer, and its chance."""

    kengetal = forms.ChoiceField(label=_("Kengetal"), required=False)
    omschrijving = forms.CharField(
        label=_("Of een eigen bedrag: omschrijving"), max_length=200, required=False
    )
    bedrag = forms.DecimalField(
        label=_("Eigen bedrag per eenheid (€)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )
    betaler = forms.ChoiceField(label=_("Wie betaalt (eigen bedrag)"), required=False)
    betrouwbaarheid = forms.ChoiceField(
        label=_("Bron van het eigen bedrag"), choices=BRONGRADEN, required=False, initial="D"
    )
    aantal = forms.DecimalField(label=_("Aantal"), min_value=0, max_digits=10, decimal_places=2)
    kans = forms.DecimalField(
        label=_("Kans (0 tot 1)"), min_value=0, max_value=1, max_digits=4, decimal_places=3
    )
    kans_betrouwbaarheid = forms.ChoiceField(
        label=_("Waar de kans op steunt"), choices=KANSGRONDEN, required=False
    )
    sleutel = forms.BooleanField(
        label=_("Gebeurt alleen als de sleutelgebeurtenis gebeurt (de kans is dan de kans daarna)"),
        required=False,
    )
    jaar = forms.IntegerField(label=_("In jaar"), min_value=1, max_value=10)
    tot_jaar = forms.IntegerField(
        label=_("Herhalen tot en met jaar"), min_value=1, max_value=10, required=False
    )
    toelichting = forms.CharField(label=_("Toelichting"), max_length=500, required=False)

    def __init__(self, *args, kengetallen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kengetal"].choices = [("", "—"), *kengetallen]
        self.fields["betaler"].choices = _betalerkeuzes("—")

    def clean(self):
        data = super().clean()
        if data.get("kengetal"):
            if data.get("bedrag") is not None:
                self.add_error("bedrag", _("Kies een kengetal of een eigen bedrag, niet allebei."))
            return data
        if data.get("bedrag") is None:
            self.add_error("kengetal", _("Kies een kengetal of vul een eigen bedrag in."))
            return data
        if not (data.get("omschrijving") or "").strip():
            self.add_error("omschrijving", _("Beschrijf de regel met het eigen bedrag."))
        if not data.get("betaler"):
            self.add_error("betaler", _("Kies wie deze kosten betaalt."))
        if not (data.get("toelichting") or "").strip():
            self.add_error("toelichting", _("Licht het eigen bedrag toe: waar komt het vandaan?"))
        return data


class KostenRegelForm(UtrechtFormMixin, forms.Form):
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=200)
    bedrag = forms.DecimalField(label=_("Bedrag (€)"), min_value=0, max_digits=12, decimal_places=2)
    jaar = forms.IntegerField(label=_("In jaar"), min_value=1, max_value=10)
    vorm = forms.ChoiceField(
        label=_("Vorm"),
        choices=[("gift", _("Gift (om niet)")), ("lening", _("Lening"))],
        initial="gift",
        required=False,
    )
    ontvanger = forms.ChoiceField(label=_("Betaald aan"), required=False)
    terugbetaald = forms.DecimalField(
        label=_("Lening: deel dat naar verwachting terugkomt (0 tot 1)"),
        min_value=0,
        max_value=1,
        max_digits=4,
        decimal_places=3,
        required=False,
    )
    aflossingsjaren = forms.IntegerField(
        label=_("Lening: afgelost in jaren"), min_value=1, max_value=30, required=False
    )
    administratiekosten = forms.DecimalField(
        label=_("Lening: administratiekosten (€)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        geen = _("een dienst of product (geen overdracht)")
        self.fields["ontvanger"].choices = _betalerkeuzes(geen)


MkbaRegelsFormSet = forms.formset_factory(MkbaRegelForm, extra=0, can_delete=True, max_num=60)
KostenRegelsFormSet = forms.formset_factory(KostenRegelForm, extra=0, can_delete=True, max_num=20)

OORDELEN = [("", _("niet beoordeeld"))] + [(str(i), f"{i:+d}") for i in range(-2, 3)]


class MkbaForm(UtrechtFormMixin, forms.Form):
    horizon_jaren = forms.IntegerField(label=_("Horizon (jaren)"), min_value=1, max_value=10)
    hulpverleners_meenemen = forms.BooleanField(
        label=_(
            "Huidige hulpverleners met hun jaarkosten meenemen, in het huidig pad én in de "
            "doorbraak zolang ze blijven"
        ),
        required=False,
    )
    sleutel_omschrijving = forms.CharField(
        label=_("Sleutelgebeurtenis (waar draait het om?)"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld: uithuiszetting. Leeg laten als er geen is."),
    )
    sleutelkans_huidig_pad = forms.DecimalField(
        label=_("Kans zonder doorbraak (0 tot 1)"),
        min_value=0,
        max_value=1,
        max_digits=4,
        decimal_places=3,
        required=False,
    )
    sleutelkans_doorbraak = forms.DecimalField(
        label=_("Restrisico met doorbraak (0 tot 1)"),
        min_value=0,
        max_value=1,
        max_digits=4,
        decimal_places=3,
        required=False,
    )
    sleutelkans_betrouwbaarheid = forms.ChoiceField(
        label=_("Waar deze kansen op steunen"),
        choices=KANSGRONDEN[1:],
        initial="D",
        required=False,
    )
    aanvraag = forms.ChoiceField(
        label=_("Kosten van de doorbraak uit een aanvraag (bedrag, vorm en datum)"),
        required=False,
    )
    aanvraag_ontvanger = forms.ChoiceField(label=_("De aanvraag wordt betaald aan"), required=False)
    aanvraag_terugbetaald = forms.DecimalField(
        label=_("Bij een lening: deel dat naar verwachting terugkomt (0 tot 1)"),
        min_value=0,
        max_value=1,
        max_digits=4,
        decimal_places=3,
        required=False,
    )
    rendement_score = forms.ChoiceField(
        label=_("Rendement (doelmatigheid)"), choices=OORDELEN, required=False
    )
    rendement_toelichting = forms.CharField(
        label=_("Toelichting rendement"), required=False, max_length=1000
    )
    legitimiteit_score = forms.ChoiceField(
        label=_("Legitimiteit (rechtmatigheid)"), choices=OORDELEN, required=False
    )
    legitimiteit_toelichting = forms.CharField(
        label=_("Toelichting legitimiteit"), required=False, max_length=1000
    )
    betrokkenheid_score = forms.ChoiceField(
        label=_("Betrokkenheid (draagvlak)"), choices=OORDELEN, required=False
    )
    betrokkenheid_toelichting = forms.CharField(
        label=_("Toelichting betrokkenheid"), required=False, max_length=1000
    )
    toelichting = forms.CharField(
        label=_("Toelichting bij de berekening"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, hulpverleners=(), aanvragen=(), horizon=10, **kwargs):
        super().__init__(*args, **kwargs)
        geen = _("geen: eigen kostenposten hieronder")
        self.fields["aanvraag"].choices = [("", geen), *aanvragen]
        self.fields["aanvraag_ontvanger"].choices = _betalerkeuzes(_("onbekend"))
        blijft = [("0", _("stopt meteen"))] + [
            (str(j), _("blijft tot en met jaar %(jaar)s") % {"jaar": j}) for j in range(1, horizon)
        ] + [(str(horizon), _("blijft de hele horizon"))]  # fmt: skip
        self.hulpverlenervelden = []
        for h in hulpverleners:
            naam = f"blijft_{h.id}"
            self.fields[naam] = forms.ChoiceField(
                label=f"{h.rol} ({h.organisatie})", choices=blijft, initial=str(horizon)
            )
            self.fields[naam].widget.attrs["class"] = "utrecht-select"
            self.hulpverlenervelden.append(naam)

    def clean(self):
        data = super().clean()
        if (data.get("sleutel_omschrijving") or "").strip() and data.get(
            "sleutelkans_huidig_pad"
        ) is None:
            self.add_error("sleutelkans_huidig_pad", _("Vul de kans zonder doorbraak in."))
        return data


class KengetalForm(UtrechtFormMixin, forms.Form):
    """A gemeente's own amount for a kengetal (or a complete own entry), with the reason."""

    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=300)
    bedrag = forms.DecimalField(label=_("Bedrag (€)"), min_value=0, max_digits=12, decimal_places=2)
    laag = forms.DecimalField(
        label=_("Laagste waarde (€)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    hoog = forms.DecimalField(
        label=_("Hoogste waarde (€)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    eenheid = forms.ChoiceField(label=_("Eenheid"))
    prijsjaar = forms.IntegerField(label=_("Prijsjaar"), min_value=2000, max_value=2100)
    betaler = forms.ChoiceField(label=_("Betaler"))
    waardetype = forms.ChoiceField(label=_("Soort waarde"))
    betrouwbaarheid = forms.ChoiceField(label=_("Betrouwbaarheid van de bron"))
    bron_titel = forms.CharField(label=_("Bron"), max_length=300)
    bron_url = forms.URLField(
        label=_("Adres van de bron"), required=False, max_length=500, assume_scheme="https"
    )
    toelichting = forms.CharField(
        label=_("Waarom deze aanpassing?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt in het wijzigingslogboek van de catalogus."),
    )

    def __init__(self, *args, **kwargs):
        from doorbraak.mkba import begrippen

        super().__init__(*args, **kwargs)
        self.fields["eenheid"].choices = list(begrippen.EENHEDEN.items())
        self.fields["betaler"].choices = list(begrippen.BETALERS.items())
        self.fields["waardetype"].choices = list(begrippen.WAARDETYPEN.items())
        self.fields["betrouwbaarheid"].choices = list(begrippen.BETROUWBAARHEID.items())


# --- doorbraakbudget -------------------------------------------------------------------------


_DUIZENDTALLEN = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


class BedragVeld(forms.DecimalField):
    """An amount in euro as Dutch people write it: "5.000,00", "5000", "5000,5" or "€ 5.000";
    shown back as "5.000,00". A lone point is a thousands separator only in groups of three
    ("5.000"); "12.50" stays twelve and a half."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def widget_attrs(self, widget):
        return {}  # no min/max/step: it is a text field

    def to_python(self, value):
        if isinstance(value, str):
            tekst = value.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
            if "," in tekst and "." in tekst and tekst.rfind(".") > tekst.rfind(","):
                tekst = tekst.replace(",", "")  # 5,000.00 as written in English
            elif "," in tekst:
                tekst = tekst.replace(".", "").replace(",", ".")
            elif _DUIZENDTALLEN.match(tekst):
                tekst = tekst.replace(".", "")
            value = tekst
        return super().to_python(value)

    def prepare_value(self, value):
        """Shown in Dutch notation, also when typed otherwise ("250000" → "250.000,00");
        what cannot be read stays as typed."""
        if isinstance(value, str) and value.strip():
            try:
                value = self.to_python(value)
            except forms.ValidationError:
                return value
        if isinstance(value, Decimal) and value.is_finite():
            return opmaak.decimaal(value)
        return value


def _kies(keuzes):
    return [("", _("— kies —")), *keuzes]


class AanvraagForm(UtrechtFormMixin, forms.Form):
    fonds = forms.ChoiceField(label=_("Fonds"))
    bedrag = BedragVeld(label=_("Bedrag (euro)"), help_text=_("Bijvoorbeeld 1.250,00 of 1250."))
    vorm = forms.ChoiceField(
        label=_("Vorm"),
        choices=[("lening", _("Lening")), ("om_niet", _("Om niet"))],
        help_text=_("De regeling geeft zo mogelijk een lening."),
    )
    ontvanger_naam = forms.CharField(
        label=_("Ontvanger"), max_length=70, help_text=_("Zo mogelijk een instantie of bedrijf.")
    )
    ontvanger_iban = forms.CharField(label=_("IBAN van de ontvanger"), max_length=40)
    betalingskenmerk = forms.CharField(
        label=_("Betalingskenmerk"),
        required=False,
        max_length=35,
        help_text=_(
            "Klant-, factuur- of betalingskenmerk van de ontvanger, zodat die de betaling "
            "kan thuisbrengen."
        ),
    )
    aan_huishouden = forms.BooleanField(label=_("Betaling aan het huishouden zelf"), required=False)
    reden_aan_huishouden = forms.CharField(
        label=_("Reden voor betaling aan het huishouden"),
        required=False,
        widget=forms.Textarea(attrs=TEKSTVAK),
    )
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs=TEKSTVAK))
    criteria = forms.MultipleChoiceField(
        label=_("Afwegingskader"), required=False, widget=forms.CheckboxSelectMultiple
    )
    voorwaarden = forms.CharField(
        label=_("Voorwaarden (om niet)"),
        required=False,
        widget=forms.Textarea(attrs=TEKSTVAK),
        help_text=_("Bijv. meewerken aan het traject of vrijwilligerswerk."),
    )
    reden_om_niet = forms.CharField(
        label=_("Reden om niet te geven"), required=False, widget=forms.Textarea(attrs=TEKSTVAK)
    )
    termijnbedrag = BedragVeld(label=_("Aflossing per maand (lening)"), required=False)
    maandinkomen = BedragVeld(
        label=_("Netto maandinkomen van het huishouden"),
        required=False,
        help_text=_("Voor het draagkrachtvoorstel."),
    )
    vaste_lasten = BedragVeld(label=_("Vaste lasten per maand"), required=False)

    def __init__(self, *args, fondsen=(), criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fonds"].choices = [(f.code, f.naam) for f in fondsen]
        self.fields["criteria"].choices = list(criteria)
        self.fields["criteria"].widget.attrs["class"] = "utrecht-checkbox"


# Where a service names a field by its API path, the form has it under another name.
AANVRAAG_VELDEN = {
    "ontvanger.naam": "ontvanger_naam",
    "ontvanger.iban": "ontvanger_iban",
    "aflossingsplan.termijnbedrag": "termijnbedrag",
    "ontvanger.betalingskenmerk": "betalingskenmerk",
}


class BeoordelingForm(UtrechtFormMixin, forms.Form):
    # Nothing chosen beforehand: the reviewer chooses.
    advies = forms.ChoiceField(
        label=_("Advies"),
        choices=_kies([("positief", _("Positief")), ("negatief", _("Negatief"))]),
        error_messages={"required": _("Kies een advies: positief of negatief.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs=TEKSTVAK),
        help_text=_("Verplicht bij een negatief advies."),
    )
    afwijking_motivering = forms.CharField(
        label=_("Motivering van de afwijking"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als het advies sterk afwijkt van vergelijkbare doorbraken."),
    )


class BesluitForm(UtrechtFormMixin, forms.Form):
    # Nothing chosen beforehand: the go is a deliberate choice.
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=_kies([("go", _("Go (toekennen)")), ("afgewezen", _("Afwijzen"))]),
        error_messages={"required": _("Kies een besluit: go of afwijzen.")},
    )
    motivering = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs=TEKSTVAK),
        help_text=_("Verplicht bij een afwijzing."),
    )
    afwijking_motivering = forms.CharField(
        label=_("Motivering van de afwijking"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als het besluit sterk afwijkt van vergelijkbare doorbraken."),
    )


class BetalingForm(UtrechtFormMixin, forms.Form):
    bedrag = BedragVeld(label=_("Bedrag (euro)"))
    datum = forms.DateField(
        label=_("Betaaldatum"),
        required=False,
        widget=DatumInvoer(),
        help_text=_("Leeg: vandaag. Niet in de toekomst."),
    )


class AflossingForm(UtrechtFormMixin, forms.Form):
    bedrag = BedragVeld(label=_("Ontvangen aflossing (euro)"))
    datum = forms.DateField(
        label=_("Ontvangen op"),
        required=False,
        widget=DatumInvoer(),
        help_text=_("Leeg: vandaag. Niet in de toekomst."),
    )


class AfschrijvingForm(UtrechtFormMixin, forms.Form):
    bedrag = BedragVeld(
        label=_("Af te schrijven bedrag (euro)"),
        required=False,
        help_text=_("Leeg: alles wat nog uitstaat."),
    )
    reden = forms.CharField(
        label=_("Reden van de afschrijving"), widget=forms.Textarea(attrs=TEKSTVAK)
    )


class VrijvalForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden van de vrijval"),
        widget=forms.Textarea(attrs=TEKSTVAK),
        help_text=_("Het nog niet betaalde deel van de toekenning vloeit terug in het budget."),
    )


class IntrekkenForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden van intrekken"), required=False, widget=forms.Textarea(attrs=TEKSTVAK)
    )


class SepaForm(UtrechtFormMixin, forms.Form):
    fonds = forms.ChoiceField(label=_("Fonds"))

    def __init__(self, *args, fondsen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fonds"].choices = [(f.code, f.naam) for f in fondsen]


class CorrectieForm(GezinslidForm):
    """AVG art. 16: the member's details as they should be, and why (kept in the history)."""

    reden = forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: verzoek van betrokkene (AVG art. 16), typefout."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bsn"].help_text = _(
            "Alleen invullen om het BSN te corrigeren; leeg laten houdt het huidige BSN."
        )

    def clean_bsn(self):
        return self.cleaned_data["bsn"].strip()  # validated by the service, field named
