"""The gap report's context: plain data, already worded, numbered and formatted.

The templates under templates/report/ only lay these out; `gapcheck.pages.report.build`
makes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from gapcheck.pages.common import Link, Option, SourceView, TocEntry
from gapcheck.pages.wording import Badge, Frame, Run

__all__ = ["Link", "Option", "SourceView", "TocEntry"]


@dataclass(frozen=True)
class ItemRef:
    """A pointer to an item's finding: `Art. 3(1)(c) Producing`."""

    anchor: str
    ref: str
    title: str
    note: str = ""
    words: Run = Run()  # noqa: RUF009  (frozen, so one shared instance is safe)
    """The language of the title (English where the edition has no current translation)."""
    remark: str = ""
    """The assessors' own words about it (in the assessment's language)."""


@dataclass(frozen=True)
class EvidenceView:
    instrument: str
    provision: str
    excerpt: str
    in_force: str
    excerpt_dir: str
    """rtl when the excerpt is written in a right-to-left script (Arabic, Hebrew…)."""
    url: Link | None
    citation: str
    """Instrument and pinpoint on one line."""


@dataclass(frozen=True)
class Tag:
    """A reason code as a short tag; `text` is the checklist's full wording."""

    label: str
    text: str


@dataclass(frozen=True)
class RecRef:
    """A pointer to a numbered recommendation: `Recommendation 3`."""

    anchor: str
    number: str
    label: str


@dataclass(frozen=True)
class ItemView:
    id: str
    anchor: str
    ref: str
    """Display reference (`Art. 3(1)(c)`), or the words for good practice."""
    title: str
    theme: str
    theme_title: str
    tier: str
    """core, optional, recommended or informational (filter value)."""
    article: str
    """The article number, or `none` (filter value)."""
    obligation_label: str
    obligation_note: str
    provision: str
    provision_run: Run
    """`lang`/`dir` of the provision when it is not in the page's language."""
    provision_note: str
    """Says the English authentic text is shown (the edition's is not verified)."""
    words: Run
    """`lang`/`dir` of the title and recommendation when not in the page's language."""
    status: Badge
    points: str
    evidence: tuple[EvidenceView, ...]
    reasons: tuple[Tag, ...]
    cap_note: str
    notes: Markup
    implementation: Markup
    justification: str
    recommendation: str
    """Printed only where the item falls short."""
    rec: RecRef | None
    """The numbered recommendation that answers this item."""
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class TierGroup:
    key: str
    heading: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class ArticleView:
    anchor: str
    heading: str
    """`Article 3 — Criminalization`: also the PDF bookmark."""
    score: str
    counts: str
    groups: tuple[TierGroup, ...]
    not_assessed: tuple[ItemRef, ...] = ()
    """Items of the article nobody assessed yet: named, not shown as findings."""


@dataclass(frozen=True)
class GapView:
    anchor: str
    ref: str
    title: str
    status: Badge
    gain: str
    """What answering it in full would add to the score, and the caps it would lift."""
    rec: RecRef
    words: Run


@dataclass(frozen=True)
class SynopsisRow:
    anchor: str
    ref: str
    title: str
    law: tuple[str, ...]
    status: Badge
    gap: str
    """What is missing, in the assessor's words."""
    reasons: tuple[Tag, ...]
    cap_note: str
    rec: RecRef | None
    words: Run


@dataclass(frozen=True)
class Recommendation:
    """One entry of the numbered list: what to change, where, and why it comes first."""

    anchor: str
    number: str
    items: tuple[ItemRef, ...]
    text: str
    by_assessor: bool
    """True when the assessors wrote it."""
    model: bool
    """True when it is the checklist's model text (the assessors wrote none)."""
    law: tuple[str, ...]
    """National provisions concerned (from the evidence)."""
    treaty: str
    """The treaty provisions: `Art. 3(1)`."""
    priority: str


@dataclass(frozen=True)
class TierLine:
    label: str
    score: str
    counts: str


