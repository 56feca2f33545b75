"""A checklist as one Markdown document, for a lawyer's review in a single read."""

from __future__ import annotations

import gettext
from collections import Counter

from babel import Locale

from gapcheck.formats.model import Checklist, Item, Source
from gapcheck.pages.wording import Wording


def _source(s: Source) -> str:
    text = s.document + (f", {s.pinpoint}" if s.pinpoint else "")
    if s.quote:
        text += f": “{' '.join(s.quote.split())}”"
    if s.url:
        text += f" <{s.url}>"
    if s.read_at:
        text += f" (read at <{' '.join(s.read_at.split())}>)"
    if s.note:
        text += f" — {' '.join(s.note.split())}"
    return text


def _item(item: Item, cl: Checklist, w: Wording) -> list[str]:
    _ = w._
    head = f"{item.ref} " if item.ref else ""
    out = [
        f"### {head}{item.title}",
        "",
        f"`{item.id}` · **{item.obligation.value}** · theme `{item.theme}`"
        + (f" · weight {item.weight:g}" if item.weight != 1 else "")
        + (f" · capped by {', '.join(f'`{c}`' for c in item.capped_by)}" if item.capped_by else ""),
        "",
    ]
    if item.provision:
        out += [f"> {' '.join(item.provision.split())}", ""]
        note = w.provision(cl, item)[1]
        if note:
            out += [f"*{note}*", ""]
    # labels first: message extraction does not look inside f-strings
    tier, question, guidance = _("Tier:"), _("Question."), _("Guidance.")
    model, sources = _("Model recommendation."), _("Sources.")
    if item.obligation_note:
        out += [f"*{tier}* {item.obligation_note}", ""]
    out += [f"**{question}** {item.question}", ""]
    if item.guidance:
        out += [f"**{guidance}** {item.guidance}", ""]
    if item.recommendation:
        out += [f"**{model}** {item.recommendation}", ""]
    if item.sources:
        out += [f"**{sources}**", "", *(f"- {_source(s)}" for s in item.sources), ""]
    return out


def to_markdown(
    cl: Checklist,
    locale: Locale | None = None,
    translations: gettext.NullTranslations | None = None,
) -> str:
    """The checklist (an edition, for another language) as Markdown, with the fixed words
    in the locale's language."""
    w = Wording(locale, translations)
    _ = w._
    tiers = Counter(i.obligation.value for i in cl.items)
    version = _("version {version}").format(version=cl.version)
    reasons = _("Reason codes for partial answers")
    out = [
        f"# {cl.title} ({version})",
        "",
        f"{cl.treaty.name} ("
        + _("{symbol}, adopted {date}").format(symbol=cl.treaty.symbol, date=cl.treaty.adopted)
        + ").",
        "",
        _(
            "Generated from the checklist file by `gapcheck checklist doc {id}`; edit the YAML, not this page."
        ).format(id=cl.id),
        "",
        w.n_("{n} item", "{n} items", len(cl.items))
        + ": "
        + ", ".join(f"{n} {tier}" for tier, n in sorted(tiers.items()))
        + ". "
        + _("Treaty text in `provision` is quoted verbatim; ` … ` marks omitted words."),
        "",
    ]
    if cl.reason_codes:
        out += [f"## {reasons}", ""]
        out += [f"- `{code}`: {text}" for code, text in cl.reason_codes.items()]
        out.append("")
    article = object()
    for item in cl.items:
        if item.article != article:
            article = item.article
            heading = (
                _("Article {number}").format(number=article)
                if article is not None
                else _("Other items")
            )
            out += [f"## {heading}", ""]
        out += _item(item, cl, w)
    return "\n".join(out).rstrip() + "\n"
