"""The diff page's context: what changed between two assessments, worded for people.

Serves "participant against model answer" in a workshop and "this year against last
year". Built from a `diff.Diff` (numbers from `scoring` only), laid out by
`templates/diff/diff.html`. No I/O.
"""

from __future__ import annotations

import gettext

from babel import Locale

from gapcheck.analysis.diff import Diff, ItemChange
from gapcheck.analysis.scoring import ItemScore
from gapcheck.formats.model import Answer, Assessment, Evidence, Status
from gapcheck.pages import diff_scores as score_lines
from gapcheck.pages.bidi import isolate
from gapcheck.pages.common import direction
from gapcheck.pages.diff_views import (
    AnswerSide,
    ChangeGroup,
    ChangeView,
    DiffPage,
    EvidenceLine,
    SideView,
)
from gapcheck.pages.wording import Wording

KINDS = ("better", "worse", "status", "details")
"""The order the changed items are listed in (see `diff.ItemChange.kind`)."""
VERDICTS = ("more_generous", "stricter", "not_answered", "differs", "matches")
"""With a model answer: the teaching points first (see `agreement.verdict`)."""


def build(
    d: Diff,
    before_name: str,
    after_name: str,
    *,
    locale: Locale | None = None,
    translations: gettext.NullTranslations | None = None,
) -> DiffPage:
    """The diff page of `d`; the two files are named as the user gave them."""
    return _Builder(d, Wording(locale, translations)).page(before_name, after_name)


def _evidence_key(e: Evidence) -> tuple[str, str]:
    return (" ".join(e.instrument.split()).casefold(), " ".join(e.provision.split()).casefold())


