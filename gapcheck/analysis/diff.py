"""Item-by-item differences between two assessments of the same checklist.

Serves "participant against model answer" in a workshop and "this year against last year"
for a country. Pure: takes two assessments, returns plain data.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from gapcheck.analysis.agreement import Verdict, verdict
from gapcheck.analysis.scoring import ItemScore, Score, restrict, score_assessment
from gapcheck.formats.model import Answer, Assessment, Item


@dataclass(frozen=True)
class ItemChange:
    item: Item
    before: ItemScore
    after: ItemScore
    before_answer: Answer
    after_answer: Answer
    evidence_changed: bool
    notes_changed: bool

    @property
    def status_changed(self) -> bool:
        return self.before.status is not self.after.status

    @property
    def direction(self) -> str:
        """`better`, `worse` or `same`: movement of the item's points towards compliance."""
        b, a = self.before.points, self.after.points
        if b is None or a is None or a == b:
            return "same"
        return "better" if a > b else "worse"

    @property
    def kind(self) -> str:
        """`better` or `worse` when the points moved; `status` when the status changed but
        the points did not or cannot be compared (not assessed → no, anything ↔ n/a, items
        not scored); `details` when only the evidence or the notes changed."""
        if self.direction != "same":
            return self.direction
        return "status" if self.status_changed else "details"

    @property
    def verdict(self) -> Verdict:
        """The first file (a participant) judged against the second (the model answer)."""
        return verdict(self.before.status, self.after.status)

    @property
    def what(self) -> list[str]:
        """Which parts of the answer changed, in words."""
        parts = []
        if self.status_changed:
            parts.append("status")
        if self.evidence_changed:
            parts.append("evidence")
        if self.notes_changed:
            parts.append("notes")
        if self.before.capped != self.after.capped:
            parts.append("cap lifted" if self.before.capped else "capped")
        return parts


@dataclass(frozen=True)
class Diff:
    before: Assessment
    after: Assessment
    before_score: Score
    after_score: Score
    changes: tuple[ItemChange, ...]
    """Items whose status, evidence, notes or points (caps) differ, in checklist order."""
    same_status: int
    """Items with the same status in both: agreement, in a workshop."""
    scope: frozenset[str] | None = None
    """The items compared (None: all); the scores are computed over these items only."""
    model: bool = False
    """The second file is the model answer: changes are judged, not "better" or "worse"."""

    @property
    def items(self) -> int:
        cl = self.before.checklist
        return len(cl.items) if self.scope is None else sum(i.id in self.scope for i in cl.items)


class DiffError(ValueError):
    """The two assessments cannot be compared."""


def compare(
    before: Assessment,
    after: Assessment,
    *,
    only: Collection[str] | None = None,
    model: bool = False,
) -> Diff:
    """`before` against `after`, over the items `only` (None: all): the changes, and both
    scores computed over those same items. `model`: `after` is the model answer."""
    if before.checklist.id != after.checklist.id:
        raise DiffError(
            f"the assessments use different checklists ({before.checklist.id} and "
            f"{after.checklist.id}); only assessments of the same checklist can be compared"
        )
    s_before = score_assessment(before)
    s_after = score_assessment(after)
    scope = None if only is None else frozenset(only)
    if scope is not None:
        s_before, s_after = restrict(s_before, scope), restrict(s_after, scope)
    after_items = {s.item.id: s for s in s_after.items}
    changes = []
    same = 0
    for b in s_before.items:
        a = after_items.get(b.item.id)
        if a is None:  # checklist versions differ and the item is gone
            continue
        ans_b, ans_a = before.answer(b.item.id), after.answer(b.item.id)
        same += b.status is a.status
        evidence_changed = ans_b.evidence != ans_a.evidence
        notes_changed = ans_b.notes != ans_a.notes
        if b.status is not a.status or evidence_changed or notes_changed or b.points != a.points:
            changes.append(ItemChange(b.item, b, a, ans_b, ans_a, evidence_changed, notes_changed))
    return Diff(before, after, s_before, s_after, tuple(changes), same, scope, model)
