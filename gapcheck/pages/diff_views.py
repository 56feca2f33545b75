"""The diff page's context: plain data the template templates/diff/diff.html lays out."""

from __future__ import annotations

from dataclasses import dataclass

from gapcheck.pages.wording import Badge, Frame


@dataclass(frozen=True)
class SideView:
    """Who and what one of the two assessments is."""

    heading: str
    """`Before` or `After`."""
    file: str
    country: str
    as_of: str
    assessors: str
    status: str
    checklist: str
    answered: str
    """`25 of 82 items answered`."""


@dataclass(frozen=True)
class ScoreLine:
    label: str
    before: str
    after: str
    change: str
    """Signed, in percentage points: `+24.3`, `−5.0`, `0.0`; empty when not computable."""
    trend: str
    """up, down, same or none (CSS class; the sign says it in words)."""


@dataclass(frozen=True)
class EvidenceLine:
    citation: str
    in_force: str
    excerpt: str
    """Shown only where the provision is on one side only or differs between them."""
    excerpt_dir: str
    mark: str
    """`only` (on this side only), `edited` (on both, differently) or empty (the same)."""
    mark_label: str


@dataclass(frozen=True)
class AnswerSide:
    heading: str
    status: Badge
    points: str
    reasons: tuple[str, ...]
    justification: str
    evidence: tuple[EvidenceLine, ...]
    notes: str


@dataclass(frozen=True)
class ChangeView:
    anchor: str
    ref: str
    title: str
    kind: str
    kind_label: str
    what: str
    """What differs, in words: `status, evidence, notes`."""
    show_evidence: bool
    show_notes: bool
    before: AnswerSide
    after: AnswerSide


@dataclass(frozen=True)
class ChangeGroup:
    kind: str
    anchor: str
    heading: str
    label: str
    """The word on the items' chips: `Better`."""
    note: str
    count: str
    changes: tuple[ChangeView, ...]


@dataclass(frozen=True)
class DiffPage:
    """Everything the diff template shows, already worded, numbered and formatted."""

    frame: Frame
    title: str
    intro: str
    sides: tuple[SideView, SideView]
    headline: tuple[ScoreLine, ...]
    themes: tuple[ScoreLine, ...]
    articles: tuple[ScoreLine, ...]
    agreement: str
    scope: str
    """Which items were compared, when not all: the scores count those only."""
    summary: str
    """How many items differ, and how."""
    groups: tuple[ChangeGroup, ...]
