"""Checklists: where they are, what a valid one looks like, and loading one into the model."""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import stat
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gapcheck import __version__

try:  # CPython's own SHA-256: `import hashlib` loads OpenSSL, a tenth of `validate`'s time
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import sha256
from gapcheck.formats import loader
from gapcheck.formats.checklist_files import (
    SUFFIXES,
    _builtins,
    _locate,
    available,
    named_by,
    resolve,
)
from gapcheck.formats.model import Checklist, Item, Obligation, Source, Theme, Treaty
from gapcheck.formats.problems import Level, Problem, has_errors, quote
from gapcheck.formats.spec import Checker
from gapcheck.resources import data_dir

if TYPE_CHECKING:
    from pathlib import Path


def __getattr__(name: str) -> Path:
    if name == "BUILTIN_DIR":  # the built-in checklists' folder, as a Path
        return data_dir("checklists")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ChecklistError(Exception):
    """A checklist cannot be used; carries its problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def lint(doc: loader.Document) -> list[Problem]:
    """Every problem of a parsed checklist document."""
    # the format is built only to lint: a cached checklist (every run but the first) is not
    from gapcheck.formats.checklist_spec import CHECKLIST, REF_RE

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
                c.error((*path, "id"), f"duplicate item id {quote(iid)} (also item {seen[iid]})")
            seen.setdefault(iid, n)
        theme = item.get("theme")
        if isinstance(theme, str) and theme not in theme_ids:
            from gapcheck.formats.spec import suggest

            c.error(
                (*path, "theme"),
                f"unknown theme {quote(theme, ascii_only=True)} (themes: {', '.join(theme_ids)})"
                f"{suggest(theme, theme_ids)}",
            )
        for k, cap in enumerate(item.get("capped_by") or []):
            if isinstance(cap, str) and cap not in ids:
                c.error((*path, "capped_by", k), f"unknown item id {quote(cap, ascii_only=True)}")
            elif cap == iid:
                c.error((*path, "capped_by", k), "an item cannot cap itself")
        codes = data.get("reason_codes") or {}
        for k, code in enumerate(item.get("reasons") or []):
            if isinstance(code, str) and code not in codes:
                c.error((*path, "reasons", k), f"unknown reason code '{code}'")
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
    return str(sha256(text.encode("utf-8")).hexdigest())[:12]


_REASONS = re.compile(r"Reason codes?:\s*([a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*)")


def _guidance_reasons(item: dict[str, Any]) -> tuple[str, ...]:
    """The codes a guidance names as `Reason codes: a, b.` (the checklist's own convention)."""
    m = _REASONS.search(item.get("guidance") or "")
    return tuple(c.strip() for c in m.group(1).split(",")) if m else ()


def _build(
    data: dict[str, Any],
    path: str | os.PathLike[str] | None,
    raw: bytes = b"",
    prints: list[str] | None = None,
) -> Checklist:
    """The Checklist of linted data; `prints`: the items' fingerprints, when already known
    (a cache entry carries them: hashing every item's words is a tenth of `validate`)."""
    prints = prints or [fingerprint(i) for i in data["items"]]
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
            history=tuple(
                (h["version"], h.get("kind", "meaning"), h["change"].strip())
                for h in i.get("history") or ()
            ),
            reasons=tuple(i["reasons"]) if i.get("reasons") else _guidance_reasons(i),
            fingerprint=prints[n],
        )
        for n, i in enumerate(data["items"])
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
        source=raw,
    )


def load_file(path: Path, name: str | None = None) -> tuple[Checklist | None, list[Problem]]:
    """Load and lint a checklist file; the Checklist is None when it has errors."""
    try:
        doc = loader.load(path, name)
    except loader.LoadError as e:
        return None, e.problems
    problems = lint(doc)
    if has_errors(problems):
        return None, problems
    return _build(doc.data, path, doc.raw), problems


def load_bytes(raw: bytes, name: str) -> tuple[Checklist | None, list[Problem]]:
    """Load and lint checklist bytes that are not a file of ours (a report's attachment);
    the Checklist is None when it has errors."""
    try:
        doc = loader.load_bytes(raw, name)
    except loader.LoadError as e:
        return None, [e.problem]
    problems = lint(doc)
    if has_errors(problems):
        return None, problems
    return _build(doc.data, None, raw), problems


def _cache_file(raw: bytes) -> Path:
    from pathlib import Path

    return Path(_cache_name(raw))


def _cache_name(raw: bytes) -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    key = sha256(__version__.encode() + b"\0" + raw).hexdigest()[:32]
    return os.path.join(base, "gapcheck", f"checklist-{key}{CACHE_SUFFIX}")


