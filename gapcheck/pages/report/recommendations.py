"""The numbered recommendations: one per assessed gap, in order of impact, then one per
reservation that limits an obligation (the Committee's usual advice: review it with a view
to withdrawing it). The synopsis, the findings and the summary refer to these numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcheck.analysis.scoring import ItemScore
from gapcheck.formats.model import Reservation
from gapcheck.pages.common import dedupe
from gapcheck.pages.report.views import Recommendation

if TYPE_CHECKING:
    from gapcheck.pages.report.builder import Builder


def gain(b: Builder, x: ItemScore) -> str:
    """What answering the item in full adds to the score, and which caps it lifts."""
    _ = b._
    if x.impact is None:
        return ""
    if x.impact > 0:
        text = _("+{points} points on the score").format(points=b.num(round(x.impact, 1)))
    else:
        text = _("no gain on its own until recommendation {recs} is implemented").format(
            recs=b.recs_of(x.capped_because or x.item.capped_by)
        )
    if x.lifts:
        text = b.semicolons(
            [
                text,
                b.n_(
                    "also restores full credit to {n} item held at half marks by it",
                    "also restores full credit to {n} items held at half marks by it",
                    len(x.lifts),
                ),
            ]
        )
    return text


def _gap(b: Builder, n: int, x: ItemScore) -> Recommendation:
    _ = b._
    answer = b.a.answer(x.item.id)
    return Recommendation(
        anchor=f"rec-{n}",
        number=b.num(n),
        items=(b.item_ref(x.item),),
        text=b.recommendation(x.item, answer),
        by_assessor=bool(answer.recommendation),
        model=not answer.recommendation,
        law=dedupe(b.law(answer)),
        treaty=b.ref(x.item),
        priority=gain(b, x),
    )


def _reservation(b: Builder, n: int, r: Reservation, items: list[ItemScore]) -> Recommendation:
    _ = b._
    refs = b.commas(b.ref(x.item) for x in items)
    return Recommendation(
        anchor=f"rec-{n}",
        number=b.num(n),
        items=tuple(b.item_ref(x.item) for x in items),
        text=_(
            "Review the reservation to {refs} with a view to withdrawing it, and bring "
            "national law into line with these provisions."
        ).format(refs=refs),
        by_assessor=False,
        model=False,
        law=dedupe(c for x in items for c in b.law(b.a.answer(x.item.id))),
        treaty=refs,
        priority=_("Reservation: left out of the score"),
    )


def build(b: Builder) -> tuple[Recommendation, ...]:
    out = [_gap(b, n, x) for n, x in enumerate(b.s.gaps, start=1)]
    for r in b.a.reservations:
        items = [x for x in b.s.items if r.id and x.reservation == r.id]
        if items:
            out.append(_reservation(b, len(out) + 1, r, items))
    return tuple(out)
