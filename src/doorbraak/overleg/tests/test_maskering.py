"""`doorbraak.maskering`: a planted identifier never survives (property tests with hypothesis),
and what a ground lifts comes through. Pure Python: no database."""

import re
from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from doorbraak.maskering import GEMASKEERD, Masker, Persoon, bevat_bsn, maskeer, masker_voor

# Filler without digits, names or terms: whatever digits or names remain were planted.
VULLING = st.lists(
    st.sampled_from(
        ["de", "tafel", "vraagt", "om", "hulp", "bij", "het", "plan", "en", "wacht", "op", "een",
         "besluit", "over", "de", "schuld", "huur", "school", "week", ",", ".", "(", ")", ":"]
    ),
    max_size=8,
).map(" ".join)  # fmt: skip

NAAM = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10).map(str.title)
TUSSENVOEGSEL = st.sampled_from(["", "de ", "van ", "van der ", "ter ", "van den "])


def _geplant(voor: str, identificatie: str, na: str) -> str:
    return f"{voor} {identificatie} {na}"


def _cijfers(tekst: str) -> str:
    return re.sub(r"\D", "", tekst)


def _woord_in(woord: str, tekst: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(woord)}(?!\w)", tekst, re.IGNORECASE) is not None


@given(
    voornaam=NAAM,
    tussen=TUSSENVOEGSEL,
    achternaam=NAAM,
    vorm=st.sampled_from(
        [
            "{v} {t}{a}",
            "{a}",
            "{t}{a}",
            "{v}",
            "{v}'s",
            "{v}’s",
            "{a}'",
            "mevrouw {A}.",
            "mevr. {A}.",
            "meneer {t}{a}",
            "dhr. {V}. {t}{a}",
            "{V}. {t}{a}",
            "{V}.{A}.",
            "familie {t}{a}",
            "{a}, {v}",
            "{v}tje",
            "{v}ie",
        ]
    ),
    hoofdletters=st.sampled_from([str, str.upper, str.lower]),
    voor=VULLING,
    na=VULLING,
)
# Found by hypothesis: a surname that is itself a tussenvoegsel word survived.
@example(
    voornaam="Aaa", tussen="", achternaam="Vom", vorm="{v} {t}{a}", hoofdletters=str, voor="", na=""
)
def test_namen_overleven_in_geen_enkele_vorm(
    voornaam, tussen, achternaam, vorm, hoofdletters, voor, na
):
    persoon = Persoon(voornaam, f"{tussen}{achternaam}")
    geplant = vorm.format(v=voornaam, a=achternaam, t=tussen, V=voornaam[0], A=achternaam[0])
    uit = maskeer(_geplant(voor, hoofdletters(geplant), na), Masker(personen=(persoon,)))
    assert not _woord_in(voornaam, uit), uit
    assert not _woord_in(achternaam, uit), uit
    if "{A}." in vorm:  # "mevrouw P.": the initial goes with the title's name
        assert not re.search(rf"(?i)\b{achternaam[0]}\.", uit), uit


@given(
    nummer=st.integers(min_value=10_000_000, max_value=999_999_999),
    vorm=st.sampled_from(["{}", "{0:09d}", "bsn{0:09d}", "BSN: {0:09d}"]),
    scheiding=st.sampled_from(["", " ", ".", "-"]),
    voor=VULLING,
    na=VULLING,
)
def test_elk_getal_dat_een_bsn_kan_zijn_verdwijnt(nummer, vorm, scheiding, voor, na):
    tekst = vorm.format(nummer)
    if scheiding:
        cijfers = re.search(r"\d+", tekst)[0]
        gegroepeerd = scheiding.join([cijfers[: len(cijfers) - 6], cijfers[-6:-3], cijfers[-3:]])
        tekst = tekst.replace(cijfers, gegroepeerd)
    uit = maskeer(_geplant(voor, tekst, na), Masker())
    assert _cijfers(uit) == "", uit


