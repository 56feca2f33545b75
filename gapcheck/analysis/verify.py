"""Does a report still say what its sources say? Pure comparisons for `gapcheck verify`.

Two checks, both needed: the score a report embeds against the score its embedded sources
give today (catches an altered attachment), and the figures the page prints against the
figures those sources give (catches an altered page). Page text is compared with all
whitespace removed, since PDF text extraction breaks and joins lines at will.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import islice, permutations
from typing import Protocol

SHOWN = 20
"""Differences listed per check; the rest are counted."""
MAX_PLACES = 1000
"""Places a figure's number is looked at in a right-to-left page."""


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


def figure_differences(
    expected: Iterable[Figure], page_text: str, right_to_left: bool = False
) -> list[str]:
    """The figures re-scoring gives that the page does not print with their words around
    them, and what the page prints there instead when it can be found.

    `right_to_left`: the page's text was extracted from a PDF in a right-to-left language,
    where extraction gives lines in visual order, ligatures reversed and marks detached:
    a figure is also found as its number next to its nearest words, in either order."""
    page = _squeeze(page_text)
    rtl_page = _rtl_normal(page_text) if right_to_left else ""
    out = []
    for f in expected:
        if _squeeze(f.printed) in page or (right_to_left and _found_rtl(f, rtl_page)):
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


# what PDF text extraction does to Arabic: bidi controls added, marks and tatweel detached
_RTL_DROP = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640\u064b-\u065f\u0670]")
_LAM_LIGATURE = re.compile("\u0644([\u0627\u0622\u0623\u0625\u0649\u064a])")
_NEAR = re.compile(r"^[\W\d_]{0,6}?([^\W\d_][^\W\d_\s]*(?:\s+[^\W\d_]+)*)")
"""Words beside a figure, past a few signs or digits (`(3` of `16.7% (3 items`)."""
_NEAR_NUMBERED = re.compile(r"^[\W_]{0,6}?(\w+(?:\s+\w+)*)")
"""Words and numbers beside a figure, past a few signs (`Article 9` of `0.0% 9 Article`)."""


def _rtl_normal(text: str) -> str:
    """`text` without what extraction adds or moves, spaces collapsed, and each lam
    ligature (lam-alef, lam-yeh: extracted in visual order, its letters swapped) written
    alef/yeh first."""
    text = " ".join(_RTL_DROP.sub("", text).split())
    return _LAM_LIGATURE.sub(lambda m: m.group(1) + "\u0644", text)


def _found_rtl(f: Figure, page: str) -> bool:
    """The figure (its number, or its words) is printed right next to some of its words,
    allowing for what extraction does to a right-to-left line: words, and sometimes the
    letters of a word, in visual order; a `%` or a mark on the other side of the number; a
    few signs between, or digits when the words have none (`(3 items)` of a count sentence).
    The words: the two nearest the figure, the two farthest, all, or the two at either end
    of a run of two or more words without digits (`out of 100:` is extracted apart from the
    words around it). Numbers among the words count (`Article 9` is not `Article 8`)."""
    words = [_word(_rtl_normal(w)) for w in (f.before.split() or f.after.split())]
    runs: list[list[str]] = [[]]
    for w in words:  # a number (`100:`, `(3`) ends a run
        if w and not any(c.isdigit() for c in w):
            runs[-1].append(w)
        else:
            runs.append([])
    groups = [words[-2:], words[:2], words]
    groups += [run[:2] for run in runs if len(run) > 1] + [run[-2:] for run in runs if len(run) > 1]
    anchors = [
        # numbers among the words must be there too; otherwise a few digits may come between
        (need, sum(need.values()), (_NEAR_NUMBERED if any(map(str.isdigit, need)) else _NEAR).match)
        for need in (Counter("".join(g)) for g in groups if sum(map(len, g)) >= 3)
    ]
    for value in _value_forms(f.text):
        start = r"(?<![\d.,])" if value[:1].isdigit() else ""
        end = r"(?!\d|[.,]\d)" if value[-1:].isdigit() else ""
        # the page is untrusted: a figure repeated a million times is looked at 1,000 times
        for m in islice(re.finditer(start + re.escape(value) + end, page), MAX_PLACES):
            sides = (page[m.end() : m.end() + 200], page[max(0, m.start() - 200) : m.start()][::-1])
            for need, size, near in anchors:
                if any(
                    (n := near(side)) and Counter(_word(n.group(1))[:size]) == need
                    for side in sides
                ):
                    return True
    return False


def _word(text: str) -> str:
    """The letters and digits of `text`."""
    return "".join(c for c in text if c.isalnum())


def _value_forms(text: str) -> set[str]:
    """How a printed figure can come out of a right-to-left line: `44.1%*` as itself, or
    with its `%` and `*` on either side (`*44.1%`, `%44.1*`, `*%44.1`…); words as they are
    or in reverse order."""
    number = re.search(r"\d[\d.,\u066b\u066c]*", text)
    if number is None:
        words = text.split()
        return {_rtl_normal(" ".join(words)), _rtl_normal(" ".join(reversed(words)))}
    core, signs = number.group(), _rtl_normal(text.replace(number.group(), "", 1)).replace(" ", "")
    forms = set()
    for order in permutations(signs):
        for i in range(len(order) + 1):
            forms.add("".join(order[:i]) + core + "".join(order[i:]))
    return forms


def shorten(lines: list[str], shown: int = SHOWN) -> list[str]:
    if len(lines) <= shown:
        return lines
    return [*lines[:shown], f"… and {len(lines) - shown} more"]
