"""Schemathesis over every operation of the OpenAPI document, as every demo user (each role, the
second gemeente, the partners) and anonymously: no response is a 5xx, and every documented
response matches its schema. Valid and invalid inputs (positive and negative generation), a
bounded number of examples per operation so the run stays around a minute.

Runs in the PostgreSQL pass: that is where a NUL byte or an out-of-range value reaches a real
type system. `DOORBRAAK_SCHEMATHESIS_VOORBEELDEN` sets the examples per operation and mode;
`DOORBRAAK_SCHEMATHESIS_ALLEEN=/budgetten` limits a run to matching operations while debugging.
"""

import os
from collections import Counter

import pytest
import schemathesis
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from knox.models import AuthToken
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from doorbraak.organisaties.models import Medewerker

VOORBEELDEN = int(os.environ.get("DOORBRAAK_SCHEMATHESIS_VOORBEELDEN", "5"))
ALLEEN = os.environ.get("DOORBRAAK_SCHEMATHESIS_ALLEEN", "")
ANONIEM = "(anoniem)"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _kern(fout: BaseException) -> str:
    """The lines of a schemathesis report that say what failed and how to reproduce it."""
    sleutels = ("ST", "Schema at", "status code", "curl ", "Server error", "Unable", "Error")
    regels = [r.strip() for r in str(fout).splitlines() if r.strip().startswith(sleutels)]
    return "\n    ".join(dict.fromkeys(regels)) or repr(fout)[:500]


def test_geen_5xx_en_antwoorden_volgens_het_contract_voor_elke_operatie_en_rol():
    if connection.vendor != "postgresql":
        pytest.skip("schemathesis draait in de PostgreSQL-ronde")
    call_command("demo")
    from doorbraak.config.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    tokens = {
        m.username: AuthToken.objects.create(m)[1]
        for m in Medewerker.objects.filter(is_active=True).order_by("username")
    }
    rollen = [*tokens, ANONIEM]
    gebruikt: Counter = Counter()
    fouten: list[str] = []
    operaties = [resultaat.ok() for resultaat in schema.get_all_operations()]
    assert len(operaties) > 60  # the whole API, not a subset
    if ALLEEN:  # while debugging: only the operations whose label contains this text
        operaties = [o for o in operaties if ALLEEN in o.label]

    for operatie in operaties:
        invoer = len(operatie.query) + len(operatie.body)  # something to make invalid
        for modus in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)[: 2 if invoer else 1]:

            @settings(
                max_examples=VOORBEELDEN,
                derandomize=True,
                database=None,
                deadline=None,
                phases=[Phase.explicit, Phase.generate],  # report, do not shrink
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operatie.as_strategy(generation_mode=modus), rol=st.sampled_from(rollen))
            def proef(case, rol):
                gebruikt[rol] += 1
                kop = {} if rol == ANONIEM else {"Authorization": f"Token {tokens[rol]}"}
                antwoord = case.call(headers=kop)
                ingetrokken = case.method.upper() == "DELETE" and case.path.endswith("/huidig")
                if ingetrokken and antwoord.status_code == 204:  # the token is gone: a new one
                    m = Medewerker.objects.get(username=rol)
                    tokens[rol] = AuthToken.objects.create(m)[1]
                case.validate_response(
                    antwoord, checks=[not_a_server_error, response_schema_conformance]
                )

            try:
                proef()
            except Unsatisfiable:  # no invalid variant of these parameters exists
                pass
            except (Exception, BaseExceptionGroup) as fout:  # note each operation, go on
                fouten.append(f"{operatie.label} [{modus.value}]: {_kern(fout)}")

    assert fouten == [], "\n".join(fouten)
    if not ALLEEN:
        assert set(gebruikt) == set(rollen), set(rollen) - set(gebruikt)
