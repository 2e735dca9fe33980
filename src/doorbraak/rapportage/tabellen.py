"""A report as tables, and those tables as CSV, XLSX and PDF. One structure feeds every format,
so a suppressed cell ("<5") is suppressed everywhere and the numbers cannot drift apart.

Every text that goes into a spreadsheet is made inert against formula injection (OWASP "CSV
injection"): a text starting with = + - @, a tab or a carriage return gets a leading apostrophe
in the CSV, and is written as a plain string cell (never a formula) in the XLSX. Numbers stay
numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from doorbraak import opmaak
from doorbraak.rapportage.privacy import MARKERINGEN

GELD = "geld"
GETAL = "getal"
TEKST = "tekst"
DECIMAAL = "decimaal"
XLSX_FORMAAT = {GELD: '"€" #,##0.00;-"€" #,##0.00', GETAL: "0", DECIMAAL: "0.00"}


@dataclass(frozen=True)
class Kolom:
    titel: str
    soort: str = TEKST


@dataclass
class Tabel:
    titel: str
    kolommen: list[Kolom]
    rijen: list[list[object]] = field(default_factory=list)
    toelichting: str = ""

    def weergave(self) -> list[list[tuple[str, bool]]]:
        """Cells as people read them (€ 1.234,56; 1,25), each with 'is it a number'."""
        return [
            [(_nl(w, k.soort), k.soort != TEKST) for w, k in zip(rij, self.kolommen, strict=True)]
            for rij in self.rijen
        ]


def _nl(waarde: object, soort: str) -> str:
    if waarde is None:
        return "—"
    if isinstance(waarde, Decimal | int | float) and soort in (GELD, DECIMAAL):
        return opmaak.euro(waarde) if soort == GELD else opmaak.decimaal(waarde)
    return str(waarde)


@dataclass
class Rapport:
    titel: str
    ondertitel: str
    tabellen: list[Tabel]
    grafieken: list[tuple[str, str]] = field(default_factory=list)  # (title, svg)


def _tekst(waarde: object, soort: str) -> str:
    if waarde is None:
        return ""
    if soort == GELD and isinstance(waarde, Decimal | int):
        return f"{Decimal(waarde):.2f}"
    return str(waarde)


FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def onschadelijk(tekst: str) -> str:
    """A text a spreadsheet will show as text: a leading formula character gets an apostrophe."""
    return "'" + tekst if tekst.startswith(FORMULETEKENS) else tekst


def _csv_cel(waarde: object, soort: str) -> str:
    if isinstance(waarde, Decimal | int | float) and not isinstance(waarde, bool):
        return _tekst(waarde, soort)  # a number, negative ones included, stays a number
    return onschadelijk(_tekst(waarde, soort))


def naar_csv(rapport: Rapport) -> bytes:
    """All tables one after another, separated by an empty line; ';' as Dutch Excel expects."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";")
    schrijver.writerow([onschadelijk(rapport.titel), onschadelijk(rapport.ondertitel)])
    for tabel in rapport.tabellen:
        schrijver.writerow([])
        schrijver.writerow([onschadelijk(tabel.titel)])
        schrijver.writerow([onschadelijk(k.titel) for k in tabel.kolommen])
        for rij in tabel.rijen:
            schrijver.writerow(
                [_csv_cel(w, k.soort) for w, k in zip(rij, tabel.kolommen, strict=True)]
            )
        if tabel.toelichting:
            schrijver.writerow([onschadelijk(tabel.toelichting)])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def _bladnaam(titel: str, gebruikt: set[str]) -> str:
    naam = "".join(c for c in titel if c not in "[]:*?/\\")[:31] or "Blad"
    basis, i = naam, 2
    while naam in gebruikt:
        naam = f"{basis[:28]} {i}"
        i += 1
    gebruikt.add(naam)
    return naam


def _tekstcellen_onschadelijk(blad) -> None:
    """Every text cell a plain string: openpyxl would store a text starting with '=' as a
    formula; Excel shows a quote-prefixed string cell as typed, and never evaluates it."""
    for rij in blad.iter_rows():
        for cel in rij:
            if isinstance(cel.value, str):
                cel.data_type = "s"
                if cel.value.startswith(FORMULETEKENS):
                    cel.quotePrefix = True


def naar_xlsx(rapport: Rapport) -> bytes:
    """One sheet per table, amounts as numbers with a euro format, suppressed cells as text."""
    boek = Workbook()
    boek.remove(boek.active)
    gebruikt: set[str] = set()
    for tabel in rapport.tabellen:
        blad = boek.create_sheet(_bladnaam(tabel.titel, gebruikt))
        blad.append([tabel.titel])
        blad["A1"].font = Font(bold=True, size=12)
        blad.append([rapport.ondertitel])
        blad.append([k.titel for k in tabel.kolommen])
        for cel in blad[3]:
            cel.font = Font(bold=True)
        for rij in tabel.rijen:
            blad.append(rij)
            for kolom, cel in zip(tabel.kolommen, blad[blad.max_row], strict=True):
                if isinstance(cel.value, int | float | Decimal) and kolom.soort in XLSX_FORMAAT:
                    cel.number_format = XLSX_FORMAAT[kolom.soort]
                elif cel.value in MARKERINGEN:
                    cel.alignment = Alignment(horizontal="right")
        if tabel.toelichting:
            blad.append([])
            blad.append([tabel.toelichting])
        for i, kolom in enumerate(tabel.kolommen, start=1):
            breedte = max(
                [len(kolom.titel), *(len(_tekst(r[i - 1], kolom.soort)) for r in tabel.rijen)]
            )
            blad.column_dimensions[get_column_letter(i)].width = min(60, max(10, breedte + 2))
        blad.freeze_panes = "A4"
        _tekstcellen_onschadelijk(blad)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
