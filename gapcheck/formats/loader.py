"""Read YAML safely, keeping the line and column of every value.

Untrusted files are read with a loader of our own (the global PyYAML loaders are left
untouched): safe tags only, YAML 1.2 booleans (so `no`, `yes`, `NO` stay words), dates
kept as strings, duplicate keys and merge keys refused at their position, and limits on
size, nesting and alias expansion so that a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import os
import re
from dataclasses import field
from typing import Any

import yaml

from gapcheck.formats.inputs import NotRegularError as NotRegularError
from gapcheck.formats.inputs import read_regular as read_regular
from gapcheck.formats.problems import Level, Problem, quote
from gapcheck.formats.record import Record
from gapcheck.formats.scalars import (
    _BOOL,
    _FLOAT,
    _FORMS,
    _INT,
    _MAP,
    _NULL,
    _SENTINELS,
    _SEQ,
    _STR,
    _tag,
)
from gapcheck.formats.scalars import (
    Refused as _Refused,
)
from gapcheck.formats.scalars import (
    scalar as _scalar,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
"""Values constructed, counting every expansion of an alias (a 'billion laughs' file hits this)."""

Path_ = tuple[str | int, ...]


class LoadError(Exception):
    """The file cannot be read as YAML; carries the problems to report (the first, and
    the independent syntax errors found after it)."""

    def __init__(self, problem: Problem, more: list[Problem] | None = None) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.problems = [problem, *(more or [])]


class UnreadableError(LoadError):
    """The file does not exist or cannot be opened (exit code 2, not 1)."""


class Document(Record, frozen=False):
    """A YAML document as plain Python values, with where each value and key stands."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value, by data path."""
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each mapping key, by the path of its value."""
    raw: bytes = b""
    """The file's bytes exactly as read (reports embed them as their source)."""
    comments: set[Path_] = field(default_factory=set)
    """Unquoted values followed by a comment on their line (`see s. 145B #1` is read as
    `see s. 145B`): free-text fields warn about them."""

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of `path`, or of its nearest ancestor that has one."""
        table = self.key_positions if key else self.positions
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))


# libyaml (shipped in PyYAML's wheels) parses about 20 times faster than pure Python; the
# pure-Python loader is the fallback where PyYAML was built without it.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """Safe loader with YAML 1.2 core scalars, used only for its parser events and resolver."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012  (PyYAML keeps resolvers per class)


def _add(tag: str, pattern: str, first: str) -> None:
    _Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), not YAML 1.1:
# no yes/no/on/off booleans, no sexagesimal numbers, no timestamps.
_add(_NULL, r"^(?:~|null|Null|NULL)$", "~nN")
_Loader.add_implicit_resolver(_NULL, re.compile(r"^$"), None)
_add("tag:yaml.org,2002:merge", r"^<<$", "<")
# booleans and numbers: the forms an explicit tag is checked against (compiled once)
_Loader.add_implicit_resolver(_BOOL, _FORMS[_BOOL][0], list("tTfF"))
_Loader.add_implicit_resolver(_INT, _FORMS[_INT][0], list("-+0123456789"))
_Loader.add_implicit_resolver(_FLOAT, _FORMS[_FLOAT][0], list("-+0123456789."))


_NO_KEY = object()
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DOCUMENT_END = yaml.DocumentEndEvent

# The resolver's table for plain scalars, by first character (`_Loader.resolve` without its
# per-call list building: a tenth of the time of reading an assessment).
_WILD = tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
_RESOLVERS = {
    first: (*pairs, *_WILD)
    for first, pairs in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}
