"""BSN protection: validated with the 11-proef, stored encrypted, found by keyed hash, shown masked.

Encryption uses Fernet with a key list (MultiFernet): the first key encrypts, all keys decrypt,
so keys rotate by prepending a new key and re-encrypting (`doorbraak bsn roteer`). The search
hash is an HMAC with a separate key, so a database dump alone does not reveal which BSN is whose.
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.nl import bsn as stdnum_bsn

from doorbraak.fouten import Validatiefout


def valideer(waarde: str, *, veld: str = "bsn") -> str:
    """Return the BSN as 9 digits, or raise Validatiefout naming the field (never the value)."""
    kaal = "".join(waarde.split()).replace(".", "").replace("-", "")
    if kaal.isdigit() and len(kaal) != 9:
        # stdnum pads short numbers with zeros; a BSN as people write it has 9 digits.
        raise Validatiefout("Een BSN bestaat uit 9 cijfers.", veld=veld)
    try:
        return stdnum_bsn.validate(kaal)
    except InvalidLength:
        raise Validatiefout("Een BSN bestaat uit 9 cijfers.", veld=veld) from None
    except InvalidFormat:
        raise Validatiefout("Een BSN bestaat alleen uit cijfers.", veld=veld) from None
    except InvalidChecksum:
        raise Validatiefout("Dit BSN voldoet niet aan de elfproef.", veld=veld) from None


@cache
def _fernet(sleutels: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(sleutel.encode()) for sleutel in sleutels])


def _huidige_fernet() -> MultiFernet:
    return _fernet(tuple(settings.BSN_SLEUTELS))


def versleutel(bsn: str) -> str:
    return _huidige_fernet().encrypt(bsn.encode()).decode()


def ontsleutel(versleuteld: str) -> str:
    return _huidige_fernet().decrypt(versleuteld.encode()).decode()


def herversleutel(versleuteld: str) -> str:
    """Re-encrypt with the newest key (key rotation)."""
    return _huidige_fernet().rotate(versleuteld.encode()).decode()


def zoekhash(bsn: str) -> str:
    return hmac.new(settings.BSN_HASH_SLEUTEL.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def maskeer(laatste_cijfers: str) -> str:
    return f"*****{laatste_cijfers}"
