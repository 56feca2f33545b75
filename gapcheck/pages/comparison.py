"""The comparison page's context: many States side by side, worded and formatted.

Built from a `compare.Matrix` (numbers from `scoring` only): States × themes and States ×
articles with the score on binding obligations in each cell (a colour band to help the eye,
the number always printed), coverage and tier scores per State, and, for each scored item,
how many States are at each status, the most often missing first. Laid out by
`templates/compare.html`. No I/O.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from itertools import pairwise

from babel import Locale

from gapcheck.analysis.compare import Matrix
from gapcheck.analysis.scoring import Group
from gapcheck.formats.model import Status, Tier
from gapcheck.pages.bidi import isolate
from gapcheck.pages.wording import Badge, Frame, Wording

BANDS = (20.0, 40.0, 60.0, 80.0)
"""Lower bounds of colour bands 1 to 4 (band 0 is below 20)."""
TOP = 10
"""How many of the most often missing items are highlighted."""
WIDE = 7
"""A matrix with more columns than this is printed on landscape pages."""


@dataclass(frozen=True)
class Cell:
    text: str
    """The score as printed: `62.5%`, or words when there is none."""
    band: str
    """`band-0` … `band-4`, or `band-none` (CSS class: the colour behind the number)."""


@dataclass(frozen=True)
class Column:
    label: str
    """Column heading: the theme's title, or `Art. 3`."""
    title: str
    """The full heading, for the tooltip and screen readers."""


@dataclass(frozen=True)
class StateRow:
    country: str
    code: str
    as_of: str
    file: str
    headline: Cell
    coverage: str
    optional: Cell
    recommended: Cell
    themes: tuple[Cell, ...]
    articles: tuple[Cell, ...]


@dataclass(frozen=True)
class LegendEntry:
    band: str
    label: str


@dataclass(frozen=True)
class MissingRow:
    ref: str
    title: str
    tier: str
    counts: tuple[str, ...]
    """States at yes, partial, no, n/a and unknown, in `Comparison.statuses` order."""
    missing: str
    """States at no or partial."""
    top: str
    """Position among the most often missing (`1`…), empty outside the highlighted top."""


@dataclass(frozen=True)
class Comparison:
    """Everything the comparison template shows, already worded, numbered and formatted."""

    frame: Frame
    title: str
    subtitle: str
    order_note: str
    method: str
    landscape: bool
    legend: tuple[LegendEntry, ...]
    theme_columns: tuple[Column, ...]
    article_columns: tuple[Column, ...]
    rows: tuple[StateRow, ...]
    statuses: tuple[Badge, ...]
    missing_note: str
    missing: tuple[MissingRow, ...]


def band(value: float | None) -> str:
    """The colour band of a score, judged on the number as printed (one decimal)."""
    if value is None:
        return "band-none"
    shown = round(value, 1)
    return f"band-{sum(shown >= bound for bound in BANDS)}"


def build(
    m: Matrix,
    *,
    locale: Locale | None = None,
    translations: gettext.NullTranslations | None = None,
) -> Comparison:
    """The comparison page of `m`, rows in the matrix's order."""
    w = Wording(locale, translations)
    _ = w._
    cl = m.checklist
    core_themes = {i.theme for i in cl.items if i.tier is Tier.CORE}
    themes = [t for t in cl.themes if t.id in core_themes]
    articles = m.articles

    def cell(g: Group | None) -> Cell:
        # a group nobody assessed says so: never a 0 % cell in the colour of failure
        if g is None or g.score is None:
            return Cell(w.group_pct(g), band(None))
        mark = "*" if g.state == "partly_assessed" else ""
        return Cell(w.pct(g.score) + mark, band(g.score))

    rows = []
    for r in m.rows:
        s = r.score
        rows.append(
            StateRow(
                country=r.assessment.country.name,
                code=r.assessment.country.code or "",
                as_of=w.day(r.assessment.as_of),
                file=r.file,
                headline=cell(s.tiers[Tier.CORE]),
                coverage=w.pct(s.coverage),
                optional=cell(s.tiers[Tier.OPTIONAL]),
                recommended=cell(s.tiers[Tier.RECOMMENDED]),
                themes=tuple(cell(s.themes.get(t.id)) for t in themes),
                articles=tuple(cell(s.articles.get(n)) for n in articles),
            )
        )
    statuses = tuple(Status)
    top = {c.item_id: k for k, c in enumerate(m.most_missing(TOP), start=1)}
    missing = tuple(
        MissingRow(
            ref=w.ref(cl.item(c.item_id)),
            title=cl.item(c.item_id).title,
            tier=w.tier_labels[w.tier_key(cl.item(c.item_id))],
            counts=tuple(w.num(c.counts.get(st, 0)) for st in statuses),
            missing=w.num(c.missing),
            top=w.num(top[c.item_id]) if c.item_id in top else "",
        )
        for c in m.by_missing()
    )
    n = len(m.rows)
    title = _("{checklist}: {n} States compared").format(checklist=isolate(cl.title), n=w.num(n))
    bounds = [0.0, *BANDS, 100.0]
    return Comparison(
        frame=w.frame(
            title=title,
            short_title=title,
            subject=_("Scores of {n} States against the {treaty}").format(
                n=w.num(n), treaty=isolate(cl.treaty.name)
            ),
        ),
        title=title,
        subtitle=_("Checklist {id}, version {version}: {title}").format(
            id=isolate(cl.id), version=isolate(cl.version), title=isolate(cl.title)
        ),
        order_note=(
            _("States are ordered by the score on binding obligations, highest first.")
            if m.sort == "score"
            else _("States are in alphabetical order; this is not a ranking.")
        ),
        method=_(
            "Each score is on the Protocol’s binding obligations (mandatory and qualified), from 0 to 100%: an item implemented scores 1 point, partly implemented 0.5, not implemented or not assessed 0; items not applicable or under a reservation are left out. A group nobody assessed reads “not assessed”, never 0; a score marked * is partly assessed, a lower bound. Optional measures and recommended practice are scored apart. The colour of a cell only helps the eye: the number is what counts."
        ),
        landscape=1 + max(len(themes), len(articles)) > WIDE,
        legend=(
            *(
                LegendEntry(
                    f"band-{k}",
                    _("{low} to under {high}").format(low=w.pct(lo), high=w.pct(hi))
                    if k < len(BANDS)
                    else _("{low} to {high}").format(low=w.pct(lo), high=w.pct(hi)),
                )
                for k, (lo, hi) in enumerate(pairwise(bounds))
            ),
            LegendEntry("band-none", _("not assessed or not scored")),
        ),
        theme_columns=tuple(Column(t.title, t.title) for t in themes),
        article_columns=tuple(
            Column(_("Art. {ref}").format(ref=a), w.article_title(cl, a)) for a in articles
        ),
        rows=tuple(rows),
        statuses=tuple(w.badge(st) for st in statuses),
        missing_note=_(
            "Every scored item, the most often missing first: how many States are at each status. “Not or partly” counts the States where national law does not or only partly implement the item; the {n} items most often missing are highlighted and numbered (ties in the order of the checklist)."
        ).format(n=w.num(len(top))),
        missing=missing,
    )
