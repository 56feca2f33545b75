"""The gap score: pure functions, no I/O. Every number a report shows comes from here.

The method, in full:
- points per status: yes 1, partial 0.5, no 0, unknown 0 (not demonstrated is not
  compliant); n/a is left out of every denominator; a missing answer is unknown;
- cap: if any item named in an item's `capped_by` is answered no or partial, the item
  scores at most 0.5;
- tiers: core (mandatory and qualified obligations), optional, recommended; informational
  items are never scored;
- a group's score is 100 × Σ(weight × points) / Σ(weight) over its items, n/a excluded,
  and None when nothing is left;
- the headline is the core tier; articles and themes count core items only;
- coverage is the share of all scored items whose status is not unknown;
- gaps are core items scoring below 1, by weight × (1 − points) descending, then checklist order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from gapcheck.formats.model import Checklist, Item, Status, Tier

POINTS: dict[Status, float] = {
    Status.YES: 1.0,
    Status.PARTIAL: 0.5,
    Status.NO: 0.0,
    Status.UNKNOWN: 0.0,
}
CAP = 0.5
CAPPING_STATUSES = (Status.NO, Status.PARTIAL)


@dataclass(frozen=True)
class ItemScore:
    item: Item
    status: Status
    points: float | None
    """After capping; None for n/a and informational items."""
    capped: bool = False
    """True when a cap lowered the points."""
    capped_because: tuple[str, ...] = ()
    """Ids of the items answered no/partial that impose the cap."""

    @property
    def weight(self) -> float:
        return self.item.weight

    @property
    def shortfall(self) -> float:
        """weight × (1 − points): how much the item costs its group."""
        return 0.0 if self.points is None else self.item.weight * (1 - self.points)


@dataclass(frozen=True)
class Group:
    """Score of a set of items."""

    score: float | None
    earned: float
    possible: float
    counts: dict[str, int] = field(default_factory=dict)
    """Items by status, n/a included."""

    @property
    def scored(self) -> int:
        return sum(n for s, n in self.counts.items() if s != Status.NA.value)


@dataclass(frozen=True)
class Score:
    score: float | None
    """Headline: the core tier."""
    coverage: float | None
    tiers: dict[Tier, Group]
    articles: dict[int, Group]
    themes: dict[str, Group]
    items: tuple[ItemScore, ...]
    gaps: tuple[ItemScore, ...]


def group(scores: Iterable[ItemScore]) -> Group:
    earned = possible = 0.0
    counts: Counter[str] = Counter()
    for s in scores:
        counts[s.status.value] += 1
        if s.points is None:
            continue
        earned += s.item.weight * s.points
        possible += s.item.weight
    value = 100 * earned / possible if possible else None
    return Group(value, earned, possible, dict(counts))


def score_items(checklist: Checklist, statuses: Mapping[str, Status]) -> tuple[ItemScore, ...]:
    """Points of every item after caps; missing answers are unknown."""
    out = []
    for item in checklist.items:
        status = statuses.get(item.id, Status.UNKNOWN)
        if item.tier is None or status is Status.NA:
            out.append(ItemScore(item, status, None))
            continue
        points = POINTS[status]
        because = tuple(
            c for c in item.capped_by if statuses.get(c, Status.UNKNOWN) in CAPPING_STATUSES
        )
        capped = bool(because) and points > CAP
        out.append(ItemScore(item, status, CAP if capped else points, capped, because))
    return tuple(out)


def score(checklist: Checklist, statuses: Mapping[str, Status]) -> Score:
    return _summarise(score_items(checklist, statuses), [t.id for t in checklist.themes])


def restrict(s: Score, ids: Collection[str]) -> Score:
    """`s` over the items `ids` only: every group, the headline, coverage and gaps computed
    again from the same item points (caps imposed by items outside still hold)."""
    keep = set(ids)
    return _summarise(tuple(i for i in s.items if i.item.id in keep), list(s.themes))


def _summarise(items: tuple[ItemScore, ...], theme_ids: list[str]) -> Score:
    scored = [s for s in items if s.item.tier is not None]
    core = [s for s in scored if s.item.tier is Tier.CORE]
    tiers = {t: group(s for s in scored if s.item.tier is t) for t in Tier}
    articles: dict[int, list[ItemScore]] = {}
    themes: dict[str, list[ItemScore]] = {t: [] for t in theme_ids}
    for s in core:
        if s.item.article is not None:
            articles.setdefault(s.item.article, []).append(s)
        themes.setdefault(s.item.theme, []).append(s)
    coverage = (
        100 * sum(s.status is not Status.UNKNOWN for s in scored) / len(scored) if scored else None
    )
    order = {s.item.id: n for n, s in enumerate(items)}
    gaps = sorted(
        (s for s in core if s.points is not None and s.points < 1),
        key=lambda s: (-s.shortfall, order[s.item.id]),
    )
    return Score(
        score=tiers[Tier.CORE].score,
        coverage=coverage,
        tiers=tiers,
        articles={a: group(v) for a, v in sorted(articles.items())},
        themes={t: group(v) for t, v in themes.items()},
        items=items,
        gaps=tuple(gaps),
    )


def r2(value: float | None) -> float | None:
    """Round for output (2 decimals); None stays None."""
    return None if value is None else round(value, 2)


def as_dict(result: Score) -> dict[str, object]:
    """The score as plain JSON-ready data (numbers rounded to 2 decimals)."""
    return {
        "score": r2(result.score),
        "coverage": r2(result.coverage),
        "tiers": {
            t.value: {"score": r2(g.score), "counts": g.counts} for t, g in result.tiers.items()
        },
        "articles": {
            str(a): {"score": r2(g.score), "counts": g.counts} for a, g in result.articles.items()
        },
        "themes": {t: {"score": r2(g.score), "counts": g.counts} for t, g in result.themes.items()},
        "items": [
            {
                "id": s.item.id,
                "ref": s.item.ref,
                "obligation": s.item.obligation.value,
                "tier": s.item.tier.value if s.item.tier else None,
                "status": s.status.value,
                "points": r2(s.points),
                "weight": s.item.weight,
                "capped": s.capped,
            }
            for s in result.items
        ],
        "gaps": [s.item.id for s in result.gaps],
    }
