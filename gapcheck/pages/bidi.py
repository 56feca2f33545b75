"""Keeping what users wrote from reordering gapcheck's own words (Unicode bidi).

A State's name with an unterminated U+202E (RIGHT-TO-LEFT OVERRIDE) reversed every word
after it in the diff page's title and headings. Each value is therefore isolated: its
direction controls balanced, then wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL
ISOLATE (U+2068 … U+2069), which work everywhere text goes, the page <title> and PDF
metadata included (no markup there); an RTL name then also keeps its own direction inside
a left-to-right sentence. Values with neither direction controls nor right-to-left letters
cannot reorder anything and are left as they are.
"""

from __future__ import annotations

import re
import unicodedata

FSI, PDI, PDF = "\u2068", "\u2069", "\u202c"
_OPEN_EMBEDDING = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF
_OPEN_ISOLATE = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI
_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def has_controls(value: str) -> bool:
    """Whether `value` holds direction controls (which can reorder what follows it)."""
    return bool(_CONTROLS.search(value))


def needs_isolation(value: str) -> bool:
    return bool(_CONTROLS.search(value)) or any(
        unicodedata.bidirectional(ch) in ("R", "AL") for ch in value
    )


def _balanced(value: str) -> str:
    """`value` with every embedding and isolate it opens closed, and closers that close
    nothing it opened removed (they would close the isolate around it)."""
    out: list[str] = []
    stack: list[str] = []
    for ch in value:
        if ch in _OPEN_EMBEDDING or ch in _OPEN_ISOLATE:
            stack.append(ch)
        elif ch == PDF:
            if not stack or stack[-1] not in _OPEN_EMBEDDING:
                continue
            stack.pop()
        elif ch == PDI:
            if not any(c in _OPEN_ISOLATE for c in stack):
                continue
            while stack.pop() not in _OPEN_ISOLATE:  # a PDI also closes embeddings inside
                pass
        out.append(ch)
    out.extend(PDF if c in _OPEN_EMBEDDING else PDI for c in reversed(stack))
    return "".join(out)


def isolate(value: str, *, only_controls: bool = False) -> str:
    """`value` ready to stand among gapcheck's words (see the module docstring). With
    `only_controls`, a value is isolated only when it holds direction controls (for values
    the templates already set in <bdi> or in a block of their own)."""
    if not (has_controls(value) if only_controls else needs_isolation(value)):
        return value
    return f"{FSI}{_balanced(value)}{PDI}"
