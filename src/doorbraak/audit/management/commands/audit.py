"""`doorbraak audit verifieer|verzegel|rollen`: the processing log's seals and database roles."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from doorbraak.audit import rollen
from doorbraak.audit.taken import verzegel
from doorbraak.audit.verificatie import verifieer


class Command(BaseCommand):
    help = (
        "Verwerkingenlogboek: 'verifieer' controleert verzegelingen, verwerkingen en de kop tegen "
        "de export; 'verzegel' verzegelt de nieuwe verwerkingen; 'rollen' toont de SQL voor een "
        "eigenaarsrol en een app-rol zonder UPDATE/DELETE/TRUNCATE op het logboek (PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["verifieer", "verzegel", "rollen"])
        parser.add_argument("--eigenaar", default="doorbraak_eigenaar")
        parser.add_argument("--app", default="doorbraak_app")
        parser.add_argument(
            "--alleen-rechten",
            action="store_true",
            help="alleen de rechten na een migratie (als eigenaar uit te voeren)",
        )

    def handle(self, *args, actie, **opties):
        if actie == "verzegel":
            self.stdout.write(json.dumps(verzegel(), sort_keys=True))
            return
        if actie == "rollen":
            self._rollen(opties)
            return
        uitslag = verifieer()
        if uitslag.breuk:
            b = uitslag.breuk
            raise CommandError(
                f"Verwerkingenlogboek NIET in orde: gemeente {b.gemeente_id}, verwerking "
                f"{b.volgnummer}: {b.reden}."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Verwerkingenlogboek in orde: {uitslag.gecontroleerd} verzegelde verwerkingen "
                f"in {uitslag.zegels} verzegelingen; {uitslag.onverzegeld} nieuwere nog niet "
                "verzegeld."
            )
        )

    def _rollen(self, opties):
        if connection.vendor != "postgresql":
            raise CommandError("Databaserollen zijn er alleen voor PostgreSQL.")
        with connection.cursor() as cursor:

            def tekst(stukken):
                return "\n".join(s.as_string(cursor.connection) + ";" for s in stukken)

            if not opties["alleen_rechten"]:
                self.stdout.write("-- Eenmalig, als superuser, vóór de eerste migratie:")
                self.stdout.write(
                    tekst(
                        rollen.rollen_sql(
                            eigenaar=opties["eigenaar"],
                            app=opties["app"],
                            database=connection.settings_dict["NAME"],
                        )
                    )
                )
                self.stdout.write("-- Na elke migratie, als de eigenaar:")
            self.stdout.write(tekst(rollen.rechten_sql(app=opties["app"])))
