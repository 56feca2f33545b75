"""A small declarative description of a YAML format: one source for validation and JSON Schema.

Both file formats (checklists, assessments) are described with `Field`s. `check` walks a
document against a Field and collects every problem with its position; `json_schema`
turns the same Field into the JSON Schema that editors use for completion.
"""

from __future__ import annotations

import math
import re
from dataclasses import field
from datetime import date
from typing import Any, Literal

from gapcheck.formats.loader import Document, Path_
from gapcheck.formats.problems import EXCERPT, Level, Problem, escaped, quote
from gapcheck.formats.record import Record

Kind = Literal["text", "date", "number", "integer", "bool", "choice", "list", "map", "either"]

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

MAX_TEXT = 20_000
"""Characters of one text value (a long provision quoted in full is some 5,000)."""


class Field(Record):
    """What one value of a format may be."""

    kind: Kind
    doc: str = ""
    required: bool = False
    nullable: bool = False
    choices: tuple[str, ...] = ()
    """Allowed values of a `choice`."""
    of: Field | None = None
    """Element of a `list`."""
    fields: dict[str, Field] = field(default_factory=dict)
    """Known keys of a `map`."""
    values: Field | None = None
    """Value of every key of a `map` whose keys are free (then `fields` is empty)."""
    unknown_keys: Level = Level.WARNING
    """How a key not in `fields` is reported."""
    unknown_what: str = "key"
    pattern: str | None = None
    pattern_hint: str = ""
    minimum: float | None = None
    exclusive_minimum: bool = False
    options: tuple[Field, ...] = ()
    """Shapes an `either` may take, told apart by the value's type (text, list or mapping)."""
    max_items: int | None = None
    """Most elements of a `list` (what one report can cost is bounded: docs/limits.md)."""
    max_length: int | None = MAX_TEXT
    """Most characters of a `text`."""


def is_date(value: Any) -> bool:
    """Whether `value` is a real date written YYYY-MM-DD."""
    if not (isinstance(value, str) and DATE_RE.match(value)):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
"""Control characters no font draws (tab, newline, CR and NEL are line breaks or spaces)."""

_CONTROL_NAMES = {
    0x0B: " (a vertical tab: what Word's manual line break becomes)",
    0x0C: " (a form feed: a page break)",
    0x1B: " (escape)",
    0x00: " (null)",
}


def text(doc: str = "", **kw: Any) -> Field:
    return Field("text", doc, **kw)


