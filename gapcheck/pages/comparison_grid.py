"""The comparison's item grid (`compare --view items` as HTML or PDF): every item a row,
every State a column, each cell the State's status as a letter on its colour, grouped by
article; an article filter made of radio buttons and CSS (the pages run no script).
Built from a `compare.Matrix`; laid out by `templates/compare/grid.html`. No I/O."""

from __future__ import annotations

import gettext
from dataclasses import dataclass

from babel import Locale

from gapcheck.analysis.compare import Matrix
from gapcheck.formats.model import Status
from gapcheck.pages.wording import Frame, Wording

LETTERS = {
    Status.YES: "Y",
    Status.PARTIAL: "P",
    Status.NO: "N",
    Status.NA: "–",
    Status.UNKNOWN: "?",
}
FILTERABLE = 20
"""Articles 1 to 20 (and items tied to none) can be filtered: grid.css has their rules."""


@dataclass(frozen=True)
class GridCell:
    letter: str
    css: str
    label: str
    """`Veridia: Partly implemented`, for screen readers and the tooltip."""


@dataclass(frozen=True)
class GridRow:
    id: str
    ref: str
    title: str
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class GridArticle:
    key: str
    """`3`, or `none` for good practice tied to no article (CSS class and filter value)."""
    heading: str
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class LegendItem:
    letter: str
    css: str
    label: str


@dataclass(frozen=True)
class Grid:
    frame: Frame
    title: str
    subtitle: str
    note: str
    states: tuple[str, ...]
    legend: tuple[LegendItem, ...]
    filters: tuple[tuple[str, str], ...]
    """(key, label) of the article filter; empty when the grid has one article only."""
    articles: tuple[GridArticle, ...]
    landscape: bool


def build(
    m: Matrix,
    *,
    locale: Locale | None = None,
    translations: gettext.NullTranslations | None = None,
) -> Grid:
    w = Wording(locale, translations)
    _ = w._
    cl = m.checklist
    ids = {c.item_id for c in m.items}
    items = [i for i in cl.items if i.id in ids]
    states = tuple(r.assessment.country.name for r in m.rows)
    numbers = sorted({i.article for i in items if i.article is not None})
    sections = [
        (str(n), w.article_title(cl, n), [i for i in items if i.article == n]) for n in numbers
    ]
    loose = [i for i in items if i.article is None]
    if loose:
        sections.append(("none", _("Measures not tied to an article"), loose))
    articles = []
    for key, heading, section in sections:
        rows = []
        for i in section:
            cells = []
            for r in m.rows:
                st = r.assessment.answer(i.id).status
                badge = w.badge(st)
                cells.append(
                    GridCell(LETTERS[st], badge.css, f"{r.assessment.country.name}: {badge.label}")
                )
            rows.append(GridRow(i.id, w.ref(i), i.title, tuple(cells)))
        articles.append(GridArticle(key, heading, tuple(rows)))
    filterable = [
        (a.key, a.heading.split(" — ")[0])
        for a in articles
        if a.key == "none" or int(a.key) <= FILTERABLE
    ]
    title = _("{checklist}: every item, State by State").format(checklist=cl.title)
    return Grid(
        frame=w.frame(
            title=title,
            short_title=title,
            subject=_("The status of every item in {n} States").format(n=w.num(len(states))),
        ),
        title=title,
        subtitle=_("Checklist {id}, version {version}: {n} States, {items} items").format(
            id=cl.id, version=cl.version, n=w.num(len(states)), items=w.num(len(items))
        ),
        note=_(
            "Each cell is the State’s answer: a letter on the status’s colour, so that it reads in black and white too. States are in alphabetical order; this is not a ranking."
        ),
        states=states,
        legend=tuple(
            LegendItem(LETTERS[st], w.badge(st).css, w.status_labels[st]) for st in Status
        ),
        filters=tuple(filterable) if len(filterable) > 1 else (),
        articles=tuple(articles),
        landscape=len(states) > 8,
    )
