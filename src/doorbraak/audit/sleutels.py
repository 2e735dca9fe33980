"""The audit sealing keys by id (settings.AUDIT_SLEUTELS, newest first) and the seal-head export."""

import json
import os
from pathlib import Path

from django.conf import settings


def audit_sleutels() -> dict[str, str]:
    """All keys by id, newest first; the old single DOORBRAAK_AUDIT_SLEUTEL is key "0"."""
    sleutels = dict(getattr(settings, "AUDIT_SLEUTELS", {}) or {})
    return sleutels or {"0": settings.AUDIT_SLEUTEL}


def nieuwste_sleutel() -> tuple[str, str]:
    """(id, key) of the key that seals."""
    return next(iter(audit_sleutels().items()))


def export_pad() -> Path | None:
    pad = getattr(settings, "AUDIT_EXPORT", "")
    return Path(pad) if pad else None


def exporteer_koppen(koppen: list[dict]) -> None:
    """Append each sealed head as one JSON line (append-only, flushed to disk)."""
    pad = export_pad()
    if pad is None or not koppen:
        return
    pad.parent.mkdir(parents=True, exist_ok=True)
    with pad.open("a", encoding="utf-8") as bestand:
        for kop in koppen:
            bestand.write(json.dumps(kop, sort_keys=True, separators=(",", ":")) + "\n")
        bestand.flush()
        os.fsync(bestand.fileno())


class ExportOnleesbaar(ValueError):
    pass


def laatste_koppen() -> dict[str, dict] | None:
    """The latest exported head per gemeente (by id as text); None when there is no export."""
    pad = export_pad()
    if pad is None or not pad.exists():
        return None
    koppen: dict[str, dict] = {}
    with pad.open(encoding="utf-8") as bestand:
        for regelnummer, regel in enumerate(bestand, start=1):
            if not regel.strip():
                continue
            try:
                kop = json.loads(regel)
                gemeente = str(kop["gemeente"])
                if int(kop["zegel"]) >= int(koppen.get(gemeente, {}).get("zegel", 0)):
                    koppen[gemeente] = kop
            except (ValueError, KeyError, TypeError) as e:
                raise ExportOnleesbaar(f"regel {regelnummer} van {pad} is onleesbaar") from e
    return koppen
