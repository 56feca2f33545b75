"""Reading a filled worksheet form (`gapcheck worksheet --fillable`) back into answers.

The PDF is untrusted: its size is capped, pypdf's errors become one plain message, only
the fields the worksheet defines are read (`<item>:status`, `<item>:law<n>:instrument`,
`<item>:law<n>:provision`, `<item>:notes`, and the cover's participant, state, date), and
every value is length-capped text. Writing the assessment (YAML, every string quoted as
JSON, which YAML reads as is) is `to_yaml`; the caller validates it like any file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.formats.model import Checklist

MAX_BYTES = 50_000_000
MAX_TEXT = 5_000
STATUSES = ("yes", "partial", "no", "n/a")
_NAME = re.compile(
    r"(?P<item>[A-Za-z0-9_.-]+):(?:(?P<what>status|notes)|law(?P<n>\d{1,2}):(?P<col>instrument|provision))"
)


class FormError(ValueError):
    """The file is not a readable worksheet form."""


@dataclass
class FilledItem:
    status: str = ""
    law: dict[int, dict[str, str]] = field(default_factory=dict)
    notes: str = ""

    @property
    def evidence(self) -> list[tuple[str, str]]:
        rows = [self.law[n] for n in sorted(self.law)]
        return [
            (r.get("instrument", ""), r.get("provision", "")) for r in rows if r.get("instrument")
        ]

    @property
    def empty(self) -> bool:
        return not (self.status or self.notes or any(any(r.values()) for r in self.law.values()))


@dataclass(frozen=True)
class FilledForm:
    cover: dict[str, str]
    """participant, state and date as written on the cover."""
    items: dict[str, FilledItem]
    """Items with anything filled in, in the order of the form."""
    problems: tuple[str, ...]
    """What was filled but cannot be used (a provision without its instrument…)."""


def _text(value: object) -> str:
    text = str(value) if value is not None else ""
    text = "".join(c for c in text if c in "\n\t" or c.isprintable())
    return text.strip()[:MAX_TEXT]


def _status(obj: Any) -> str:
    """The chosen status of a radio group: its value, or (as some writers leave it) the
    state of the one kid switched on."""
    options = [str(o) for o in obj.get("/Opt", [])]
    chosen = [str(obj.get("/V", "/Off"))]
    chosen += [str(k.get_object().get("/AS", "/Off")) for k in obj.get("/Kids", [])]
    for value in chosen:
        key = value.lstrip("/")
        if key in ("", "Off"):
            continue
        if key.isdigit() and int(key) < len(options):
            return options[int(key)]
        if key in STATUSES:
            return key
    return ""


def read_form(path: str | Path) -> FilledForm:
    """The answers filled in worksheet form `path`. Raises FormError when it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise FormError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB; not a worksheet")
        reader = PdfReader(path)
        root: Any = reader.trailer["/Root"]
        form: Any = root.get("/AcroForm")
        fields = (
            [] if form is None else [f.get_object() for f in form.get_object().get("/Fields", [])]
        )
    except FormError:
        raise
    except OSError as e:
        raise FormError(f"{path}: cannot read: {e.strerror}") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        raise FormError(f"{path}: not a readable PDF ({type(e).__name__})") from None
    if not fields:
        raise FormError(
            f"{path}: has no form fields; make the form with `gapcheck worksheet --fillable`"
        )
    try:
        cover, items = _collect(fields)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        raise FormError(f"{path}: damaged form fields ({type(e).__name__})") from None
    problems = []
    for item_id, item in items.items():
        for n, row in sorted(item.law.items()):
            if row.get("provision") and not row.get("instrument"):
                problems.append(
                    f"{item_id}: line {n} of the national law has a provision but no instrument; left out"
                )
    filled = {k: v for k, v in items.items() if not v.empty}
    return FilledForm(cover, filled, tuple(problems))


def _collect(fields: list[Any]) -> tuple[dict[str, str], dict[str, FilledItem]]:
    cover: dict[str, str] = {}
    items: dict[str, FilledItem] = {}
    for obj in fields:
        if "/Parent" in obj:
            continue  # a radio button; its group carries the name
        name = _text(obj.get("/T"))
        if name in ("participant", "state", "date"):
            cover[name] = _text(obj.get("/V"))
            continue
        m = _NAME.fullmatch(name)
        if m is None:
            continue
        item = items.setdefault(m["item"], FilledItem())
        if m["what"] == "status":
            item.status = _status(obj)
        elif m["what"] == "notes":
            item.notes = _text(obj.get("/V"))
        else:
            item.law.setdefault(int(m["n"]), {})[m["col"]] = _text(obj.get("/V"))
    return cover, items


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def to_yaml(form: FilledForm, cl: Checklist, *, country: str, as_of: str, source: str) -> str:
    """An assessment of checklist `cl` with the form's answers. Items with no status are
    left out (unknown); notes or law written without a status are kept only as notes of a
    status `unknown` answer, so nothing written is lost."""
    assessor = form.cover.get("participant", "")
    out = [
        f"# Imported from the worksheet form {source} by gapcheck import-form.",
        "# Check it with: gapcheck validate FILE",
        f"checklist: {_q(cl.id)}",
        f"checklist_version: {_q(cl.version)}",
        f"country: {{name: {_q(country)}}}",
        f"as_of: {_q(as_of)}",
        f"assessors: [{_q(assessor)}]" if assessor else "assessors: []",
        "report_status: draft",
        "answers:",
    ]
    known = set(cl.item_ids)
    for item_id, item in form.items.items():
        if item_id not in known:
            continue
        out.append(f"  {item_id}:")
        out.append(f"    status: {_q(item.status or 'unknown')}")
        if item.evidence:
            out.append("    evidence:")
            for instrument, provision in item.evidence:
                out.append(f"      - {{instrument: {_q(instrument)}, provision: {_q(provision)}}}")
        if item.notes and item.status == "n/a":  # the worksheet asks why, under Notes
            out.append(f"    justification: {_q(item.notes)}")
        elif item.notes:
            out.append(f"    notes: {_q(item.notes)}")
    if out[-1] == "answers:":
        out[-1] = "answers: {}  # nothing was filled in"
    return "\n".join(out) + "\n"