def suggest(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    """' Did you mean …?' for the closest candidate, or ''."""
    import difflib  # only needed when something is wrong

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def path_str(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, str):  # keys are ids: a look-alike letter shows as \u0430
            part = escaped(part[:EXCERPT], ascii_only=True)
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return quote(value) if isinstance(value, str) else type(value).__name__


_EXPECTED = {
    "text": "text",
    "date": "a date as YYYY-MM-DD, such as 2026-03-01",
    "number": "a number",
    "integer": "a whole number",
    "bool": "true or false",
    "list": "a list",
    "map": "a mapping of keys to values",
}


def _shape(spec: Field, path: Path_, value: Any) -> str:
    """'; write it as:' and a two-line example of the mapping expected (`age: no` → `age:` /
    `  status: no`)."""
    key = next((k for k, f in spec.fields.items() if f.required), None)
    if key is None or not path or isinstance(value, list | dict):
        return ""
    shown = "..." if value is None or isinstance(value, bool) else str(value)[:20]
    return f"; write it as:\n    {path[-1]}:\n      {key}: {shown}"


_PYTHON: dict[str, type | tuple[type, ...]] = {"text": str, "list": list, "map": dict}
"""What an `either` option's value is in Python (the options are told apart by this)."""


class Checker:
    """Collects the problems of one document against a Field."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: Path_, level: Level, message: str, *, key: bool = False) -> None:
        line, col = self.doc.where(path, key=key)
        self.problems.append(Problem(self.doc.file, line, col, level, path_str(path), message))

    def error(self, path: Path_, message: str, *, key: bool = False) -> None:
        self.add(path, Level.ERROR, message, key=key)

    def warning(self, path: Path_, message: str, *, key: bool = False) -> None:
        self.add(path, Level.WARNING, message, key=key)

    def check(self, value: Any, spec: Field, path: Path_ = ()) -> bool:
        """Check `value`; return True when it has the right shape (children may still be wrong)."""
        if value is None and spec.nullable:
            return True
        kind = spec.kind
        if kind == "either":
            for option in spec.options:
                if isinstance(value, _PYTHON[option.kind]):
                    return self.check(value, option, path)
            wanted = " or ".join(_EXPECTED[o.kind] for o in spec.options)
            self.error(path, f"expected {wanted}; got {_describe(value)}")
            return False
        if kind == "choice":
            if isinstance(value, str) and value in spec.choices:
                return True
            got = _describe(value)
            hint = suggest(value, spec.choices) if isinstance(value, str) else ""
            self.error(path, f"expected one of {', '.join(spec.choices)}; got {got}{hint}")
            return False
        if kind == "text":
            if isinstance(value, str) and (bad := _CONTROL.search(value)):
                code = ord(bad.group())
                self.error(
                    path,
                    f"character {bad.start() + 1} of the text is the control character "
                    f"U+{code:04X}{_CONTROL_NAMES.get(code, '')}, which cannot be printed; "
                    "replace it with a space or a line break",
                )
                return True
            if isinstance(value, str) and spec.max_length and len(value) > spec.max_length:
                self.error(
                    path,
                    f"{len(value):,} characters; at most {spec.max_length:,} are read here "
                    "(see docs/limits.md): quote the essential part and cite the rest",
                )
                return True
            if isinstance(value, str) and path in self.doc.comments and not spec.pattern:
                self.warning(
                    path,
                    "the text after ' #' was read as a comment; put the value in quotes to keep it",
                )
            if isinstance(value, str):
                if spec.pattern and not re.fullmatch(spec.pattern, value):
                    self.error(
                        path,
                        f"{spec.pattern_hint or 'does not match ' + spec.pattern}; got {quote(value)}",
                    )
                return True
            hint = ""
            if isinstance(value, int | float) and not isinstance(value, bool):
                hint = "; put it in quotes to keep it as written"
            self.error(path, f"expected text; got {_describe(value)}{hint}")
            return False
        if kind == "date":
            if isinstance(value, str) and DATE_RE.match(value):
                try:
                    date.fromisoformat(value)
                    return True
                except ValueError:
                    self.error(path, f"{quote(value)} is not a real date")
                    return False
            self.error(path, f"expected {_EXPECTED['date']}; got {_describe(value)}")
            return False
        if kind in ("number", "integer"):
            ok_type = int if kind == "integer" else (int, float)
            if not isinstance(value, ok_type) or isinstance(value, bool):
                self.error(path, f"expected {_EXPECTED[kind]}; got {_describe(value)}")
                return False
            if isinstance(value, float) and not math.isfinite(value):
                self.error(path, f"expected a finite {_EXPECTED[kind][2:]}; got {value}")
                return False
            if spec.minimum is not None and (
                value <= spec.minimum if spec.exclusive_minimum else value < spec.minimum
            ):
                bound = "greater than" if spec.exclusive_minimum else "at least"
                self.error(path, f"must be {bound} {spec.minimum:g}; got {value}")
                return False
            return True
        if kind == "bool":
            if isinstance(value, bool):
                return True
            self.error(path, f"expected true or false; got {_describe(value)}")
            return False
        if kind == "list":
            if not isinstance(value, list):
                self.error(path, f"expected a list; got {_describe(value)}")
                return False
            if spec.max_items is not None and len(value) > spec.max_items:
                self.error(
                    path,
                    f"{len(value)} entries; at most {spec.max_items} are read here "
                    "(see docs/limits.md)",
                )
                return True
            if spec.of is not None:
                for i, element in enumerate(value):
                    self.check(element, spec.of, (*path, i))
            return True
        if kind == "map":
            if not isinstance(value, dict):
                self.error(
                    path,
                    f"expected {_EXPECTED['map']}; got {_describe(value)}{_shape(spec, path, value)}",
                )
                return False
            self.check_map(value, spec, path)
            return True
        raise AssertionError(kind)  # pragma: no cover

    def check_map(self, value: dict[str, Any], spec: Field, path: Path_) -> None:
        known = list(spec.fields)
        for key, element in value.items():
            if spec.values is not None:
                self.check(element, spec.values, (*path, key))
            elif key in spec.fields:
                self.check(element, spec.fields[key], (*path, key))
            else:
                if spec.unknown_keys is Level.ERROR:
                    message = f"unknown {spec.unknown_what} {quote(key, ascii_only=True)}{suggest(key, known)}"
                else:
                    message = (
                        f"unknown key {quote(key, ascii_only=True)} is ignored{suggest(key, known)}"
                    )
                    if not suggest(key, known) and len(known) <= 12:
                        message += f" (known keys: {', '.join(known)})"
                self.add((*path, key), spec.unknown_keys, message, key=True)
        for key, sub in spec.fields.items():
            if sub.required and key not in value:
                self.error(path, f"missing required key '{key}'")


def json_schema(spec: Field) -> dict[str, Any]:
    """The JSON Schema (draft-07) of a Field, for editors."""
    out: dict[str, Any] = {}
    if spec.doc:
        out["description"] = spec.doc
    kind = spec.kind
    if kind == "either":
        out["anyOf"] = [json_schema(o) for o in spec.options]
    elif kind == "choice":
        out["enum"] = list(spec.choices)
    elif kind == "text":
        out["type"] = "string"
        if spec.max_length:
            out["maxLength"] = spec.max_length
        if spec.pattern:
            out["pattern"] = f"^(?:{spec.pattern})$"
    elif kind == "date":
        out["type"] = "string"
        out["pattern"] = DATE_RE.pattern
    elif kind in ("number", "integer"):
        out["type"] = kind
        if spec.minimum is not None:
            out["exclusiveMinimum" if spec.exclusive_minimum else "minimum"] = spec.minimum
    elif kind == "bool":
        out["type"] = "boolean"
    elif kind == "list":
        out["type"] = "array"
        if spec.max_items is not None:
            out["maxItems"] = spec.max_items
        if spec.of is not None:
            out["items"] = json_schema(spec.of)
    elif kind == "map":
        out["type"] = "object"
        out["properties"] = {k: json_schema(v) for k, v in spec.fields.items()}
        if spec.values is not None:
            out["additionalProperties"] = json_schema(spec.values)
        required = [k for k, v in spec.fields.items() if v.required]
        if required:
            out["required"] = required
        if spec.unknown_keys is Level.ERROR:
            out["additionalProperties"] = False
    if spec.nullable:
        if "type" in out:
            out["type"] = [out["type"], "null"]
        elif "enum" in out:
            out["enum"] = [*out["enum"], None]
    return out
