"""Charts as SVG strings (matplotlib, Agg): the same picture on a page and in its PDF. Every
chart has an accessible name, and the figures it shows are always in a table beside it."""

import base64
import html
import io
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt
from matplotlib.ticker import FuncFormatter

from doorbraak import opmaak

matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, selectable, readable
# Labels are shown as typed: no mathtext, so a doelgroep named "$x^{$" cannot break a chart.
matplotlib.rcParams["text.parse_math"] = False
GRIJS, BLAUW = "#767676", "#1a4f8b"  # both 4.5:1 or more against white


def _euro(waarde: float, _pos: int = 0) -> str:
    return f"€ {opmaak.decimaal(waarde, 0)}"


@contextmanager
def _figuur(hoogte: float) -> Iterator:
    """A figure and its axes, closed afterwards whatever happens (pyplot keeps them otherwise)."""
    fig, ax = plt.subplots(figsize=(7.5, hoogte), dpi=100)
    try:
        yield fig, ax
    finally:
        plt.close(fig)


def _als_svg(fig, titel: str) -> str:
    """The figure as an <svg> element with an accessible name."""
    fig.tight_layout()
    uit = io.StringIO()
    fig.savefig(uit, format="svg")
    svg = uit.getvalue()
    svg = svg[svg.index("<svg") :]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(titel)}" ', 1)


def betalersgrafiek(per_betaler: list[dict], titel: str) -> str:
    """Horizontal bars per payer; returns an <svg> element with a <title> for screen readers."""
    namen = [r["betaler"].replace("_", " ") for r in per_betaler]
    huidig = [float(Decimal(r["huidig_pad"])) for r in per_betaler]
    doorbraak = [float(Decimal(r["doorbraak"])) for r in per_betaler]
    hoogte = 0.8 + 0.55 * max(len(namen), 1)
    with _figuur(hoogte) as (fig, ax):
        posities = range(len(namen))
        ax.barh([p + 0.2 for p in posities], huidig, height=0.38, color=GRIJS, label="huidig pad")
        ax.barh([p - 0.2 for p in posities], doorbraak, height=0.38, color=BLAUW, label="doorbraak")
        ax.set_yticks(list(posities), namen)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(FuncFormatter(_euro))
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="lower right", frameon=False)
        return _als_svg(fig, titel)


def als_data_uri(svg: str) -> str:
    """The chart as an image source, for the PDF (WeasyPrint draws SVG images faithfully)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def staafgrafiek(namen: list[str], reeksen: dict[str, list], titel: str) -> str:
    """Grouped horizontal bars (one group per name). A None value is suppressed: it is drawn as
    a hatched band across the chart labelled "onderdrukt", never as a bar of zero."""
    kleuren = ["#c9daf0", "#5b8bc4", "#154273", GRIJS]
    hoogte = 1.0 + 0.5 * len(reeksen) * max(len(namen), 1)
    with _figuur(hoogte) as (fig, ax):
        dikte = 0.8 / max(len(reeksen), 1)
        bekend = [float(w) for waarden in reeksen.values() for w in waarden if w is not None]
        breedte = max([*bekend, 1.0])
        for i, (label, waarden) in enumerate(reeksen.items()):
            posities = [p - 0.4 + dikte * (i + 0.5) for p in range(len(namen))]
            getoond = [
                (p, float(w)) for p, w in zip(posities, waarden, strict=True) if w is not None
            ]
            ax.barh(
                [p for p, _ in getoond],
                [w for _, w in getoond],
                height=dikte * 0.9,
                color=kleuren[i % 4],
                label=label,
            )
            for p, w in zip(posities, waarden, strict=True):
                if w is None:
                    ax.barh(
                        p, breedte, height=dikte * 0.9, fill=False, hatch="///",
                        edgecolor=GRIJS, linewidth=0.5,
                    )  # fmt: skip
                    ax.text(
                        breedte / 2, p, f"{label}: onderdrukt (klein aantal)",
                        va="center", ha="center", fontsize=8, color="#000000",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
                    )  # fmt: skip
        ax.set_yticks(list(range(len(namen))), namen)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(FuncFormatter(_euro))
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="lower right", frameon=False)
        return _als_svg(fig, titel)