class _Builder:
    def __init__(self, d: Diff, w: Wording) -> None:
        self.d, self.w, self._ = d, w, w._
        _ = self._
        self.kind_labels = {
            "better": _("Better"),
            "worse": _("Worse"),
            "status": _("Status changed"),
            "details": _("Evidence or notes"),
            "more_generous": _("More generous than the model"),
            "stricter": _("Stricter than the model"),
            "not_answered": _("Not answered"),
            "differs": _("Differs from the model"),
            "matches": _("Matches"),
        }

    def kind(self, c: ItemChange) -> str:
        return c.verdict.value if self.d.model else c.kind

    def page(self, before_name: str, after_name: str) -> DiffPage:
        _, w, d = self._, self.w, self.d
        b, a = isolate(d.before.country.name), isolate(d.after.country.name)
        if b == a:
            title = _("Changes between two assessments of {country}").format(country=a)
        else:
            title = _("Changes between the assessments of {before} and {after}").format(
                before=b, after=a
            )
        groups = self.groups()
        n = len(d.changes)
        by_kind = {g.kind: len(g.changes) for g in groups}
        phrases = (
            (
                ("more_generous", _("{n} more generous than the model")),
                ("stricter", _("{n} stricter than the model")),
                ("not_answered", _("{n} not answered")),
                ("differs", _("{n} with another difference of status")),
                ("matches", _("{n} matching the model's status, with other evidence or notes")),
            )
            if d.model
            else (
                ("better", _("{n} towards compliance")),
                ("worse", _("{n} away from compliance")),
                ("status", _("{n} with a different status but the same points")),
                ("details", _("{n} with different evidence or notes only")),
            )
        )
        parts = [
            phrase.format(n=w.num(by_kind[kind])) for kind, phrase in phrases if by_kind.get(kind)
        ]
        summary = (
            w.n_("{n} item differs", "{n} items differ", n) + ": " + w.semicolons(parts) + "."
            if n
            else _("No item differs.")
        )
        return DiffPage(
            frame=w.frame(
                title=title,
                short_title=title,
                subject=_("{before} compared with {after}").format(
                    before=isolate(before_name), after=isolate(after_name)
                ),
            ),
            title=title,
            intro=_(
                "The first file is a participant’s answers, the second the model answer. Each item is labelled by what the participant did: matched the model’s status, was more generous (a higher status: yes where the model says partial or no), was stricter, or did not answer."
            )
            if d.model
            else _(
                "“Before” is the first file and “after” the second. For a participant against a model answer, use gapcheck diff --model: items are then labelled matches, more generous or stricter than the model."
            ),
            sides=(
                self.side(_("Participant") if d.model else _("Before"), before_name, d.before),
                self.side(_("Model answer") if d.model else _("After"), after_name, d.after),
            ),
            headline=score_lines.headline(d, w),
            themes=score_lines.themes(d, w),
            articles=score_lines.articles(d, w),
            agreement=_("Same status: {same} of {total} items ({share})").format(
                same=w.num(d.same_status),
                total=w.num(d.items),
                share=w.pct(100 * d.same_status / d.items if d.items else None),
            ),
            scope=""
            if d.scope is None
            else w.n_(
                "Compared over {n} item only: every score on this page counts that item only.",
                "Compared over {n} items only: every score on this page counts those items only.",
                d.items,
            ),
            summary=summary,
            groups=groups,
        )

    def side(self, heading: str, file: str, a: Assessment) -> SideView:
        _, w = self._, self.w
        answered = sum(a.answer(i.id).status is not Status.UNKNOWN for i in a.checklist.items)
        return SideView(
            heading=heading,
            file=file,
            country=a.country.name,
            as_of=w.day(a.as_of),
            assessors=w.commas(a.assessors) or _("Not stated"),
            status=_("Final") if a.report_status == "final" else _("Draft"),
            checklist=_("{id}, version {version}").format(
                id=isolate(a.checklist.id), version=isolate(a.checklist.version)
            ),
            answered=_("{answered} of {total} items answered").format(
                answered=w.num(answered), total=w.num(len(a.checklist.items))
            ),
        )

    # -- changed items

    def groups(self) -> tuple[ChangeGroup, ...]:
        _ = self._
        headings = {
            "better": (
                _("Towards compliance"),
                _("The item scores more points after than before."),
            ),
            "worse": (
                _("Away from compliance"),
                _("The item scores fewer points after than before."),
            ),
            "status": (
                _("Different status, same points"),
                _(
                    "The status changed but the points did not, or cannot be compared: for example not assessed → not implemented (both score 0), or a change to or from not applicable, which leaves the item out of the score."
                ),
            ),
            "details": (
                _("Same status, different evidence or notes"),
                _("The status and the points are the same; the law cited or the notes differ."),
            ),
        }
        headings.update(
            {
                "more_generous": (
                    _("More generous than the model"),
                    _(
                        "The participant gave a higher status than the model answer: yes where the model says partial or no, or partial where it says no."
                    ),
                ),
                "stricter": (
                    _("Stricter than the model"),
                    _("The participant gave a lower status than the model answer."),
                ),
                "not_answered": (
                    _("Not answered"),
                    _("The participant left the item unanswered; the model answers it."),
                ),
                "differs": (
                    _("Other differences of status"),
                    _(
                        "Not applicable on one side only, or an item the model answer leaves unanswered."
                    ),
                ),
                "matches": (
                    _("Matches the model"),
                    _(
                        "Same status as the model answer; the law cited, the notes or the points (a cap) differ."
                    ),
                ),
            }
        )
        out = []
        for kind in VERDICTS if self.d.model else KINDS:
            changes = tuple(self.change(c) for c in self.d.changes if self.kind(c) == kind)
            if changes:
                heading, note = headings[kind]
                out.append(
                    ChangeGroup(
                        kind,
                        f"changes-{kind}",
                        heading,
                        self.kind_labels[kind],
                        note,
                        self.w.num(len(changes)),
                        changes,
                    )
                )
        return tuple(out)

    def change(self, c: ItemChange) -> ChangeView:
        _, w = self._, self.w
        words = {
            "status": _("status"),
            "evidence": _("evidence"),
            "notes": _("notes"),
            "cap lifted": _("cap lifted"),
            "capped": _("capped"),
        }
        return ChangeView(
            anchor=f"item-{c.item.id}",
            ref=w.ref(c.item),
            title=c.item.title,
            kind=self.kind(c),
            kind_label=self.kind_labels[self.kind(c)],
            what=_("Differs in: {parts}").format(parts=w.commas(words[p] for p in c.what)),
            show_evidence=c.evidence_changed,
            show_notes=c.notes_changed,
            before=self.answer_side(
                _("Participant") if self.d.model else _("Before"),
                c.before,
                c.before_answer,
                c.after_answer,
            ),
            after=self.answer_side(
                _("Model answer") if self.d.model else _("After"),
                c.after,
                c.after_answer,
                c.before_answer,
            ),
        )

    def answer_side(self, heading: str, x: ItemScore, answer: Answer, other: Answer) -> AnswerSide:
        _, w = self._, self.w
        if x.points is None:
            points = _("Not scored (not applicable)") if x.status is Status.NA else _("Not scored")
        else:
            points = _("{points} of 1 point").format(points=w.num(x.points))
            if x.capped:
                points += " " + _("(capped)")
        theirs = {_evidence_key(e): e for e in other.evidence}
        lines = []
        for e in answer.evidence:
            key = _evidence_key(e)
            if key not in theirs:
                mark, label = "only", _("only on this side")
            elif theirs[key] != e:
                mark, label = "edited", _("details differ")
            else:
                mark, label = "", ""
            lines.append(
                EvidenceLine(
                    citation=f"{e.instrument}, {e.provision}" if e.provision else e.instrument,
                    in_force=w.day(e.in_force),
                    excerpt=e.excerpt if mark else "",
                    excerpt_dir=direction(e.excerpt),
                    mark=mark,
                    mark_label=label,
                )
            )
        cl = self.d.before.checklist
        return AnswerSide(
            heading=heading,
            status=w.badge(x.status),
            points=points,
            reasons=tuple(cl.reason_codes.get(r, r) for r in answer.reasons),
            justification=answer.justification if x.status is Status.NA else "",
            evidence=tuple(lines),
            notes=answer.notes,
        )
