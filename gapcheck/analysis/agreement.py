"""A participant's answers against the model answer: per item a verdict, per class the
counts and the hardest items, per participant the share matching and Cohen's weighted kappa.

Pure: no I/O, no wording. The method, in full:
- verdict of one item: `matches` (same status); `not_answered` (the participant left it
  unknown, the model did not); `more_generous` / `stricter` (both yes, partial or no, the
  participant's status higher / lower on the scale yes > partial > no); `differs` (any other
  mismatch: not applicable on one side, or the model left the item unknown);
- share matching: items matching / items of the scope the model answered;
- kappa: Cohen's weighted kappa with **linear** weights over the three ordered statuses
  yes > partial > no, on the items both answered with one of them. Linear weights are the
  scoring's own distances (yes 1, partial 0.5, no 0): yes against no is twice as far as
  yes against partial. With k = 3 categories, w_ij = |i − j| / (k − 1),
  κ = 1 − Σ w_ij·O_ij / Σ w_ij·E_ij, where O are the observed proportions and E the products
  of the two marginals; None when fewer than two items or when Σ w·E is 0 (both sides
  give a single status: agreement beyond chance cannot be measured).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gapcheck.formats.model import Assessment, Status


class Verdict(StrEnum):
    MATCHES = "matches"
    MORE_GENEROUS = "more_generous"
    STRICTER = "stricter"
    NOT_ANSWERED = "not_answered"
    DIFFERS = "differs"


SCALE: dict[Status, int] = {Status.NO: 0, Status.PARTIAL: 1, Status.YES: 2}
"""The ordered statuses kappa is computed over (yes > partial > no)."""


def verdict(participant: Status, model: Status) -> Verdict:
    if participant is model:
        return Verdict.MATCHES
    if participant is Status.UNKNOWN:
        return Verdict.NOT_ANSWERED
    if participant in SCALE and model in SCALE:
        return Verdict.MORE_GENEROUS if SCALE[participant] > SCALE[model] else Verdict.STRICTER
    return Verdict.DIFFERS


def weighted_kappa(pairs: Sequence[tuple[Status, Status]]) -> float | None:
    """Cohen's kappa with linear weights over the pairs both on the yes/partial/no scale."""
    rated = [(SCALE[a], SCALE[b]) for a, b in pairs if a in SCALE and b in SCALE]
    n, k = len(rated), len(SCALE)
    if n < 2:
        return None
    observed = [[0.0] * k for _ in range(k)]
    for a, b in rated:
        observed[a][b] += 1 / n
    rows = [sum(observed[i]) for i in range(k)]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    weight = [[abs(i - j) / (k - 1) for j in range(k)] for i in range(k)]
    disagree = sum(weight[i][j] * observed[i][j] for i in range(k) for j in range(k))
    chance = sum(weight[i][j] * rows[i] * cols[j] for i in range(k) for j in range(k))
    if chance == 0:
        return None
    return 1 - disagree / chance


@dataclass(frozen=True)
class ParticipantAgreement:
    name: str
    file: str
    verdicts: dict[str, Verdict]
    """Item id → verdict, for every item of the class view."""
    answered: int
    """Items of the view the participant answered."""
    kappa: float | None
    kappa_items: int
    """Items both answered yes, partial or no: what kappa is computed over."""

    @property
    def matching(self) -> int:
        return sum(v is Verdict.MATCHES for v in self.verdicts.values())

    @property
    def share(self) -> float | None:
        """Percentage of the view's items where the participant matches the model."""
        return 100 * self.matching / len(self.verdicts) if self.verdicts else None

    def count(self, v: Verdict) -> int:
        return sum(x is v for x in self.verdicts.values())


@dataclass(frozen=True)
class ItemTally:
    item_id: str
    model: Status
    counts: dict[Verdict, int]

    @property
    def matched(self) -> int:
        return self.counts.get(Verdict.MATCHES, 0)

    @property
    def wrong(self) -> int:
        """Participants who answered with another status than the model's."""
        skip = (Verdict.MATCHES, Verdict.NOT_ANSWERED)
        return sum(n for v, n in self.counts.items() if v not in skip)


@dataclass(frozen=True)
class ClassAgreement:
    model: Assessment
    items: tuple[ItemTally, ...]
    """The items of the scope the model answers, in checklist order."""
    participants: tuple[ParticipantAgreement, ...]
    """In the order given."""
    left_out: tuple[str, ...]
    """Items of the scope the model leaves unknown: nobody can be judged on them."""

    def hardest(self) -> list[ItemTally]:
        """Lowest share matching among the participants who answered first; then most
        answering otherwise; then checklist order; items nobody answered last (skipped is
        not hard)."""
        order = {t.item_id: n for n, t in enumerate(self.items)}

        def key(t: ItemTally) -> tuple[bool, float, int, int]:
            answered = sum(t.counts.values()) - t.counts.get(Verdict.NOT_ANSWERED, 0)
            share = t.matched / answered if answered else 1.0
            return (answered == 0, share, -t.wrong, order[t.item_id])

        return sorted(self.items, key=key)


def agreement(
    model: Assessment,
    participants: Sequence[tuple[str, str, Assessment]],
    only: Collection[str] | None = None,
) -> ClassAgreement:
    """Each participant `(name, file, assessment)` against `model`, over the items `only`
    (None: all) that the model answers. The assessments must share the model's checklist."""
    cl = model.checklist
    scope = [i.id for i in cl.items if only is None or i.id in only]
    ids = [i for i in scope if model.answer(i).status is not Status.UNKNOWN]
    left_out = tuple(i for i in scope if i not in ids)
    rows = []
    for name, file, a in participants:
        pairs = [(a.answer(i).status, model.answer(i).status) for i in ids]
        rows.append(
            ParticipantAgreement(
                name=name,
                file=file,
                verdicts={i: verdict(p, m) for i, (p, m) in zip(ids, pairs, strict=True)},
                answered=sum(p is not Status.UNKNOWN for p, _ in pairs),
                kappa=weighted_kappa(pairs),
                kappa_items=sum(p in SCALE and m in SCALE for p, m in pairs),
            )
        )
    tallies = []
    for i in ids:
        counts: dict[Verdict, int] = {v: 0 for v in Verdict}
        for r in rows:
            counts[r.verdicts[i]] += 1
        tallies.append(ItemTally(i, model.answer(i).status, counts))
    return ClassAgreement(model, tuple(tallies), tuple(rows), left_out)