CACHE_SUFFIX = ".v2.marshal"
"""A cache entry's name ends so (v1 entries were `.json`: they are simply never looked up)."""
_MAGIC = b"gapcheck checklist cache 2\n"
"""An entry is this line, the SHA-256 of its payload (64 hex digits and a newline), then the
payload: the checked data as `marshal` writes plain dicts, lists, strings and numbers."""


@lru_cache(maxsize=16)
def _cached(path: str, mtime: float) -> Checklist:
    """Load a checklist, reusing the checked data of an identical file from the user's cache.

    A checklist is re-parsed and re-linted only when its bytes (or gapcheck's version)
    change; the cache holds plain data (never code), with the hash of what gapcheck wrote.
    GAPCHECK_NO_CACHE=1 turns it off.
    """
    use_cache = os.environ.get("GAPCHECK_NO_CACHE") != "1"
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        raw = b""
    cache = _cache_name(raw)
    if use_cache and raw:
        with contextlib.suppress(Exception):  # any fault in the cache: read the file instead
            return _from_cache(cache, path, raw)
    try:
        doc = loader.load(path, str(path))
    except loader.LoadError as e:
        raise ChecklistError(e.problems) from None
    problems = lint(doc)
    if has_errors(problems):
        raise ChecklistError(problems)
    prints = [fingerprint(i) for i in doc.data["items"]]
    if use_cache and raw:
        with contextlib.suppress(OSError):  # a read-only home is no reason to fail
            _write_cache(cache, seal({**doc.data, _PRINTS: prints}))
    return _build(doc.data, path, raw, prints)


_PRINTS = "_fingerprints"
"""Key of the items' fingerprints in a cache entry's data (not a key of the file's)."""


def seal(data: dict[str, Any]) -> bytes:
    """A cache entry of `data`: `marshal` (built in: reading it costs no import, where
    `json` cost ~2 ms of `validate`'s start-up; its format for plain data has not changed
    since Python 3.4) preceded by the SHA-256 of the payload."""
    payload = marshal.dumps(data)
    return _MAGIC + _digest(payload).encode("ascii") + b"\n" + payload


def unseal(entry: bytes) -> Any:
    """The data of a cache entry, only as gapcheck wrote it: the payload is unmarshalled
    only once its SHA-256 matches, so an entry edited or damaged since (a weight of -5, a
    null title, a truncated file) raises ValueError and the checklist is read again."""
    head = len(_MAGIC)
    digest, payload = entry[head : head + 64], entry[head + 65 :]
    if (
        not entry.startswith(_MAGIC)
        or entry[head + 64 : head + 65] != b"\n"
        or digest != _digest(payload).encode("ascii")
    ):
        raise ValueError("the cached checklist was changed since gapcheck wrote it")
    data = marshal.loads(payload)
    if not isinstance(data, dict):
        raise ValueError("the cached checklist is not what gapcheck writes")
    return data


def _digest(payload: bytes) -> str:
    return str(sha256(payload).hexdigest())


def _write_cache(name: str, data: bytes) -> None:
    """Our own cache file, not user output (that is gapcheck.output's job): written whole
    under a temporary name, then moved into place, so a concurrent reader never sees half."""
    from pathlib import Path

    cache = Path(name)
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, cache)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _from_cache(cache: str, path: str, raw: bytes) -> Checklist:
    """A cached checklist, only as gapcheck wrote it (see `unseal`). (The entry's name is
    the hash of the checklist's bytes and gapcheck's version, so it is also never stale.)"""
    data = unseal(loader.read_regular(cache, loader.MAX_BYTES * 4))
    return _build(data, path, raw, data.pop(_PRINTS, None))


def get(
    ref: str, base: Path | None = None, *, path: str | os.PathLike[str] | None = None
) -> Checklist:
    """A usable checklist by id or path (or the file `path` already resolved by `named_by`).
    Raises ChecklistError (problems) or LookupError."""
    file = _locate(ref, None if base is None else os.fspath(base)) if path is None else path
    if file is None:
        from gapcheck.formats.spec import suggest

        ids = list(_builtins())
        raise LookupError(
            f"unknown checklist {quote(ref)} (available: {', '.join(ids)}){suggest(ref, ids)}"
        )
    file = os.fspath(file)
    try:
        info = os.stat(file)
    except OSError as e:
        raise LookupError(f"cannot read checklist {quote(ref)}: {e.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise LookupError(f"cannot read checklist {quote(ref)}: {what}")
    return _cached(file, info.st_mtime)


__all__ = [
    "BUILTIN_DIR",  # noqa: F822 (made when asked, by __getattr__)
    "SUFFIXES",
    "ChecklistError",
    "Level",
    "available",
    "get",
    "lint",
    "load_bytes",
    "load_file",
    "named_by",
    "resolve",
]
