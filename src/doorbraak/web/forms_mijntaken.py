"""The notification settings form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.mijntaken.models import Frequentie
from doorbraak.web.forms import UtrechtFormMixin


class MeldingsvoorkeurForm(UtrechtFormMixin, forms.Form):
    frequentie = forms.ChoiceField(
        label=_("E-mail over nieuwe taken"),
        choices=Frequentie.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "De e-mail noemt nooit een huishouden of bedrag: alleen dat er een taak is, met een "
            "link."
        ),
    )


class WijzigingBesluitForm(UtrechtFormMixin, forms.Form):
    """The second beheerder's decision on a proposed change; nothing preselected."""

    besluit = forms.ChoiceField(
        label=_("Uw besluit"),
        choices=[
            ("goedkeuren", _("Goedkeuren en toepassen")),
            ("afwijzen", _("Afwijzen: er verandert niets")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies goedkeuren of afwijzen.")},
    )
    reden = forms.CharField(
        label=_("Reden van afwijzing"),
        help_text=_("Nodig als u afwijst; de voorsteller leest hem."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
