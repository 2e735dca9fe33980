"""A worked cost-benefit calculation for each demo case of the first gemeente.

Called by the demo loader (`doorbraak demo`) right after a case's plan is written, through the
same service a professional uses. The figures are illustrations built from the catalogue: what a
regisseur would estimate for these fictitious households, not measurements.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from doorbraak.casussen.models import Casus
from doorbraak.mkba import selectors, services
from doorbraak.mkba.models import Mkba
from doorbraak.mkba.opbouw import KostenInvoer, RegelInvoer, SleutelkansInvoer
from doorbraak.mkba.services import MkbaInvoer, Waardeoordeel
from doorbraak.organisaties.models import Medewerker


def _r(kengetal: str, aantal: str = "1", kans: str = "1", jaar: int = 1, **anders) -> RegelInvoer:
    return RegelInvoer(
        kengetal=kengetal, aantal=Decimal(aantal), kans=Decimal(kans), jaar=jaar, **anders
    )


def _kosten(omschrijving: str, bedrag: str, jaar: int = 1) -> KostenInvoer:
    return KostenInvoer(omschrijving=omschrijving, bedrag=Decimal(bedrag), jaar=jaar)


def _driehoek(rendement, legitimiteit, betrokkenheid) -> dict[str, Waardeoordeel]:
    return {
        "rendement": Waardeoordeel(*rendement),
        "legitimiteit": Waardeoordeel(*legitimiteit),
        "betrokkenheid": Waardeoordeel(*betrokkenheid),
    }


def _peeters(casus: Casus) -> MkbaInvoer:
    """Seed 001 as a professional would enter it: the eviction is likely but not certain (the
    team's judgement), placement follows only part of the evictions, the father's GGZ treatment
    and a coach are on the doorbraak side, and a small risk of eviction remains."""
    return MkbaInvoer(
        horizon_jaren=3,
        sleutelkans=SleutelkansInvoer(
            omschrijving="uithuiszetting", huidig_pad=Decimal("0.6"), doorbraak=Decimal("0.05"),
            betrouwbaarheid="C",
        ),
        huidig_pad=[
            _r("huisuitzetting_direct", sleutel=True,
               toelichting="corporatie dreigt met ontruiming om de schadeclaim"),
            _r("pleegzorg_integraal_maand", aantal="24", kans="0.6", kans_betrouwbaarheid="D",
               sleutel=True, tot_jaar=2, toelichting="Sem en Noor, als het gezin op straat staat"),
            _r("pleegzorg_integraal_maand", aantal="12", kans="0.6", kans_betrouwbaarheid="D",
               sleutel=True, jaar=3),
            _r("jeugdbescherming_jaar", aantal="2", kans="0.6", kans_betrouwbaarheid="D",
               sleutel=True, tot_jaar=2),
            _r("jeugd_beschikking_uitvoering", aantal="2", kans="0.6", kans_betrouwbaarheid="D",
               sleutel=True),
            _r("mo_feitelijk_dakloos_jaar", aantal="1", kans="0.6", kans_betrouwbaarheid="D",
               sleutel=True, toelichting="ouders een half jaar in de opvang (kinderen geplaatst)"),
            _r("gezinsopvang_jaar", aantal="0.5", kans="0.4", kans_betrouwbaarheid="D",
               sleutel=True, toelichting="half jaar gezinsopvang (kinderen niet geplaatst)"),
            _r("ggz_crisisopname_dag", aantal="14", kans="0.4", kans_betrouwbaarheid="D",
               toelichting="vader valt terug zonder behandeling"),
            _r("schuldhulp_traject", kans="0.5", jaar=2),
        ],
        doorbraak=[
            _r("huisuitzetting_direct", sleutel=True, toelichting="restrisico op ontruiming"),
            _r("wmo_begeleiding_uur", aantal="40", toelichting="extra inzet gezinscoach"),
            _r("ggz_crisisopname_dag", aantal="14", kans="0.1", kans_betrouwbaarheid="D",
               toelichting="terugval ondanks behandeling"),
            _r("schuldhulp_traject", toelichting="nu, in plaats van later"),
            RegelInvoer(omschrijving="Ambulante GGZ-behandeling vader", bedrag=Decimal("6000"),
                        betaler="zorgverzekeraar", betrouwbaarheid="D",
                        toelichting="schatting van de GGZ-behandelaar voor een jaar"),
            _r("welzijn_kinderen_thuis", toelichting="Sem en Noor blijven thuis wonen"),
        ],
        doorbraak_kosten=[
            KostenInvoer(omschrijving="Herstelrekening woningcorporatie (schade)",
                         bedrag=Decimal("3500"), ontvanger="woningcorporatie"),
        ],
        waardendriehoek=_driehoek(
            (2, "Eenmalig € 3.500 tegen een reële kans op uithuiszetting, opvang en pleegzorg."),
            (1, "Bijzondere bijstand voor schulden is uitgesloten; betaling uit het "
                "doorbraakbudget, rechtstreeks aan de corporatie."),
            (2, "Ouders, corporatie en GGZ staan achter het plan; vader is in behandeling."),
        ),
        toelichting="Voorbeeld uit de pilot Samenloopbudget: schade na een psychose van vader.",
    )  # fmt: skip


def _van_der_heijden(casus: Casus) -> MkbaInvoer:
    return MkbaInvoer(
        horizon_jaren=3,
        huidig_pad=[
            _r("pleegvergoeding_maand", aantal="12", kans="0.3", tot_jaar=3,
               toelichting="grootouders houden het niet vol: Daan naar een pleeggezin"),
            _r("jeugdbescherming_jaar", kans="0.3", tot_jaar=2),
            _r("jeugd_beschikking_uitvoering", kans="0.3"),
            _r("wmo_begeleiding_uur", aantal="80", kans="0.6", tot_jaar=3,
               toelichting="overbelaste grootouders"),
        ],
        doorbraak=[
            _r("wmo_begeleiding_uur", aantal="20"),
            _r("welzijn_kinderen_thuis", toelichting="Daan blijft bij zijn grootouders wonen"),
        ],
        doorbraak_kosten=[_kosten("Aangepast vervoer naar school, één schooljaar", "6800")],
        waardendriehoek=_driehoek(
            (1, "Vervoer kost minder dan de kans op pleegzorg en begeleiding."),
            (1, "Hardheidsclausule van de verordening leerlingenvervoer wordt getoetst."),
            (2, "Grootouders en school steunen de oplossing."),
        ),
    )  # fmt: skip


def _bakker(casus: Casus) -> MkbaInvoer:
    return MkbaInvoer(
        horizon_jaren=3,
        huidig_pad=[
            _r("huisuitzetting_direct", kans="0.8", toelichting="ontruiming aangezegd"),
            _r("mo_feitelijk_dakloos_jaar", kans="0.6"),
            _r("mo_feitelijk_dakloos_jaar", aantal="0.5", kans="0.6", jaar=2),
            _r("ggz_crisisopname_dag", aantal="14", kans="0.5"),
            _r("politie_uur", aantal="20", kans="0.6", toelichting="verward gedrag op straat"),
        ],
        doorbraak=[_r("schuldhulp_traject"), _r("wmo_begeleiding_uur", aantal="60")],
        doorbraak_kosten=[_kosten("Huurachterstand van vier maanden aan de corporatie", "3400")],
        waardendriehoek=_driehoek(
            (2, "Ontruiming, opvang en crisisopname zijn vele malen duurder."),
            (1, "Maatregel bijstand houdt geen rekening met de psychose; herstel met "
                "terugwerkende kracht wordt gevraagd."),
            (1, "Mark wil blijven wonen; het FACT-team doet mee."),
        ),
    )  # fmt: skip


# In the doorbraak the family keeps these helpers after the first year; the others step back.
_EL_IDRISSI_BLIJFT = ("Schuldhulpverlener", "Beschermingsbewindvoerder", "Jeugd-GGZ behandelaar")


def _el_idrissi(casus: Casus) -> MkbaInvoer:
    horizon = 3
    hulp = selectors.hulpverlenerkosten(casus)
    # Year 1: everybody stays while the plan takes hold; after that only these three.
    blijft = {h.id: horizon if h.rol in _EL_IDRISSI_BLIJFT else 1 for h in hulp}
    return MkbaInvoer(
        horizon_jaren=horizon,
        hulpverleners_meenemen=True,
        hulpverleners_blijven=blijft,
        doorbraak=[_r("schuldhulp_traject")],
        doorbraak_kosten=[_kosten("Afkoop blokkerende schuldeiser voor de schuldregeling", "2500")],
        waardendriehoek=_driehoek(
            (2, "Eén plan en één regisseur: na een jaar zijn negen hulpverleners niet meer nodig."),
            (2, "Schuldregeling met saneringskrediet past binnen de Wgs."),
            (1, "Moeder wil het; de jeugd-GGZ twijfelt nog over de afbouw."),
        ),
    )


def _de_wit(casus: Casus) -> MkbaInvoer:
    return MkbaInvoer(
        horizon_jaren=3,
        huidig_pad=[
            _r("opvang_jongeren_jaar", kans="0.6", toelichting="Jesse staat op straat"),
            _r("opvang_jongeren_jaar", aantal="0.5", kans="0.6", jaar=2),
            _r("bijstand_uitkering_jaar", kans="0.5", tot_jaar=3),
            _r("bijstand_uitvoering_jaar", kans="0.5", tot_jaar=3),
            _r("politie_uur", aantal="10", kans="0.4"),
        ],
        doorbraak=[
            _r("jeugdhulp_verblijf_etmaal", aantal="120", toelichting="verlengd verblijf"),
            _r("wmo_begeleiding_uur", aantal="120"),
            _r("wmo_begeleiding_uur", aantal="80", jaar=2),
        ],
        doorbraak_kosten=[_kosten("Overbrugging tot de Wmo-plek (inrichting, borg)", "1500")],
        waardendriehoek=_driehoek(
            (1, "Verlengd verblijf kost geld, maar voorkomt opvang en een uitkering."),
            (2, "De Jeugdwet laat verlengde jeugdhulp tot 23 jaar toe."),
            (2, "Jesse, moeder en de instelling willen dit."),
        ),
    )


def _jansen(casus: Casus) -> MkbaInvoer:
    return MkbaInvoer(
        horizon_jaren=2,
        huidig_pad=[
            _r("schuldhulp_traject"),
            _r("wmo_begeleiding_uur", aantal="40", kans="0.5"),
            _r("huisuitzetting_direct", kans="0.1", toelichting="als de schulden oplopen"),
            _r("seh_bezoek", kans="0.2", toelichting="koude woning, vader is ziek"),
        ],
        doorbraak=[_r("schuldhulp_traject")],
        doorbraak_kosten=[_kosten("Energieachterstand, als lening", "1350")],
        waardendriehoek=_driehoek(
            (1, "Kleine investering, afsluiting voorkomen."),
            (2, "Lening met aflossing past in de regeling."),
            (1, "Gezin wil een betalingsregeling; nog niet met schuldhulp gesproken."),
        ),
    )


def _ozturk(casus: Casus) -> MkbaInvoer:
    return MkbaInvoer(
        horizon_jaren=3,
        huidig_pad=[
            _r("huisuitzetting_direct", kans="0.4", toelichting="vervuiling en overlast"),
            _r("mo_residentieel_jaar", kans="0.4"),
            _r("beschermd_wonen_jaar", kans="0.2", jaar=2, tot_jaar=3),
            _r("politie_uur", aantal="8", kans="0.5", toelichting="meldingen van buren"),
        ],
        doorbraak=[
            _r("wmo_begeleiding_uur", aantal="100"),
            _r("wmo_begeleiding_uur", aantal="60", jaar=2, tot_jaar=3),
        ],
        doorbraak_kosten=[_kosten("Eenmalige schoonmaak van de woning", "2800")],
        waardendriehoek=_driehoek(
            (2, "Schoonmaak en begeleiding kosten een fractie van uitzetting en opvang."),
            (1, "Schoonmaak valt niet onder de Wmo-verordening; doorbraakbudget."),
            (2, "Ayşe en de corporatie doen mee; vaste vrijwilliger gevonden."),
        ),
    )


DEMO_MKBAS: dict[str, Callable[[Casus], MkbaInvoer]] = {
    "Gezin Peeters": _peeters,
    "Grootouders Van der Heijden": _van_der_heijden,
    "Huishouden Bakker": _bakker,
    "Gezin El Idrissi": _el_idrissi,
    "Huishouden De Wit": _de_wit,
    "Gezin Jansen": _jansen,
    "Huishouden Öztürk": _ozturk,
}


def mkba_voor_demo(*, casus: Casus, door: Medewerker, huishouden: str) -> Mkba | None:
    """Store the worked MKBA of this demo household, if it has one."""
    opbouwen = DEMO_MKBAS.get(huishouden)
    if opbouwen is None:
        return None
    return services.mkba_berekenen(door=door, casus_id=casus.pk, invoer=opbouwen(casus))
