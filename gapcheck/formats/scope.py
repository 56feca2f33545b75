"""Which articles a command covers: `--articles 2-3,5`."""

from __future__ import annotations

import re

MAX_ARTICLE = 999

_PART = re.compile(r"^(\d{1,3})(?:\s*-\s*(\d{1,3}))?$")


def parse_articles(text: str) -> frozenset[int]:
    """Article numbers from a list of numbers and ranges, e.g. `2-3,5` → {2, 3, 5}.

    Raises ValueError with a message for the user when the text is not such a list.
    """
    out: set[int] = set()
    parts = [p.strip() for p in text.split(",")]
    if not any(parts):
        raise ValueError("expected article numbers such as 2-3,5; got nothing")
    for part in parts:
        m = _PART.match(part)
        if not m:
            raise ValueError(f"expected article numbers such as 2-3,5; got {part!r}")
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        if first < 1 or last < first:
            raise ValueError(
                f"{part!r} is not a range of articles (write the smaller number first)"
            )
        out.update(range(first, min(last, MAX_ARTICLE) + 1))
    return frozenset(out)
