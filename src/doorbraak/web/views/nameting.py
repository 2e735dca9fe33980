"""The 12-month follow-up of a case: what happened, recorded against the calculation made
before the doorbraak. Thin: a form, the service, a redirect."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen import toegang
from doorbraak.mkba import selectors, services
from doorbraak.web.forms import DatumInvoer, UtrechtFormMixin
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

JA_NEE = [("", gettext_lazy("onbekend")), ("ja", gettext_lazy("ja")), ("nee", gettext_lazy("nee"))]


class NametingForm(UtrechtFormMixin, forms.Form):
    datum = forms.DateField(label=gettext_lazy("Peildatum"), widget=DatumInvoer())
    sleutelgebeurtenis = forms.ChoiceField(
        label=gettext_lazy(
            "Is de sleutelgebeurtenis (bijvoorbeeld de uithuiszetting) toch gebeurd?"
        ),
        choices=JA_NEE,
        required=False,
    )
    uithuisplaatsing = forms.ChoiceField(
        label=gettext_lazy("Zijn kinderen uit huis geplaatst?"), choices=JA_NEE, required=False
    )
    hulpverleners_gestopt = forms.IntegerField(
        label=gettext_lazy("Aantal hulpverleners dat is gestopt"), min_value=0, required=False
    )
    werkelijke_kosten = forms.DecimalField(
        label=gettext_lazy("Wat de doorbraak de gemeente werkelijk kostte, na aflossingen (€)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def _ja_nee(waarde: str) -> bool | None:
    return {"ja": True, "nee": False}.get(waarde)


@login_required
@domeinfouten
def nameting(request, casus_id):
    toegang.vereis_casuswerk(request.user)
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="nametingen"
    )
    if request.method == "POST":
        form = NametingForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.nameting_vastleggen(
                    door=request.user,
                    casus_id=casus.pk,
                    invoer=services.NametingInvoer(
                        datum=d["datum"],
                        sleutelgebeurtenis=_ja_nee(d["sleutelgebeurtenis"]),
                        uithuisplaatsing=_ja_nee(d["uithuisplaatsing"]),
                        hulpverleners_gestopt=d["hulpverleners_gestopt"],
                        werkelijke_kosten=d["werkelijke_kosten"],
                        toelichting=d["toelichting"],
                    ),
                )
            except INVOERFOUTEN as fout:
                op_formulier(fout, form, {})
            else:
                messages.success(request, _("De nameting is vastgelegd."))
                return redirect("kosten", casus_id=casus.pk)
    else:
        form = NametingForm(initial={"datum": timezone.localdate()})
    return render(
        request,
        "web/nameting.html",
        {
            "casus": casus,
            "form": form,
            "mkba": selectors.laatste_mkba(casus=casus),
            "fouten": foutoverzicht(form) if form.is_bound else [],
        },
        status=400 if request.method == "POST" else 200,
    )
