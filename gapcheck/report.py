"""The gap report's one context: plain data built from an assessment and its score.

Every number, label, percentage and date a report shows is made here (numbers from
`scoring` only, formatted with Babel for the report locale; words through the
report's translations), so the HTML and PDF templates only lay it out. No I/O.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from markupsafe import Markup

from gapcheck import __version__, chart
from gapcheck.model import Answer, Assessment, Checklist, Item, Status, Tier
from gapcheck.report_names import safe_stem
from gapcheck.scoring import CAP, POINTS, Group, ItemScore, Score
from gapcheck.wording import Badge, Frame, Wording

PRIORITY_GAPS = 10
"""How many gaps the executive summary lists (fewer when there are fewer)."""
ONE_LINE = 100
"""Longest recommendation shown in the executive summary, in characters."""
FORMATS = ("html", "pdf")

# ---------------------------------------------------------------- the context


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Link:
    """Printed text, and a link target only for http(s) addresses."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class ItemRef:
    """A pointer to an item's finding: `Art. 3(1)(c) Producing`."""

    anchor: str
    ref: str
    title: str
    note: str = ""


@dataclass(frozen=True)
class EvidenceView:
    instrument: str
    provision: str
    excerpt: str
    in_force: str
    excerpt_dir: str
    """rtl when the excerpt is written in a right-to-left script (Arabic, Hebrew…)."""
    url: Link | None
    citation: str
    """Instrument and pinpoint on one line."""


@dataclass(frozen=True)
class SourceView:
    document: str
    pinpoint: str
    quote: str
    url: Link | None


@dataclass(frozen=True)
class ItemView:
    id: str
    anchor: str
    ref: str
    """Display reference (`Art. 3(1)(c)`), or the words for good practice."""
    title: str
    theme: str
    theme_title: str
    tier: str
    """core, optional, recommended or informational (filter value)."""
    obligation_label: str
    obligation_note: str
    provision: str
    status: Badge
    points: str
    evidence: tuple[EvidenceView, ...]
    reasons: tuple[str, ...]
    cap_note: str
    notes: str
    implementation: str
    justification: str
    recommendation: str
    """Printed only where the item falls short."""
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class TierGroup:
    key: str
    heading: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class ArticleView:
    anchor: str
    heading: str
    """`Article 3 — Criminalization`: also the PDF bookmark."""
    score: str
    counts: str
    groups: tuple[TierGroup, ...]


@dataclass(frozen=True)
class GapView:
    anchor: str
    ref: str
    title: str
    status: Badge
    recommendation: str


@dataclass(frozen=True)
class SynopsisRow:
    anchor: str
    ref: str
    title: str
    law: tuple[str, ...]
    status: Badge
    reasons: tuple[str, ...]
    cap_note: str
    recommendation: str


@dataclass(frozen=True)
class TierLine:
    label: str
    score: str
    counts: str


@dataclass(frozen=True)
class Summary:
    headline: str
    coverage: str
    core_counts: str
    tiers: tuple[TierLine, ...]
    theme_chart: Markup
    article_chart: Markup
    gaps: tuple[GapView, ...]
    gaps_total: str
    remarks: str


@dataclass(frozen=True)
class Weight:
    item: ItemRef
    weight: str


@dataclass(frozen=True)
class CapRule:
    """When any of `by` is not or only partly implemented, each of `items` scores at most the cap."""

    by: tuple[ItemRef, ...]
    items: tuple[ItemRef, ...]


@dataclass(frozen=True)
class Methodology:
    points_yes: str
    points_partial: str
    points_no: str
    points_unknown: str
    cap: str
    weights: tuple[Weight, ...]
    caps: tuple[CapRule, ...]
    checklist: str
    item_counts: str
    reservations: tuple[str, ...]
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class CitedProvision:
    provision: str
    in_force: str
    url: Link | None
    items: tuple[ItemRef, ...]


@dataclass(frozen=True)
class Instrument:
    name: str
    provisions: tuple[CitedProvision, ...]


