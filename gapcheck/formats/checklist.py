"""Checklists: where they are, what a valid one looks like, and loading one into the model."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from gapcheck import __version__
from gapcheck.formats import loader
from gapcheck.formats.model import Checklist, Item, Obligation, Source, Theme, Treaty
from gapcheck.formats.problems import Level, Problem, has_errors
from gapcheck.formats.spec import Checker, Field, text
from gapcheck.resources import data_dir

BUILTIN_DIR = data_dir("checklists")
ID_RE = r"[a-z][a-z0-9_]*"
REF_RE = re.compile(r"^(\d+)((?:\([a-z0-9]+\))*)$")

SOURCE = Field(
    "map",
    "A document an item relies on.",
    fields={
        "document": text("Full name and symbol of the document.", required=True),
        "pinpoint": text("Article or paragraph, only where verified in the document."),
        "url": text("Where the document was read."),
        "quote": text("A short verbatim quotation."),
        "note": text(),
    },
)

ITEM = Field(
    "map",
    fields={
        "id": text(
            "Stable id; the key of the answer.",
            required=True,
            pattern=ID_RE,
            pattern_hint="an id is lower-case letters, digits and _, starting with a letter",
        ),
        "ref": text(
            "Treaty reference such as 3(1)(a)(i)(a), or null.",
            required=True,
            nullable=True,
            pattern=REF_RE.pattern[1:-1],
            pattern_hint="expected a reference such as 3(1)(a)(i)(a)",
        ),
        "article": Field("integer", "Article number, or null.", required=True, nullable=True),
        "theme": text("A theme id.", required=True),
        "obligation": Field("choice", required=True, choices=tuple(o.value for o in Obligation)),
        "obligation_note": text(),
        "weight": Field("number", minimum=0, exclusive_minimum=True),
        "capped_by": Field("list", of=text()),
        "title": text("Short label.", required=True),
        "provision": text("The treaty's words, verbatim."),
        "question": text(required=True),
        "guidance": text(),
        "recommendation": text(),
        "sources": Field("list", of=SOURCE),
    },
)

CHECKLIST = Field(
    "map",
    fields={
        "id": text(
            required=True,
            pattern=r"[a-z][a-z0-9_-]*",
            pattern_hint="a checklist id is lower-case letters, digits, _ and -",
        ),
        "version": text(required=True),
        "title": text(required=True),
        "treaty": Field(
            "map",
            required=True,
            fields={
                "name": text(required=True),
                "symbol": text(required=True),
                "adopted": Field("date", required=True),
                "text": text(),
            },
        ),
        "themes": Field(
            "list",
            required=True,
            of=Field(
                "map",
                fields={"id": text(required=True, pattern=ID_RE), "title": text(required=True)},
            ),
        ),
        "reason_codes": Field("map", values=text()),
        "items": Field("list", required=True, of=ITEM),
    },
)


class ChecklistError(Exception):
    """A checklist cannot be used; carries its problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def available() -> dict[str, Path]:
    """Built-in checklists by id (`opsc.fr.yaml`, a language overlay, is not one)."""
    return {p.stem: p for p in sorted(BUILTIN_DIR.glob("*.yaml")) if "." not in p.stem}


def resolve(ref: str, base: Path | None = None) -> Path | None:
    """The file a checklist reference names: a built-in id, or a path (relative to `base`)."""
    builtin = available()
    if ref in builtin:
        return builtin[ref]
    if "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml")):
        p = Path(ref)
        return p if p.is_absolute() or base is None else base / p
    return None


def lint(doc: loader.Document) -> list[Problem]:
    """Every problem of a parsed checklist document."""
    c = Checker(doc)
    data = doc.data
    if not c.check(data, CHECKLIST):
        return sorted(c.problems, key=lambda p: (p.line, p.col))
    theme_ids = [t["id"] for t in data.get("themes") or [] if isinstance(t, dict) and "id" in t]
    items = [i for i in data.get("items") or [] if isinstance(i, dict)]
    ids = [i.get("id") for i in items]
    seen: dict[str, int] = {}
    for n, item in enumerate(data.get("items") or []):
        if not isinstance(item, dict):
            continue
        path = ("items", n)
        iid = item.get("id")
        if isinstance(iid, str):
            if iid in seen:
                c.error((*path, "id"), f"duplicate item id '{iid}' (also item {seen[iid]})")
            seen.setdefault(iid, n)
        theme = item.get("theme")
        if isinstance(theme, str) and theme not in theme_ids:
            from gapcheck.formats.spec import suggest

            c.error(
                (*path, "theme"),
                f"unknown theme '{theme}' (themes: {', '.join(theme_ids)})"
                f"{suggest(theme, theme_ids)}",
            )
        for k, cap in enumerate(item.get("capped_by") or []):
            if isinstance(cap, str) and cap not in ids:
                c.error((*path, "capped_by", k), f"unknown item id '{cap}'")
            elif cap == iid:
                c.error((*path, "capped_by", k), "an item cannot cap itself")
        ref, article = item.get("ref"), item.get("article")
        m = REF_RE.match(ref) if isinstance(ref, str) else None
        if m and isinstance(article, int) and int(m.group(1)) != article:
            c.error((*path, "article"), f"article {article} does not match ref {ref}")
        obligation = item.get("obligation")
        if ref is not None and not item.get("provision"):
            c.error(path, "an item with a treaty ref needs its `provision`, quoted verbatim")
        if ref is None and not item.get("sources"):
            c.error(path, "an item without a treaty ref needs `sources` saying where it comes from")
        if obligation == "recommended" and not item.get("sources"):
            c.error(path, "a recommended item needs at least one source")
        if obligation not in ("informational", None) and not item.get("recommendation"):
            c.warning(path, "a scored item should have a model `recommendation` for the report")
    return sorted(c.problems, key=lambda p: (p.line, p.col))


