"""Horizontal bar charts as inline SVG: drawn here, no JavaScript, no external files.

Every bar carries its label and its value as text, so the chart reads without colour and
survives black-and-white printing. All text is escaped here; the result is markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 400
"""Two charts sit side by side on an A4 page at a readable size."""
LABEL_END = 184
"""Labels are right-aligned against this x."""
BAR_START = 190
BAR_WIDTH = 160
ROW = 17
BAR_HEIGHT = 11
TOP = 4
AXIS = 16
LABEL_CHARS = 31
"""Longer labels are cut with an ellipsis (the full label is in the chart's description)."""
FONT = "Noto Sans, Noto Sans Arabic, DejaVu Sans, sans-serif"
INK = "#1b1b1b"
MUTED = "#595959"
BAR = "#1f4e79"
TRACK = "#e6e6e6"
GRID = "#b3b3b3"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    """0 to 100; None draws no bar."""
    value_text: str
    """The value as printed beside the bar, e.g. `62.5%`; with no value, the words said
    instead (else the chart's `no_value`)."""


def short_label(label: str) -> str:
    """The label as the chart prints it."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def bar_chart(bars: Sequence[Bar], *, chart_id: str, title: str, no_value: str) -> Markup:
    """An accessible SVG bar chart of scores from 0 to 100; `no_value` prints for None."""
    height = TOP + ROW * len(bars) + AXIS
    e = escape
    desc = "; ".join(
        f"{b.label}: {b.value_text if b.value is not None else b.value_text or no_value}"
        for b in bars
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{e(chart_id)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" '
        f'font-family="{FONT}" font-size="11">',
        f'<title id="{e(chart_id)}-title">{e(title)}</title>',
        f'<desc id="{e(chart_id)}-desc">{e(desc)}</desc>',
    ]
    bottom = TOP + ROW * len(bars)
    for tick in (0, 25, 50, 75, 100):
        x = _num(BAR_START + BAR_WIDTH * tick / 100)
        out.append(
            f'<line x1="{x}" y1="{TOP - 2}" x2="{x}" y2="{bottom}" stroke="{GRID}" '
            f'stroke-width="0.5" stroke-dasharray="{"none" if tick in (0, 100) else "2 2"}"/>'
        )
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        out.append(
            f'<text x="{x}" y="{bottom + 12}" text-anchor="{anchor}" fill="{MUTED}" '
            f'font-size="10">{tick}</text>'
        )
    for n, b in enumerate(bars):
        y = TOP + ROW * n
        mid = _num(y + ROW / 2 + 3.8)
        bar_y = _num(y + (ROW - BAR_HEIGHT) / 2)
        out.append(
            f'<text x="{LABEL_END}" y="{mid}" text-anchor="end" fill="{INK}">'
            f"{e(short_label(b.label))}</text>"
        )
        out.append(
            f'<rect x="{BAR_START}" y="{bar_y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
            f'fill="{TRACK}"/>'
        )
        if b.value is None:
            out.append(
                f'<text x="{BAR_START + 6}" y="{mid}" fill="{MUTED}" font-style="italic">'
                f"{e(b.value_text or no_value)}</text>"
            )
            continue
        width = _num(BAR_WIDTH * max(0.0, min(100.0, b.value)) / 100)
        out.append(
            f'<rect x="{BAR_START}" y="{bar_y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{BAR}"/>'
        )
        out.append(
            f'<text x="{BAR_START + BAR_WIDTH + 6}" y="{mid}" fill="{INK}" '
            f'font-weight="bold">{e(b.value_text)}</text>'
        )
    out.append("</svg>")
    return Markup("\n".join(out))
