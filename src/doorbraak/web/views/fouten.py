"""Domain errors in the web UI: 404/403 pages, and validation errors shown beside their field."""

import re
from collections.abc import Callable
from functools import wraps

from django import forms
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404

from doorbraak.audit.weigeringen import weigering_vastleggen
from doorbraak.fouten import Conflict, DoorbraakFout, GeenToegang, NietGevonden, Validatiefout
from doorbraak.web.forms import behouden

# Errors in what was entered: shown on the page. Access errors are never caught there; they
# become 403/404 through `domeinfouten`.
INVOERFOUTEN = (Validatiefout, Conflict)

# "gezinsleden[2].bsn" → ("gezinsleden", 2, "bsn")
_VELD = re.compile(r"^(?P<lijst>\w+)\[(?P<index>\d+)\]\.(?P<veld>\w+)$")


class OngeldigVerzoek(BadRequest):
    """A validation error no form catches (a bad choice in a link, e.g. `?formaat=xml`): a 400
    page that shows the service's Dutch message, which names what to choose."""


def domeinfouten(view: Callable) -> Callable:
    """NietGevonden → 404 and GeenToegang → 403, so other gemeenten' data stays invisible; a
    Validatiefout that no form caught → 400 with its message (not a 500)."""

    @wraps(view)
    def omhulsel(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NietGevonden as fout:
            weigering_vastleggen(request, 404)
            raise Http404(fout.melding) from fout
        except GeenToegang as fout:
            weigering_vastleggen(request, 403)
            raise PermissionDenied(fout.melding) from fout
        except Validatiefout as fout:
            raise OngeldigVerzoek(fout.melding) from fout

    return omhulsel


def op_formulier(
    fout: DoorbraakFout, form: forms.Form, formsets: dict[str, forms.BaseFormSet] | None = None
) -> None:
    """Put a service's error on the field it names; otherwise on the form as a whole."""
    veld = fout.veld or ""
    gevonden = _VELD.match(veld)
    if gevonden and formsets and gevonden["lijst"] in formsets:
        formset = formsets[gevonden["lijst"]]
        doelen = behouden(formset)
        index = int(gevonden["index"])
        if index < len(doelen) and gevonden["veld"] in doelen[index].fields:
            doelen[index].add_error(gevonden["veld"], fout.melding)
            return
    if veld in form.fields:
        form.add_error(veld, fout.melding)
    else:
        form.add_error(None, fout.melding)


def foutoverzicht(*onderdelen) -> list[tuple[str | None, str]]:
    """All errors of the forms and formsets on a page, as (field id to link to, message)."""
    regels: list[tuple[str | None, str]] = []

    def van_form(form: forms.Form) -> None:
        regels.extend((None, str(f)) for f in form.non_field_errors())
        for naam, fouten in form.errors.items():
            if naam == forms.forms.NON_FIELD_ERRORS:
                continue
            veld = form[naam]
            regels.extend((veld.auto_id, f"{veld.label}: {f}") for f in fouten)

    for onderdeel in onderdelen:
        if isinstance(onderdeel, forms.BaseFormSet):
            regels.extend((None, str(f)) for f in onderdeel.non_form_errors())
            for form in onderdeel.forms:
                van_form(form)
        else:
            van_form(onderdeel)
    return regels
