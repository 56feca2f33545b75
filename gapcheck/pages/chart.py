"""Horizontal bar charts: one row per bar, the label and value as HTML text, the bar as a
small inline SVG. No JavaScript, no external files.

The labels are HTML, not SVG text, because WeasyPrint lays out SVG text letter by letter:
Arabic would print unjoined and in the wrong order. As HTML they are shaped and follow the
page's direction: in a right-to-left page the row runs from the right (label, bar, value),
and `rtl=True` draws each bar and the axis from the right too (0 on the right).

Every bar carries its label and its value as text, so the chart reads without colour and
survives black-and-white printing. All text is escaped here; the result is markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

LABEL_CHARS = 31
"""Longer labels are cut with an ellipsis (the full label is in the chart's description)."""
SCALE = 100
"""The bar's SVG is 100 units wide, one per percentage point, stretched to its column."""
BAR_HEIGHT = 10
INK = "#1b1b1b"
MUTED = "#595959"
BAR = "#1f4e79"
TRACK = "#e6e6e6"
GRID = "#b3b3b3"
TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    """0 to 100; None draws no bar."""
    value_text: str
    """The value as printed beside the bar, e.g. `62.5%`; for a bar without a value, the
    words that say why (`not assessed`), else the chart's `no_value`."""


def short_label(label: str) -> str:
    """The label as the chart prints it (long ones cut with an ellipsis)."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _bar(value: float | None, rtl: bool) -> str:
    """The track and, when there is a value, the bar: from the left, or from the right."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-bar" viewBox="0 0 {SCALE} '
        f'{BAR_HEIGHT}" preserveAspectRatio="none" aria-hidden="true">',
        f'<rect x="0" y="0" width="{SCALE}" height="{BAR_HEIGHT}" fill="{TRACK}"/>',
    ]
    for tick in TICKS[1:-1]:
        x = _num(SCALE - tick if rtl else tick)
        out.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{BAR_HEIGHT}" stroke="#fff" stroke-width="0.4"/>'
        )
    if value is not None:
        width = max(0.0, min(100.0, value)) * SCALE / 100
        x = _num(SCALE - width if rtl else 0)
        out.append(
            f'<rect x="{x}" y="0" width="{_num(width)}" height="{BAR_HEIGHT}" fill="{BAR}"/>'
        )
    out.append("</svg>")
    return "".join(out)


def _axis(rtl: bool) -> str:
    """0 … 100 under the bars, at the bars' ends (0 on the right in a right-to-left page)."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-axis" viewBox="0 0 {SCALE} 12" '
        'preserveAspectRatio="none" aria-hidden="true">',
        f'<line x1="0" y1="0.5" x2="{SCALE}" y2="0.5" stroke="{GRID}" stroke-width="0.5"/>',
    ]
    for tick in TICKS:
        x = _num(SCALE - tick if rtl else tick)
        out.append(f'<line x1="{x}" y1="0" x2="{x}" y2="3" stroke="{GRID}" stroke-width="0.5"/>')
    out.append("</svg>")
    # the numbers are HTML too: in a stretched SVG they would be stretched with it
    numbers = "".join(f'<span class="tick tick-{t}">{t}</span>' for t in TICKS)
    return f'<div class="chart-scale">{"".join(out)}<div class="chart-ticks">{numbers}</div></div>'


def bar_chart(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    no_value: str,
    rtl: bool = False,
    join: Callable[[Iterable[str]], str] = "; ".join,
) -> Markup:
    """An accessible bar chart of scores from 0 to 100; `no_value` prints for None; `join`
    puts the bars' descriptions in a list (the locale's semicolons)."""
    e = escape
    desc = join(
        f"{b.label}: {b.value_text if b.value is not None else b.value_text or no_value}"
        for b in bars
    )
    out = [
        f'<div class="chart" id="{e(chart_id)}" role="img" aria-label="{e(title)}. {e(desc)}">',
    ]
    for b in bars:
        value = (
            f'<span class="chart-value">{e(b.value_text)}</span>'
            if b.value is not None
            else f'<span class="chart-value chart-none">{e(b.value_text or no_value)}</span>'
        )
        out.append(
            f'<div class="chart-row"><span class="chart-label">{e(short_label(b.label))}</span>'
            f"{_bar(b.value, rtl)}{value}</div>"
        )
    out.append(
        f'<div class="chart-row chart-axis-row"><span class="chart-label"></span>{_axis(rtl)}'
        '<span class="chart-value"></span></div>'
    )
    out.append("</div>")
    return Markup("\n".join(out))