@given(st.integers(min_value=10_000_000, max_value=99_999_999))
def test_geldig_bsn_wordt_herkend(begin):
    # Complete 8 digits to a valid BSN with python-stdnum's checksum.
    for laatste in range(10):
        kandidaat = f"{begin}{laatste}"
        if stdnum_bsn.is_valid(kandidaat):
            assert bevat_bsn(f"bsn {kandidaat[:3]} {kandidaat[3:6]} {kandidaat[6:]} graag")
            assert bevat_bsn(f"nummer {kandidaat}.")
            break
    assert not bevat_bsn("de tafel van 12 december")


@given(
    bank=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4),
    rekening=st.integers(min_value=0, max_value=9_999_999_999),
    spaties=st.booleans(),
    klein=st.booleans(),
    voor=VULLING,
    na=VULLING,
)
def test_iban_verdwijnt(bank, rekening, spaties, klein, voor, na):
    basis = f"{bank}{rekening:010d}"
    iban = f"NL{stdnum_iban.calc_check_digits('NL00' + basis)}{basis}"
    assert stdnum_iban.is_valid(iban)
    tekst = stdnum_iban.format(iban) if spaties else iban
    tekst = tekst.lower() if klein else tekst
    uit = maskeer(_geplant(voor, tekst, na), Masker())
    assert _cijfers(uit) == "" and bank.lower() not in uit.lower(), uit


@given(
    datum=st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31)),
    vorm=st.sampled_from(
        [
            "%d-%m-%Y",
            "%-d-%-m-%Y",
            "%d/%m/%Y",
            "%d.%m.%Y",
            "%Y-%m-%d",
            "%d-%m-%y",
            "%d%m%Y",
            "%-d {maand} %Y",
            "%-d {kort}. %Y",
            "{maand} %-d, %Y",
        ]
    ),
    voor=VULLING,
    na=VULLING,
)
def test_geboortedatum_verdwijnt_in_elk_formaat(datum, vorm, voor, na):
    maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december"]  # fmt: skip
    maand = maanden[datum.month - 1]
    tekst = datum.strftime(vorm.format(maand=maand, kort=maand[:3]))
    masker = Masker(personen=(Persoon("Anna", "Jansen", datum),))
    uit = maskeer(_geplant(voor, tekst, na), masker)
    assert _cijfers(uit) == "", uit
    # Without knowing whose birthday it is, "geboren" is enough.
    uit = maskeer(_geplant(voor, "geboren op " + tekst, na), Masker())
    assert _cijfers(uit) == "", uit


@given(
    straat=NAAM,
    soort=st.sampled_from(["straat", "laan", "weg", "plein", "singel", "dijk", "hof", "kade"]),
    nummer=st.integers(min_value=1, max_value=999),
    toevoeging=st.sampled_from(["", "a", " B", "-2", "-II"]),
    postcode=st.integers(min_value=1000, max_value=9999),
    letters=st.text(alphabet="ABCDEFGHJKLMNPRTUVWXZ", min_size=2, max_size=2),
    voor=VULLING,
    na=VULLING,
)
def test_adres_en_postcode_verdwijnen(
    straat, soort, nummer, toevoeging, postcode, letters, voor, na
):
    tekst = f"woont op de {straat}{soort} {nummer}{toevoeging}, {postcode} {letters} Peelstad"
    uit = maskeer(_geplant(voor, tekst, na), Masker())
    assert _cijfers(uit) == "", uit
    assert f"{straat}{soort}".lower() not in uit.lower(), uit
    # With the category "wonen" on a ground (names shared too), the address stays.
    alles = {"wonen", "financien", "gezondheid", "veiligheid", "kinderen"}
    open_ = masker_voor([], gedeeld=alles, namen_gedeeld=True)(tekst)
    assert f"{straat}{soort} {nummer}" in open_


