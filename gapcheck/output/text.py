"""Plain-text and CSV views of a score, for the terminal and spreadsheets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from gapcheck.analysis.compare import Matrix
from gapcheck.analysis.diff import Diff
from gapcheck.analysis.scoring import Group, Score, r2
from gapcheck.formats.model import Assessment, Status, Tier
from gapcheck.output.cells import safe_row

BAR = 20


def _num(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.2f}"


def _bar(value: float | None) -> str:
    if value is None:
        return ""
    full = round(value / 100 * BAR)
    return "█" * full + "·" * (BAR - full)


def score_json(file: str, a: Assessment, s: Score) -> dict[str, object]:
    """One assessment's score as `gapcheck score --format json` prints it (and reports embed)."""
    return {
        "file": file,
        "country": a.country.name,
        "checklist": a.checklist.id,
        "checklist_version": a.checklist.version,
        **score_dict(s),
    }


def group_dict(g: Group) -> dict[str, object]:
    return {
        "score": r2(g.score),
        "ceiling": r2(g.ceiling),
        "coverage": r2(g.coverage),
        "state": g.state,
        "counts": g.counts,
        "outcomes": g.outcomes,
    }


def score_dict(result: Score) -> dict[str, object]:
    """The score as plain JSON-ready data (numbers rounded to 2 decimals)."""
    return {
        "score": r2(result.score),
        "ceiling": r2(result.ceiling),
        "coverage": r2(result.coverage),
        "tiers": {t.value: group_dict(g) for t, g in result.tiers.items()},
        "articles": {str(a): group_dict(g) for a, g in result.articles.items()},
        "themes": {t: group_dict(g) for t, g in result.themes.items()},
        "items": [
            {
                "id": s.item.id,
                "ref": s.item.ref,
                "obligation": s.item.obligation.value,
                "tier": s.item.tier.value if s.item.tier else None,
                "status": s.status.value,
                "points": r2(s.points),
                "weight": s.item.weight,
                "capped": s.capped,
                "not_capped": s.not_capped or None,
                "reservation": s.reservation or None,
                "impact": r2(s.impact),
                "lifts": list(s.lifts),
            }
            for s in result.items
        ],
        "gaps": [s.item.id for s in result.gaps],
        "not_assessed": [s.item.id for s in result.not_assessed],
    }


def _group(g: Group | None) -> str:
    """Score, bar and coverage of a group; words where nobody assessed it (never 0)."""
    if g is None or g.score is None:
        words = {"not_assessed": "not assessed", "not_applicable": "n/a"}
        return f"{words.get(g.state if g else '', 'n/a'):>6}"
    cov = "" if g.coverage == 100 else f"  (partly assessed: coverage {g.coverage:.0f}%)"
    return f"{_num(g.score)}  {_bar(g.score)}{cov}"


def _counts(s: Score) -> str:
    o = s.tiers[Tier.CORE].outcomes
    parts = [f"{o['met']} of {s.tiers[Tier.CORE].items} fully met", f"{o['partly']} partly"]
    if o["capped"]:
        parts[-1] += f" ({o['capped']} of them capped)"
    words = {
        "not_met": "not met",
        "not_applicable": "n/a",
        "reserved": "under a reservation",
        "not_assessed": "not assessed",
    }
    parts += [f"{o[k]} {w}" for k, w in words.items() if o[k]]
    return ", ".join(parts)


