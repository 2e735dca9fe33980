"""The one list of periodic background jobs. `doorbraak migrate` (post_migrate) and
`doorbraak taken plan` copy it into django-q2's Schedule table, idempotently.

A job is a plain, idempotent function (JSON-serialisable arguments or none) that returns a
small dict summary; it is named here by its dotted path.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PeriodiekeTaak:
    naam: str  # unique; the Schedule's name
    functie: str  # dotted path of a plain function
    minuten: int  # run every this many minutes
    args: tuple = field(default=())


PERIODIEKE_TAKEN: tuple[PeriodiekeTaak, ...] = (
    # The worker's heartbeat: /gezondheid sees the scheduler is alive by this schedule moving on.
    PeriodiekeTaak("hartslag", "doorbraak.taken.taken.hartslag", minuten=1),
    # Finished background files (PDF exports) are removed after their retention period.
    PeriodiekeTaak(
        "rapportexports-opruimen", "doorbraak.rapportage.taken.ruim_exports_op", minuten=60
    ),
    # The processing log: requests only append; this seals the new entries in HMAC-chained
    # batches and exports the head outside the database (invariant 6).
    PeriodiekeTaak("verwerkingen-verzegelen", "doorbraak.audit.taken.verzegel", minuten=1),
    # Kept dossier pages rendered again after a change, a release or the turn of the day, so
    # the next reader finds them ready (web.paginacache; at most 40 s of work per run).
    PeriodiekeTaak("dossierpaginas-bijwerken", "doorbraak.web.paginabouw.bijwerken", minuten=1),
    # Retention periods of every gemeente: anonymise what is past its term (AVG art. 5 lid 1 e).
    PeriodiekeTaak(
        "bewaartermijnen", "doorbraak.audit.taken.bewaartermijnen_alle_gemeenten", minuten=24 * 60
    ),
    # Mijn taken: overdue actions become meldingen, then the daily e-mail overview (issue 17).
    PeriodiekeTaak("meldingen-dagelijks", "doorbraak.mijntaken.taken.dagelijks", minuten=24 * 60),
    # MKBA: a follow-up (nameting) due 12 months after the go becomes a melding (issue 16).
    PeriodiekeTaak(
        "nametingen-signaleren", "doorbraak.mkba.taken.nametingen_signaleren", minuten=24 * 60
    ),
)
