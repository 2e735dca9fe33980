"""Static files as WhiteNoise's compressed manifest storage, each URL worked out once per process.

Every page asks for the URLs of the same few files (`{% static %}` in web/base.html: styles,
htmx, our script), and each time the manifest storage parses the name, looks it up in the
manifest and joins it to STATIC_URL: ~70 Python calls a file, ~7% of a small page's CPU
(issue 19). The manifest is read once, when the storage is made, and does not change while the
process runs, so neither do these URLs. Only names the manifest knows are kept (an unknown
name raises, as before, and is not kept), so what is kept is bounded by the manifest. In DEBUG,
and with `force`, the URL is worked out as before; `collectstatic` starts afresh."""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StatischeBestanden(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str, force: bool = False) -> str:
        if force or settings.DEBUG:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url

    def post_process(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        # collectstatic writes a new manifest: no URL from before it stays
        self._urls.clear()
        yield from super().post_process(*args, **kwargs)
        self._urls.clear()
