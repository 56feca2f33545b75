"""The score lines of a diff page: each figure before and after, with its change."""

from __future__ import annotations

from dataclasses import replace

from gapcheck.analysis.diff import Diff
from gapcheck.analysis.scoring import Group, Score
from gapcheck.formats.model import Tier
from gapcheck.pages.diff_views import ScoreLine
from gapcheck.pages.wording import Wording


def line(w: Wording, label: str, before: float | None, after: float | None) -> ScoreLine:
    if before is None or after is None:
        trend = "none"
    else:
        delta = round(after - before, 1)
        trend = "up" if delta > 0 else "down" if delta < 0 else "same"
    return ScoreLine(label, w.pct(before), w.pct(after), w.change(before, after), trend)


def group_line(w: Wording, label: str, before: Group | None, after: Group | None) -> ScoreLine:
    """A group's line: "not assessed" on a side where nobody assessed it, never 0 %."""
    got = line(w, label, _score(before), _score(after))
    return replace(got, before=w.group_pct(before), after=w.group_pct(after))


def headline(d: Diff, w: Wording) -> tuple[ScoreLine, ...]:
    _ = w._
    bs, as_ = d.before_score, d.after_score
    return (
        group_line(w, _("Score on binding obligations"), bs.tiers[Tier.CORE], as_.tiers[Tier.CORE]),
        line(w, _("Coverage (items assessed)"), bs.coverage, as_.coverage),
        group_line(w, _("Optional measures"), bs.tiers[Tier.OPTIONAL], as_.tiers[Tier.OPTIONAL]),
        group_line(
            w, _("Recommended practice"), bs.tiers[Tier.RECOMMENDED], as_.tiers[Tier.RECOMMENDED]
        ),
    )


def themes(d: Diff, w: Wording) -> tuple[ScoreLine, ...]:
    bs, as_ = d.before_score, d.after_score
    return tuple(
        group_line(w, t.title, bs.themes.get(t.id), as_.themes.get(t.id))
        for t in d.before.checklist.themes
        if _has_items(bs, t.id) or _has_items(as_, t.id)
    )


def articles(d: Diff, w: Wording) -> tuple[ScoreLine, ...]:
    bs, as_ = d.before_score, d.after_score
    cl = d.before.checklist
    numbers = sorted(set(bs.articles) | set(as_.articles))
    return tuple(
        group_line(w, w.article_title(cl, n), bs.articles.get(n), as_.articles.get(n))
        for n in numbers
    )


def _has_items(s: Score, theme: str) -> bool:
    g = s.themes.get(theme)
    return g is not None and bool(g.counts)


def _score(g: Group | None) -> float | None:
    return g.score if g is not None else None
