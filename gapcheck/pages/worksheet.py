"""The blank checklist as a worksheet for workshop participants working on paper.

One block per item, grouped by article with good practice apart: reference, tier, title,
the treaty's words (or, for good practice, the source), the question, empty tick boxes for
the statuses a participant can choose, and ruled lines for the law relied on and notes.
The context is plain data, worded here; `templates/worksheet.html` lays it out. No I/O.
"""

from __future__ import annotations

import gettext
from collections.abc import Collection
from dataclasses import dataclass

from babel import Locale

from gapcheck.formats.model import Checklist, Item, Status, Tier
from gapcheck.pages.bidi import isolate
from gapcheck.pages.common import SourceView, TocEntry, safe_href
from gapcheck.pages.wording import Frame, Run, Wording

TICKED = (Status.YES, Status.PARTIAL, Status.NO, Status.NA)
"""The boxes on paper; an item left blank is unknown (not assessed)."""
FIELD_NAMES = ("participant", "state", "date")
EVIDENCE_LINES = 2
NOTE_LINES = 3


@dataclass(frozen=True)
class TickBox:
    label: str
    """The status in words: `Partly implemented`."""
    value: str
    """The status as written in an assessment file: `partial`."""


@dataclass(frozen=True)
class SheetItem:
    id: str
    """Where the answer goes in an assessment file (`answers.<id>`)."""
    anchor: str
    ref: str
    """`Art. 3(1)(c)`, or `Good practice`."""
    title: str
    tier: str
    """core, optional, recommended or informational (CSS class)."""
    obligation_label: str
    theme_title: str
    provision: str
    """The treaty's words, verbatim; empty for good practice."""
    provision_run: Run
    provision_note: str
    """Says the English authentic text is shown (the edition's is not verified)."""
    words: Run
    """`lang`/`dir` of the title and question when not in the page's language."""
    sources: tuple[SourceView, ...]
    """Where good practice comes from (shown when there is no treaty text)."""
    question: str


@dataclass(frozen=True)
class SheetGroup:
    key: str
    """`treaty` or `recommended`."""
    heading: str
    items: tuple[SheetItem, ...]


@dataclass(frozen=True)
class SheetArticle:
    anchor: str
    heading: str
    """`Article 3 — Criminalization`: also the PDF bookmark."""
    groups: tuple[SheetGroup, ...]


@dataclass(frozen=True)
class Worksheet:
    """Everything the worksheet template shows, already worded."""

    frame: Frame
    title: str
    treaty: str
    checklist: str
    """`opsc, version 1.0.0 (OPSC implementation checklist)`."""
    item_counts: str
    scope: str
    """What part of the checklist the sheet covers, when not all of it."""
    fillable: bool
    """Form fields (a PDF to fill in on screen) instead of empty boxes and lines."""
    fields: tuple[str, ...]
    """Blanks on the cover for the participant to fill in (name, State, date)."""
    field_names: tuple[str, ...]
    """Their names as form fields (`gapcheck import-form` reads them back)."""
    instructions: tuple[str, ...]
    boxes: tuple[TickBox, ...]
    evidence_columns: tuple[str, str]
    evidence_lines: int
    note_lines: int
    toc: tuple[TocEntry, ...]
    articles: tuple[SheetArticle, ...]


