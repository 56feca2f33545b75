"""File names for outputs that are safe on every operating system."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapcheck.formats.model import Assessment

REPORT_FORMATS = ("html", "pdf")

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def safe_stem(name: str, fallback: str = "assessment") -> str:
    """`Côte d'Ivoire` → `cote-d-ivoire`: ASCII letters, digits and hyphens, at most 60 characters."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    if not stem or stem in _RESERVED:
        stem = f"{stem}-{fallback}" if stem else fallback
    return stem


def output_paths(
    a: Assessment, directory: Path, formats: Iterable[str], edition: str = "full"
) -> dict[str, Path]:
    """Where the reports of `a` go: `<directory>/<country>-<checklist>.<format>`, with
    `-brief` before the suffix for the brief edition (both editions can sit side by side)."""
    stem = f"{safe_stem(a.country.name)}-{a.checklist.id}"
    if edition == "brief":
        stem += "-brief"
    return {f: directory / f"{stem}.{f}" for f in formats}
