"""The layout of the answer workbook, shared by the writer (`output/xlsx.py`) and the
reader (`formats/xlsx.py`) so that both agree on every sheet, column and label.

A workbook has three visible sheets (Answers, Evidence, About) and one "very hidden" sheet
(`_gapcheck`) that records what was exported: the checklist and version, which item sits on
which row, and a digest of each row's read-only cells. The reader compares the workbook
with that record to find rows added, deleted or moved, read-only cells typed into and
sheets renamed, instead of guessing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gapcheck.formats.model import Item, Status

FORMAT = "gapcheck-workbook 2"
OLD_FORMATS = ("gapcheck-workbook 1",)
"""Earlier layouts, refused with their own message: version 1 had no Gap, Cap waived or
Reservation columns, no reservation ids and no report header fields, so reading it (or
merging it `--into` a file) would drop those fields."""
ANSWERS, EVIDENCE, ABOUT = "Answers", "Evidence", "About"
SHEETS = (ANSWERS, EVIDENCE, ABOUT)
META = "_gapcheck"
"""The very hidden sheet (not listed by Excel's or LibreOffice's "unhide")."""
MAX_TEXT = 32_767
"""Excel's limit on the characters of one cell; longer text would be cut by Excel."""
EVIDENCE_SPARE_ROWS = 200
"""Empty, unlocked, text-formatted rows below the evidence for new entries."""


def _(message: str) -> str:
    """Marks a header or label for `make messages`; the writer translates it (the sheet's
    language) and records what it wrote in the hidden sheet, which the reader compares."""
    return message


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    editable: bool = False
    date: bool = False
    """A date column: a date typed in a General cell comes back as a date, read as YYYY-MM-DD."""


ANSWER_COLUMNS = (
    Column("item", _("Item"), 20),
    Column("ref", _("Ref"), 13),
    Column("article", _("Article"), 8),
    Column("tier", _("Tier"), 12),
    Column("title", _("Title"), 28),
    Column("provision", _("Treaty provision"), 48),
    Column("question", _("Question"), 48),
    Column("status", _("Status"), 12, editable=True),
    Column("reasons", _("Reasons (partial)"), 20, editable=True),
    Column("notes", _("Notes"), 45, editable=True),
    Column("justification", _("Justification (n/a)"), 28, editable=True),
    Column("recommendation", _("Recommendation"), 32, editable=True),
    Column("implementation", _("Implementation"), 32, editable=True),
    Column("gap", _("Gap (what is missing)"), 32, editable=True),
    Column("not_capped", _("Cap waived because (capped items)"), 28, editable=True),
    Column("reservation", _("Reservation id"), 14, editable=True),
)
FIXED = tuple(c.key for c in ANSWER_COLUMNS if not c.editable)
TEXT_ANSWER_FIELDS = (
    "notes",
    "justification",
    "recommendation",
    "implementation",
    "gap",
    "not_capped",
    "reservation",
)


def answer_cell_open(item: Item, key: str) -> bool:
    """Whether an item's answer cell can be filled: `not_capped` only on items with a cap,
    `reservation` only on treaty obligations (as the assessment checks require)."""
    if key == "not_capped":
        return bool(item.capped_by)
    if key == "reservation":
        return item.tier is not None and item.ref is not None
    return True


EVIDENCE_COLUMNS = (
    Column("item", _("Item"), 22, editable=True),
    Column("instrument", _("Instrument"), 30, editable=True),
    Column("provision", _("Provision"), 14, editable=True),
    Column("excerpt", _("Excerpt (verbatim)"), 60, editable=True),
    Column("in_force", _("In force (YYYY-MM-DD)"), 14, editable=True, date=True),
    Column("url", _("URL"), 36, editable=True),
)


@dataclass(frozen=True)
class AboutField:
    key: str
    """Dotted data path: `country.name`. `reservations.id` and `reservations.text` repeat:
    one pair of rows per reservation (the id optional), read back in pairs."""
    label: str
    editable: bool = True
    choices: tuple[str, ...] = ()
    date: bool = False


