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


def country_stem(name: str, code: str | None) -> str:
    """A file-name stem for a State that tells States apart, whatever script the name is in:
    `Côte d'Ivoire` → `cote-d-ivoire`; `مصر` → `eg` with its ISO code, else the
    transliteration `msr` (never the same `assessment` for Egypt and Jordan)."""
    stem = safe_stem(name, "")
    if stem and stem.isascii() and len(stem) * 2 >= len(re.sub(r"\W", "", name)):
        return stem  # most of the name survived the accent stripping
    if code:
        return code.lower()
    from anyascii import anyascii

    return safe_stem(anyascii(name))


def output_paths(
    a: Assessment, directory: Path, formats: Iterable[str], edition: str = "full"
) -> dict[str, Path]:
    """Where the reports of `a` go: `<directory>/<country>-<checklist>.<format>`, with
    `-brief` before the suffix for the brief edition (both editions can sit side by side)."""
    stem = f"{country_stem(a.country.name, a.country.code)}-{a.checklist.id}"
    if edition == "brief":
        stem += "-brief"
    return {f: directory / f"{stem}.{f}" for f in formats}


def safe_file_name(name: str, fallback: str) -> str:
    """A name found inside a file (an embedded file's, untrusted) as a plain file name: no
    folder, no leading dot, ASCII letters, digits, `.`, `_` and `-`, at most 100 characters."""
    base = re.split(r"[/\\]", name)[-1]
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    clean = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).lstrip(".-")[:100]
    stem = clean.split(".")[0].lower()
    if not clean or stem in _RESERVED:
        return fallback
    return clean


def shown_name(path: str) -> str:
    """A file name as pages and text show it: a name that is not UTF-8 (a Latin-1 `Côte.yaml`
    from a Windows zip arrives with surrogate escapes) gets U+FFFD for each bad byte instead
    of making every encoder fail."""
    import os

    return os.fsencode(path).decode("utf-8", "replace")
