"""Properties of the pure hash functions of the sealed log (no database)."""

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from doorbraak.audit.keten import (
    VELDEN,
    regels_van,
    verwerking_digest,
    verwerkingen_tekst,
    zegel_hash,
)


@dataclass(frozen=True)
class Entry:
    gemeente_id: uuid.UUID
    volgnummer: int
    tijdstip: datetime
    actor: str
    huishouden_id: uuid.UUID | None
    casus_id: uuid.UUID | None
    handeling: str
    object_type: str
    object_id: str
    activiteit: str
    omschrijving: str
    request_id: str


tekst = st.text(max_size=30)
entries = st.builds(
    Entry,
    gemeente_id=st.uuids(),
    volgnummer=st.integers(min_value=1, max_value=2**62),
    tijdstip=st.datetimes(timezones=st.just(UTC)),
    actor=tekst,
    huishouden_id=st.none() | st.uuids(),
    casus_id=st.none() | st.uuids(),
    handeling=st.sampled_from(["lezen", "aanmaken", "wijzigen", "verwijderen"]),
    object_type=tekst,
    object_id=tekst,
    activiteit=tekst,
    omschrijving=tekst,
    request_id=tekst,
)


def _anders(waarde):
    if isinstance(waarde, int):
        return waarde + 1
    if isinstance(waarde, datetime):
        return waarde.replace(microsecond=(waarde.microsecond + 1) % 1_000_000)
    if waarde is None:
        return uuid.uuid4()
    if isinstance(waarde, uuid.UUID):
        return uuid.UUID(int=waarde.int ^ 1)
    return waarde + "x"


@given(entries, st.sampled_from(VELDEN))
def test_elk_veld_telt_mee_in_de_digest(entry, veld):
    gewijzigd = replace(entry, **{veld: _anders(getattr(entry, veld))})
    assert verwerking_digest("sleutel", gewijzigd) != verwerking_digest("sleutel", entry)


@given(entries)
def test_digest_hangt_af_van_de_sleutel(entry):
    assert verwerking_digest("a", entry) != verwerking_digest("b", entry)


@given(st.lists(st.tuples(st.integers(min_value=1), st.text("0123456789abcdef", min_size=1))))
def test_verwerkingenlijst_heen_en_terug(paren):
    assert regels_van(verwerkingen_tekst(paren)) == paren


zegels = st.fixed_dictionaries(
    {
        "gemeente_id": st.uuids(),
        "nummer": st.integers(min_value=1, max_value=10**9),
        "eerste_volgnummer": st.integers(min_value=1, max_value=10**9),
        "laatste_volgnummer": st.integers(min_value=1, max_value=10**9),
        "totaal": st.integers(min_value=1, max_value=10**9),
        "verwerkingen": tekst,
        "vorige_hash": tekst,
        "sleutel_id": tekst,
        "tijdstip": st.datetimes(timezones=st.just(UTC)),
    }
)


ZEGELVELDEN = (
    "gemeente_id",
    "nummer",
    "eerste_volgnummer",
    "laatste_volgnummer",
    "totaal",
    "verwerkingen",
    "vorige_hash",
    "sleutel_id",
    "tijdstip",
)


@given(zegels, st.sampled_from(ZEGELVELDEN))
def test_elk_deel_van_de_zegel_telt_mee(zegel, veld):
    gewijzigd = {**zegel, veld: _anders(zegel[veld])}
    assert zegel_hash("sleutel", **gewijzigd) != zegel_hash("sleutel", **zegel)
