"""The diff page's context: what changed between two assessments, worded for people.

Serves "participant against model answer" in a workshop and "this year against last
year". Built from a `diff.Diff` (numbers from `scoring` only), laid out by
`templates/diff.html`. No I/O.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, replace

from babel import Locale

from gapcheck.analysis.diff import Diff, ItemChange
from gapcheck.analysis.scoring import Group, ItemScore, Score
from gapcheck.formats.model import Answer, Assessment, Evidence, Status, Tier
from gapcheck.pages.common import direction
from gapcheck.pages.wording import Badge, Frame, Wording

KINDS = ("better", "worse", "status", "details")
"""The order the changed items are listed in (see `diff.ItemChange.kind`)."""


@dataclass(frozen=True)
class SideView:
    """Who and what one of the two assessments is."""

    heading: str
    """`Before` or `After`."""
    file: str
    country: str
    as_of: str
    assessors: str
    status: str
    checklist: str
    answered: str
    """`25 of 82 items answered`."""


@dataclass(frozen=True)
class ScoreLine:
    label: str
    before: str
    after: str
    change: str
    """Signed, in percentage points: `+24.3`, `−5.0`, `0.0`; empty when not computable."""
    trend: str
    """up, down, same or none (CSS class; the sign says it in words)."""


@dataclass(frozen=True)
class EvidenceLine:
    citation: str
    in_force: str
    excerpt: str
    """Shown only where the provision is on one side only or differs between them."""
    excerpt_dir: str
    mark: str
    """`only` (on this side only), `edited` (on both, differently) or empty (the same)."""
    mark_label: str


@dataclass(frozen=True)
class AnswerSide:
    heading: str
    status: Badge
    points: str
    reasons: tuple[str, ...]
    justification: str
    evidence: tuple[EvidenceLine, ...]
    notes: str


@dataclass(frozen=True)
class ChangeView:
    anchor: str
    ref: str
    title: str
    kind: str
    kind_label: str
    what: str
    """What differs, in words: `status, evidence, notes`."""
    show_evidence: bool
    show_notes: bool
    before: AnswerSide
    after: AnswerSide


@dataclass(frozen=True)
class ChangeGroup:
    kind: str
    anchor: str
    heading: str
    label: str
    """The word on the items' chips: `Better`."""
    note: str
    count: str
    changes: tuple[ChangeView, ...]


