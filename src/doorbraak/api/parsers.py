"""The JSON parser of the API: refuses bodies that would hurt the server before any view sees them.

- nesting deeper than MAX_DIEPTE (a 5,000-deep `feiten` ran into RecursionError: a 500);
- a NUL character in any key or text value (PostgreSQL cannot store it: a DataError, a 500),
  named by its path in the body, e.g. `regels[0].omschrijving`;
- NaN and Infinity literals, which are not JSON.
"""

import json
from typing import Any

from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import JSONParser

MAX_DIEPTE = 32


def _geen_getal(literal: str) -> None:
    raise ValueError(f"{literal} is geen geldig JSON-getal")


def _pad(pad: str, sleutel: object) -> str:
    if isinstance(sleutel, int):
        return f"{pad}[{sleutel}]"
    return f"{pad}.{sleutel}" if pad else str(sleutel)


def controleer(data: Any, max_diepte: int = MAX_DIEPTE) -> None:
    """Walk the parsed body without recursion; raise a 400 naming the first offending place."""
    stapel: list[tuple[Any, str, int]] = [(data, "", 1)]
    while stapel:
        waarde, pad, diepte = stapel.pop()
        if isinstance(waarde, dict | list):
            if diepte > max_diepte:
                raise exceptions.ParseError(
                    f"De JSON is te diep genest (meer dan {max_diepte} niveaus) bij "
                    f"'{pad or '(hoofdniveau)'}'."
                )
            items = waarde.items() if isinstance(waarde, dict) else enumerate(waarde)
            for sleutel, kind in items:
                if isinstance(sleutel, str) and "\x00" in sleutel:
                    raise exceptions.ValidationError(
                        {pad or "(hoofdniveau)": ["Een veldnaam mag geen NUL-teken bevatten."]}
                    )
                stapel.append((kind, _pad(pad, sleutel), diepte + 1))
        elif isinstance(waarde, str) and "\x00" in waarde:
            raise exceptions.ValidationError(
                {pad or "(hoofdniveau)": ["Tekst mag geen NUL-teken (\\u0000) bevatten."]}
            )


class VeiligeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            tekst = stream.read().decode(encoding) if stream is not None else ""
            data = json.loads(tekst, parse_constant=_geen_getal)
        except RecursionError:
            raise exceptions.ParseError(
                f"De JSON is te diep genest (meer dan {MAX_DIEPTE} niveaus)."
            ) from None
        except (ValueError, UnicodeDecodeError) as fout:
            raise exceptions.ParseError(f"Ongeldige JSON: {fout}") from None
        controleer(data)
        return data
