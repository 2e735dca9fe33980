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