def score_text(a: Assessment, s: Score, top: int = 10) -> str:
    cl = a.checklist
    provisional = s.coverage is not None and s.coverage < 100
    lines = [
        f"{a.country.name}: {cl.title} {cl.version} (law as of {a.as_of})",
        f"  Score (core obligations) {_num(s.score)}   coverage {_num(s.coverage)}%"
        + (f"   ceiling {_num(s.ceiling).strip()} (provisional)" if provisional else ""),
        f"  Core obligations: {_counts(s)}",
        "  Tiers     "
        + "   ".join(f"{t.value} {_num(g.score).strip()}" for t, g in s.tiers.items()),
        "",
        "  Themes (core)",
    ]
    for theme in cl.themes:
        g = s.themes.get(theme.id)
        if g is None or not g.counts:
            continue
        lines.append(f"    {theme.title[:46]:<46} {_group(g)}")
    lines += ["", "  Articles (core)"]
    for art, g in s.articles.items():
        lines.append(f"    Art. {art:<41} {_group(g)}")
    lines += [
        "",
        f"  Gaps: {len(s.gaps)} core item(s) answered no or partial, by impact"
        + (f"; the first {top}:" if len(s.gaps) > top else ":"),
    ]
    for gap in s.gaps[:top]:
        lines.append(
            f"    {gap.item.ref or '-':<16} {gap.status.value:<8} +{gap.impact or 0:5.2f}"
            f"  {gap.item.title}" + (f" (lifts the cap on {len(gap.lifts)})" if gap.lifts else "")
        )
    if s.not_assessed:
        lines += [
            "",
            f"  Not assessed: {len(s.not_assessed)} scored item(s), not gaps: "
            + ", ".join(x.item.id for x in s.not_assessed),
        ]
    return "\n".join(lines)


CSV_HEADER: list[object] = [
    "country",
    "checklist",
    "checklist_version",
    "item",
    "ref",
    "article",
    "theme",
    "obligation",
    "tier",
    "status",
    "points",
    "weight",
    "capped",
    "title",
    "impact",
    "gap_rank",
    "reservation",
    "not_capped",
    "article_score",
    "article_coverage",
    "theme_score",
    "theme_coverage",
]


def score_csv_rows(a: Assessment, s: Score, *, header: bool = True) -> Iterator[list[object]]:
    """One row per item; every text cell neutralised against formula injection."""
    return map(safe_row, score_rows(a, s, header=header))


def score_rows(a: Assessment, s: Score, *, header: bool = True) -> Iterator[list[object]]:
    if header:
        yield CSV_HEADER
    rank = {g.item.id: n for n, g in enumerate(s.gaps, start=1)}
    for i in s.items:
        tier: Tier | None = i.item.tier
        art = s.articles.get(i.item.article) if i.item.article is not None else None
        core = tier is Tier.CORE
        theme = s.themes.get(i.item.theme) if core else None
        yield [
            a.country.name,
            a.checklist.id,
            a.checklist.version,
            i.item.id,
            i.item.ref or "",
            "" if i.item.article is None else i.item.article,
            i.item.theme,
            i.item.obligation.value,
            tier.value if tier else "",
            i.status.value,
            "" if i.points is None else r2(i.points),
            i.item.weight,
            "yes" if i.capped else "no",
            i.item.title,
            "" if i.impact is None else r2(i.impact),
            rank.get(i.item.id, ""),
            i.reservation,
            i.not_capped,
            *_csv_group(art if core else None),
            *_csv_group(theme),
        ]


def _csv_group(g: Group | None) -> list[object]:
    if g is None:
        return ["", ""]
    return ["" if g.score is None else r2(g.score), "" if g.coverage is None else r2(g.coverage)]


