"""What several pages share: links, sources, table-of-contents entries, and the small text
helpers that make them (first sentence, script direction, safe links)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

ONE_LINE = 100
"""Longest recommendation shown in the executive summary, in characters."""


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
class SourceView:
    document: str
    pinpoint: str
    quote: str
    url: Link | None


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    label: str
    children: tuple[TocEntry, ...] = ()


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


def safe_href(url: str | None) -> Link | None:
    if not url:
        return None
    url = url.strip()
    ok = url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url)
    return Link(url, url if ok else None)


def dedupe(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
