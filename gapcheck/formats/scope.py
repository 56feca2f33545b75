"""Reading the scope a user asks for on the command line: `--articles 2-3,5`."""

from __future__ import annotations

import re

_PART = re.compile(r"\s*(\d{1,3})\s*(?:-\s*(\d{1,3})\s*)?")


def parse_articles(text: str) -> frozenset[int]:
    """`2-3,5` → {2, 3, 5}. Raises ValueError, in words, on anything else."""
    numbers: set[int] = set()
    for part in text.split(","):
        m = _PART.fullmatch(part)
        if m is None:
            raise ValueError(f"{text!r}: expected article numbers such as 2-3,5")
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        if last < first:
            raise ValueError(
                f"{text!r}: the range {first}-{last} runs backwards; write {last}-{first}"
            )
        numbers.update(range(first, last + 1))
    return frozenset(numbers)