_MERGE = "tag:yaml.org,2002:merge"
_BREAK_CHARS = (*_SENTINELS, *_SENTINELS.values())


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged scalar, as `_Loader.resolve` gives it."""
    if implicit[0]:
        for tag, regexp in _RESOLVERS.get(value[:1], _WILD):
            if regexp.match(value):
                return str(tag)
    return _STR


class _Frame:
    """An open mapping or sequence while events are read."""

    __slots__ = ("anchor", "count", "is_map", "key", "path", "value")

    def __init__(self, value: Any, path: Path_, anchor: str | None, count: int) -> None:
        self.value = value
        self.is_map = isinstance(value, dict)
        self.path = path
        self.anchor = anchor
        self.count = count
        self.key: Any = _NO_KEY


def _path_of(top: _Frame | None) -> Path_:
    if top is None:
        return ()
    return (*top.path, top.key if top.is_map else len(top.value))


def _comment_after(lines: list[str], mark: Any) -> bool:
    rest = lines[mark.line][mark.column :] if mark.line < len(lines) else ""
    return rest[:1] in (" ", "\t") and rest.lstrip().startswith("#")


def _build(loader: Any, doc: Document, lines: list[str], breaks: bool = True) -> Any:
    """Build plain values from parser events in one pass, without recursion: positions
    recorded, nesting and alias expansion bounded, duplicate and complex keys refused.
    `breaks`: whether the text has a character that a value reads as a line break (else
    text values are taken as they are). Hot loop (every value of every file): event
    classes compared by identity, attributes bound to locals."""
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    count = 0
    result: Any = None
    get_event = loader.get_event
    positions, key_positions = doc.positions, doc.key_positions
    get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    get_event()  # document start
    while True:
        ev = get_event()
        kind = ev.__class__
        if kind is _DOCUMENT_END:
            break
        top = stack[-1] if stack else None
        at_key = top is not None and top.is_map and top.key is _NO_KEY
        if kind is _MAPPING_END or kind is _SEQUENCE_END:
            frame = stack.pop()
            if frame.anchor:
                anchors[frame.anchor] = (frame.value, count - frame.count)
            value, size = frame.value, 0
        elif at_key and kind is not _SCALAR and kind is not _ALIAS:
            raise _Refused(ev.start_mark, "a key must be plain text, not a list or map")
        else:
            if kind is _SCALAR:
                tag = ev.tag
                if tag is None or tag == "!":
                    tag = _resolve(ev.value, ev.implicit)
                if at_key and tag == _MERGE:
                    raise _Refused(ev.start_mark, "merge keys (<<) are not supported")
                if tag == _STR and not breaks:
                    value = ev.value
                else:
                    value = _scalar(tag, ev.value, ev.start_mark)
                size = 1
                if not ev.style and not at_key and _comment_after(lines, ev.end_mark):
                    doc.comments.add(_path_of(top))
                if at_key and not isinstance(value, str):
                    value = ev.value
            elif kind is _ALIAS:
                if ev.anchor not in anchors:
                    raise _Refused(ev.start_mark, f"unknown alias '*{ev.anchor}'")
                value, size = anchors[ev.anchor]
            else:  # a mapping or sequence starts
                is_map = kind is _MAPPING_START
                if ev.tag not in (None, "!", _MAP if is_map else _SEQ):
                    raise _Refused(ev.start_mark, f"unsupported tag '{_tag(ev.tag)}'")
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(
                        ev.start_mark, f"syntax error: nesting deeper than {MAX_DEPTH} levels"
                    )
                value, size = ({} if is_map else []), 1
            count += size
            if count > MAX_NODES:
                raise _Refused(
                    ev.start_mark,
                    f"document expands to more than {MAX_NODES} values (aliases?); refusing to read it",
                )
            mark = ev.start_mark
            if at_key:
                assert top is not None
                if not isinstance(value, str):
                    raise _Refused(mark, "a key must be plain text, not a list or map")
                if value in top.value:
                    first = key_positions[(*top.path, value)]
                    raise _Refused(
                        mark,
                        f"duplicate key {quote(value)} (first defined at line {first[0]}); "
                        "merge the two entries",
                    )
                key_positions[(*top.path, value)] = (mark.line + 1, mark.column + 1)
                top.key = value
                continue
            path = _path_of(top)
            positions[path] = (mark.line + 1, mark.column + 1)
            if kind is _MAPPING_START or kind is _SEQUENCE_START:
                stack.append(_Frame(value, path, ev.anchor, count - 1))
                continue
            if ev.anchor:
                anchors[ev.anchor] = (value, size)
        # attach the finished value to its parent
        if not stack:
            result = value
        else:
            parent = stack[-1]
            if parent.is_map:
                parent.value[parent.key] = value
                parent.key = _NO_KEY
            else:
                parent.value.append(value)
    if loader.check_event(yaml.DocumentStartEvent):
        ev = get_event()
        raise _Refused(
            ev.start_mark,
            "syntax error: expected a single document in the stream, but found another document",
        )
    return result


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            Problem(name, 1, 1, Level.ERROR, "", "file is UTF-16 encoded; save it as UTF-8")
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _line_col(raw[: e.start], b"\n")
        raise LoadError(
            Problem(
                name,
                line,
                col,
                Level.ERROR,
                "",
                f"not valid UTF-8 (byte 0x{raw[e.start]:02x}); save the file as UTF-8",
            )
        ) from None


def _line_col(before: Any, newline: Any) -> tuple[int, int]:
    """Line and column (from 1) of the position after `before` (text or bytes)."""
    return before.count(newline) + 1, len(before) - (before.rfind(newline) + 1) + 1


def _events(text: str) -> None:
    """Run the parser over `text` (raises yaml.MarkedYAMLError at its first fault)."""
    loader = _Loader(text)
    try:
        while loader.get_event() is not None and not loader.check_event(yaml.StreamEndEvent):
            pass
    finally:
        loader.dispose()


def parse(text: str, name: str) -> Document:
    """Parse YAML text into a Document, or raise LoadError with the position of the fault."""
    doc = Document(name, None)
    loader = None
    if not any(c in text for c in _SENTINELS.values()):
        for char, sentinel in _SENTINELS.items():
            text = text.replace(char, sentinel)
    try:
        loader = _Loader(text)
        breaks = any(c in text for c in _BREAK_CHARS)
        doc.data = _build(loader, doc, text.split("\n"), breaks)
    except _Refused as e:
        raise LoadError(
            Problem(name, e.mark.line + 1, e.mark.column + 1, Level.ERROR, "", e.message)
        ) from None
    except yaml.reader.ReaderError as e:
        line, col = _line_col(text[: e.position], "\n")
        char = e.character if isinstance(e.character, str) else chr(e.character)
        raise LoadError(
            Problem(
                name,
                line,
                col,
                Level.ERROR,
                "",
                f"syntax error: character U+{ord(char):04X} is not allowed in YAML",
            )
        ) from None
    except yaml.MarkedYAMLError as e:
        from gapcheck.formats import syntax

        lines = text.split("\n")
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message, more = e.problem or "invalid YAML", []
        try:  # plain words, and the other errors; the parser's own words if that fails
            line, col, message = syntax.explain(e, lines)
            more = [
                Problem(name, n, c, Level.ERROR, "", f"syntax error: {m}")
                for n, c, m in syntax.recover(text, (line, col), _events)
            ]
        except Exception:
            pass
        raise LoadError(
            Problem(name, line, col, Level.ERROR, "", f"syntax error: {message}"), more
        ) from None
    except RecursionError:
        raise LoadError(
            Problem(name, 1, 1, Level.ERROR, "", "syntax error: nesting too deep")
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def load(path: str | os.PathLike[str], name: str | None = None) -> Document:
    """Read and parse one YAML file. Raises UnreadableError or LoadError."""
    name = name or str(path)
    try:
        raw = read_regular(path, MAX_BYTES + 1)
    except NotRegularError as e:
        raise UnreadableError(Problem(name, 0, 0, Level.ERROR, "", str(e))) from None
    except OSError as e:
        reason = e.strerror or str(e)
        raise UnreadableError(
            Problem(name, 0, 0, Level.ERROR, "", f"cannot read file: {reason}")
        ) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> Document:
    """Parse YAML bytes read from somewhere (a file, a report's attachment).
    Raises LoadError."""
    if len(raw) > MAX_BYTES:
        raise LoadError(
            Problem(
                name, 1, 1, Level.ERROR, "", f"file is larger than {MAX_BYTES // 1024 // 1024} MiB"
            )
        )
    doc = parse(_decode(raw, name), name)
    doc.raw = raw
    return doc
