"""BSN protection: validated with the 11-proef, stored encrypted, found by keyed hash, shown masked.

Encryption uses Fernet with a key list (MultiFernet): the first key encrypts, all keys decrypt,
so keys rotate by prepending a new key and re-encrypting (`doorbraak bsn roteer`). The search
hash is an HMAC with a separate key, so a database dump alone does not reveal which BSN is whose.

The hash key rotates too: each hash is stored with the id of the key that made it
(`sleutel_id`, a fingerprint, never the key). A search computes the hash under every configured
key (the newest, DOORBRAAK_BSN_HASH_SLEUTEL, and the older ones still listed in
DOORBRAAK_BSN_HASH_SLEUTELS_OUD), so nothing goes missing between the deploy of a new key and
`doorbraak bsn roteer`, which re-hashes every BSN with the newest key.
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


def _hash(sleutel: str, bsn: str) -> str:
    return hmac.new(sleutel.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def sleutel_id(sleutel: str) -> str:
    """A short public fingerprint of a hash key, stored beside each hash it made."""
    return hashlib.sha256(b"doorbraak-bsn-hash-sleutel:" + sleutel.encode()).hexdigest()[:12]


def _hash_sleutels() -> list[str]:
    oud = getattr(settings, "BSN_HASH_SLEUTELS_OUD", [])
    return [settings.BSN_HASH_SLEUTEL, *(s for s in oud if s != settings.BSN_HASH_SLEUTEL)]


def huidige_sleutel_id() -> str:
    return sleutel_id(settings.BSN_HASH_SLEUTEL)


def zoekhash(bsn: str) -> str:
    """The hash under the newest key: what is stored for a new or re-hashed BSN."""
    return _hash(settings.BSN_HASH_SLEUTEL, bsn)


def zoekhashes(bsn: str) -> list[str]:
    """The hash under every configured key, newest first: what a search or duplicate check
    looks for, so values hashed before a key rotation are still found."""
    return [_hash(sleutel, bsn) for sleutel in _hash_sleutels()]


_MASKER = "*****"


def maskeer(laatste_cijfers: str) -> str:
    return f"{_MASKER}{laatste_cijfers}"


def laatste_cijfers_van(gemaskeerd: str | None) -> str:
    """The last digits a masked BSN (`maskeer`) shows; '' without one."""
    return gemaskeerd.removeprefix(_MASKER) if gemaskeerd else ""
