"""The back of the report: methodology, annexes, and the HTML filters' choices."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from gapcheck.analysis.scoring import CAP, POINTS
from gapcheck.formats.model import Item, Status
from gapcheck.pages.bidi import isolate
from gapcheck.pages.common import dedupe, one_line, safe_href
from gapcheck.pages.report.views import (
    Annexes,
    CapRule,
    CitedProvision,
    Filters,
    Instrument,
    Methodology,
    Option,
    SourceView,
    Tag,
    TreatyArticle,
    TreatyText,
    Weight,
)
from gapcheck.pages.wording import Run

if TYPE_CHECKING:
    from gapcheck.pages.report.builder import Builder


def methodology(b: Builder) -> Methodology:
    _ = b._
    cl = b.cl
    weights = tuple(Weight(b.item_ref(i), b.num(i.weight)) for i in cl.items if i.weight != 1)
    capped: dict[tuple[str, ...], list[Item]] = {}
    for i in cl.items:
        if i.capped_by:
            capped.setdefault(i.capped_by, []).append(i)
    caps = tuple(
        CapRule(tuple(b.item_ref(cl.item(c)) for c in by), tuple(map(b.item_ref, items)))
        for by, items in capped.items()
    )
    by_tier = {k: sum(b.tier_key(i) == k for i in cl.items) for k in b.tier_labels}
    item_counts = b.commas(f"{b.tier_labels[k]}: {b.num(n)}" for k, n in by_tier.items() if n)
    treaty_doc = SourceView(
        _("{name} ({symbol}), adopted on {date}").format(
            name=isolate(cl.treaty.name),
            symbol=isolate(cl.treaty.symbol),
            date=b.day(cl.treaty.adopted),
        ),
        "",
        "",
        None,
    )
    docs: dict[str, SourceView] = {}
    for i in cl.items:
        for src in i.sources:
            # the treaty itself is listed first, under its own name
            if src.document not in docs and cl.treaty.symbol not in src.document:
                docs[src.document] = SourceView(src.document, "", "", safe_href(src.url))
    return Methodology(
        points_yes=b.num(POINTS[Status.YES]),
        points_partial=b.num(POINTS[Status.PARTIAL]),
        points_no=b.num(POINTS[Status.NO]),
        points_unknown=b.num(POINTS[Status.UNKNOWN]),
        cap=b.num(CAP),
        weights=weights,
        caps=caps,
        checklist=_("Checklist {id}, version {version}: {title}").format(
            id=isolate(cl.id), version=isolate(cl.version), title=isolate(cl.title)
        ),
        item_counts=item_counts,
        reservations=tuple(" ".join(r.text.split()) for r in b.a.reservations),
        sources=(treaty_doc, *docs.values()),
        reason_codes=tuple(
            Tag(code.replace("_", " "), " ".join(text.split()))
            for code, text in cl.reason_codes.items()
        ),
    )


def annexes(b: Builder) -> Annexes:
    _ = b._
    instruments: dict[str, dict[str, list[tuple[Item, str, str | None]]]] = {}
    for item in b.cl.items:
        for e in b.a.answer(item.id).evidence:
            name = " ".join(e.instrument.split())
            provisions = instruments.setdefault(name, {})
            provisions.setdefault(" ".join(e.provision.split()), []).append(
                (item, e.in_force or "", e.url)
            )
    legislation = tuple(
        Instrument(
            name,
            tuple(
                CitedProvision(
                    provision,
                    b.commas(b.day(d) for d in dedupe(f for _i, f, _u in uses)),
                    next((safe_href(u) for _i, _f, u in uses if u), None),
                    tuple(b.item_ref(i) for i in dict.fromkeys(i for i, _f, _u in uses)),
                )
                for provision, uses in provisions.items()
            ),
        )
        for name, provisions in sorted(instruments.items(), key=lambda kv: kv[0].casefold())
    )
    not_assessed = tuple(
        replace(
            b.item_ref(x.item, b.obligation_labels[x.item.obligation]),
            remark=one_line(b.a.answer(x.item.id).notes),
        )
        for x in b.s.not_assessed
    )
    texts: dict[int | None, dict[str, list[str]]] = {}
    runs: dict[str, Run] = {}
    for i in b.cl.items:
        if i.ref and i.provision:
            words = " ".join(i.provision.split())
            texts.setdefault(i.article, {}).setdefault(words, []).append(i.ref)
            runs[words] = b.provision(b.cl, i)[0]
    treaty = tuple(
        TreatyArticle(
            _("Article {number}").format(number=n) if n is not None else _("Other provisions"),
            tuple(
                TreatyText(
                    b.commas(
                        b._("Art. {ref}").format(ref=b.iso(r, ltr=True)) for r in dedupe(refs)
                    ),
                    text,
                    runs[text],
                )
                for text, refs in by_text.items()
            ),
        )
        for n, by_text in sorted(texts.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    )
    return Annexes(legislation, not_assessed, treaty)


def filters(b: Builder) -> Filters:
    # items nobody assessed are in Annex B, not among the findings the filters act on
    shown = [x.item for x in b.s.items if x.status is not Status.UNKNOWN or x.item.tier is None]
    present_tiers = dedupe(b.tier_key(i) for i in shown)
    present_themes = {i.theme for i in shown}
    statuses = [
        st
        for st in Status
        if st is not Status.UNKNOWN
        or any(x.status is st and x.item.tier is None for x in b.s.items)
    ]
    numbers = dedupe(("none" if i.article is None else str(i.article)) for i in shown)
    return Filters(
        articles=tuple(
            Option(n, b._("Measures not tied to an article"))
            if n == "none"
            else Option(n, b.article_title(b.cl, int(n)))
            for n in numbers
        ),
        statuses=tuple(Option(st.value, b.status_labels[st]) for st in statuses),
        tiers=tuple(Option(k, v) for k, v in b.tier_labels.items() if k in present_tiers),
        themes=tuple(Option(t.id, t.title) for t in b.cl.themes if t.id in present_themes),
        total=len(shown),
    )
