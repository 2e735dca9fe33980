"""Jobs for the queue's tests, run by a real worker process."""

import logging
from pathlib import Path

logger = logging.getLogger(__name__)


def tel_op(a: int, b: int) -> dict:
    return {"som": a + b}


def mislukt_eerst(pad: str) -> dict:
    """Fails on the first attempt (leaves a mark), succeeds on the next."""
    merk = Path(pad)
    if not merk.exists():
        merk.write_text("1")
        raise RuntimeError("eerste poging mislukt")
    return {"gelukt": True}


def mislukt_tenzij(pad: str) -> dict:
    """Fails until the file exists: dead after its attempts, alive again after a fix."""
    if not Path(pad).exists():
        raise RuntimeError(f"bestand ontbreekt: {Path(pad).name}")
    logger.warning("bestand gevonden")
    return {"gelukt": True}