@dataclass(frozen=True)
class TreatyText:
    refs: str
    text: str


@dataclass(frozen=True)
class TreatyArticle:
    heading: str
    texts: tuple[TreatyText, ...]


@dataclass(frozen=True)
class Annexes:
    legislation: tuple[Instrument, ...]
    not_assessed: tuple[ItemRef, ...]
    treaty: tuple[TreatyArticle, ...]


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    label: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Cover:
    title: str
    country: str
    treaty: str
    symbol: str
    as_of: str
    assessors: str
    reviewer: str
    checklist: str
    status: str
    is_draft: bool
    ratification: str
    generated: str


@dataclass(frozen=True)
class Filters:
    statuses: tuple[Option, ...]
    tiers: tuple[Option, ...]
    themes: tuple[Option, ...]
    total: int


@dataclass(frozen=True)
class Report(Frame):
    """Everything a report template shows, already worded, numbered and formatted; the
    frame fields (`lang`, `dir`, title, metadata, page strings) come from `Frame`."""

    cover: Cover
    toc: tuple[TocEntry, ...]
    summary: Summary
    synopsis: tuple[SynopsisRow, ...]
    articles: tuple[ArticleView, ...]
    methodology: Methodology
    annexes: Annexes
    filters: Filters


# ---------------------------------------------------------------- building it


def output_paths(a: Assessment, directory: Path, formats: Iterable[str]) -> dict[str, Path]:
    """Where the reports of `a` go: `<directory>/<country>-<checklist>.<format>`."""
    stem = f"{safe_stem(a.country.name)}-{a.checklist.id}"
    return {f: directory / f"{stem}.{f}" for f in formats}


def build(
    a: Assessment,
    s: Score,
    *,
    locale: Locale | None = None,
    translations: gettext.NullTranslations | None = None,
    generated: date | None = None,
) -> Report:
    """The report context of one assessment. `generated` is printed as the report date
    (None prints none: golden files stay stable)."""
    return _Builder(
        a, s, locale or Locale("en"), translations or gettext.NullTranslations(), generated
    ).report()


_SENTENCE_END = re.compile(r"[.!?]\s+(?=\S)")


