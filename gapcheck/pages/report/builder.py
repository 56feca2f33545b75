"""The state every part of the report is built from: the assessment, its score and the
report's words (`Wording`), with the small phrases several parts share."""

from __future__ import annotations

import gettext
from datetime import date

from babel import Locale

from gapcheck.analysis.scoring import CAP, Group, ItemScore, Score
from gapcheck.formats.model import Answer, Assessment, Checklist, Item, Status
from gapcheck.pages.report.views import ItemRef
from gapcheck.pages.wording import Wording


class Builder(Wording):
    """What every part of the report needs: the assessment, its score, and the report's words."""

    def __init__(
        self,
        a: Assessment,
        s: Score,
        locale: Locale,
        t: gettext.NullTranslations,
        generated: date | None,
    ) -> None:
        super().__init__(locale, t)
        self.a, self.s, self.generated = a, s, generated
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

    def item_ref(self, item: Item, note: str = "") -> ItemRef:
        return ItemRef(f"item-{item.id}", self.ref(item), item.title, note)

    def recommendation(self, item: Item, answer: Answer) -> str:
        return answer.recommendation or item.recommendation

    def counts(self, g: Group) -> str:
        parts = [
            self.count_phrases[st].format(n=self.num(g.counts[st.value]))
            for st in Status
            if g.counts.get(st.value)
        ]
        total = sum(g.counts.values())
        return self.n_("{n} item", "{n} items", total) + (": " + ", ".join(parts) if parts else "")

    def law(self, answer: Answer) -> tuple[str, ...]:
        return tuple(self.citation(e.instrument, e.provision) for e in answer.evidence)

    def citation(self, instrument: str, provision: str) -> str:
        instrument, provision = self.iso(instrument), self.iso(provision)
        return f"{instrument}, {provision}" if provision else instrument

    def reasons(self, answer: Answer) -> tuple[str, ...]:
        return tuple(self.cl.reason_codes.get(r, r) for r in answer.reasons)

    def cap_note(self, x: ItemScore) -> str:
        if not x.capped:
            return ""
        _ = self._
        phrases = {Status.PARTIAL: _("partly implemented"), Status.NO: _("not implemented")}
        why = "; ".join(
            _("{title} ({ref}) is {status}").format(
                title=self.cl.item(c).title,
                ref=self.ref(self.cl.item(c)),
                status=phrases[self.by_id[c].status],
            )
            for c in x.capped_because
        )
        return _("Capped at {cap} point because {why}.").format(cap=self.num(CAP), why=why)
