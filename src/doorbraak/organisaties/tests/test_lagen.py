"""The base layer knows no cases: `organisaties` imports nothing from the apps built on it.

Read from the source with `ast` (every import statement, also one inside a function), so a lazy
import cannot slip past. Tests and migrations are not part of the layer's code."""

import ast
from pathlib import Path

import pytest

import doorbraak.organisaties

HOGERE_APPS = ("casussen", "budget", "overleg", "mkba", "regels", "rapportage", "demo", "web")
MAP = Path(doorbraak.organisaties.__file__).parent


def _bronbestanden() -> list[Path]:
    return [
        p
        for p in sorted(MAP.rglob("*.py"))
        if not {"tests", "migrations"} & set(p.relative_to(MAP).parts)
    ]


def _imports(pad: Path) -> list[tuple[int, str]]:
    gevonden = []
    for knoop in ast.walk(ast.parse(pad.read_text(), str(pad))):
        if isinstance(knoop, ast.Import):
            gevonden += [(knoop.lineno, alias.name) for alias in knoop.names]
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
            gevonden.append((knoop.lineno, knoop.module))
            # `from doorbraak import casussen` names the app in the imported names
            if knoop.module == "doorbraak":
                gevonden += [(knoop.lineno, f"doorbraak.{a.name}") for a in knoop.names]
    return gevonden


def _verboden(module: str) -> bool:
    return any(
        module == f"doorbraak.{a}" or module.startswith(f"doorbraak.{a}.") for a in HOGERE_APPS
    )


def test_organisaties_importeert_geen_hogere_app():
    bestanden = _bronbestanden()
    assert MAP / "models.py" in bestanden and MAP / "services.py" in bestanden
    fouten = [
        f"{pad.relative_to(MAP)}:{regel} importeert {module}"
        for pad in bestanden
        for regel, module in _imports(pad)
        if _verboden(module)
    ]
    assert fouten == []


@pytest.mark.parametrize(
    "bron",
    [
        "from doorbraak.casussen.models import Casus",
        "def f():\n    from doorbraak.budget import services",
        "import doorbraak.overleg.models",
        "from doorbraak import rapportage",
    ],
)
def test_de_controle_vangt_elke_vorm_van_import(tmp_path, bron):
    pad = tmp_path / "x.py"
    pad.write_text(bron)
    assert any(_verboden(module) for _, module in _imports(pad))


def test_de_controle_laat_de_eigen_laag_en_de_basis_toe(tmp_path):
    pad = tmp_path / "x.py"
    pad.write_text(
        "from doorbraak.organisaties.models import Gemeente\nfrom doorbraak.audit import services\n"
        "from doorbraak import fouten\nimport doorbraak.casussenlijst\n"
    )
    assert not any(_verboden(module) for _, module in _imports(pad))
