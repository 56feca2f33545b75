"""Read YAML safely, keeping the line and column of every value.

Untrusted files are read with a loader of our own (the global PyYAML loaders are left
untouched): safe tags only, YAML 1.2 booleans (so `no`, `yes`, `NO` stay words), dates
kept as strings, duplicate keys and merge keys refused at their position, and limits on
size, nesting and alias expansion so that a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gapcheck.problems import Level, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
"""Values constructed, counting every expansion of an alias (a 'billion laughs' file hits this)."""

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class LoadError(Exception):
    """The file cannot be read as YAML; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class UnreadableError(LoadError):
    """The file does not exist or cannot be opened (exit code 2, not 1)."""


@dataclass
class Document:
    """A YAML document as plain Python values, with where each value and key stands."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value, by data path."""
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each mapping key, by the path of its value."""

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
    """Safe loader with YAML 1.2 core scalars, used only to compose nodes."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012  (PyYAML keeps resolvers per class)


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing (composition is recursive)."""
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise yaml.composer.ComposerError(
                        None,
                        None,
                        f"nesting deeper than {MAX_DEPTH} levels",
                        event.start_mark,  # type: ignore[arg-type]
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


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


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    tag = node.tag
    if tag in (_STR, _TIMESTAMP):  # an explicit !!timestamp stays the text it is
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if tag == _FLOAT:
        low = value.lower().lstrip("+")
        if low in (".inf", "-.inf", ".nan"):
            return float(low.replace(".", ""))
        return float(value)
    raise _Refused(node.start_mark, f"unsupported tag '{_tag(tag)}'; write plain text instead")


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        self.mark = mark
        self.message = message


class _Builder:
    """Turns composed nodes into Python values, recording positions as it goes."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Refused(
                node.start_mark,
                f"document expands to more than {MAX_NODES} values (aliases?); refusing to read it",
            )
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise _Refused(node.start_mark, f"unsupported tag '{_tag(node.tag)}'")
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise _Refused(node.start_mark, f"unsupported tag '{_tag(node.tag)}'")
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _Refused(key_node.start_mark, "merge keys (<<) are not supported")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _Refused(
                        key_node.start_mark, "a key must be plain text, not a list or map"
                    )
                key = _scalar(key_node)
                key = key if isinstance(key, str) else key_node.value
                if key in result:
                    first = self.doc.key_positions[(*path, key)]
                    raise _Refused(
                        key_node.start_mark,
                        f"duplicate key {key!r} (first defined at line {first[0]}); "
                        "merge the two entries",
                    )
                self.doc.key_positions[(*path, key)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                result[key] = self.build(value_node, (*path, key))
            return result
        raise _Refused(node.start_mark, "unsupported YAML node")  # pragma: no cover


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
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
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


def parse(text: str, name: str) -> Document:
    """Parse YAML text into a Document, or raise LoadError with the position of the fault."""
    doc = Document(name, None)
    loader = None
    try:
        _check_depth(text)
        loader = _Loader(text)
        node = loader.get_single_node()
        doc.data = _Builder(doc).build(node, ()) if node is not None else None
    except _Refused as e:
        raise LoadError(
            Problem(name, e.mark.line + 1, e.mark.column + 1, Level.ERROR, "", e.message)
        ) from None
    except yaml.reader.ReaderError as e:
        before = text[: e.position]
        line = before.count("\n") + 1
        col = e.position - (before.rfind("\n") + 1) + 1
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
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = e.problem or "invalid YAML"
        if e.context and e.problem:
            message = f"{e.context}, {e.problem}"
        lines = text.split("\n")
        if (
            mark
            and mark.line < len(lines)
            and lines[mark.line][mark.column : mark.column + 1] == "\t"
        ):
            message += " (a tab: indent with spaces, not tabs)"
        if "mapping values are not allowed" in message:
            message += " (text containing ': ' must be put in quotes)"
        raise LoadError(
            Problem(name, line, col, Level.ERROR, "", f"syntax error: {message}")
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
    p = Path(path)
    try:
        if p.is_dir():
            raise UnreadableError(Problem(name, 0, 0, Level.ERROR, "", "is a directory"))
        with p.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        reason = e.strerror or str(e)
        raise UnreadableError(
            Problem(name, 0, 0, Level.ERROR, "", f"cannot read file: {reason}")
        ) from None
    if len(raw) > MAX_BYTES:
        raise LoadError(
            Problem(
                name, 1, 1, Level.ERROR, "", f"file is larger than {MAX_BYTES // 1024 // 1024} MiB"
            )
        )
    return parse(_decode(raw, name), name)