def build(
    cl: Checklist,
    *,
    locale: Locale | None = None,
    translations: gettext.NullTranslations | None = None,
    only: Collection[str] | None = None,
    fillable: bool = False,
) -> Worksheet:
    """The worksheet context of checklist `cl`, of the items `only` if given (an exercise
    covering some articles), in checklist order; form fields when `fillable`."""
    w = Wording(locale, translations)
    _ = w._
    title = _("{title}: worksheet").format(title=isolate(cl.title))
    chosen = [i for i in cl.items if only is None or i.id in only]
    articles = _articles(cl, chosen, w)
    tiers = [w.tier_key(i) for i in chosen]
    counts = ", ".join(
        f"{w.tier_labels[k]}: {w.num(tiers.count(k))}" for k in w.tier_labels if k in tiers
    )
    return Worksheet(
        frame=w.frame(
            title=title,
            short_title=_("{title} {version}: worksheet").format(
                title=isolate(cl.title), version=isolate(cl.version)
            ),
            subject=_(
                "Blank worksheet of the checklist {id}, version {version}, on the {treaty}"
            ).format(
                id=isolate(cl.id), version=isolate(cl.version), treaty=isolate(cl.treaty.name)
            ),
        ),
        title=title,
        treaty=f"{cl.treaty.name} ({cl.treaty.symbol})",
        checklist=_("{id}, version {version} ({title})").format(
            id=isolate(cl.id), version=isolate(cl.version), title=isolate(cl.title)
        ),
        item_counts=w.n_("{n} item", "{n} items", len(chosen)) + f" ({counts})",
        scope=""
        if only is None
        else _("This worksheet covers {articles} only.").format(
            articles=", ".join(a.heading for a in articles)
        ),
        fillable=fillable,
        fields=(_("Participant"), _("State"), _("Date")),
        field_names=FIELD_NAMES,
        instructions=(
            _(
                "For each item, read the words of the Protocol and the question, then tick the one box that says how far national law implements it."
            ),
            _("Leave every box empty when you cannot tell: the item then counts as not assessed."),
            _(
                "Under “National law”, write each instrument and the article or section you rely on. Under “Notes”, write what is missing when national law implements an item only partly, and why an item does not apply when you tick “Not applicable”."
            ),
            _(
                "Items marked good practice are not obligations under the Protocol: they are scored apart and never count towards the score on binding obligations."
            ),
            _(
                "The code beside each item (for example {id}) is where the answer goes in an assessment file."
            ).format(id=next((i.id for i in chosen), "")),
        ),
        boxes=tuple(TickBox(w.status_labels[st], st.value) for st in TICKED),
        evidence_columns=(_("Instrument"), _("Article, section or paragraph")),
        evidence_lines=EVIDENCE_LINES,
        note_lines=NOTE_LINES,
        toc=tuple(TocEntry(a.anchor, a.heading) for a in articles),
        articles=articles,
    )


def _item(item: Item, cl: Checklist, w: Wording) -> SheetItem:
    provision_run, provision_note = w.provision(cl, item)
    return SheetItem(
        id=item.id,
        anchor=f"item-{item.id}",
        ref=w.ref(item),
        title=item.title,
        tier=w.tier_key(item),
        obligation_label=w.obligation_labels[item.obligation],
        theme_title=cl.theme_title(item.theme),
        provision=item.provision,
        provision_run=provision_run,
        provision_note=provision_note,
        words=w.words(cl, item),
        sources=()
        if item.provision
        else tuple(
            SourceView(s.document, s.pinpoint or "", s.quote or "", safe_href(s.url))
            for s in item.sources
        ),
        question=item.question,
    )


def _articles(cl: Checklist, chosen: list[Item], w: Wording) -> tuple[SheetArticle, ...]:
    _ = w._
    numbers = sorted({i.article for i in chosen if i.article is not None})
    sections = [
        (f"article-{n}", w.article_title(cl, n), [i for i in chosen if i.article == n])
        for n in numbers
    ]
    loose = [i for i in chosen if i.article is None]
    if loose:
        sections.append(("article-none", _("Measures not tied to an article"), loose))
    out = []
    for anchor, heading, items in sections:
        treaty = tuple(_item(i, cl, w) for i in items if i.tier is not Tier.RECOMMENDED)
        good = tuple(_item(i, cl, w) for i in items if i.tier is Tier.RECOMMENDED)
        groups = []
        if treaty:
            groups.append(SheetGroup("treaty", _("Provisions of the Protocol"), treaty))
        if good:
            groups.append(
                SheetGroup("recommended", _("Good practice, not a treaty obligation"), good)
            )
        out.append(SheetArticle(anchor, heading, tuple(groups)))
    return tuple(out)