ABOUT_FIELDS = (
    AboutField("checklist", _("Checklist"), editable=False),
    AboutField("checklist_version", _("Checklist version"), editable=False),
    AboutField("country.name", _("Country")),
    AboutField("country.code", _("Country code (ISO 3166-1, two letters)")),
    AboutField("country.fictional", _("Fictional State"), choices=("true", "false")),
    AboutField("as_of", _("Law assessed as of (YYYY-MM-DD)"), date=True),
    AboutField("assessors", _("Assessors (one per line)")),
    AboutField("reviewer", _("Reviewer")),
    AboutField("report_status", _("Report status"), choices=("draft", "final")),
    AboutField("language", _("Report language (e.g. en)")),
    AboutField(
        "ratification.status",
        _("Ratification"),
        choices=("ratified", "acceded", "succeeded", "signed", "not_signed"),
    ),
    AboutField("ratification.date", _("Ratification date (YYYY-MM-DD)"), date=True),
    AboutField("reservations.id", _("Reservation id (optional; answers name it, e.g. adoption)")),
    AboutField("reservations.text", _("Reservation or declaration (verbatim)")),
    AboutField("summary", _("Summary")),
    AboutField("prepared_for", _("Prepared for (e.g. a parliamentary committee)")),
    AboutField("prepared_by", _("Prepared by (organization)")),
    AboutField("contact", _("Contact for comments")),
    AboutField("disclaimer", _("Disclaimer (back of the cover)")),
)
RESERVATION_KEYS = ("reservations.id", "reservations.text")
ABOUT_BY_KEY = {f.key: f for f in ABOUT_FIELDS}
ABOUT_HEADER = (_("Field"), _("Value"))
RESERVATION_SPARE = 1
"""Empty reservation row pairs after the existing ones, so that one can be added."""

PLAIN_LABELS: dict[Status, str] = {s: s.value for s in Status}
"""The statuses as written in YAML: the English workbook's drop-down, and accepted in any."""


def status_record(labels: Mapping[Status, str]) -> list[str]:
    """The drop-down's labels for the hidden record: value, label, value, label…"""
    return [text for s in Status for text in (s.value, labels[s])]


def status_labels(record: list[str] | None) -> dict[Status, str]:
    """The labels a workbook's drop-down offers, from its record (a workbook written
    without one, in English, offers the plain values)."""
    labels = dict(PLAIN_LABELS)
    pairs = record or []
    for value, label in zip(pairs[::2], pairs[1::2], strict=False):
        if value in labels and label.strip():
            labels[Status(value)] = label
    return labels


def status_of(text: str, labels: Mapping[Status, str]) -> Status | None:
    """The status a cell names, as the sheet's drop-down words it or as written in YAML;
    None if none. Case and surrounding blanks do not matter (the drop-down's own values
    are exact)."""
    wanted = text.strip().casefold()
    for status in Status:
        if wanted in (labels.get(status, status.value).strip().casefold(), status.value):
            return status
    return None


def headers_kind(sheet: str) -> str:
    """The hidden record's kind for the headers a sheet was written with."""
    return f"headers {sheet}"


def shown_headers(record: list[str] | None, columns: tuple[Column, ...]) -> list[str]:
    """A sheet's headers as written (in its language), from the hidden record; the English
    ones for a workbook written without that record."""
    if record and len(record) == len(columns):
        return list(record)
    return [c.header for c in columns]


def tier_label(item: Item) -> str:
    return item.tier.value if item.tier else "not scored"


def fixed_cells(item: Item) -> dict[str, str]:
    """The read-only text of an item's row, exactly as the sheet shows it."""
    return {
        "item": item.id,
        "ref": item.ref or "good practice",
        "article": "" if item.article is None else str(item.article),
        "tier": tier_label(item),
        "title": item.title,
        "provision": item.provision,
        "question": item.question,
    }


def digest(values: Iterable[str]) -> str:
    """A short fingerprint of some cell texts (not a secret: it detects edits, not forgery)."""
    h = hashlib.sha256("\x1f".join(values).encode("utf-8"))
    return h.hexdigest()[:20]


def join_reasons(reasons: Iterable[str]) -> str:
    """Reason codes as one cell: `a, b`; one per line if a reason itself has a comma."""
    reasons = list(reasons)
    sep = "\n" if any("," in r or ";" in r for r in reasons) else ", "
    return sep.join(reasons)


def split_reasons(text: str) -> list[str]:
    parts = text.split("\n") if "\n" in text else re.split(r"[,;]", text)
    return [p.strip() for p in parts if p.strip()]


def join_lines(values: Iterable[str]) -> str:
    return "\n".join(values)


def split_lines(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell_name(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"
