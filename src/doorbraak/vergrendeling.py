"""Row locks: the one order every writer takes them in, and what a lock failure looks like.

PostgreSQL, READ COMMITTED. Every service that writes takes its row locks in this order, each
kind at most once and several rows of one kind in primary-key order:

1. the request or loan it acts on (`aanvraag_ophalen` / `lening_ophalen`, lock=True), or the
   household (`huishouden_ophalen`) — for a period close: the period first, then its granted
   requests (the close never locks a request that is not yet granted, the go never a granted one);
2. the budget's period: FOR SHARE by a go (go's share it; in the statement that finds the
   budget: on PostgreSQL the go's read of its request, `budget.selectors.aanvraag_voor_go`, which
   locks the request in a subquery before it looks for the budget, elsewhere
   `budget_voor(periode_delen=True)`), FOR NO KEY UPDATE by a close;
3. the case (`casus_ophalen`, lock=True; the go's cap per case);
4. the case's dossier read model, raised by the processing-log entry (`audit.services.leg_vast`
   → `casussen.leesmodel`): every path that moves money writes its log entry before it books,
   and a close marks all its cases' dossiers (in case-id order) before it locks a budget;
5. the budget row(s): the go's conditional UPDATE (`ledger.committeer`, the last statement
   before COMMIT and sent with it in one round trip, so the budget's lock is held only while
   PostgreSQL runs the check-and-commit), payments, releases, repayments and contributions
   through `ledger.boek`, a close up front;
6. at COMMIT: the foreign-key checks. Django creates foreign keys DEFERRABLE INITIALLY
   DEFERRED, so PostgreSQL takes FOR KEY SHARE on every referenced row (the case of a timeline
   item, the budget of a ledger entry, the request of a step) only when the transaction commits,
   after every lock above.

Step 6 is why every explicit lock above is FOR NO KEY UPDATE (Django: `no_key=True`), never
FOR UPDATE: FOR UPDATE conflicts with FOR KEY SHARE, so a payment that held the read model and
checked its timeline item's case at commit deadlocked with a writer that held the case FOR UPDATE
and waited for the read model. FOR NO KEY UPDATE still serialises writers of one row, and no
service changes a primary key; only a lock on a row that is deleted afterwards (retention, a
mandate or a gemeente's catalogue change being removed) is FOR UPDATE, and says so on its line.
The same holds for locks outside this order (a medewerker's roles, a melding being mailed, a
meeting, a signal): FOR UPDATE there would stall every transaction that writes a row referring
to the locked one (organisaties/tests/test_rijvergrendeling.py holds the rule).

SQLite takes the database's write lock at BEGIN (transaction_mode IMMEDIATE): writers run one at
a time and none of this applies.

Should PostgreSQL still abort a transaction with a deadlock (40P01) or a serialisation failure
(40001), everything it wrote is rolled back; the API answers 409 problem+json and the web a
Dutch page, both saying nothing was saved and to try again (`gelijktijdig`).
"""

# SQLSTATEs of a transaction PostgreSQL aborted because of concurrent transactions.
GELIJKTIJDIG = frozenset({"40P01", "40001"})


def gelijktijdig(fout: BaseException | None) -> bool:
    """Whether this (Django-wrapped) database error is a deadlock or a serialisation failure."""
    while fout is not None:
        if getattr(fout, "sqlstate", None) in GELIJKTIJDIG:
            return True
        fout = fout.__cause__
    return False
