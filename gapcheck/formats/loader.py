"""Read YAML safely, keeping the line and column of every value.

Untrusted files are read with a loader of our own (the global PyYAML loaders are left
untouched): safe tags only, YAML 1.2 booleans (so `no`, `yes`, `NO` stay words), dates
kept as strings, duplicate keys and merge keys refused at their position, and limits on
size, nesting and alias expansion so that a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from gapcheck.formats.inputs import NotRegularError as NotRegularError
from gapcheck.formats.inputs import read_regular as read_regular
from gapcheck.formats.problems import Level, Problem, quote
from gapcheck.formats.record import Record
from gapcheck.formats.scalars import (
    _BOOL,
    _FLOAT,
    _INT,
    _MAP,
    _NULL,
    _SENTINELS,
    _SEQ,
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
_add(_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_add(_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_add(
    _FLOAT,
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
    "-+0123456789.",
)


_NO_KEY = object()


class _Frame:
    """An open mapping or sequence while events are read."""

    __slots__ = ("anchor", "count", "key", "path", "value")

    def __init__(self, value: Any, path: Path_, anchor: str | None, count: int) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.count = count
        self.key: Any = _NO_KEY


def _at(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _comment_after(lines: list[str], mark: Any) -> bool:
    rest = lines[mark.line][mark.column :] if mark.line < len(lines) else ""
    return rest[:1] in (" ", "\t") and rest.lstrip().startswith("#")


def _path_of(top: _Frame | None) -> Path_:
    if top is None:
        return ()
    return (*top.path, top.key if isinstance(top.value, dict) else len(top.value))


def _build(loader: Any, doc: Document, lines: list[str]) -> Any:
    """Build plain values from parser events in one pass, without recursion: positions
    recorded, nesting and alias expansion bounded, duplicate and complex keys refused."""
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    count = 0
    result: Any = None
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # document start
    while not loader.check_event(yaml.DocumentEndEvent):
        ev = loader.get_event()
        top = stack[-1] if stack else None
        at_key = top is not None and isinstance(top.value, dict) and top.key is _NO_KEY
        if isinstance(ev, yaml.CollectionEndEvent):
            frame = stack.pop()
            if frame.anchor:
                anchors[frame.anchor] = (frame.value, count - frame.count)
            value, size = frame.value, 0
        elif at_key and not isinstance(ev, yaml.ScalarEvent | yaml.AliasEvent):
            raise _Refused(ev.start_mark, "a key must be plain text, not a list or map")
        else:
            if isinstance(ev, yaml.AliasEvent):
                if ev.anchor not in anchors:
                    raise _Refused(ev.start_mark, f"unknown alias '*{ev.anchor}'")
                value, size = anchors[ev.anchor]
            elif isinstance(ev, yaml.ScalarEvent):
                tag = ev.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(yaml.ScalarNode, ev.value, ev.implicit)
                if at_key and tag == "tag:yaml.org,2002:merge":
                    raise _Refused(ev.start_mark, "merge keys (<<) are not supported")
                value, size = _scalar(tag, ev.value, ev.start_mark), 1
                if not ev.style and not at_key and _comment_after(lines, ev.end_mark):
                    doc.comments.add(_path_of(top))
                if at_key and not isinstance(value, str):
                    value = ev.value
            else:  # a mapping or sequence starts
                is_map = isinstance(ev, yaml.MappingStartEvent)
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
            if at_key:
                assert top is not None
                if not isinstance(value, str):
                    raise _Refused(ev.start_mark, "a key must be plain text, not a list or map")
                if value in top.value:
                    first = doc.key_positions[(*top.path, value)]
                    raise _Refused(
                        ev.start_mark,
                        f"duplicate key {quote(value)} (first defined at line {first[0]}); "
                        "merge the two entries",
                    )
                doc.key_positions[(*top.path, value)] = _at(ev.start_mark)
                top.key = value
                continue
            path: Path_ = ()
            if top is not None:
                path = (*top.path, top.key if isinstance(top.value, dict) else len(top.value))
            doc.positions[path] = _at(ev.start_mark)
            if isinstance(ev, yaml.CollectionStartEvent):
                stack.append(_Frame(value, path, ev.anchor, count - 1))
                continue
            if ev.anchor:
                anchors[ev.anchor] = (value, size)
        # attach the finished value to its parent
        if not stack:
            result = value
        elif isinstance(stack[-1].value, dict):
            stack[-1].value[stack[-1].key] = value
            stack[-1].key = _NO_KEY
        else:
            stack[-1].value.append(value)
    loader.get_event()  # document end
    if loader.check_event(yaml.DocumentStartEvent):
        ev = loader.get_event()
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
        doc.data = _build(loader, doc, text.split("\n"))
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


def load(path: str | Path, name: str | None = None) -> Document:
    """Read and parse one YAML file. Raises UnreadableError or LoadError."""
    name = name or str(path)
    try:
        raw = read_regular(Path(path), MAX_BYTES + 1)
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
