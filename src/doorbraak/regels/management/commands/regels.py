"""`doorbraak regels valideer`: check the knowledge base files and run their example cases.

Checks the shipped defaults, and every gemeente folder (shipped under kennisbank/gemeenten/ and
in DOORBRAAK_KENNISBANK_DIR) layered on top of them. Exits non-zero naming file and field on the
first broken set. Needs no database.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doorbraak.regels import kennisbank, selectors


class Command(BaseCommand):
    help = "Kennisbank: 'valideer' controleert de regelbestanden en draait hun voorbeelden."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["valideer"])
        parser.add_argument(
            "--standaard",
            type=Path,
            default=kennisbank.STANDAARD_MAP,
            help="Map met de standaardbestanden (standaard: de meegeleverde kennisbank).",
        )
        parser.add_argument(
            "--gemeente",
            action="append",
            type=Path,
            default=None,
            help="Map met de bestanden van één gemeente (herhaalbaar); standaard alle "
            "gemeentemappen die Doorbraak kent.",
        )

    def handle(self, *args, **opties):
        standaard: Path = opties["standaard"]
        gemeenten: list[Path] = opties["gemeente"] or [
            m
            for basis in selectors.gemeentebasismappen()
            if basis.is_dir()
            for m in sorted(basis.iterdir())
            if m.is_dir()
        ]
        fouten = self._controleer("standaard", [standaard], None)
        for map_ in gemeenten:
            fouten += self._controleer(f"gemeente {map_.name}", [standaard, map_], map_.name)
        if fouten:
            regels = "\n".join(f"  {f}" for f in fouten)
            raise CommandError(f"Kennisbank NIET in orde ({len(fouten)} fouten):\n{regels}")
        self.stdout.write(self.style.SUCCESS("Kennisbank in orde."))

    def _controleer(self, label: str, mappen: list[Path], alleen_map: str | None) -> list:
        try:
            geladen = kennisbank.laad(mappen, vandaag=date.today())
        except kennisbank.KennisbankOngeldig as fout:
            return fout.fouten
        for w in geladen.waarschuwingen:
            self.stdout.write(self.style.WARNING(f"Let op: {w}"))
        if alleen_map is None:
            for c in kennisbank.controles(geladen):
                self.stdout.write(f"Nog te controleren in de wettekst: {c.bestand}: {c.melding}")
        fouten = kennisbank.voer_voorbeelden_uit(geladen, alleen_map=alleen_map)
        kb = geladen.kennisbank
        mislukt = len({(f.bestand, f.veld.split(".")[0]) for f in fouten})
        aantal = sum(
            1
            for v in geladen.voorbeelden
            if alleen_map is None or v.bestand.startswith(f"{alleen_map}/")
        )
        self.stdout.write(
            f"{label}: {len(kb.regelingen)} regelingen, "
            f"{sum(len(r.voorzieningen) for r in kb.regelingen)} voorzieningen, "
            f"{sum(len(r.uitzonderingsgronden) for r in kb.regelingen)} uitzonderingsgronden, "
            f"{len(kb.feiten)} feiten; {aantal - mislukt} van {aantal} voorbeelden kloppen."
        )
        return fouten
