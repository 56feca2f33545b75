"""The score lines of a diff page: each figure before and after, with its change."""

from __future__ import annotations

from gapcheck.analysis.diff import Diff
from gapcheck.analysis.scoring import Score
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


def headline(d: Diff, w: Wording) -> tuple[ScoreLine, ...]:
    _ = w._
    bs, as_ = d.before_score, d.after_score
    return (
        line(w, _("Score on binding obligations"), bs.score, as_.score),
        line(w, _("Coverage (items assessed)"), bs.coverage, as_.coverage),
        line(
            w,
            _("Optional measures"),
            bs.tiers[Tier.OPTIONAL].score,
            as_.tiers[Tier.OPTIONAL].score,
        ),
        line(
            w,
            _("Recommended practice"),
            bs.tiers[Tier.RECOMMENDED].score,
            as_.tiers[Tier.RECOMMENDED].score,
        ),
    )


def themes(d: Diff, w: Wording) -> tuple[ScoreLine, ...]:
    bs, as_ = d.before_score, d.after_score
    return tuple(
        line(w, t.title, _theme_score(bs, t.id), _theme_score(as_, t.id))
        for t in d.before.checklist.themes
        if _has_items(bs, t.id) or _has_items(as_, t.id)
    )


def articles(d: Diff, w: Wording) -> tuple[ScoreLine, ...]:
    bs, as_ = d.before_score, d.after_score
    cl = d.before.checklist
    numbers = sorted(set(bs.articles) | set(as_.articles))
    return tuple(
        line(w, w.article_title(cl, n), _article_score(bs, n), _article_score(as_, n))
        for n in numbers
    )


def _has_items(s: Score, theme: str) -> bool:
    g = s.themes.get(theme)
    return g is not None and bool(g.counts)


def _theme_score(s: Score, theme: str) -> float | None:
    g = s.themes.get(theme)
    return g.score if g is not None else None


def _article_score(s: Score, number: int) -> float | None:
    g = s.articles.get(number)
    return g.score if g is not None else None