@given(
    bedrag=st.integers(min_value=1, max_value=9_999_999),
    centen=st.integers(min_value=0, max_value=99),
    vorm=st.sampled_from(["€ {e}", "€{e},{c:02d}", "{e} euro", "EUR {e},{c:02d}", "€ {e},-"]),
    voor=VULLING,
    na=VULLING,
)
def test_bedragen_verdwijnen_tenzij_financien_gedeeld_is(bedrag, centen, vorm, voor, na):
    euro = f"{bedrag:,}".replace(",", ".")
    tekst = vorm.format(e=euro, c=centen)
    uit = masker_voor([])(_geplant(voor, tekst, na))
    assert _cijfers(uit) == "", uit
    assert tekst in masker_voor([], gedeeld={"financien"})(tekst)


@given(
    nummer=st.sampled_from(
        ["06-12345678", "06 1234 5678", "+31 6 12345678", "+31 (0)6 1234 5678",
         "(040) 123 45 67", "040-1234567", "0031612345678", "0612345678"]
    ),
    voor=VULLING,
    na=VULLING,
)  # fmt: skip
def test_telefoonnummers_en_email_verdwijnen(nummer, voor, na):
    uit = maskeer(_geplant(voor, f"bel {nummer} of mail l.peeters@example.nl", na), Masker())
    assert _cijfers(uit) == "" and "@" not in uit and "peeters" not in uit, uit


@given(
    term=st.sampled_from(
        ["psychose", "Psychotisch", "opgenomen", "crisisopname", "HOOGZWANGER", "zwangerschap",
         "diagnose", "schizofrenie", "kinderpsychiater", "GGZ-behandeling", "verslaafd"]
    ),
    voor=VULLING,
    na=VULLING,
)  # fmt: skip
def test_gezondheid_alleen_met_die_categorie(term, voor, na):
    tekst = _geplant(voor, term, na)
    assert term.lower() not in masker_voor([])(tekst).lower()
    assert term.lower() not in masker_voor([], gedeeld={"wonen", "veiligheid"})(tekst).lower()
    assert term in masker_voor([], gedeeld={"gezondheid"})(tekst)


def test_gewone_tekst_en_datums_van_de_tafel_blijven_staan():
    masker = masker_voor([Persoon("Tom", "Peeters", date(2020, 1, 5))], drempeljaar=2014)
    tekst = "Deadline 01-12-2026 en bespreking op 5 januari 2027; basis voor de aanpak in 2025."
    assert masker(tekst) == tekst
    assert masker("Tommie en Tomaat") == f"{GEMASKEERD} en Tomaat"


def test_naam_van_het_huishouden_wordt_het_pseudoniem():
    masker = Masker(
        personen=(Persoon("Lisa", "Peeters"),), woorden={"Gezin Peeters": "Huishouden B"}
    )
    assert masker("Gezin Peeters en LISA") == f"Huishouden B en {GEMASKEERD}"
    assert Masker(woorden={"Gezin Peeters": "Huishouden B"}, namen=False)("Gezin Peeters") == (
        "Gezin Peeters"
    )


def test_titel_voor_een_naam_hoort_niet_bij_de_naam():
    assert Persoon.uit_naam("Dr. Bakker") == Persoon("", "Bakker")
    assert Persoon.uit_naam("mevr. Anna de Vries") == Persoon("Anna", "de Vries")
    assert Masker(personen=(Persoon.uit_naam("Dr. Bakker"),))("dr. Bakker belt") == "[…] belt"


def test_geboortedatum_met_jaar_in_twee_cijfers_in_beide_eeuwen():
    # "01-01-30" is 1930 for someone born then, though a bare "30" would read as 2030.
    masker = Masker(personen=(Persoon("Anna", "Jansen", date(1930, 1, 1)),))
    assert _cijfers(maskeer("Anna is van 01-01-30.", masker)) == ""
    assert _cijfers(maskeer("geboren op 01-01-30", Masker())) == ""