@dataclass(frozen=True)
class PrintedFigure:
    """A figure as the page prints it, with the words printed just before or after it, so
    that `gapcheck verify` can find it again in the page's text."""

    key: str
    """What it measures: `headline`, `coverage`, `tier:<tier>`, `theme:<id>`, `article:<n>`."""
    text: str
    before: str = ""
    after: str = ""

    @property
    def printed(self) -> str:
        return " ".join(p for p in (self.before, self.text, self.after) if p)


@dataclass(frozen=True)
class Summary:
    headline: str
    """The score as printed, out of 100 (or words when there is none)."""
    headline_caption: str
    provisional: bool
    range: str
    """When the score is provisional: what the score and its ceiling mean."""
    coverage: str
    core_counts: str
    method: str
    tiers: tuple[TierLine, ...]
    views_note: str
    """Themes and articles group items differently: said where both charts appear."""
    chart_note: str
    theme_chart: Markup
    article_chart: Markup
    gaps: tuple[GapView, ...]
    gaps_total: str
    not_assessed: str
    """The short list of what nobody assessed yet (empty when everything was)."""
    reservations: tuple[str, ...]
    remarks: Markup
    figures: tuple[PrintedFigure, ...] = ()
    """Every score the summary prints (headline, coverage, tiers, themes, articles)."""


@dataclass(frozen=True)
class Weight:
    item: ItemRef
    weight: str


@dataclass(frozen=True)
class CapRule:
    """When any of `by` is not or only partly implemented, each of `items` scores at most the cap."""

    by: tuple[ItemRef, ...]
    items: tuple[ItemRef, ...]


@dataclass(frozen=True)
class Methodology:
    points_yes: str
    points_partial: str
    points_no: str
    points_unknown: str
    cap: str
    weights: tuple[Weight, ...]
    caps: tuple[CapRule, ...]
    checklist: str
    item_counts: str
    reservations: tuple[str, ...]
    sources: tuple[SourceView, ...]
    reason_codes: tuple[Tag, ...] = ()


@dataclass(frozen=True)
class CitedProvision:
    provision: str
    in_force: str
    url: Link | None
    items: tuple[ItemRef, ...]


@dataclass(frozen=True)
class Instrument:
    name: str
    provisions: tuple[CitedProvision, ...]


@dataclass(frozen=True)
class TreatyText:
    refs: str
    text: str
    run: Run
    """`lang`/`dir` when the text is the English authentic text in another page."""


@dataclass(frozen=True)
class TreatyArticle:
    heading: str
    texts: tuple[TreatyText, ...]


@dataclass(frozen=True)
class Annexes:
    legislation: tuple[Instrument, ...]
    not_assessed: tuple[ItemRef, ...]
    """One compact row each: reference, title, and the assessors' note (`note`)."""
    treaty: tuple[TreatyArticle, ...]


@dataclass(frozen=True)
class Cover:
    title: str
    country: str
    treaty: str
    symbol: str
    as_of: str
    assessors: str
    reviewer: str
    checklist: str
    status: str
    is_draft: bool
    ratification: str
    fictional: str
    """`Fictional State — training material`, or empty."""
    reservations: str
    prepared_for: str
    prepared_by: str
    contact: str
    disclaimer: str
    edition: str


@dataclass(frozen=True)
class Colophon:
    generated: str
    checklist: str


@dataclass(frozen=True)
class Filters:
    articles: tuple[Option, ...]
    statuses: tuple[Option, ...]
    tiers: tuple[Option, ...]
    themes: tuple[Option, ...]
    total: int


@dataclass(frozen=True)
class Report(Frame):
    """Everything a report template shows, already worded, numbered and formatted; the
    frame fields (`lang`, `dir`, title, metadata, page strings) come from `Frame`."""

    edition: str
    """`brief` (cover, summary, recommendations, synopsis, method) or `full`."""
    cover: Cover
    toc: tuple[TocEntry, ...]
    summary: Summary
    recommendations: tuple[Recommendation, ...]
    synopsis: tuple[SynopsisRow, ...]
    articles: tuple[ArticleView, ...]
    methodology: Methodology
    annexes: Annexes
    filters: Filters
    colophon: Colophon
    source_lang: str = ""
    """The assessment's language where the page is in another: the assessors' own words
    (notes, remarks, their recommendations) are marked with it."""
