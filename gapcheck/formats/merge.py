"""Assessment data as YAML text: a new file, or merged into an existing one keeping its
comments, key order and quoting (ruamel.yaml's round-trip mode, used only to write).

Everything written is read back with gapcheck's own safe loader and compared with the data
before it is returned, so a value that YAML would change (a `no` becoming false, a date, a
number, trailing blanks in a block) can never slip through.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from gapcheck.formats import loader
from gapcheck.formats.model import Answer, Assessment, Reservation

HEADER_KEYS = (
    "checklist",
    "checklist_version",
    "country",
    "as_of",
    "assessors",
    "reviewer",
    "report_status",
    "language",
    "ratification",
    "reservations",
    "summary",
    "prepared_for",
    "prepared_by",
    "contact",
    "disclaimer",
)
_MODEL_FIELD = HEADER_KEYS[2:]
"""Header fields compared through the model (so `fictional: false` equals no key)."""


_ONLY_WHEN_GIVEN = ("not_capped", "reservation")
"""Answer keys removed when emptied: an empty `not_capped` or `reservation` is an error."""


class MergeError(ValueError):
    """The result would not say what the data says (a bug: please report it)."""


WIDTHS = (100, 1_000_000)
"""Lines are folded at 100 characters; if folding would change a value (ruamel.yaml
mis-folds some long lines with runs of blanks), everything is written unfolded."""


def _yaml(width: int = WIDTHS[0]) -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.width = width
    y.indent(mapping=2, sequence=4, offset=2)
    y.preserve_quotes = True
    y.allow_unicode = True
    return y


def _block_safe(s: str) -> bool:
    """Text a literal block (`|`) holds exactly: several lines, no blanks at line ends or
    start, only printable characters."""
    if "\n" not in s.strip("\n") or s != s.strip() or "\t" in s:
        return False
    if any(line != line.rstrip() for line in s.split("\n")):
        return False
    return all(ch.isprintable() or ch == "\n" for ch in s) and "\ufeff" not in s


def _styled(value: Any, blocks: bool) -> Any:
    """Plain data as ruamel nodes: multi-line text as literal blocks (when `blocks`)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = _styled(v, blocks)
        return m
    if isinstance(value, list):
        seq = CommentedSeq(_styled(v, blocks) for v in value)
        return seq
    if blocks and isinstance(value, str) and _block_safe(value):
        return LiteralScalarString(value)
    return value


def _plain(node: Any) -> Any:
    """What a ruamel node means, as gapcheck's loader would give it."""
    import datetime

    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, datetime.date):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    return node


def _dump(doc: Any, head: str = "") -> str:
    """YAML text of `doc`, checked: read back by gapcheck's loader it means the same."""
    want = _plain(doc)
    for width in WIDTHS:
        buf = io.StringIO()
        _yaml(width).dump(doc, buf)
        text = head + buf.getvalue()
        try:
            if loader.parse(text, "<written>").data == want:
                return text
        except loader.LoadError:
            pass
    raise MergeError("the YAML written would not read back as the data")


def dump_new(data: dict[str, Any], comment: str = "") -> str:
    """YAML text of assessment data, header first, answers in the data's order."""
    ordered = {k: data[k] for k in (*HEADER_KEYS, "answers") if k in data}
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    try:
        return _dump(_styled(ordered, True), head)
    except MergeError:
        return _dump(_styled(ordered, False), head)


def _changed_fields(old: Answer, new: Answer) -> list[str]:
    return [f.name for f in fields(Answer) if getattr(old, f.name) != getattr(new, f.name)]


def _describe(old: Answer, new: Answer, names: list[str]) -> str:
    parts = []
    for name in names:
        if name == "status":
            parts.append(f"status {old.status.value} → {new.status.value}")
        elif name == "evidence" and len(old.evidence) != len(new.evidence):
            parts.append(f"evidence ({len(old.evidence)} → {len(new.evidence)} entries)")
        else:
            parts.append(f"{name} changed")
    return ", ".join(parts)


def merge_into(
    text: str, data: dict[str, Any], old: Assessment, new: Assessment, item_ids: Iterable[str]
) -> tuple[str, list[str]]:
    """`text` (a valid assessment) with the workbook's data merged in: only the header
    fields and answer fields of `item_ids` that mean something different are written (so
    comments, order and style of the rest stay), each change listed in the result. The
    caller reads the result back with the safe loader before using it."""
    from ruamel.yaml.comments import CommentedMap

    doc = _yaml().load(text)
    changes: list[str] = []
    for key in _MODEL_FIELD:
        before, after = getattr(old, key), getattr(new, key)
        if before == after:
            continue
        if key in data:
            doc[key] = _styled(data[key], True)
        elif key in doc:
            del doc[key]
        changes.append(f"{key}: {_show(before)} → {_show(after)}")
    if not isinstance(doc.get("answers"), dict):
        doc["answers"] = CommentedMap()
    answers = doc["answers"]
    order = {i: n for n, i in enumerate(old.checklist.item_ids)}
    for item in item_ids:
        before, after = old.answer(item), new.answer(item)
        names = _changed_fields(before, after)
        if not names:
            continue
        changes.append(f"answers.{item}: {_describe(before, after, names)}")
        given = data["answers"].get(item, {"status": "unknown"})
        entry = answers.get(item)
        if not isinstance(entry, dict):
            later = [k for k in answers if order.get(k, len(order)) > order[item]]
            pos = list(answers).index(later[0]) if later else len(answers)
            answers.insert(pos, item, _styled(given, True))
            continue
        for key in names:
            if key in given:
                entry[key] = _styled(given[key], True)
            elif key in entry and key in _ONLY_WHEN_GIVEN:
                del entry[key]
            elif key in entry:
                entry[key] = [] if key in ("reasons", "evidence") else ""
    return _dump(doc), changes


def _show(value: Any) -> str:
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if hasattr(value, "name") and hasattr(value, "code"):
        return repr(value.name)
    if isinstance(value, Reservation):
        value = f"{value.id}: {value.text}" if value.id else value.text
    text = str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")
