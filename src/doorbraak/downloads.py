"""Files for download: an attachment response, and a PDF rendered from a template (WeasyPrint)."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header


def bijlage(inhoud: bytes, content_type: str, bestandsnaam: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type=content_type)
    # RFC 6266/5987: a name with accents or quotes (e.g. 'beëindiging.pdf') survives the header.
    antwoord["Content-Disposition"] = content_disposition_header(True, bestandsnaam)
    return antwoord


def pdf(sjabloon: str, context: dict, request: HttpRequest | None) -> bytes:
    """A template as a PDF; the same templates and static files as the screen. Without a
    request (a background job) the template must be self-contained."""
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_to_string(sjabloon, context, request=request)
    basis = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=basis).write_pdf()