FINGERPRINTED = ("title", "question", "guidance", "recommendation", "obligation_note")
"""The words of an item a translation is made from."""


def fingerprint(item: dict[str, Any]) -> str:
    """12 hex digits identifying an item's English words, exactly as written in the file: an
    overlay records it for each item it translates, so a change of the English is seen."""
    text = "\x1f".join(str(item.get(f) or "") for f in FINGERPRINTED)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _build(data: dict[str, Any], path: Path) -> Checklist:
    items = tuple(
        Item(
            id=i["id"],
            ref=i["ref"],
            article=i["article"],
            theme=i["theme"],
            obligation=Obligation(i["obligation"]),
            title=i["title"].strip(),
            question=i["question"].strip(),
            provision=(i.get("provision") or "").strip(),
            guidance=(i.get("guidance") or "").strip(),
            recommendation=(i.get("recommendation") or "").strip(),
            sources=tuple(Source(**s) for s in i.get("sources") or []),
            weight=float(i.get("weight", 1)),
            capped_by=tuple(i.get("capped_by") or ()),
            obligation_note=(i.get("obligation_note") or "").strip(),
            fingerprint=fingerprint(i),
        )
        for i in data["items"]
    )
    t = data["treaty"]
    return Checklist(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        treaty=Treaty(t["name"].strip(), t["symbol"], t["adopted"]),
        themes=tuple(Theme(th["id"], th["title"]) for th in data["themes"]),
        items=items,
        reason_codes=dict(data.get("reason_codes") or {}),
        path=path,
    )


def load_file(path: Path, name: str | None = None) -> tuple[Checklist | None, list[Problem]]:
    """Load and lint a checklist file; the Checklist is None when it has errors."""
    try:
        doc = loader.load(path, name)
    except loader.LoadError as e:
        return None, [e.problem]
    problems = lint(doc)
    if has_errors(problems):
        return None, problems
    return _build(doc.data, path), problems


def _cache_file(raw: bytes) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    key = hashlib.sha256(__version__.encode() + b"\0" + raw).hexdigest()[:32]
    return Path(base) / "gapcheck" / f"checklist-{key}.json"


@lru_cache(maxsize=16)
def _cached(path: Path, mtime: float) -> Checklist:
    """Load a checklist, reusing the checked data of an identical file from the user's cache.

    A checklist is re-parsed and re-linted only when its bytes (or gapcheck's version)
    change; the cache holds plain JSON, never code. GAPCHECK_NO_CACHE=1 turns it off.
    """
    use_cache = os.environ.get("GAPCHECK_NO_CACHE") != "1"
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""
    cache = _cache_file(raw)
    if use_cache and raw:
        try:
            return _build(json.loads(cache.read_text(encoding="utf-8")), path)
        except (OSError, ValueError, KeyError, TypeError):
            pass
    try:
        doc = loader.load(path, str(path))
    except loader.LoadError as e:
        raise ChecklistError([e.problem]) from None
    problems = lint(doc)
    if has_errors(problems):
        raise ChecklistError(problems)
    if use_cache and raw:
        with contextlib.suppress(OSError):  # a read-only home is no reason to fail
            _write_cache(cache, json.dumps(doc.data).encode("utf-8"))
    return _build(doc.data, path)


def _write_cache(cache: Path, data: bytes) -> None:
    """Our own cache file, not user output (that is gapcheck.output's job): written whole
    under a temporary name, then moved into place, so a concurrent reader never sees half."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, cache)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def get(ref: str, base: Path | None = None) -> Checklist:
    """A usable checklist by id or path. Raises ChecklistError (problems) or LookupError."""
    path = resolve(ref, base)
    if path is None:
        from gapcheck.formats.spec import suggest

        ids = list(available())
        raise LookupError(
            f"unknown checklist '{ref}' (available: {', '.join(ids)}){suggest(ref, ids)}"
        )
    try:
        mtime = path.stat().st_mtime
    except OSError as e:
        raise LookupError(f"cannot read checklist {ref}: {e.strerror}") from None
    return _cached(path, mtime)


__all__ = [
    "BUILTIN_DIR",
    "ChecklistError",
    "Level",
    "available",
    "get",
    "lint",
    "load_file",
    "resolve",
]
