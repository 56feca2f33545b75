"""The headline of the summary, in words that are true: the score named a score, the
counts after caps, the range and "provisional" while items are unassessed, what nobody
assessed, and the reservations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal

from gapcheck.formats.model import Tier

if TYPE_CHECKING:
    from gapcheck.pages.report.builder import Builder


def figure(b: Builder, value: float | None) -> str:
    """A score out of 100 with one decimal (`59.6`), or words when there is none."""
    if value is None:
        return b._("not assessed")
    return format_decimal(round(value, 1), format="#,##0.0", locale=b.loc)


def headline(b: Builder) -> dict[str, Any]:
    _ = b._
    s = b.s
    provisional = s.coverage is not None and s.coverage < 100
    rng = ""
    if provisional and s.score is not None:
        rng = _(
            "Provisional: {coverage} of the scored items have been assessed. The score counts "
            "every binding obligation not yet assessed as not implemented; were they all "
            "implemented, it would be {ceiling}. The figure lies between {score} and {ceiling}."
        ).format(coverage=b.pct(s.coverage), score=figure(b, s.score), ceiling=figure(b, s.ceiling))
    elif provisional:
        rng = _("Provisional: no binding obligation has been assessed yet.")
    return {
        "headline": figure(b, s.score),
        "headline_caption": _(
            "out of 100: the score of national law on the binding obligations of the Protocol"
        ),
        "provisional": provisional,
        "range": rng,
        "coverage": b.pct(s.coverage),
        "core_counts": counts(b),
        "method": _(
            "Each binding obligation earns 1 point if national law implements it, 0.5 if "
            "partly and 0 if not or not yet assessed; provisions that do not apply or that a "
            "reservation limits are left out. It is a score out of 100, not the share of "
            "obligations met: the counts above say how many are met."
        ),
    }


def counts(b: Builder) -> str:
    """`14 of 58 binding obligations fully met, 40 partly (9 of them …), 3 not, 1 n/a.`"""
    _ = b._
    core = b.s.tiers[Tier.CORE]
    o = core.outcomes
    parts = [
        _("{met} of {total} binding obligations fully met").format(
            met=b.num(o["met"]), total=b.num(core.items)
        )
    ]
    if o["partly"]:
        partly = _("{n} partly").format(n=b.num(o["partly"]))
        if o["capped"]:
            cappers = sorted(
                {c for x in b.s.items if x.capped for c in x.capped_because},
                key=b.cl.item_ids.index,
            )
            partly += " " + _(
                "({n} of them implemented, but limited by {by}: see recommendation {recs})"
            ).format(
                n=b.num(o["capped"]),
                by=b.semicolons(f"{b.ref(b.cl.item(c))} “{b.cl.item(c).title}”" for c in cappers),
                recs=b.recs_of(tuple(cappers)),
            )
        parts.append(partly)
    for key, phrase in (
        ("not_met", _("{n} not met")),
        ("not_applicable", _("{n} not applicable")),
        ("reserved", _("{n} limited by a reservation")),
        ("not_assessed", _("{n} not yet assessed")),
    ):
        if o[key]:
            parts.append(phrase.format(n=b.num(o[key])))
    return b.commas(parts) + "."


def not_assessed(b: Builder) -> str:
    """The short list: how many items nobody assessed, and where."""
    _ = b._
    if not b.s.not_assessed:
        return ""
    core = [x for x in b.s.not_assessed if x.item.tier is Tier.CORE]
    other = len(b.s.not_assessed) - len(core)
    by_article: dict[int | None, int] = {}
    for x in core:
        by_article[x.item.article] = by_article.get(x.item.article, 0) + 1
    where = b.commas(
        _("Article {number} ({n} of {total})").format(
            number=n,
            n=b.num(k),
            total=b.num(b.s.articles[n].items if n in b.s.articles else k),
        )
        for n, k in sorted(by_article.items(), key=lambda kv: kv[0] or 0)
        if n is not None
    )
    text = b.n_(
        "Not yet assessed: {n} binding obligation",
        "Not yet assessed: {n} binding obligations",
        len(core),
    )
    if where:
        text += " — " + where
    if other:
        text = b.semicolons(
            [
                text,
                b.n_(
                    "and {n} optional or recommended item",
                    "and {n} optional or recommended items",
                    other,
                ),
            ]
        )
    text += ". " + _(
        "They are not counted as gaps and get no recommendation until they are assessed."
    )
    if b.edition == "full":
        text += " " + _("Annex B lists them.")
    return text


def reservations(b: Builder) -> tuple[str, ...]:
    _ = b._
    out = []
    for r in b.a.reservations:
        text = " ".join(r.text.split())
        covered = [x for x in b.s.items if r.id and x.reservation == r.id]
        if covered:
            text += " " + _("{refs} are left out of the score; see recommendation {recs}.").format(
                refs=b.commas(b.ref(x.item) for x in covered),
                recs=b.recs_of(tuple(x.item.id for x in covered)),
            )
        out.append(text)
    return tuple(out)
