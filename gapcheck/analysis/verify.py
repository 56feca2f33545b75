"""Does a report still say what its sources say? Pure comparisons for `gapcheck verify`.

Two checks, both needed: the score a report embeds against the score its embedded sources
give today (catches an altered attachment), and the figures the page prints against the
figures those sources give (catches an altered page). Page text is compared with all
whitespace removed, since PDF text extraction breaks and joins lines at will.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

SHOWN = 20
"""Differences listed per check; the rest are counted."""


class Figure(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def before(self) -> str: ...
    @property
    def after(self) -> str: ...
    @property
    def printed(self) -> str: ...


@dataclass(frozen=True)
class Verdict:
    differences: tuple[str, ...]
    """What the report says that its sources do not."""
    notes: tuple[str, ...] = ()
    """What a reader should know but that does not make the report wrong."""

    @property
    def verified(self) -> bool:
        return not self.differences


def score_differences(recorded: object, fresh: object, path: str = "") -> list[str]:
    """Every value of the embedded score JSON that re-scoring does not give, by JSON path
    (`articles.3.score: the report has 57.5, re-scoring gives 62.5`)."""
    if isinstance(recorded, Mapping) and isinstance(fresh, Mapping):
        out: list[str] = []
        for key in dict.fromkeys([*recorded, *fresh]):
            where = f"{path}.{key}" if path else str(key)
            if key not in recorded:
                out.append(f"{where}: missing from the report (re-scoring gives {fresh[key]!r})")
            elif key not in fresh:
                out.append(f"{where}: in the report ({recorded[key]!r}), not in the re-scoring")
            else:
                out += score_differences(recorded[key], fresh[key], where)
        return out
    if isinstance(recorded, list) and isinstance(fresh, list) and len(recorded) == len(fresh):
        return [
            d
            for n, (r, f) in enumerate(zip(recorded, fresh, strict=True))
            for d in score_differences(r, f, f"{path}[{n}]")
        ]
    if recorded != fresh:
        return [f"{path}: the report has {recorded!r}, re-scoring gives {fresh!r}"]
    return []


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def figure_differences(expected: Iterable[Figure], page_text: str) -> list[str]:
    """The figures re-scoring gives that the page does not print with their words around
    them, and what the page prints there instead when it can be found."""
    page = _squeeze(page_text)
    out = []
    for f in expected:
        if _squeeze(f.printed) in page:
            continue
        instead = _printed_instead(f, page)
        out.append(
            f"{f.key}: the page does not print “{f.printed}”"
            + (f"; it prints “{instead}” there" if instead else "")
        )
    return out


def _printed_instead(f: Figure, page: str) -> str:
    """The figure-like text next to the figure's words on the page, if any."""
    digit = r"[\d\u0660-\u0669\u06f0-\u06f9]"
    number = digit + r"[\d\u0660-\u0669\u06f0-\u06f9.,\u066b\u066c]*[%\u066a]?"
    if f.before:
        m = re.search(re.escape(_squeeze(f.before)) + f"({number})", page)
    elif f.after:
        m = re.search(f"({number})" + re.escape(_squeeze(f.after)), page)
    else:
        m = None
    return m.group(1) if m else ""


def shorten(lines: list[str], shown: int = SHOWN) -> list[str]:
    if len(lines) <= shown:
        return lines
    return [*lines[:shown], f"… and {len(lines) - shown} more"]
