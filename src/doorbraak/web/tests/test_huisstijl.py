"""A gemeente's own look: design tokens validated before they reach a page, the logo served
safely, and never another gemeente's."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'


def test_tokens_komen_in_de_pagina(client, gemeente, regisseur):
    gemeente.huisstijl = {"--utrecht-button-primary-action-background-color": "#00689e"}
    gemeente.full_clean()
    gemeente.save()
    client.force_login(regisseur)
    html = client.get("/casussen").content.decode()
    assert "--utrecht-button-primary-action-background-color: #00689e" in html


@pytest.mark.parametrize(
    "tokens",
    [
        {"color": "red"},  # not a design token
        {"--utrecht-link-color": "red; } body { display: none"},  # breaks out of the style
        {"--utrecht-link-color": "</style><script>alert(1)</script>"},
        {"--utrecht-link-color": "url(https://elders.example/spoor.png)"},
        {"--utrecht-link-color": 12},
        ["--utrecht-link-color"],
    ],
)
def test_onveilige_tokens_geweigerd(gemeente, tokens):
    gemeente.huisstijl = tokens
    with pytest.raises(ValidationError) as fout:
        gemeente.full_clean()
    assert "huisstijl" in fout.value.message_dict


def test_logo_veilig_geserveerd_en_alleen_eigen_gemeente(
    client, gemeente, regisseur, regisseur_elders, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    gemeente.logo.save("peelstad.svg", ContentFile(SVG))
    client.force_login(regisseur)
    antwoord = client.get("/gemeente/logo")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "image/svg+xml"
    assert "sandbox" in antwoord["Content-Security-Policy"]
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert b"".join(antwoord.streaming_content) == SVG
    assert 'src="/gemeente/logo"' in client.get("/casussen").content.decode()
    # Another gemeente without a logo gets none, certainly not this one.
    client.force_login(regisseur_elders)
    assert client.get("/gemeente/logo").status_code == 404


def test_logo_te_groot_of_verkeerd_type_geweigerd(gemeente, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    gemeente.logo.save("logo.gif", ContentFile(b"GIF89a"), save=False)
    with pytest.raises(ValidationError):
        gemeente.full_clean()
    gemeente.logo.save("groot.png", ContentFile(b"\x89PNG" + b"0" * 300_000), save=False)
    with pytest.raises(ValidationError, match="200 kB"):
        gemeente.full_clean()
