"""A real browser (Debian's chromium, driven by Playwright) against a live server, with axe-core
checking every page it visits."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("DOORBRAAK_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[5] / "node_modules" / "axe-core" / "axe.min.js"
SCHERMAFDRUKKEN = Path(os.environ.get("DOORBRAAK_SCHERMAFDRUKKEN", "screenshots"))
ERNSTIG = {"serious", "critical"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium ontbreekt op {CHROMIUM}; `make test` installeert het (apt).")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def pagina(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="nl-NL"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    fouten: list[str] = []
    page.on("pageerror", lambda e: fouten.append(str(e)))
    # The Content-Security-Policy holds: a blocked script or style is an error too.
    page.on(
        "console",
        lambda m: fouten.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page
    context.close()
    assert not fouten, f"JavaScript-fouten in de pagina: {fouten}"


def toegankelijk(page, naam: str) -> None:
    """Run axe-core (WCAG 2.1 A/AA rules) on the current page; fail on serious/critical."""
    page.evaluate(AXE.read_text())  # through DevTools, so the page's CSP does not block it
    uitkomst = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    ernstig = [v for v in uitkomst["violations"] if v["impact"] in ERNSTIG]
    beschrijving = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in ernstig
    )
    assert not ernstig, f"Toegankelijkheidsfouten op '{naam}':\n{beschrijving}"


def schermafdruk(page, naam: str) -> Path:
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    pad = SCHERMAFDRUKKEN / f"{naam}.png"
    page.screenshot(path=str(pad), full_page=True)
    return pad


def inloggen(page, gebruikersnaam: str, wachtwoord: str) -> None:
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
