"""The state every part of the report is built from: the assessment, its score and the
report's words (`Wording`), with the small phrases several parts share."""

from __future__ import annotations

import gettext
from datetime import date

from babel import Locale

from gapcheck.analysis.scoring import CAP, Group, ItemScore, Score
from gapcheck.formats.model import Answer, Assessment, Checklist, Item, Status
from gapcheck.pages.bidi import isolate
from gapcheck.pages.common import one_line
from gapcheck.pages.report.views import ItemRef, RecRef, Tag
from gapcheck.pages.wording import Badge, Wording

GAP_SENTENCE = 180
"""Longest gap text in the synopsis, in characters (the first sentence of the analysis)."""


class Builder(Wording):
    """What every part of the report needs: the assessment, its score, and the report's words."""

    def __init__(
        self,
        a: Assessment,
        s: Score,
        locale: Locale,
        t: gettext.NullTranslations,
        generated: date | None,
        edition: str = "full",
    ) -> None:
        super().__init__(locale, t)
        self.a, self.s, self.generated, self.edition = a, s, generated, edition
        self.cl: Checklist = a.checklist
        self.by_id: dict[str, ItemScore] = {x.item.id: x for x in s.items}
        _ = self._
        self.count_phrases = {
            Status.YES: _("{n} implemented"),
            Status.PARTIAL: _("{n} partly implemented"),
            Status.NO: _("{n} not implemented"),
            Status.NA: _("{n} not applicable"),
            Status.UNKNOWN: _("{n} not assessed"),
        }
        self.group_headings = {
            "core": _("Obligations under the Protocol"),
            "optional": _("Optional measures (the Protocol says “may”)"),
            "recommended": _("Recommended practice (not a treaty obligation)"),
            "informational": _("Provisions recorded but not scored"),
        }
        self.rec_numbers = self._number_recommendations()

    def _number_recommendations(self) -> dict[str, int]:
        """Item id → number of its recommendation: gaps by impact, then one per reservation
        (every item the reservation covers shares its number)."""
        numbers = {g.item.id: n for n, g in enumerate(self.s.gaps, start=1)}
        next_no = len(numbers) + 1
        for r in self.a.reservations:
            covered = [x.item.id for x in self.s.items if r.id and x.reservation == r.id]
            if covered:
                numbers.update(dict.fromkeys(covered, next_no))
                next_no += 1
        return numbers

    def rec_ref(self, item_id: str) -> RecRef | None:
        n = self.rec_numbers.get(item_id)
        if n is None:
            return None
        return RecRef(f"rec-{n}", self.num(n), self._("Recommendation {n}").format(n=self.num(n)))

    def item_ref(self, item: Item, note: str = "") -> ItemRef:
        return ItemRef(
            f"item-{item.id}", self.ref(item), item.title, note, self.words(self.cl, item)
        )

    def recommendation(self, item: Item, answer: Answer) -> str:
        return answer.recommendation or item.recommendation

    def counts(self, g: Group) -> str:
        parts = [
            self.count_phrases[st].format(n=self.num(g.counts[st.value]))
            for st in Status
            if g.counts.get(st.value)
        ]
        if g.counts.get("reserved"):
            parts.append(self._("{n} under a reservation").format(n=self.num(g.counts["reserved"])))
        total = sum(g.counts.values())
        return self.n_("{n} item", "{n} items", total) + (
            ": " + self.commas(parts) if parts else ""
        )

    def law(self, answer: Answer) -> tuple[str, ...]:
        return tuple(self.citation(e.instrument, e.provision) for e in answer.evidence)

    def citation(self, instrument: str, provision: str) -> str:
        instrument, provision = self.iso(instrument), self.iso(provision)
        return f"{instrument}, {provision}" if provision else instrument

    def reasons(self, answer: Answer) -> tuple[Tag, ...]:
        return tuple(
            Tag(r.replace("_", " "), " ".join(self.cl.reason_codes.get(r, r).split()))
            for r in answer.reasons
        )

    def gap_text(self, answer: Answer) -> str:
        """What is missing, in the assessor's words: `gap:`, else the analysis's first sentence."""
        return answer.gap or one_line(answer.notes, GAP_SENTENCE)

    def status_badge(self, x: ItemScore) -> Badge:
        """The status chip; a capped yes says it is limited, never plain "Implemented"."""
        if x.capped and x.status is Status.YES:
            return Badge("yes", "capped", self._("Implemented, but limited"))
        if x.reservation:
            return Badge(x.status.value, "reserved", self._("Under a reservation"))
        return self.badge(x.status)

    def capper(self, item_id: str) -> str:
        item = self.cl.item(item_id)
        return self._("{title} ({ref})").format(title=isolate(item.title), ref=self.ref(item))

    def recs_of(self, ids: tuple[str, ...]) -> str:
        numbers = sorted({self.rec_numbers[c] for c in ids if c in self.rec_numbers})
        return self.commas(self.num(n) for n in numbers)

    def cap_note(self, x: ItemScore) -> str:
        _ = self._
        if x.waived:
            return _("Not capped: {why}").format(why=x.not_capped)
        if not x.capped:
            return ""
        by = self.semicolons(self.capper(c) for c in x.capped_because)
        recs = self.recs_of(x.capped_because)
        if x.status is Status.YES:
            return _(
                "Implemented, but limited by “{by}”: at most {cap} point until that is fully "
                "implemented (see recommendation {recs})."
            ).format(by=by, cap=self.num(CAP), recs=recs)
        return _("At most {cap} point because of “{by}” (see recommendation {recs}).").format(
            cap=self.num(CAP), by=by, recs=recs
        )

    def lifts_note(self, x: ItemScore) -> str:
        """On an item that caps others: which implemented items it holds at the cap."""
        held = [y for y in self.s.items if y.capped and x.item.id in y.capped_because]
        if not held:
            return ""
        return self.n_(
            "Holds {n} implemented item at {cap} point until it is met: {refs}.",
            "Holds {n} implemented items at {cap} point until it is met: {refs}.",
            len(held),
            cap=self.num(CAP),
            refs=self.commas(self.ref(y.item) for y in held),
        )

    def reservation_note(self, x: ItemScore) -> str:
        r = self.a.reservation(x.reservation)
        if r is None:
            return ""
        return self._("Under the State’s reservation, left out of the score: “{text}”").format(
            text=" ".join(r.text.split())
        )