def one_line(text: str, limit: int = ONE_LINE) -> str:
    """The first sentence of `text`, cut at a word boundary if longer than `limit`.

    A sentence ends at `.`, `!` or `?` followed by a capital letter, so that `s. 212` or
    `e.g. the` do not end one.
    """
    text = " ".join(text.split())
    first = next(
        (text[: m.start() + 1] for m in _SENTENCE_END.finditer(text) if text[m.end()].isupper()),
        text,
    )
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def direction(text: str) -> str:
    """`rtl` or `ltr`, from the first letter with a strong direction (as `dir=auto` does)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _safe_href(url: str | None) -> Link | None:
    if not url:
        return None
    url = url.strip()
    ok = url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url)
    return Link(url, url if ok else None)


def _dedupe(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


class _Builder(Wording):
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

    # -- parts

    def report(self) -> Report:
        _ = self._
        a, cl = self.a, self.cl
        title = _("Implementation of the {treaty}: gap analysis of {country}").format(
            treaty=cl.treaty.name, country=a.country.name
        )
        articles = self.articles()
        frame = self.frame(
            title=title,
            short_title=_("{country}: gap analysis ({symbol})").format(
                country=a.country.name, symbol=cl.treaty.symbol
            ),
            author=", ".join(a.assessors),
            subject=_(
                "Gap analysis of the law of {country} as of {date} against the {treaty} ({symbol})"
            ).format(
                country=a.country.name,
                date=self.day(a.as_of),
                treaty=cl.treaty.name,
                symbol=cl.treaty.symbol,
            ),
        )
        return Report(
            **{f.name: getattr(frame, f.name) for f in fields(Frame)},
            cover=self.cover(title),
            toc=self.toc(articles),
            summary=self.summary(),
            synopsis=self.synopsis(),
            articles=articles,
            methodology=self.methodology(),
            annexes=self.annexes(),
            filters=self.filters(),
        )

    def cover(self, title: str) -> Cover:
        _ = self._
        a, cl = self.a, self.cl
        rat = a.ratification
        rat_labels = {
            "ratified": _("Ratified"),
            "acceded": _("Acceded"),
            "succeeded": _("Succeeded"),
            "signed": _("Signed, not ratified"),
            "not_signed": _("Not signed"),
        }
        ratification = rat_labels.get(rat.get("status", ""), "")
        if ratification and rat.get("date"):
            ratification = _("{status} on {date}").format(
                status=ratification, date=self.day(rat["date"])
            )
        final = a.report_status == "final"
        return Cover(
            title=title,
            country=a.country.name,
            treaty=cl.treaty.name,
            symbol=cl.treaty.symbol,
            as_of=self.day(a.as_of),
            assessors=", ".join(a.assessors),
            reviewer=a.reviewer,
            checklist=_("{id}, version {version} ({title})").format(
                id=cl.id, version=cl.version, title=cl.title
            ),
            status=_("Final") if final else _("Draft"),
            is_draft=not final,
            ratification=ratification,
            generated=(
                _("Generated on {date} by gapcheck {version}").format(
                    date=format_date(self.generated, format="long", locale=self.loc),
                    version=__version__,
                )
                if self.generated
                else _("Generated by gapcheck {version}").format(version=__version__)
            ),
        )

    def toc(self, articles: Sequence[ArticleView]) -> tuple[TocEntry, ...]:
        _ = self._
        return (
            TocEntry("summary", _("Executive summary")),
            TocEntry("synopsis", _("Synopsis: gaps and recommended amendments")),
            TocEntry(
                "findings",
                _("Findings by article"),
                tuple(TocEntry(v.anchor, v.heading) for v in articles),
            ),
            TocEntry("methodology", _("Methodology")),
            TocEntry(
                "annexes",
                _("Annexes"),
                (
                    TocEntry("annex-legislation", _("Annex A. National legislation cited")),
                    TocEntry("annex-not-assessed", _("Annex B. Items not assessed")),
                    TocEntry("annex-treaty", _("Annex C. Provisions of the Protocol quoted")),
                ),
            ),
        )

    def summary(self) -> Summary:
        _ = self._
        s, cl = self.s, self.cl
        theme_bars = [
            chart.Bar(cl.theme_title(tid), g.score, self.pct(g.score))
            for tid, g in s.themes.items()
            if g.counts
        ]
        article_bars = [
            chart.Bar(_("Article {number}").format(number=n), g.score, self.pct(g.score))
            for n, g in s.articles.items()
        ]
        gaps = tuple(
            GapView(
                f"item-{g.item.id}",
                self.ref(g.item),
                g.item.title,
                self.badge(g.status),
                one_line(self.recommendation(g.item, self.a.answer(g.item.id))),
            )
            for g in s.gaps[:PRIORITY_GAPS]
        )
        shown = len(gaps)
        total = len(s.gaps)
        tiers = tuple(
            TierLine(self.tier_labels[t.value], self.pct(g.score), self.counts(g))
            for t, g in s.tiers.items()
            if t is not Tier.CORE and g.counts
        )
        return Summary(
            headline=self.pct(s.score),
            coverage=self.pct(s.coverage),
            core_counts=_("Binding obligations: {counts}").format(
                counts=self.counts(s.tiers[Tier.CORE])
            ),
            tiers=tiers,
            theme_chart=chart.bar_chart(
                theme_bars,
                chart_id="chart-themes",
                title=_("Score on binding obligations, by theme"),
                no_value=_("not scored"),
            ),
            article_chart=chart.bar_chart(
                article_bars,
                chart_id="chart-articles",
                title=_("Score on binding obligations, by article"),
                no_value=_("not scored"),
            ),
            gaps=gaps,
            gaps_total=(
                _(
                    "The {shown} largest of {total} gaps, by weight and shortfall; all are listed in the synopsis."
                ).format(shown=self.num(shown), total=self.num(total))
                if total > shown
                else self.n_("{n} gap in all.", "{n} gaps in all.", total)
            ),
            remarks=self.a.summary,
        )

    def law(self, answer: Answer) -> tuple[str, ...]:
        return tuple(self.citation(e.instrument, e.provision) for e in answer.evidence)

    def citation(self, instrument: str, provision: str) -> str:
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

    def synopsis(self) -> tuple[SynopsisRow, ...]:
        gaps = {g.item.id for g in self.s.gaps}
        rows = []
        for x in self.s.items:
            if x.item.id not in gaps:
                continue
            answer = self.a.answer(x.item.id)
            rows.append(
                SynopsisRow(
                    anchor=f"item-{x.item.id}",
                    ref=self.ref(x.item),
                    title=x.item.title,
                    law=self.law(answer),
                    status=self.badge(x.status),
                    reasons=self.reasons(answer),
                    cap_note=self.cap_note(x),
                    recommendation=self.recommendation(x.item, answer),
                )
            )
        return tuple(rows)

    def item_view(self, x: ItemScore) -> ItemView:
        _ = self._
        item, answer = x.item, self.a.answer(x.item.id)
        if x.points is None:
            points = _("Not scored (not applicable)") if x.status is Status.NA else _("Not scored")
        else:
            points = _("{points} of 1 point").format(points=self.num(x.points))
            if item.weight != 1:
                points += "; " + _("weight {weight}").format(weight=self.num(item.weight))
        short = x.points is not None and x.points < 1
        return ItemView(
            id=item.id,
            anchor=f"item-{item.id}",
            ref=self.ref(item),
            title=item.title,
            theme=item.theme,
            theme_title=self.cl.theme_title(item.theme),
            tier=self.tier_key(item),
            obligation_label=self.obligation_labels[item.obligation],
            obligation_note=item.obligation_note,
            provision=item.provision,
            status=self.badge(x.status),
            points=points,
            evidence=tuple(
                EvidenceView(
                    e.instrument,
                    e.provision,
                    e.excerpt,
                    self.day(e.in_force),
                    direction(e.excerpt),
                    _safe_href(e.url),
                    self.citation(e.instrument, e.provision),
                )
                for e in answer.evidence
            ),
            reasons=self.reasons(answer),
            cap_note=self.cap_note(x),
            notes=answer.notes,
            implementation=answer.implementation,
            justification=answer.justification if x.status is Status.NA else "",
            recommendation=self.recommendation(item, answer) if short else "",
            sources=tuple(
                SourceView(src.document, src.pinpoint or "", src.quote or "", _safe_href(src.url))
                for src in item.sources
            ),
        )

    def articles(self) -> tuple[ArticleView, ...]:
        _ = self._
        numbers = sorted({i.article for i in self.cl.items if i.article is not None})
        sections: list[tuple[str, str, list[ItemScore], Group | None]] = [
            (
                f"article-{n}",
                self.article_title(self.cl, n),
                [x for x in self.s.items if x.item.article == n],
                self.s.articles.get(n),
            )
            for n in numbers
        ]
        loose = [x for x in self.s.items if x.item.article is None]
        if loose:
            sections.append(("article-none", _("Measures not tied to an article"), loose, None))
        out = []
        for anchor, heading, members, g in sections:
            groups = tuple(
                TierGroup(
                    key,
                    self.group_headings[key],
                    tuple(self.item_view(x) for x in members if self.tier_key(x.item) == key),
                )
                for key in ("core", "optional", "recommended", "informational")
                if any(self.tier_key(x.item) == key for x in members)
            )
            score = (
                _("Core score: {score}").format(score=self.pct(g.score)) if g is not None else ""
            )
            counts = (
                _("Obligations: {counts}").format(counts=self.counts(g)) if g is not None else ""
            )
            out.append(ArticleView(anchor, heading, score, counts, groups))
        return tuple(out)

    def methodology(self) -> Methodology:
        _ = self._
        cl = self.cl
        weights = tuple(
            Weight(self.item_ref(i), self.num(i.weight)) for i in cl.items if i.weight != 1
        )
        capped: dict[tuple[str, ...], list[Item]] = {}
        for i in cl.items:
            if i.capped_by:
                capped.setdefault(i.capped_by, []).append(i)
        caps = tuple(
            CapRule(tuple(self.item_ref(cl.item(c)) for c in by), tuple(map(self.item_ref, items)))
            for by, items in capped.items()
        )
        by_tier = {k: sum(self.tier_key(i) == k for i in cl.items) for k in self.tier_labels}
        item_counts = ", ".join(
            f"{self.tier_labels[k]}: {self.num(n)}" for k, n in by_tier.items() if n
        )
        treaty_doc = SourceView(
            _("{name} ({symbol}), adopted on {date}").format(
                name=cl.treaty.name, symbol=cl.treaty.symbol, date=self.day(cl.treaty.adopted)
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
                    docs[src.document] = SourceView(src.document, "", "", _safe_href(src.url))
        return Methodology(
            points_yes=self.num(POINTS[Status.YES]),
            points_partial=self.num(POINTS[Status.PARTIAL]),
            points_no=self.num(POINTS[Status.NO]),
            points_unknown=self.num(POINTS[Status.UNKNOWN]),
            cap=self.num(CAP),
            weights=weights,
            caps=caps,
            checklist=_("Checklist {id}, version {version}: {title}").format(
                id=cl.id, version=cl.version, title=cl.title
            ),
            item_counts=item_counts,
            reservations=self.a.reservations,
            sources=(treaty_doc, *docs.values()),
        )

    def annexes(self) -> Annexes:
        _ = self._
        instruments: dict[str, dict[str, list[tuple[Item, str, str | None]]]] = {}
        for item in self.cl.items:
            for e in self.a.answer(item.id).evidence:
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
                        ", ".join(self.day(d) for d in _dedupe(f for _i, f, _u in uses)),
                        next((_safe_href(u) for _i, _f, u in uses if u), None),
                        tuple(self.item_ref(i) for i in dict.fromkeys(i for i, _f, _u in uses)),
                    )
                    for provision, uses in provisions.items()
                ),
            )
            for name, provisions in sorted(instruments.items(), key=lambda kv: kv[0].casefold())
        )
        not_assessed = tuple(
            self.item_ref(x.item, self.obligation_labels[x.item.obligation])
            for x in self.s.items
            if x.status is Status.UNKNOWN
        )
        texts: dict[int | None, dict[str, list[str]]] = {}
        for i in self.cl.items:
            if i.ref and i.provision:
                texts.setdefault(i.article, {}).setdefault(
                    " ".join(i.provision.split()), []
                ).append(i.ref)
        treaty = tuple(
            TreatyArticle(
                _("Article {number}").format(number=n) if n is not None else _("Other provisions"),
                tuple(
                    TreatyText(
                        ", ".join(self._("Art. {ref}").format(ref=r) for r in _dedupe(refs)), text
                    )
                    for text, refs in by_text.items()
                ),
            )
            for n, by_text in sorted(texts.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
        )
        return Annexes(legislation, not_assessed, treaty)

    def filters(self) -> Filters:
        present_tiers = _dedupe(self.tier_key(i) for i in self.cl.items)
        present_themes = {i.theme for i in self.cl.items}
        return Filters(
            statuses=tuple(Option(st.value, self.status_labels[st]) for st in Status),
            tiers=tuple(Option(k, v) for k, v in self.tier_labels.items() if k in present_tiers),
            themes=tuple(Option(t.id, t.title) for t in self.cl.themes if t.id in present_themes),
            total=len(self.cl.items),
        )
