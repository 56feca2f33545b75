"""The findings: the synopsis of gaps and each article's items, with their evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcheck.analysis.scoring import GAP_STATUSES, Group, ItemScore
from gapcheck.formats.model import Status, Tier
from gapcheck.pages import markdown
from gapcheck.pages.common import direction, safe_href
from gapcheck.pages.report.views import (
    ArticleView,
    EvidenceView,
    ItemView,
    SourceView,
    SynopsisRow,
    TierGroup,
)

if TYPE_CHECKING:
    from gapcheck.pages.report.builder import Builder


def synopsis(b: Builder) -> tuple[SynopsisRow, ...]:
    """One row per gap and per obligation under a reservation, in treaty order. Implemented
    items held at the cap are not gaps: the row of the item that caps them names them."""
    rows = []
    for x in b.s.items:
        shown = x.item.tier is Tier.CORE and (x.status in GAP_STATUSES or bool(x.reservation))
        if not shown:
            continue
        answer = b.a.answer(x.item.id)
        rows.append(
            SynopsisRow(
                anchor=f"item-{x.item.id}",
                ref=b.ref(x.item),
                title=x.item.title,
                law=b.law(answer),
                status=b.status_badge(x),
                gap=b.reservation_note(x) if x.reservation else b.gap_text(answer),
                reasons=b.reasons(answer),
                cap_note=b.cap_note(x) or b.lifts_note(x),
                rec=b.rec_ref(x.item.id),
                words=b.words(b.cl, x.item),
            )
        )
    return tuple(rows)


def item_view(b: Builder, x: ItemScore) -> ItemView:
    _ = b._
    item, answer = x.item, b.a.answer(x.item.id)
    if x.points is None:
        points = _("Not scored (not applicable)") if x.status is Status.NA else _("Not scored")
    else:
        points = _("{points} of 1 point").format(points=b.num(x.points))
        if item.weight != 1:
            points = b.semicolons([points, _("weight {weight}").format(weight=b.num(item.weight))])
    gap = x.item.id in b.rec_numbers and not x.reservation
    if x.reservation:
        points = b.reservation_note(x)
    provision_run, provision_note = b.provision(b.cl, item)
    return ItemView(
        id=item.id,
        anchor=f"item-{item.id}",
        ref=b.ref(item),
        title=item.title,
        theme=item.theme,
        theme_title=b.cl.theme_title(item.theme),
        tier=b.tier_key(item),
        article="none" if item.article is None else str(item.article),
        obligation_label=b.obligation_labels[item.obligation],
        obligation_note=item.obligation_note,
        provision=item.provision,
        provision_run=provision_run,
        provision_note=provision_note,
        words=b.words(b.cl, item),
        status=b.status_badge(x),
        points=points,
        evidence=tuple(
            EvidenceView(
                b.iso(e.instrument),
                b.iso(e.provision),
                e.excerpt,
                b.day(e.in_force),
                direction(e.excerpt),
                safe_href(e.url),
                b.citation(e.instrument, e.provision),
            )
            for e in answer.evidence
        ),
        reasons=b.reasons(answer),
        cap_note=b.cap_note(x),
        notes=markdown.render(answer.notes),
        implementation=markdown.render(answer.implementation),
        justification=answer.justification if x.status is Status.NA else "",
        recommendation=b.recommendation(item, answer) if gap else "",
        rec=b.rec_ref(item.id),
        sources=tuple(
            SourceView(src.document, src.pinpoint or "", src.quote or "", safe_href(src.url))
            for src in item.sources
        ),
    )


def articles(b: Builder) -> tuple[ArticleView, ...]:
    _ = b._
    numbers = sorted({i.article for i in b.cl.items if i.article is not None})
    sections: list[tuple[str, str, list[ItemScore], Group | None]] = [
        (
            f"article-{n}",
            b.article_title(b.cl, n),
            [x for x in b.s.items if x.item.article == n],
            b.s.articles.get(n),
        )
        for n in numbers
    ]
    loose = [x for x in b.s.items if x.item.article is None]
    if loose:
        sections.append(("article-none", _("Measures not tied to an article"), loose, None))
    out = []
    for anchor, heading, members, g in sections:
        # items nobody assessed are named, not shown as findings with model advice
        shown = [x for x in members if x.status is not Status.UNKNOWN or x.item.tier is None]
        groups = tuple(
            TierGroup(
                key,
                b.group_headings[key],
                tuple(item_view(b, x) for x in shown if b.tier_key(x.item) == key),
            )
            for key in ("core", "optional", "recommended", "informational")
            if any(b.tier_key(x.item) == key for x in shown)
        )
        out.append(
            ArticleView(
                anchor,
                heading,
                _article_score(b, g),
                _("Obligations: {counts}").format(counts=b.counts(g)) if g is not None else "",
                groups,
                tuple(b.item_ref(x.item) for x in members if x not in shown),
            )
        )
    return tuple(out)


def _article_score(b: Builder, g: Group | None) -> str:
    _ = b._
    if g is None:
        return ""
    text = _("Core score: {score}").format(score=b.group_pct(g))
    if g.state == "partly_assessed":
        text += " " + _("(partly assessed: {coverage} of its items; at most {ceiling})").format(
            coverage=b.pct(g.coverage), ceiling=b.pct(g.ceiling)
        )
    return text
