"""Scores and comparisons as workbooks: one sheet per view, numbers as numbers (so they can
be sorted and charted), scores coloured on a red–amber–green scale explained on a Legend
sheet. Text from assessment files goes in as string cells, never formulas."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.worksheet.worksheet import Worksheet

from gapcheck.analysis.compare import Matrix
from gapcheck.analysis.scoring import Score
from gapcheck.formats.model import Assessment
from gapcheck.formats.workbook import column_letter
from gapcheck.output.text import compare_rows, score_rows
from gapcheck.output.xlsx_styles import BOLD, HEADER_FILL, HEADER_FONT, sheet_text

SCALE = ColorScaleRule(
    start_type="num",
    start_value=0,
    start_color="F8696B",
    mid_type="num",
    mid_value=50,
    mid_color="FFEB84",
    end_type="num",
    end_value=100,
    end_color="63BE7B",
)
LEGEND = [
    ["Colour", "Meaning"],
    ["red", "score 0: the obligations are not met (or not demonstrated)"],
    ["amber", "score 50: half of the weighted points"],
    ["green", "score 100: fully implemented"],
    ["empty cell", "not computable (every item n/a, or none in the group); never a 0"],
    [
        "",
        "Scores are percentages of the weighted points of core obligations (yes 1, partial "
        "0.5, no and unknown 0, n/a left out); coverage is the share of items answered.",
    ],
]


@dataclass(frozen=True)
class View:
    title: str
    rows: list[list[object]]
    scored: tuple[str, ...] = ()
    """Header names (or prefixes ending in `:`) of the columns coloured as scores."""


def _coloured(header: object, scored: tuple[str, ...]) -> bool:
    h = str(header)
    return any(h == s or (s.endswith(":") and h.startswith(s)) for s in scored)


def _sheet(ws: Worksheet, view: View) -> None:
    for r, row in enumerate(view.rows, 1):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, bool) or value is None or value == "":
                cell.value = None if value in (None, "") else str(value).lower()
            elif isinstance(value, int | float):
                cell.value = value
                cell.number_format = "0" if isinstance(value, int) else "0.00"
            else:
                cell.value = sheet_text(str(value), f"{view.title} {r}:{c}")
                cell.data_type = "s"  # a country called "=cmd|…" stays text
            if r == 1:
                cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    width = max((len(r) for r in view.rows), default=0)
    for c in range(1, width + 1):
        longest = max((len(str(r[c - 1])) for r in view.rows if c <= len(r)), default=8)
        ws.column_dimensions[column_letter(c)].width = min(max(longest + 2, 8), 50)
        if view.rows and _coloured(view.rows[0][c - 1], view.scored) and len(view.rows) > 1:
            col = column_letter(c)
            ws.conditional_formatting.add(f"{col}2:{col}{len(view.rows)}", SCALE)
    ws.freeze_panes = "B2"


def table_workbook(views: Iterable[View]) -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for view in views:
        _sheet(wb.create_sheet(view.title[:31]), view)
    legend = wb.create_sheet("Legend")
    _sheet(legend, View("Legend", [list(r) for r in LEGEND]))
    for r, fill in ((2, "F8696B"), (3, "FFEB84"), (4, "63BE7B")):
        from openpyxl.styles import PatternFill

        legend.cell(r, 1).fill = PatternFill("solid", fgColor=fill)
    legend.cell(6, 2).font = BOLD
    legend.column_dimensions["B"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def score_workbook(scored: list[tuple[Assessment, Score]]) -> bytes:
    """Summary (one row per file), Themes, Articles and Items (as `score --format csv`)."""
    summary: list[list[object]] = [
        ["country", "checklist", "version", "as_of", "score", "coverage", "optional", "recommended"]
    ]
    themes: list[list[object]] = [["country", "theme", "title", "score", "items"]]
    articles: list[list[object]] = [["country", "article", "score", "items"]]
    items: list[list[object]] = []
    for n, (a, s) in enumerate(scored):
        name = a.country.name
        summary.append(
            [
                name,
                a.checklist.id,
                a.checklist.version,
                a.as_of,
                _n(s.score),
                _n(s.coverage),
                *(_n(g.score) for t, g in s.tiers.items() if t.value != "core"),
            ]
        )
        for t in a.checklist.themes:
            g = s.themes.get(t.id)
            if g is not None and g.counts:
                themes.append([name, t.id, t.title, _n(g.score), sum(g.counts.values())])
        for art, g in s.articles.items():
            articles.append([name, art, _n(g.score), sum(g.counts.values())])
        items += list(score_rows(a, s, header=n == 0))
    return table_workbook(
        [
            View("Summary", summary, ("score", "optional", "recommended")),
            View("Themes", themes, ("score",)),
            View("Articles", articles, ("score",)),
            View("Items", items),
        ]
    )


def compare_workbook(m: Matrix) -> bytes:
    """Countries (scores by theme and article) and Items (States at each status)."""
    return table_workbook(
        [
            View(
                "Countries",
                list(compare_rows(m, "countries")),
                ("score", "optional", "recommended", "theme:", "article:"),
            ),
            View("Items", list(compare_rows(m, "items"))),
        ]
    )


def _n(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
