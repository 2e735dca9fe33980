"""`doorbraak genereer --huishoudens N`: synthetic households and case files for benchmarks."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorbraak.casussen import genereer


class Command(BaseCommand):
    help = (
        "Genereert N synthetische (fictieve) huishoudens, elk met gezinsleden (deels met een "
        "versleuteld BSN dat de elfproef doorstaat), een casus, domeinscores, hulpverleners, "
        "een doorbraakplan en een tijdlijn, in een eigen gemeente met een regisseur om mee in te "
        "loggen. Voor benchmarks en belastingtests. Er worden GEEN verwerkingen in het "
        "verwerkingenlogboek geschreven: de gegevens zijn synthetisch. Opnieuw draaien voegt "
        "huishoudens toe (gemeente en gebruiker worden hergebruikt, het wachtwoord opnieuw gezet)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--huishoudens", type=int, required=True, help="Aantal huishoudens.")
        parser.add_argument(
            "--gemeente-code",
            default=genereer.STANDAARD_GEMEENTECODE,
            help="CBS-code van de (synthetische) gemeente; aangemaakt als die niet bestaat.",
        )
        parser.add_argument("--gemeente-naam", default=genereer.STANDAARD_GEMEENTENAAM)
        parser.add_argument(
            "--gebruiker",
            default=genereer.STANDAARD_GEBRUIKER,
            help="Gebruikersnaam van de regisseur in die gemeente.",
        )
        parser.add_argument(
            "--wachtwoord",
            default=genereer.STANDAARD_WACHTWOORD,
            help="Wachtwoord van die gebruiker (alleen voor test- en benchmarkomgevingen).",
        )
        parser.add_argument(
            "--seed", type=int, default=None, help="Vaste seed: dezelfde gegevens bij elke run."
        )
        parser.add_argument(
            "--batch", type=int, default=genereer.BATCH, help="Huishoudens per transactie."
        )
        parser.add_argument(
            "--gemeenten",
            type=int,
            default=1,
            help="Verdeel de huishoudens over zoveel gemeenten (een regio): de opgegeven code en "
            "de codes eronder, met gebruikers GEBRUIKER, GEBRUIKER-02, … (zelfde wachtwoord).",
        )
        parser.add_argument(
            "--processen",
            type=int,
            default=1,
            help="Genereer zoveel gemeenten tegelijk, elk in een eigen proces (PostgreSQL).",
        )

    def handle(self, *args, **opties) -> None:
        totaal = opties["huishoudens"]

        def voortgang(gedaan: int, seconden: float) -> None:
            if totaal > opties["batch"] and opties["verbosity"] >= 1:
                self.stdout.write(f"  {gedaan}/{totaal} huishoudens ({seconden:.1f} s)")

        try:
            uitslag = genereer.genereer(
                huishoudens=totaal,
                gemeente_code=opties["gemeente_code"],
                gemeente_naam=opties["gemeente_naam"],
                gebruikersnaam=opties["gebruiker"],
                wachtwoord=opties["wachtwoord"],
                seed=opties["seed"],
                batch=opties["batch"],
                gemeenten=opties["gemeenten"],
                processen=opties["processen"],
                voortgang=voortgang,
            )
        except genereer.GenereerFout as fout:
            raise CommandError(str(fout)) from None
        aantallen = ", ".join(f"{n} {naam}" for naam, n in uitslag.aantallen.items())
        snelheid = totaal / uitslag.seconden if uitslag.seconden else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Gegenereerd in {uitslag.gemeente.naam} ({uitslag.gemeente.code}), seed "
                f"{uitslag.seed}: {aantallen or 'niets'}. "
                f"Gebruiker: {uitslag.gebruiker.username}."
            )
        )
        if len(uitslag.regio) > 1:
            self.stdout.write(
                f"Regio van {len(uitslag.regio)} gemeenten: "
                + ", ".join(f"{g.code} ({u.username}, {n})" for g, u, n in uitslag.regio)
            )
        self.stdout.write(
            f"Tijd: {uitslag.seconden:.1f} s ({snelheid:.0f} huishoudens/s). "
            "Geen verwerkingen gelogd (synthetische gegevens)."
        )
