"""Many States side by side: core scores by theme and article, coverage, and, for each item,
how many States are at yes, partial and no (the "most often missing" view). Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from gapcheck.analysis.scoring import Score, restrict, score_assessment
from gapcheck.formats.model import Assessment, Checklist, Status


class CompareError(ValueError):
    """The assessments cannot be compared."""


@dataclass(frozen=True)
class Row:
    assessment: Assessment
    score: Score
    file: str


@dataclass(frozen=True)
class ItemCount:
    item_id: str
    counts: dict[Status, int]

    @property
    def missing(self) -> int:
        """States at no or partial: how often the obligation is not (fully) met."""
        return self.counts.get(Status.NO, 0) + self.counts.get(Status.PARTIAL, 0)


@dataclass(frozen=True)
class Matrix:
    checklist: Checklist
    rows: tuple[Row, ...]
    items: tuple[ItemCount, ...]
    """In checklist order."""
    sort: str = "country"
    """Row order: `country` (by name, no ranking) or `score` (headline, highest first)."""

    @property
    def articles(self) -> list[int]:
        return sorted({a for r in self.rows for a in r.score.articles})

    def by_missing(self) -> list[ItemCount]:
        """Every scored item, most often at no or partial first (ties in checklist order)."""
        scored = [c for c in self.items if self.checklist.item(c.item_id).tier is not None]
        return sorted(scored, key=lambda c: -c.missing)

    def most_missing(self, n: int = 10) -> list[ItemCount]:
        """Scored items most often at no or partial (ties in checklist order)."""
        return [c for c in self.by_missing() if c.missing][:n]


def build(
    pairs: list[tuple[str, Assessment]],
    sort: str = "country",
    only: Collection[str] | None = None,
) -> Matrix:
    """Rows sorted by country name (default) or by headline score (`sort="score"`); with
    `only`, every score and count is over those items only."""
    if not pairs:
        raise CompareError("nothing to compare")
    ids = {a.checklist.id for _, a in pairs}
    if len(ids) > 1:
        by_id: dict[str, str] = {}
        for f, a in pairs:
            by_id.setdefault(a.checklist.id, f)
        listed = ", ".join(f"{cid} ({f})" for cid, f in sorted(by_id.items()))
        raise CompareError(f"all files must use the same checklist; found {listed}")
    checklist = pairs[0][1].checklist
    rows = [Row(a, score_assessment(a), f) for f, a in pairs]
    if only is not None:
        rows = [Row(r.assessment, restrict(r.score, only), r.file) for r in rows]
    if sort == "score":
        rows.sort(key=lambda r: (-(r.score.score or 0), r.assessment.country.name.casefold()))
    else:
        rows.sort(key=lambda r: (r.assessment.country.name.casefold(), r.file))
    items = tuple(
        ItemCount(i.id, dict(Counter(r.assessment.answer(i.id).status for r in rows)))
        for i in checklist.items
        if only is None or i.id in only
    )
    return Matrix(checklist, tuple(rows), items, "score" if sort == "score" else "country")
