"""Plain-text and CSV views of a score, for the terminal and spreadsheets."""

from __future__ import annotations

from collections.abc import Iterator

from gapcheck.model import Assessment, Tier
from gapcheck.scoring import Score, r2

BAR = 20


def _num(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.2f}"


def _bar(value: float | None) -> str:
    if value is None:
        return ""
    full = round(value / 100 * BAR)
    return "█" * full + "·" * (BAR - full)


def score_text(a: Assessment, s: Score, top: int = 10) -> str:
    cl = a.checklist
    lines = [
        f"{a.country.name}: {cl.title} {cl.version} (law as of {a.as_of})",
        f"  Score (core obligations) {_num(s.score)}   coverage {_num(s.coverage)}%",
        "  Tiers     "
        + "   ".join(f"{t.value} {_num(g.score).strip()}" for t, g in s.tiers.items()),
        "",
        "  Themes (core)",
    ]
    for theme in cl.themes:
        g = s.themes.get(theme.id)
        if g is None or not g.counts:
            continue
        lines.append(f"    {theme.title[:38]:<38} {_num(g.score)}  {_bar(g.score)}")
    lines += ["", "  Articles (core)"]
    for art, g in s.articles.items():
        lines.append(f"    Art. {art:<33} {_num(g.score)}  {_bar(g.score)}")
    lines += [
        "",
        f"  Gaps: {len(s.gaps)} core item(s) below full marks"
        + (f"; the first {top}:" if len(s.gaps) > top else ":"),
    ]
    for gap in s.gaps[:top]:
        cap = " (capped)" if gap.capped else ""
        lines.append(f"    {gap.item.ref or '-':<16} {gap.status.value:<8}{cap:<9} {gap.item.title}")
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
]


def score_csv_rows(a: Assessment, s: Score, *, header: bool = True) -> Iterator[list[object]]:
    if header:
        yield CSV_HEADER
    for i in s.items:
        tier: Tier | None = i.item.tier
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
        ]
