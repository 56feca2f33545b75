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
    reasons: tuple[str, ...]
    cap_note: str
    notes: str
    implementation: str
    justification: str
    recommendation: str
    """Printed only where the item falls short."""
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


@dataclass(frozen=True)
class GapView:
    anchor: str
    ref: str
    title: str
    status: Badge
    recommendation: str
    words: Run


@dataclass(frozen=True)
class SynopsisRow:
    anchor: str
    ref: str
    title: str
    law: tuple[str, ...]
    status: Badge
    reasons: tuple[str, ...]
    cap_note: str
    recommendation: str
    words: Run


@dataclass(frozen=True)
class TierLine:
    label: str
    score: str
    counts: str


@dataclass(frozen=True)
class Summary:
    headline: str
    coverage: str
    core_counts: str
    tiers: tuple[TierLine, ...]
    theme_chart: Markup
    article_chart: Markup
    gaps: tuple[GapView, ...]
    gaps_total: str
    remarks: str


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
    generated: str


@dataclass(frozen=True)
class Filters:
    statuses: tuple[Option, ...]
    tiers: tuple[Option, ...]
    themes: tuple[Option, ...]
    total: int


@dataclass(frozen=True)
class Report(Frame):
    """Everything a report template shows, already worded, numbered and formatted; the
    frame fields (`lang`, `dir`, title, metadata, page strings) come from `Frame`."""

    cover: Cover
    toc: tuple[TocEntry, ...]
    summary: Summary
    synopsis: tuple[SynopsisRow, ...]
    articles: tuple[ArticleView, ...]
    methodology: Methodology
    annexes: Annexes
    filters: Filters
