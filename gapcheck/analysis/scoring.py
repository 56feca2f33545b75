"""The gap score: pure functions, no I/O. Every number a report shows comes from here.

The method, in full (docs/methodology.md works an example by hand):
- points per status: yes 1, partial 0.5, no 0, unknown 0 (not demonstrated is not
  compliant: the score is a lower bound); n/a is left out of every denominator; a missing
  answer is unknown;
- reservation: an answer that names a reservation of the State is left out of every
  denominator, like n/a, and is never a gap;
- cap: if any item named in an item's `capped_by` is answered no or partial, the item
  scores at most 0.5, unless its answer says why the cap does not apply (`not_capped`);
- tiers: core (mandatory and qualified obligations), optional, recommended; informational
  items are never scored;
- a group's score is 100 × Σ(weight × points) / Σ(weight) over its items, n/a excluded;
  None when nothing is left or when none of its scored items was assessed (a group nobody
  assessed is "not assessed", never 0);
- a group's ceiling is its score if every unassessed item were answered yes; its coverage
  is the share of its items (n/a included) whose status is not unknown;
- the headline is the core tier; articles and themes count core items only;
- impact of a core item answered no, partial or unknown: the headline points gained if that
  item alone were answered yes (which lifts the caps it imposes);
- gaps are core items answered no or partial (not reserved), by impact (largest first),
  then checklist order; unknown items are `not_assessed`, never gaps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace

from gapcheck.formats.model import Assessment, Checklist, Item, Status, Tier

POINTS: dict[Status, float] = {
    Status.YES: 1.0,
    Status.PARTIAL: 0.5,
    Status.NO: 0.0,
    Status.UNKNOWN: 0.0,
}
CAP = 0.5
CAPPING_STATUSES = (Status.NO, Status.PARTIAL)
GAP_STATUSES = (Status.NO, Status.PARTIAL)
OPEN = (Status.NO, Status.PARTIAL, Status.UNKNOWN)
"""Statuses whose item has an impact: answering it yes could raise the headline."""
OUTCOMES = ("met", "partly", "capped", "not_met", "not_applicable", "reserved", "not_assessed")
"""Keys of `Group.outcomes`: items by what they earn after caps. `capped` is the part of
`partly` answered yes but held at the cap."""
_TIE = 9
"""Impacts are compared at this many decimals, so that float noise never breaks a tie."""


@dataclass(frozen=True)
class ItemScore:
    item: Item
    status: Status
    points: float | None
    """After capping; None for n/a, reserved and informational items."""
    capped: bool = False
    """True when a cap lowered the points."""
    capped_because: tuple[str, ...] = ()
    """Ids of the items answered no/partial that impose the cap."""
    not_capped: str = ""
    """The assessor's reason why the item's cap does not apply (the cap is then waived)."""
    waived: tuple[str, ...] = ()
    """Ids of the items that would cap this one, had the cap not been waived."""
    reservation: str = ""
    """Id of the reservation that limits the obligation (the item is then not scored)."""
    impact: float | None = None
    """Headline points gained if this item alone were yes (core no/partial/unknown only)."""
    lifts: tuple[str, ...] = ()
    """Items held at the cap by this item alone: answering it yes restores their full credit."""

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
    """Items by status, n/a included; reserved items under `reserved`."""
    ceiling: float | None = None
    """The score if every unassessed item were answered yes."""
    coverage: float | None = None
    """Share of the items (n/a and reserved included) whose status is not unknown."""
    outcomes: dict[str, int] = field(default_factory=dict)
    """Items by what they earn after caps (see `OUTCOMES`)."""

    @property
    def scored(self) -> int:
        return sum(n for s, n in self.counts.items() if s not in (Status.NA.value, "reserved"))

    @property
    def items(self) -> int:
        return sum(self.counts.values())

    @property
    def state(self) -> str:
        """`empty`, `not_applicable` (nothing left to score), `not_assessed` (no scored item
        assessed), `partly_assessed` or `assessed`."""
        unknown = self.counts.get(Status.UNKNOWN.value, 0)
        if not self.counts:
            return "empty"
        if self.possible == 0:
            return "not_applicable"
        if self.score is None:
            return "not_assessed"
        return "partly_assessed" if unknown else "assessed"


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
    """Core items answered no or partial, by impact then checklist order."""
    ceiling: float | None = None
    """The headline if every unassessed item were answered yes."""
    not_assessed: tuple[ItemScore, ...] = ()
    """Scored items (every tier) answered unknown or not at all, in checklist order."""
    optimistic: tuple[ItemScore, ...] = field(default=(), repr=False, compare=False)
    """The items scored with unknown read as yes (what the ceilings are computed from)."""

    def item(self, item_id: str) -> ItemScore:
        return next(s for s in self.items if s.item.id == item_id)


def _outcome(s: ItemScore) -> str:
    if s.reservation:
        return "reserved"
    if s.status is Status.NA:
        return "not_applicable"
    if s.status is Status.UNKNOWN:
        return "not_assessed"
    if s.points == 1:
        return "met"
    return "not_met" if not s.points else "partly"


def group(scores: Iterable[ItemScore], ceiling: Iterable[ItemScore] = ()) -> Group:
    """The score of `scores`; `ceiling` are the same items scored with unknown read as yes."""
    earned = possible = 0.0
    counts: Counter[str] = Counter()
    outcomes: Counter[str] = Counter({k: 0 for k in OUTCOMES})
    rated = 0
    for s in scores:
        counts["reserved" if s.reservation else s.status.value] += 1
        outcomes[_outcome(s)] += 1
        outcomes["capped"] += s.capped and s.status is Status.YES
        if s.points is None:
            continue
        earned += s.item.weight * s.points
        possible += s.item.weight
        rated += s.status is not Status.UNKNOWN
    value = 100 * earned / possible if possible and rated else None
    top = [s for s in ceiling if s.points is not None]
    high = sum(s.weight for s in top)
    total = sum(counts.values())
    unknown = counts.get(Status.UNKNOWN.value, 0)
    return Group(
        score=value,
        earned=earned,
        possible=possible,
        counts=dict(counts),
        ceiling=100 * sum(s.weight * (s.points or 0) for s in top) / high if high else None,
        coverage=100 * (total - unknown) / total if total else None,
        outcomes=dict(outcomes),
    )


def score_items(
    checklist: Checklist,
    statuses: Mapping[str, Status],
    not_capped: Mapping[str, str] | None = None,
    reserved: Mapping[str, str] | None = None,
) -> tuple[ItemScore, ...]:
    """Points of every item after caps; missing answers are unknown. `not_capped` maps an
    item id to the reason its cap is waived; `reserved` maps an item id to a reservation id."""
    not_capped, reserved = not_capped or {}, reserved or {}
    out = []
    for item in checklist.items:
        status = statuses.get(item.id, Status.UNKNOWN)
        reservation = reserved.get(item.id, "") if item.tier is not None else ""
        if item.tier is None or status is Status.NA or reservation:
            out.append(ItemScore(item, status, None, reservation=reservation))
            continue
        points = POINTS[status]
        because = tuple(
            c for c in item.capped_by if statuses.get(c, Status.UNKNOWN) in CAPPING_STATUSES
        )
        why = not_capped.get(item.id, "") if item.capped_by else ""
        capped = bool(because) and points > CAP and not why
        waived = because if why and points > CAP else ()
        out.append(
            ItemScore(
                item,
                status,
                CAP if capped else points,
                capped,
                because if capped else (),
                why,
                waived,
            )
        )
    return tuple(out)


def _core(items: Iterable[ItemScore]) -> list[ItemScore]:
    return [s for s in items if s.item.tier is Tier.CORE]


def _headline(items: Iterable[ItemScore]) -> float:
    """The core score with unknown at 0 (no None: used for differences only)."""
    core = [s for s in _core(items) if s.points is not None]
    possible = sum(s.weight for s in core)
    return 100 * sum(s.weight * (s.points or 0) for s in core) / possible if possible else 0.0


def score(
    checklist: Checklist,
    statuses: Mapping[str, Status],
    *,
    not_capped: Mapping[str, str] | None = None,
    reserved: Mapping[str, str] | None = None,
) -> Score:
    def rescore(changed: Mapping[str, Status]) -> tuple[ItemScore, ...]:
        return score_items(checklist, changed, not_capped, reserved)

    items = rescore(statuses)
    optimistic = rescore(
        {s.item.id: Status.YES if s.status is Status.UNKNOWN else s.status for s in items}
    )
    base = _headline(items)
    lifted = []
    for s in items:
        if s.item.tier is Tier.CORE and s.points is not None and s.status in OPEN:
            after = rescore({**statuses, s.item.id: Status.YES})
            restored = tuple(
                a.item.id
                for a, b in zip(after, items, strict=True)
                if b.capped and not a.capped and a.item.id != s.item.id
            )
            s = replace(s, impact=_headline(after) - base, lifts=restored)
        lifted.append(s)
    return _summarise(tuple(lifted), optimistic, [t.id for t in checklist.themes])


def restrict(s: Score, ids: Collection[str]) -> Score:
    """`s` over the items `ids` only: every group, the headline, coverage, ceiling and gaps
    computed again from the same item points (caps imposed by items outside still hold)."""
    keep = set(ids)
    return _summarise(
        tuple(i for i in s.items if i.item.id in keep),
        tuple(i for i in s.optimistic if i.item.id in keep),
        list(s.themes),
    )


def _summarise(
    items: tuple[ItemScore, ...], optimistic: tuple[ItemScore, ...], theme_ids: list[str]
) -> Score:
    high = {s.item.id: s for s in optimistic}
    scored = [s for s in items if s.item.tier is not None]

    def grouped(members: list[ItemScore]) -> Group:
        return group(members, (high[s.item.id] for s in members))

    tiers = {t: grouped([s for s in scored if s.item.tier is t]) for t in Tier}
    articles: dict[int, list[ItemScore]] = {}
    themes: dict[str, list[ItemScore]] = {t: [] for t in theme_ids}
    for s in _core(scored):
        if s.item.article is not None:
            articles.setdefault(s.item.article, []).append(s)
        themes.setdefault(s.item.theme, []).append(s)
    coverage = (
        100 * sum(s.status is not Status.UNKNOWN for s in scored) / len(scored) if scored else None
    )
    order = {s.item.id: n for n, s in enumerate(items)}
    gaps = sorted(
        (s for s in _core(scored) if s.status in GAP_STATUSES and s.points is not None),
        key=lambda s: (-round(s.impact or 0, _TIE), order[s.item.id]),
    )
    return Score(
        score=tiers[Tier.CORE].score,
        coverage=coverage,
        tiers=tiers,
        articles={a: grouped(v) for a, v in sorted(articles.items())},
        themes={t: grouped(v) for t, v in themes.items()},
        items=items,
        gaps=tuple(gaps),
        ceiling=tiers[Tier.CORE].ceiling,
        not_assessed=tuple(s for s in scored if s.status is Status.UNKNOWN and not s.reservation),
        optimistic=optimistic,
    )


def score_assessment(a: Assessment) -> Score:
    """The score of an assessment, with its cap exemptions and reservations."""
    answers = {i.id: a.answer(i.id) for i in a.checklist.items}
    return score(
        a.checklist,
        {k: v.status for k, v in answers.items()},
        not_capped={k: v.not_capped for k, v in answers.items() if v.not_capped},
        reserved={k: v.reservation for k, v in answers.items() if v.reservation},
    )


def r2(value: float | None) -> float | None:
    """Round for output (2 decimals); None stays None."""
    return None if value is None else round(value, 2)
