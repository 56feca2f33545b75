"""A small declarative description of a YAML format: one source for validation and JSON Schema.

Both file formats (checklists, assessments) are described with `Field`s. `check` walks a
document against a Field and collects every problem with its position; `json_schema`
turns the same Field into the JSON Schema that editors use for completion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from gapcheck.formats.loader import Document, Path_
from gapcheck.formats.problems import Level, Problem

Kind = Literal["text", "date", "number", "integer", "bool", "choice", "list", "map", "either"]

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Field:
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
    return repr(value)


_EXPECTED = {
    "text": "text",
    "date": "a date as YYYY-MM-DD, such as 2026-03-01",
    "number": "a number",
    "integer": "a whole number",
    "bool": "true or false",
    "list": "a list",
    "map": "a mapping of keys to values",
}


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
            got = repr(value) if isinstance(value, str) else _describe(value)
            hint = suggest(value, spec.choices) if isinstance(value, str) else ""
            self.error(path, f"expected one of {', '.join(spec.choices)}; got {got}{hint}")
            return False
        if kind == "text":
            if isinstance(value, str):
                if spec.pattern and not re.fullmatch(spec.pattern, value):
                    self.error(
                        path,
                        f"{spec.pattern_hint or 'does not match ' + spec.pattern}; got {value!r}",
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
                    self.error(path, f"{value!r} is not a real date")
                    return False
            self.error(path, f"expected {_EXPECTED['date']}; got {_describe(value)}")
            return False
        if kind in ("number", "integer"):
            ok_type = int if kind == "integer" else (int, float)
            if not isinstance(value, ok_type) or isinstance(value, bool):
                self.error(path, f"expected {_EXPECTED[kind]}; got {_describe(value)}")
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
            if spec.of is not None:
                for i, element in enumerate(value):
                    self.check(element, spec.of, (*path, i))
            return True
        if kind == "map":
            if not isinstance(value, dict):
                self.error(path, f"expected {_EXPECTED['map']}; got {_describe(value)}")
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
                    message = f"unknown {spec.unknown_what} '{key}'{suggest(key, known)}"
                else:
                    message = f"unknown key '{key}' is ignored{suggest(key, known)}"
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