@dataclass(frozen=True)
class DiffPage:
    """Everything the diff template shows, already worded, numbered and formatted."""

    frame: Frame
    title: str
    intro: str
    sides: tuple[SideView, SideView]
    headline: tuple[ScoreLine, ...]
    themes: tuple[ScoreLine, ...]
    articles: tuple[ScoreLine, ...]
    agreement: str
    summary: str
    """How many items differ, and how."""
    groups: tuple[ChangeGroup, ...]


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
        }

    def page(self, before_name: str, after_name: str) -> DiffPage:
        _, w, d = self._, self.w, self.d
        b, a = d.before.country.name, d.after.country.name
        if b == a:
            title = _("Changes between two assessments of {country}").format(country=a)
        else:
            title = _("Changes between the assessments of {before} and {after}").format(
                before=b, after=a
            )
        groups = self.groups()
        n = len(d.changes)
        by_kind = {g.kind: len(g.changes) for g in groups}
        parts = [
            phrase.format(n=w.num(by_kind[kind]))
            for kind, phrase in (
                ("better", _("{n} towards compliance")),
                ("worse", _("{n} away from compliance")),
                ("status", _("{n} with a different status but the same points")),
                ("details", _("{n} with different evidence or notes only")),
            )
            if by_kind.get(kind)
        ]
        summary = (
            w.n_("{n} item differs", "{n} items differ", n) + ": " + "; ".join(parts) + "."
            if n
            else _("No item differs.")
        )
        return DiffPage(
            frame=w.frame(
                title=title,
                short_title=title,
                subject=_("{before} compared with {after}").format(
                    before=before_name, after=after_name
                ),
            ),
            title=title,
            intro=_(
                "“Before” is the first file and “after” the second. In a workshop, give the participant’s answers first and the model answer second: an item “towards compliance” then scores more points in the model answer than in the participant’s."
            ),
            sides=(
                self.side(_("Before"), before_name, d.before),
                self.side(_("After"), after_name, d.after),
            ),
            headline=self.headline(),
            themes=self.themes(),
            articles=self.articles(),
            agreement=_("Same status: {same} of {total} items ({share})").format(
                same=w.num(d.same_status),
                total=w.num(d.items),
                share=w.pct(100 * d.same_status / d.items if d.items else None),
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
            assessors=", ".join(a.assessors) or _("Not stated"),
            status=_("Final") if a.report_status == "final" else _("Draft"),
            checklist=_("{id}, version {version}").format(
                id=a.checklist.id, version=a.checklist.version
            ),
            answered=_("{answered} of {total} items answered").format(
                answered=w.num(answered), total=w.num(len(a.checklist.items))
            ),
        )

    # -- scores

    def line(self, label: str, before: float | None, after: float | None) -> ScoreLine:
        w = self.w
        if before is None or after is None:
            trend = "none"
        else:
            delta = round(after - before, 1)
            trend = "up" if delta > 0 else "down" if delta < 0 else "same"
        return ScoreLine(label, w.pct(before), w.pct(after), w.change(before, after), trend)

    def group_line(self, label: str, before: Group | None, after: Group | None) -> ScoreLine:
        """A group's line: "not assessed" on a side where nobody assessed it, never 0 %."""
        line = self.line(label, _score(before), _score(after))
        return replace(line, before=self.w.group_pct(before), after=self.w.group_pct(after))

    def headline(self) -> tuple[ScoreLine, ...]:
        _ = self._
        bs, as_ = self.d.before_score, self.d.after_score
        return (
            self.group_line(
                _("Score on binding obligations"), bs.tiers[Tier.CORE], as_.tiers[Tier.CORE]
            ),
            self.line(_("Coverage (items assessed)"), bs.coverage, as_.coverage),
            self.group_line(
                _("Optional measures"), bs.tiers[Tier.OPTIONAL], as_.tiers[Tier.OPTIONAL]
            ),
            self.group_line(
                _("Recommended practice"),
                bs.tiers[Tier.RECOMMENDED],
                as_.tiers[Tier.RECOMMENDED],
            ),
        )

    def themes(self) -> tuple[ScoreLine, ...]:
        bs, as_ = self.d.before_score, self.d.after_score
        return tuple(
            self.group_line(t.title, bs.themes.get(t.id), as_.themes.get(t.id))
            for t in self.d.before.checklist.themes
            if _has_items(bs, t.id) or _has_items(as_, t.id)
        )

    def articles(self) -> tuple[ScoreLine, ...]:
        bs, as_ = self.d.before_score, self.d.after_score
        cl = self.d.before.checklist
        numbers = sorted(set(bs.articles) | set(as_.articles))
        return tuple(
            self.group_line(self.w.article_title(cl, n), bs.articles.get(n), as_.articles.get(n))
            for n in numbers
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
        out = []
        for kind in KINDS:
            changes = tuple(self.change(c) for c in self.d.changes if c.kind == kind)
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
            kind=c.kind,
            kind_label=self.kind_labels[c.kind],
            what=_("Differs in: {parts}").format(parts=", ".join(words[p] for p in c.what)),
            show_evidence=c.evidence_changed,
            show_notes=c.notes_changed,
            before=self.answer_side(_("Before"), c.before, c.before_answer, c.after_answer),
            after=self.answer_side(_("After"), c.after, c.after_answer, c.before_answer),
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


def _has_items(s: Score, theme: str) -> bool:
    g = s.themes.get(theme)
    return g is not None and bool(g.counts)


def _score(g: Group | None) -> float | None:
    return g.score if g is not None else None
