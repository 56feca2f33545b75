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
