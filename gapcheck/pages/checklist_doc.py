"""A checklist as one Markdown document, for a lawyer's review in a single read."""

from __future__ import annotations

from collections import Counter

from gapcheck.formats.model import Checklist, Item, Source


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


def _item(item: Item) -> list[str]:
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
    if item.obligation_note:
        out += [f"*Tier:* {item.obligation_note}", ""]
    out += [f"**Question.** {item.question}", ""]
    if item.guidance:
        out += [f"**Guidance.** {item.guidance}", ""]
    if item.recommendation:
        out += [f"**Model recommendation.** {item.recommendation}", ""]
    if item.sources:
        out += ["**Sources.**", "", *(f"- {_source(s)}" for s in item.sources), ""]
    return out


def to_markdown(cl: Checklist) -> str:
    tiers = Counter(i.obligation.value for i in cl.items)
    out = [
        f"# {cl.title} (version {cl.version})",
        "",
        f"{cl.treaty.name} ({cl.treaty.symbol}, adopted {cl.treaty.adopted}).",
        "",
        "Generated from the checklist file by `gapcheck checklist doc "
        f"{cl.id}`; edit the YAML, not this page.",
        "",
        f"{len(cl.items)} items: "
        + ", ".join(f"{n} {tier}" for tier, n in sorted(tiers.items()))
        + ". Treaty text in `provision` is quoted verbatim; ` … ` marks omitted words.",
        "",
    ]
    if cl.reason_codes:
        out += ["## Reason codes for partial answers", ""]
        out += [f"- `{code}`: {text}" for code, text in cl.reason_codes.items()]
        out.append("")
    article = object()
    for item in cl.items:
        if item.article != article:
            article = item.article
            out += [f"## Article {article}" if article is not None else "## Other items", ""]
        out += _item(item)
    return "\n".join(out).rstrip() + "\n"
