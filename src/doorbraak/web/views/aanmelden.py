"""A new household with its members and its case, in one form and one transaction."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from doorbraak.casussen import services, toegang
from doorbraak.organisaties.models import Doelgroep
from doorbraak.web.forms import CasusForm, GezinsledenFormSet, HuishoudenForm, behouden
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier


@login_required
@domeinfouten
def aanmelden(request):
    toegang.vereis_casuswerk(request.user)
    doelgroepen = Doelgroep.objects.filter(gemeente_id=request.user.gemeente_id, actief=True)
    data = request.POST if request.method == "POST" else None
    huishouden_form = HuishoudenForm(data, prefix="huishouden")
    leden = GezinsledenFormSet(data, prefix="gezinsleden")
    casus_form = CasusForm(data, prefix="casus", doelgroepen=doelgroepen)
    if request.method == "POST" and all(f.is_valid() for f in (huishouden_form, leden, casus_form)):
        try:
            casus = _registreer(request.user, huishouden_form, leden, casus_form)
        except INVOERFOUTEN as fout:
            doel = casus_form if (fout.veld or "") in casus_form.fields else huishouden_form
            op_formulier(fout, doel, {"gezinsleden": leden})
        else:
            return redirect("dossier", casus_id=casus.pk)
    return render(
        request,
        "web/aanmelden.html",
        {
            "huishouden_form": huishouden_form,
            "leden": leden,
            "casus_form": casus_form,
            "fouten": foutoverzicht(huishouden_form, leden, casus_form) if data else [],
        },
        status=400 if request.method == "POST" else 200,
    )


def _registreer(door, huishouden_form, leden, casus_form):
    """Household and case land together or not at all."""
    with transaction.atomic():
        huishouden = services.huishouden_registreren(
            door=door,
            naam=huishouden_form.cleaned_data["naam"],
            postcode=huishouden_form.cleaned_data["postcode"],
            gezinsleden=[
                services.NieuwGezinslid(
                    voornaam=f.cleaned_data["voornaam"],
                    achternaam=f.cleaned_data["achternaam"],
                    geboortedatum=f.cleaned_data["geboortedatum"],
                    rol=f.cleaned_data["rol"],
                    bsn=f.cleaned_data["bsn"] or None,
                )
                for f in behouden(leden)
            ],
        )
        return services.casus_aanmelden(
            door=door,
            huishouden_id=huishouden.pk,
            doelgroep_code=casus_form.cleaned_data["doelgroep"],
            aanleiding=casus_form.cleaned_data["aanleiding"],
            urgentie=casus_form.cleaned_data["urgentie"],
        )
