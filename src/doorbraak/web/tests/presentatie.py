"""The presentation scan: what a reader sees on a page or in a PDF, and the rules it must meet —
labels instead of codes, no Python reprs, Dutch numbers, no developer references and one date
style (dd-mm-jjjj, see `doorbraak.opmaak`). Used by `test_presentatie.py` over the whole demo.

A finding names the rule, the word and a bit of context, so whoever reads a failure knows what
to fix and where (the walk adds the page and the role).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Attributes a reader (or a screen reader) is given as text.
_LEESBARE_ATTRIBUTEN = {"aria-label", "title", "alt", "placeholder"}
_OVERSLAAN = {"script", "style", "template", "metadata"}  # metadata: an SVG's, never shown


class _Tekst(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.delen: list[str] = []
        self._diepte_overslaan = 0

    def handle_starttag(self, tag, attrs):
        if tag in _OVERSLAAN:
            self._diepte_overslaan += 1
            return
        waarden = dict(attrs)
        for naam in _LEESBARE_ATTRIBUTEN:
            if waarden.get(naam):
                self.delen.append(waarden[naam])
        if tag == "input" and waarden.get("type") in {"submit", "button"} and waarden.get("value"):
            self.delen.append(waarden["value"])

    def handle_endtag(self, tag):
        if tag in _OVERSLAAN and self._diepte_overslaan:
            self._diepte_overslaan -= 1

    def handle_data(self, data):
        if not self._diepte_overslaan and data.strip():
            self.delen.append(data.strip())


def tekst_van_html(html: str) -> str:
    """The text of a page as read: tags, scripts and styles gone, readable attributes kept."""
    parser = _Tekst()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.delen)


def tekst_van_pdf(inhoud: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(inhoud)).pages)


# What is not prose and is left alone: web and e-mail addresses (they may hold underscores).
_GEEN_PROZA = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_MAANDEN = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|october|"
    "jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)


@dataclass(frozen=True)
class Regel:
    naam: str
    patroon: re.Pattern
    uitleg: str


REGELS: tuple[Regel, ...] = (
    Regel(
        "code",
        re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])"),
        "een code (snake_case) waar een label hoort: toon het label van de keuzelijst/glossary",
    ),
    Regel(
        "python",
        re.compile(
            r"\{'|\['|'\]|\bNone\b|\bTrue\b|\bFalse\b|Decimal\(|datetime\.|<QuerySet"
            r"|object at 0x|UUID\('"
        ),
        "een Python-weergave (dict, lijst, None, Decimal): maak er tekst van",
    ),
    Regel(
        "getal",
        re.compile(r"(?<![\w.,])\d+\.\d+(?![\w]|[.,]\d)|€\s?-?\d{4,}(?![\d.])"),
        "een Engels getal of een bedrag zonder duizendtallen: gebruik opmaak.getal/euro/procent",
    ),
    Regel(
        "seed",
        re.compile(r"\bseed \d{3}\b", re.IGNORECASE),
        "een verwijzing naar een brondocument voor ontwikkelaars ('seed 00N')",
    ),
    Regel(
        "datum",
        re.compile(
            r"(?<![\d-])(?:\d-\d{1,2}|\d{2}-\d)-\d{4}(?![\d-])"  # 1-12-2026, 16-1-2026
            r"|(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])"  # 2026-12-01
            r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # 1/12/2026
            rf"|\b\d{{1,2}}\.? (?:{_MAANDEN})\.? \d{{4}}\b",  # 1 december 2026, 1 Dec 2026
            re.IGNORECASE,
        ),
        "een datum in een andere stijl dan dd-mm-jjjj: gebruik het filter |datum (opmaak.datum)",
    ),
)

# A dot in a number that is Dutch after all: thousands (1.350, 12.500.000), or an article of a
# law ("art. 2.3", "artikel 5.2", "hoofdstuk 4.1").
_DUIZENDTALLEN = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_WETSARTIKEL = re.compile(
    r"(?:\b[Aa]rt\.|\b[Aa]rtikel(?:en)?\b|\bhoofdstuk|\bparagraaf|§"
    r"|\b(?:JW|WGS|PW|LV|WMO|Wmo|Jeugdwet)\b)"
    r"(?:\d+(?:\.\d+)*|[^\d.!?€])*$"  # then only article numbers and words: "2.3 lid 6 en "
)


@dataclass(frozen=True)
class Vondst:
    regel: str
    woord: str
    context: str


def vondsten(tekst: str) -> list[Vondst]:
    """Every place in a text that breaks a rule (before the allowlist)."""
    tekst = _GEEN_PROZA.sub(" ", tekst)
    uit: list[Vondst] = []
    for regel in REGELS:
        for m in regel.patroon.finditer(tekst):
            woord = m.group(0)
            if regel.naam == "getal" and not woord.startswith("€"):
                if _DUIZENDTALLEN.match(woord):
                    continue
                if _WETSARTIKEL.search(tekst[max(0, m.start() - 50) : m.start()]):
                    continue
            begin, eind = max(0, m.start() - 50), min(len(tekst), m.end() + 50)
            context = " ".join(tekst[begin:eind].split())
            uit.append(Vondst(regel.naam, woord, context))
    return uit


@dataclass(frozen=True)
class Uitzondering:
    """A word a rule may let through, with the reason; `pagina` limits it to matching paths."""

    regel: str
    woord: re.Pattern
    reden: str
    pagina: re.Pattern | None = None

    def geldt(self, vondst: Vondst, pad: str) -> bool:
        return (
            vondst.regel == self.regel
            and self.woord.fullmatch(vondst.woord) is not None
            and (self.pagina is None or self.pagina.search(pad) is not None)
        )


def uitzondering(regel: str, woord: str, reden: str, pagina: str | None = None) -> Uitzondering:
    return Uitzondering(regel, re.compile(woord), reden, re.compile(pagina) if pagina else None)
