"""The class view's context: a whole room of participants against the model answer.

For each item, how many participants matched the model, were more generous, stricter, or
did not answer, the hardest first, with a bar of the same counts; for each participant the
share matching and Cohen's weighted kappa. Built from `agreement.ClassAgreement` (every
number from `analysis`), laid out by `templates/class/class.html`. No I/O.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass

from babel import Locale

from gapcheck.analysis.agreement import ClassAgreement, Verdict
from gapcheck.pages.wording import Badge, Frame, Wording

BAR = 120.0
"""Width of an item's bar, in SVG units: one segment per verdict, as wide as its count."""


COLOURS = {
    Verdict.MATCHES: "#1e6b3a",
    Verdict.MORE_GENEROUS: "#b35900",
    Verdict.STRICTER: "#2166ac",
    Verdict.NOT_ANSWERED: "#c8c8c8",
    Verdict.DIFFERS: "#7b3294",
}
"""The same colours as the keys in class.css (an SVG fill, which WeasyPrint reads from the
attribute, not from the page's CSS)."""


@dataclass(frozen=True)
class Segment:
    verdict: str
    x: str
    width: str
    colour: str


@dataclass(frozen=True)
class ItemRow:
    rank: str
    ref: str
    title: str
    model: Badge
    counts: tuple[str, ...]
    """Participants per verdict, in `ClassPage.verdicts` order."""
    bar: tuple[Segment, ...]
    bar_label: str


@dataclass(frozen=True)
class ParticipantRow:
    name: str
    file: str
    answered: str
    matching: str
    generous: str
    stricter: str
    kappa: str


@dataclass(frozen=True)
class VerdictLabel:
    key: str
    label: str


@dataclass(frozen=True)
class ClassPage:
    frame: Frame
    title: str
    subtitle: str
    scope: str
    method: str
    verdicts: tuple[VerdictLabel, ...]
    items: tuple[ItemRow, ...]
    participants: tuple[ParticipantRow, ...]
    left_out: str


ORDER = (
    Verdict.MATCHES,
    Verdict.MORE_GENEROUS,
    Verdict.STRICTER,
    Verdict.NOT_ANSWERED,
    Verdict.DIFFERS,
)


def build(
    c: ClassAgreement,
    *,
    scope: str = "",
    locale: Locale | None = None,
    translations: gettext.NullTranslations | None = None,
) -> ClassPage:
    """The class page of `c`; `scope` says in words what the exercise covered."""
    w = Wording(locale, translations)
    _ = w._
    cl = c.model.checklist
    labels = {
        Verdict.MATCHES: _("Matched the model"),
        Verdict.MORE_GENEROUS: _("More generous"),
        Verdict.STRICTER: _("Stricter"),
        Verdict.NOT_ANSWERED: _("Not answered"),
        Verdict.DIFFERS: _("Other"),
    }
    n = len(c.participants)
    items = []
    for rank, t in enumerate(c.hardest(), start=1):
        x, bar = 0.0, []
        for v in ORDER:
            width = BAR * t.counts[v] / n if n else 0.0
            if width:
                bar.append(Segment(v.value, f"{x:.2f}", f"{width:.2f}", COLOURS[v]))
            x += width
        item = cl.item(t.item_id)
        items.append(
            ItemRow(
                rank=w.num(rank),
                ref=w.ref(item),
                title=item.title,
                model=w.badge(t.model),
                counts=tuple(w.num(t.counts[v]) for v in ORDER),
                bar=tuple(bar),
                bar_label=_("{matched} of {n} matched the model").format(
                    matched=w.num(t.matched), n=w.num(n)
                ),
            )
        )
    participants = tuple(
        ParticipantRow(
            name=p.name,
            file=p.file,
            answered=_("{answered} of {total}").format(
                answered=w.num(p.answered), total=w.num(len(c.items))
            ),
            matching=_("{matching} ({share})").format(
                matching=w.num(p.matching), share=w.pct(p.share)
            ),
            generous=w.num(p.count(Verdict.MORE_GENEROUS)),
            stricter=w.num(p.count(Verdict.STRICTER)),
            kappa=_("not computable")
            if p.kappa is None
            else format(round(p.kappa, 2), ".2f").replace("-", "\u2212"),
        )
        for p in c.participants
    )
    title = _("The class against the model answer: {country}").format(country=c.model.country.name)
    return ClassPage(
        frame=w.frame(
            title=title,
            short_title=title,
            subject=_("{n} participants compared with the model answer on {items} items").format(
                n=w.num(n), items=w.num(len(c.items))
            ),
        ),
        title=title,
        subtitle=w.n_("{n} participant", "{n} participants", n)
        + " · "
        + w.n_("{n} item", "{n} items", len(c.items))
        + " · "
        + _("checklist {id}, version {version}").format(id=cl.id, version=cl.version),
        scope=scope,
        method=_(
            "Items the class found hardest first: fewest participants matching the model’s status. More generous: a higher status than the model (yes where it says partial or no); stricter: a lower one. Kappa is Cohen’s weighted kappa with linear weights over yes > partial > no, on the items both answered: 1 is full agreement, 0 what chance would give."
        ),
        verdicts=tuple(VerdictLabel(v.value, labels[v]) for v in ORDER),
        items=tuple(items),
        participants=participants,
        left_out=""
        if not c.left_out
        else _("Left out, as the model answer does not answer them: {ids}.").format(
            ids=", ".join(c.left_out)
        ),
    )
