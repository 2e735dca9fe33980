"""Masking free text on its way to someone who may not know whom it is about.

Pure Python (no Django), so that every place that lets free text leave the gemeente (the case
brief and the verslag for partners, later the precedents of issue 18) masks in the same way.

What is always masked:
- BSN-shaped numbers: any run of 8 or more digits, with or without separators (spaces, dots,
  dashes, slashes), also glued to letters ("BSN123456782"); python-stdnum recognises the valid
  ones (`bevat_bsn`) so that a service can refuse a BSN outright;
- IBANs (any country, validated with python-stdnum; Dutch-shaped ones also when mistyped);
- phone numbers and e-mail addresses;
- dates of birth: a date in any common format (numeric, ISO, written month) that is the birth
  date of a known person, that follows "geboren"/"geb."/"geboortedatum", or that lies before
  `drempeljaar`.

What is masked unless the caller lifts it (because a recorded ground shares it):
- names (`namen`): every form of the names of the known persons (full name, surname with or
  without tussenvoegsel, first name with possessive or diminutive, initials, "mevrouw P.",
  "meneer Peeters", any case), any title followed by a name or initial, and literal phrases
  (`woorden`, e.g. the household's name, replaced by its pseudonym);
- addresses (`adressen`): street and house number, postcode;
- exact amounts (`bedragen`);
- special-category terms (`bijzonder`): per category a list of words that reveal health
  (AVG art. 9) or criminal/safety data (AVG art. 10); a category is lifted only when a ground
  names it.

Masking errs on the side of masking: an ordinary word that looks like a name or a term is
masked too. Everything masked becomes `GEMASKEERD`, so that the marker itself reveals nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

GEMASKEERD = "[…]"

# --- special categories ------------------------------------------------------------------------

#: Stems that may be part of a compound ("hoogzwanger", "kinderpsychiater", "crisisopname").
_GEZONDHEID_STAMMEN = (
    "psychos",
    "psychot",
    "psychiat",
    "psycholo",
    "diagnos",
    "zwanger",
    "bevalling",
    "depressi",
    "schizofren",
    "bipola",
    "borderline",
    "stoornis",
    "autis",
    "dementie",
    "alzheimer",
    "verslav",
    "verslaafd",
    "alcohol",
    "drugs",
    "cocaïne",
    "heroïne",
    "cannabis",
    "medicatie",
    "medicijn",
    "suïcid",
    "suicid",
    "zelfmoord",
    "zelfbeschadig",
    "trauma",
    "opname",
    "ziekenhuis",
    "kliniek",
    "klinisch",
    "ggz",
    "huisarts",
    "therapie",
    "therapeut",
    "chemo",
    "kanker",
    "epilep",
    "handicap",
    "paniekaanval",
    "burnout",
    "burn-out",
    "crisisdienst",
    "zorgmachtiging",
    "crisismaatregel",
)
#: Whole words only (too short or too common as a stem).
_GEZONDHEID_WOORDEN = (
    "opgenomen",
    "bevallen",
    "uitgerekend",
    "adhd",
    "ptss",
    "lvb",
    "hiv",
    "aids",
    "diabetes",
    "fact",
    "wvggz",
    "wzd",
    "ziek",
    "zieke",
    "psychisch",
    "psychische",
)
_VEILIGHEID_STAMMEN = (
    "politie",
    "aangifte",
    "veroordeel",
    "veroordeling",
    "strafbla",
    "detentie",
    "gedetineerd",
    "gevangen",
    "reclassering",
    "geweld",
    "mishandel",
    "verdacht",
    "arrest",
    "straatverbod",
    "huisverbod",
    "contactverbod",
    "taakstraf",
    "justitie",
    "delict",
    "misdrijf",
    "inbraak",
    "veiligthuis",
)
_VEILIGHEID_WOORDEN = ("gearresteerd", "opgepakt", "cel", "bajes", "veilig thuis")

#: Per special category: (stems that may be compounded, whole words).
BIJZONDERE_TERMEN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "gezondheid": (_GEZONDHEID_STAMMEN, _GEZONDHEID_WOORDEN),
    "veiligheid": (_VEILIGHEID_STAMMEN, _VEILIGHEID_WOORDEN),
}

# --- fixed patterns -----------------------------------------------------------------------------

_BEWAARD_BEGIN, _BEWAARD_EIND, _BEWAARD_NUL = "\ue000", "\ue001", 0xE100
_BEWAARD = re.compile("\ue000(.)\ue001")
_OPEENVOLGEND = re.compile(re.escape(GEMASKEERD) + r"(?:[ \t]*" + re.escape(GEMASKEERD) + ")+")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_IBAN_KANDIDAAT = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ .-]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])"
)
_IBAN_NL = re.compile(r"(?i)(?<![a-z0-9])NL\s?\d{2}\s?[a-z]{4}(?:\s?\d){10}(?!\d)")
_TELEFOON = (
    re.compile(
        r"(?<![\w+])(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]{0,3}\d){6,11}(?!\d)"
    ),
    re.compile(r"(?<!\w)\(0\d{1,3}\)[\s.-]?\d(?:[\s.-]?\d){5,8}(?!\d)"),
)
_SCHEIDING = r"(?:\s?[.\-/]\s?|\s)?"
#: Any run of 8 or more digits with single separators: a BSN, an account or a phone number.
_CIJFERREEKS = re.compile(rf"(?<!\d)\d(?:{_SCHEIDING}\d){{7,}}(?!\d)")

_MAANDEN = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "febr": 2,
    "february": 2,
    "maart": 3,
    "mrt": 3,
    "maa": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "augustus": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MAAND = "|".join(sorted(_MAANDEN, key=len, reverse=True))
_DATUM_DMJ = r"(?P<d1>\d{1,2})\s?[-/.]\s?(?P<m1>\d{1,2})\s?[-/.]\s?(?P<j1>\d{4}|\d{2})"
_DATUM_JMD = r"(?P<j2>\d{4})\s?[-/.]\s?(?P<m2>\d{1,2})\s?[-/.]\s?(?P<d2>\d{1,2})"
_DATUM_TEKST = rf"(?P<d3>\d{{1,2}})(?:e|ste|de)?\s*(?P<m3>{_MAAND})\.?,?\s*(?P<j3>\d{{4}}|'\d{{2}})"
_DATUM_TEKST_MDJ = rf"(?P<m4>{_MAAND})\.?\s+(?P<d4>\d{{1,2}}),?\s+(?P<j4>\d{{4}})"
_DATUM = re.compile(
    rf"(?i)(?<![\w])(?:{_DATUM_DMJ}|{_DATUM_JMD}|{_DATUM_TEKST}|{_DATUM_TEKST_MDJ})(?!\d)"
)
_GEBOREN = re.compile(
    r"(?i)(?<!\w)(?P<kop>geboren|geb\.?|geboortedatum|geboortejaar|born|d\.o\.b\.?|dob)"
    r"(?P<tussen>\s*(?:op|in|:)?\s*)(?P<jaar>(?:19|20)\d{2})(?!\d)"
)

_BEDRAGEN = (
    re.compile(r"(?i)(?:€|\beur\b|\beuro\b)\s?-?\s?\d(?:[\d.,]*\d)?(?:,-{1,2})?"),
    re.compile(r"(?i)(?<![\w.,])\d(?:[\d.,]*\d)?\s?(?:euro|eur|€)(?!\w)"),
    re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?![\d,])"),
    re.compile(r"(?<![\w.,])\d+,\d{2}(?!\d)"),
)

_STRAATSUFFIX = (
    "straat|straatje|laan|weg|plein|singel|gracht|kade|dijk|pad|hof|steeg|dreef|park|ring|"
    "markt|baan|erf|veld|akker|wal|poort|plantsoen|boulevard|allee|dam|haven|hoeve|lei|dries|"
    "kamp|oord|berg|donk|tuin|weide|hage|zoom|kant|bosch|rade|horst|hoek|vaart|wetering|"
    "dal|heuvel|hout|sloot|burcht|bos|stede|gaarde|rijk|wijk"
)
_TUSSENVOEGSELS = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "te",
        "ter",
        "ten",
        "in",
        "op",
        "aan",
        "bij",
        "uit",
        "d'",
        "la",
        "le",
        "von",
        "vom",
        "zu",
        "el",
        "al",
        "da",
        "das",
        "dos",
        "du",
        "di",
        "del",
        "della",
        "bin",
        "ben",
        "ibn",
    ]
)
_TUSSEN = r"(?:(?i:van|de|der|den|het|'t|te|ter|ten|in|op|aan|bij|uit|la|le|von|el|al|da|du)\s+)"
_ADRES = (
    re.compile(
        rf"(?<!\w)(?:[A-Z][\w'’.-]*\s+|{_TUSSEN}){{0,4}}[\w'’-]*(?i:{_STRAATSUFFIX})"
        r"\s+\d{1,5}(?:\s?[a-zA-Z](?![\w]))?(?:\s?[-/]\s?(?:\d{1,4}|[IVX]{1,4}|[a-zA-Z])(?!\w))?"
    ),
    re.compile(
        r"(?i)(?<!\w)(?P<kop>adres|woont aan|woont op|wonend aan|wonend op|woonachtig aan|"
        r"woonachtig op)(?P<tussen>\s*:?\s*)[^\s,;:\d][^,;:\n\d]{0,40}?\s\d{1,5}[a-z]?(?!\w)"
    ),
)
_KORTE_WOORDEN = frozenset(
    [
        "en",
        "in",
        "op",
        "om",
        "of",
        "te",
        "is",
        "er",
        "ik",
        "je",
        "we",
        "ze",
        "na",
        "al",
        "nu",
        "ja",
        "zo",
        "bij",
        "de",
        "het",
    ]
)
_POSTCODE = re.compile(r"(?<!\w)[1-9]\d{3}(?P<spatie>\s?)(?P<letters>[A-Za-z]{2})(?!\w)")

_TITELS = (
    r"mevrouw|mevr|mw|meneer|mnr|mijnheer|dhr|de heer|heer|juffrouw|familie|fam|gezin|echtpaar|"
    r"drs|dr|mr|ir|prof"
)
_TITEL_MET_NAAM = re.compile(
    rf"(?<!\w)(?i:{_TITELS})\.?\s+(?:(?:[A-Za-z]\.\s?){{1,4}}|[A-Z]\b)?\s*{_TUSSEN}{{0,3}}"
    r"(?:[A-Z][\w'’-]*\.?)?"
)

_AANHEF = frozenset(
    ["dr", "drs", "mr", "ir", "ing", "prof", "mevr", "mevrouw", "mw", "dhr", "meneer", "de heer"]
)
_VERKLEINING = r"(?:(?:[a-z]?(?:ie|ies|y|ey|je|jes|tje|tjes|pje|pjes|ke|kes|ken))|['’`]s|['’`]|s)?"


# --- people ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Persoon:
    """Someone whose name and birth date must not leave: a member of the household, a helper."""

    voornaam: str
    achternaam: str = ""
    geboortedatum: date | None = None

    @classmethod
    def uit_naam(cls, naam: str, geboortedatum: date | None = None) -> Persoon:
        """'Jan de Boer' → voornaam Jan, achternaam de Boer; a single word is a surname; a
        title in front ('dr.', 'mevr.') is no part of the name."""
        delen = naam.split()
        while len(delen) > 1 and delen[0].lower().rstrip(".") in _AANHEF:
            delen = delen[1:]
        if len(delen) <= 1:
            return cls("", " ".join(delen), geboortedatum)
        return cls(delen[0], " ".join(delen[1:]), geboortedatum)

    def voornamen(self) -> list[str]:
        return _delen(self.voornaam)

    def achternamen(self) -> list[str]:
        """The parts of the surname that carry it (without tussenvoegsels). A surname that is
        itself such a word ("Van", "Den", "Vom") is still a name: then its last part carries it."""
        delen = _delen(self.achternaam)
        return [d for d in delen if d.lower() not in _TUSSENVOEGSELS] or delen[-1:]

    def initialen(self) -> tuple[str, str] | None:
        if self.voornamen() and self.achternamen():
            return self.voornamen()[0][0], self.achternamen()[0][0]
        return None


def _delen(naam: str) -> list[str]:
    return [d for d in re.split(r"[\s\-]+", naam.strip()) if len(d) >= 2]


# --- the masker -----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Masker:
    """Masks one text at a time; build it once per recipient and reuse it."""

    personen: tuple[Persoon, ...] = ()
    woorden: Mapping[str, str] = field(default_factory=dict)
    namen: bool = True
    adressen: bool = True
    bedragen: bool = True
    bijzonder: frozenset[str] = frozenset(BIJZONDERE_TERMEN)
    drempeljaar: int | None = None
    geboortedata: frozenset[date] = frozenset()

    def __call__(self, tekst: str | None) -> str:
        return maskeer(tekst or "", self)

    @cached_property
    def _geboortedata(self) -> frozenset[date]:
        eigen = frozenset(p.geboortedatum for p in self.personen if p.geboortedatum)
        return eigen | self.geboortedata

    @cached_property
    def _woorden(self) -> re.Pattern[str] | None:
        sleutels = sorted((w for w in self.woorden if w and w.strip()), key=len, reverse=True)
        if not sleutels:
            return None
        return re.compile(
            r"(?i)(?<!\w)(" + "|".join(re.escape(w.strip()) for w in sleutels) + r")(?!\w)"
        )

    @cached_property
    def _namen(self) -> list[re.Pattern[str]]:
        voornamen: set[str] = set()
        achternamen: set[str] = set()
        initialen: set[tuple[str, str]] = set()
        for persoon in self.personen:
            voornamen.update(persoon.voornamen())
            achternamen.update(persoon.achternamen())
            if persoon.initialen():
                initialen.add(persoon.initialen())  # type: ignore[arg-type]
        patronen = []
        titel = rf"(?:(?i:{_TITELS})\.?\s+)?"
        # A surname takes its title, initials and tussenvoegsels with it ("dhr. K. van der
        # Heijden"); a first name only its title, so "de ontruiming van Sanne" keeps its "van".
        for tokens, voorloop in (
            (achternamen, rf"{titel}(?:(?:[A-Za-z]\.\s?){{1,4}}\s*)?{_TUSSEN}{{0,3}}"),
            (voornamen - achternamen, titel),
        ):
            if tokens:
                woorden = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
                patronen.append(
                    re.compile(rf"(?<!\w){voorloop}(?i:(?:{woorden}){_VERKLEINING})(?!\w)")
                )
        for voor, achter in sorted(initialen):
            patronen.append(
                re.compile(rf"(?i)(?<!\w){re.escape(voor)}\.\s?{re.escape(achter)}\.?(?!\w)")
            )
        return patronen

    @cached_property
    def _bijzonder(self) -> re.Pattern[str] | None:
        stammen: list[str] = []
        woorden: list[str] = []
        for categorie in sorted(self.bijzonder):
            s, w = BIJZONDERE_TERMEN.get(categorie, ((), ()))
            stammen += s
            woorden += w
        delen = []
        if stammen:
            delen.append(r"\w*(?:" + "|".join(re.escape(s) for s in stammen) + r")[\w-]*")
        if woorden:
            delen.append("(?:" + "|".join(re.escape(w) for w in woorden) + r")(?!\w)")
        if not delen:
            return None
        return re.compile(r"(?i)(?<![\w])(?:" + "|".join(delen) + ")")


def maskeer(tekst: str, masker: Masker) -> str:
    """The text with everything `masker` does not let through replaced by `GEMASKEERD`."""
    if not tekst:
        return ""
    tekst = _EMAIL.sub(GEMASKEERD, tekst)
    tekst = _IBAN_KANDIDAAT.sub(_iban, tekst)
    tekst = _IBAN_NL.sub(GEMASKEERD, tekst)
    for patroon in _TELEFOON:
        tekst = patroon.sub(GEMASKEERD, tekst)
    # Dates that stay (a deadline, a meeting) are set aside, so that the digit-run rule below
    # does not take "01-12-2026" for a number; they come back at the end.
    bewaard: list[str] = []

    def datum(match: re.Match[str]) -> str:
        if _datum_maskeren(match, masker, origineel):
            return GEMASKEERD
        bewaard.append(match[0])
        return f"{_BEWAARD_BEGIN}{chr(_BEWAARD_NUL + len(bewaard) - 1)}{_BEWAARD_EIND}"

    origineel = tekst
    tekst = _DATUM.sub(datum, tekst)
    tekst = _GEBOREN.sub(lambda m: m["kop"] + m["tussen"] + GEMASKEERD, tekst)
    if masker.bedragen:
        for patroon in _BEDRAGEN:
            tekst = patroon.sub(GEMASKEERD, tekst)
    tekst = _CIJFERREEKS.sub(GEMASKEERD, tekst)
    if masker.adressen:
        tekst = _ADRES[0].sub(GEMASKEERD, tekst)
        tekst = _ADRES[1].sub(lambda m: m["kop"] + m["tussen"] + GEMASKEERD, tekst)
        tekst = _POSTCODE.sub(_postcode, tekst)
    if masker.namen:
        if masker._woorden is not None:
            vervangingen = {k.strip().casefold(): v for k, v in masker.woorden.items()}
            tekst = masker._woorden.sub(lambda m: vervangingen[m[0].casefold()], tekst)
        for patroon in masker._namen:
            tekst = patroon.sub(GEMASKEERD, tekst)
        tekst = _TITEL_MET_NAAM.sub(_titel, tekst)
    if masker._bijzonder is not None:
        tekst = masker._bijzonder.sub(GEMASKEERD, tekst)
    if bewaard:
        tekst = _BEWAARD.sub(lambda m: bewaard[ord(m[1]) - _BEWAARD_NUL], tekst)
    # "[…] […]" (first name and surname) reads as one, and does not tell how many parts.
    return _OPEENVOLGEND.sub(GEMASKEERD, tekst)


def _iban(match: re.Match[str]) -> str:
    return GEMASKEERD if stdnum_iban.is_valid(match[0]) else match[0]


def _postcode(match: re.Match[str]) -> str:
    letters = match["letters"]
    if letters.isupper() or (not match["spatie"] and letters.isalpha()):
        return GEMASKEERD
    if letters.lower() in _KORTE_WOORDEN:
        return match[0]
    return GEMASKEERD


def _titel(match: re.Match[str]) -> str:
    # "mevrouw P.", "meneer Peeters", "gezin De Vries": the title stays, what names goes.
    titel = re.match(rf"(?i:{_TITELS})\.?", match[0])
    rest = match[0][titel.end() :] if titel else ""
    if not rest.strip():
        return match[0]
    staart = rest[len(rest.rstrip()) :]
    return (titel[0] if titel else "") + " " + GEMASKEERD + staart


def _datum_maskeren(match: re.Match[str], masker: Masker, tekst: str) -> bool:
    """Mask a birth date, an old date, and anything date-shaped that is no plausible date.

    A two-digit year is read in both centuries ("01-01-30" may be 1930 or 2030): the date is
    masked when either reading is a known birth date or lies before the threshold year."""
    lezingen = _als_data(match)
    if not lezingen or not any(1900 <= d.year <= 2100 for d in lezingen):
        return True
    if any(d in masker._geboortedata for d in lezingen):
        return True
    if masker.drempeljaar is not None and any(d.year < masker.drempeljaar for d in lezingen):
        return True
    voor = tekst[max(0, match.start() - 24) : match.start()].lower()
    return bool(re.search(r"(?:geboren|geb\.?|geboortedatum|born|dob)\s*(?:op|:)?\s*$", voor))


def _als_data(match: re.Match[str]) -> tuple[date, ...]:
    """Every date the match can stand for: one, or two for a two-digit year; none if invalid."""
    for d, m, j in (("d1", "m1", "j1"), ("d2", "m2", "j2"), ("d3", "m3", "j3"), ("d4", "m4", "j4")):
        if match[d] is None:
            continue
        maand = match[m]
        maand_nr = int(maand) if maand.isdigit() else _MAANDEN.get(maand.lower().rstrip("."))
        jaar_tekst = match[j].lstrip("'")
        jaar = int(jaar_tekst)
        jaren = (1900 + jaar, 2000 + jaar) if len(jaar_tekst) == 2 else (jaar,)
        try:
            return tuple(date(j, maand_nr or 0, int(match[d])) for j in jaren)
        except ValueError:
            return ()
    return ()


def bevat_bsn(tekst: str) -> bool:
    """Whether the text holds a valid BSN (python-stdnum): a run of 9 digits (or 8, a leading
    zero dropped), with or without separators, that is not part of a date, phone number or
    IBAN."""
    tekst = _EMAIL.sub(" ", tekst or "")
    tekst = _IBAN_KANDIDAAT.sub(" ", tekst)
    tekst = _IBAN_NL.sub(" ", tekst)
    for patroon in _TELEFOON:
        tekst = patroon.sub(" ", tekst)
    tekst = _DATUM.sub(" ", tekst)
    for match in _CIJFERREEKS.finditer(tekst):
        cijfers = re.sub(r"\D", "", match[0])
        if len(cijfers) in (8, 9) and stdnum_bsn.is_valid(cijfers.zfill(9)):
            return True
    return False


def masker_voor(
    personen: Iterable[Persoon],
    *,
    woorden: Mapping[str, str] | None = None,
    gedeeld: Iterable[str] = (),
    namen_gedeeld: bool = False,
    drempeljaar: int | None = None,
) -> Masker:
    """The masker for a recipient who may see the categories in `gedeeld` (and the names when
    `namen_gedeeld`): addresses only with "wonen", amounts only with "financien", special
    terms only with their own category."""
    gedeeld = frozenset(gedeeld)
    return Masker(
        personen=tuple(personen),
        woorden=dict(woorden or {}),
        namen=not namen_gedeeld,
        adressen=not (namen_gedeeld and "wonen" in gedeeld),
        bedragen="financien" not in gedeeld,
        bijzonder=frozenset(BIJZONDERE_TERMEN) - gedeeld,
        drempeljaar=drempeljaar,
    )
