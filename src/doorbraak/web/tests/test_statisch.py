"""Static file URLs worked out once per process (web.statisch): the same URLs as WhiteNoise's
manifest storage, an unknown file still refused, DEBUG and `force` as before."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from doorbraak.web.statisch import StatischeBestanden

MANIFEST = {
    "version": "1.1",
    "hash": "abc",
    "paths": {"web/doorbraak.css": "web/doorbraak.0123456789ab.css", "a b.js": "a b.feed.js"},
}


@pytest.fixture
def wortel(tmp_path):
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    return tmp_path


def _opslag(klasse, wortel):
    return klasse(location=str(wortel), base_url="/static/")


def test_productie_gebruikt_de_eigen_opslag():
    """(The tests themselves use Django's plain storage: no manifest needed.)"""
    from doorbraak.config import settings as productie

    assert productie.STORAGES["staticfiles"]["BACKEND"] == (
        "doorbraak.web.statisch.StatischeBestanden"
    )


@pytest.mark.parametrize("naam", ["web/doorbraak.css", "a b.js", "web/doorbraak.css#x"])
def test_zelfde_url_als_whitenoise_en_eenmaal_uitgerekend(wortel, naam, monkeypatch):
    eigen = _opslag(StatischeBestanden, wortel)
    verwacht = _opslag(CompressedManifestStaticFilesStorage, wortel).url(naam)
    assert eigen.url(naam) == verwacht
    monkeypatch.setattr(eigen, "stored_name", lambda _: pytest.fail("opnieuw uitgerekend"))
    assert eigen.url(naam) == verwacht


def test_onbekend_bestand_geweigerd_en_niet_bewaard(wortel):
    eigen = _opslag(StatischeBestanden, wortel)
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            eigen.url("web/bestaat-niet.css")
    assert eigen._urls == {}


def test_debug_en_force_zoals_whitenoise(wortel, settings):
    eigen = _opslag(StatischeBestanden, wortel)
    whitenoise = _opslag(CompressedManifestStaticFilesStorage, wortel)
    assert eigen.url("web/doorbraak.css", force=True) == whitenoise.url(
        "web/doorbraak.css", force=True
    )
    settings.DEBUG = True
    assert eigen.url("web/doorbraak.css") == "/static/web/doorbraak.css"
    assert eigen._urls == {}
    settings.DEBUG = False
    assert eigen.url("web/doorbraak.css") == "/static/web/doorbraak.0123456789ab.css"