def _delta(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return ""
    return f"{after - before:+.2f}"


VERDICT_WORDS = {
    "matches": "matches",
    "more_generous": "more generous than the model",
    "stricter": "stricter than the model",
    "not_answered": "not answered",
    "differs": "differs from the model",
}


def diff_text(d: Diff, before_name: str, after_name: str) -> str:
    def row(label: str, b: float | None, a: float | None) -> str:
        return f"  {label:<22}{_num(b)} → {_num(a)}  {_delta(b, a)}".rstrip()

    bs, as_ = d.before_score, d.after_score
    first, second = ("Participant", "Model") if d.model else ("Before", "After")
    width = max(len(first), len(second)) + 2
    lines = [
        f"{first + ':':<{width}}{before_name} ({d.before.country.name}, law as of {d.before.as_of})",
        f"{second + ':':<{width}}{after_name} ({d.after.country.name}, law as of {d.after.as_of})",
    ]
    if d.scope is not None:
        lines.append(f"  Compared over {d.items} item(s) only; the scores below count those only.")
    lines += [
        row("Score (core)", bs.score, as_.score),
        row("Coverage (%)", bs.coverage, as_.coverage),
        *(
            row(f"{t.value.capitalize()} tier", bs.tiers[t].score, as_.tiers[t].score)
            for t in (Tier.OPTIONAL, Tier.RECOMMENDED)
        ),
        f"  Same status: {d.same_status} of {d.items} items "
        f"({100 * d.same_status / d.items if d.items else 0:.0f}%)",
        "",
        f"{len(d.changes)} item(s) differ:" if d.changes else "No item differs.",
    ]
    changes = list(d.changes)
    if d.model:  # the teaching points first: what the participant got wrong
        order = [*list(VERDICT_WORDS)[1:], "matches"]
        changes.sort(key=lambda c: order.index(c.verdict))
        counts = Counter(c.verdict.value for c in changes)
        lines[-1] = (
            "; ".join(f"{counts[v]} {VERDICT_WORDS[v]}" for v in order if counts[v])
            + " (a match here has the same status but other evidence, notes or points):"
            if changes
            else "No item differs."
        )
    for c in changes:
        move = f"{c.before.status.value} → {c.after.status.value}"
        label = f"{VERDICT_WORDS[c.verdict]:<29}" if d.model else f"{c.direction:<7}"
        lines.append(
            f"  {label} {c.item.ref or '-':<16} {move:<20} {c.item.title}  [{', '.join(c.what)}]"
        )
    return "\n".join(lines)


def diff_dict(d: Diff, before_name: str, after_name: str) -> dict[str, object]:
    def pair(b: float | None, a: float | None) -> dict[str, float | None]:
        return {
            "before": r2(b),
            "after": r2(a),
            "change": None if a is None or b is None else r2(a - b),
        }

    bs, as_ = d.before_score, d.after_score
    return {
        "before": {"file": before_name, "country": d.before.country.name, "as_of": d.before.as_of},
        "after": {"file": after_name, "country": d.after.country.name, "as_of": d.after.as_of},
        "score": pair(bs.score, as_.score),
        "coverage": pair(bs.coverage, as_.coverage),
        "tiers": {t.value: pair(bs.tiers[t].score, as_.tiers[t].score) for t in Tier},
        "same_status": d.same_status,
        "items": d.items,
        # only when asked for: the output of a plain diff stays as it was
        **({"scope": sorted(d.scope)} if d.scope is not None else {}),
        **({"model": True} if d.model else {}),
        "changes": [
            {
                "id": c.item.id,
                "ref": c.item.ref,
                "before": c.before.status.value,
                "after": c.after.status.value,
                "points_before": r2(c.before.points),
                "points_after": r2(c.after.points),
                "direction": c.direction,
                **({"verdict": c.verdict.value} if d.model else {}),
                "changed": c.what,
            }
            for c in d.changes
        ],
    }


def compare_csv_rows(m: Matrix, view: str = "countries") -> Iterator[list[object]]:
    """`countries`: one row per State (headline, coverage, tiers, themes, articles);
    `items`: one row per item with the number of States at each status. Every text cell
    is neutralised against formula injection."""
    return map(safe_row, compare_rows(m, view))


def compare_rows(m: Matrix, view: str) -> Iterator[list[object]]:
    cl = m.checklist
    if view == "items":
        statuses = [s for s in Status]
        yield ["item", "ref", "article", "obligation", "title", *(s.value for s in statuses)]
        for c in m.items:
            i = cl.item(c.item_id)
            yield [
                i.id,
                i.ref or "",
                "" if i.article is None else i.article,
                i.obligation.value,
                i.title,
                *(c.counts.get(s, 0) for s in statuses),
            ]
        return
    themes = [t.id for t in cl.themes]
    articles = m.articles
    yield [
        "country",
        "code",
        "as_of",
        "file",
        "score",
        "coverage",
        "optional",
        "recommended",
        *(f"theme:{t}" for t in themes),
        *(f"article:{a}" for a in articles),
    ]
    for r in m.rows:
        s = r.score
        yield [
            r.assessment.country.name,
            r.assessment.country.code or "",
            r.assessment.as_of,
            r.file,
            _cell(s.score),
            _cell(s.coverage),
            _cell(s.tiers[Tier.OPTIONAL].score),
            _cell(s.tiers[Tier.RECOMMENDED].score),
            *(_cell(s.themes[t].score if t in s.themes else None) for t in themes),
            *(_cell(s.articles[a].score if a in s.articles else None) for a in articles),
        ]


def _cell(value: float | None) -> object:
    return "" if value is None else r2(value)
