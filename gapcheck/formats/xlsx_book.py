"""Open an .xlsx file someone sent back, safely, as plain cell values.

The workbook is an untrusted file: it is checked as a zip archive before any XML is parsed
(size, number of parts, compression ratio: no zip bombs), read in openpyxl's read-only
streaming mode with external links dropped, XML entity attacks refused by defusedxml,
and each sheet read only up to a row and column limit. Formulas are never evaluated: a
formula cell is seen as a formula, and the reader reports it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gapcheck.formats.problems import Level, Problem

MAX_FILE = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
MAX_PARTS = 2_000
MAX_RATIO = 200
"""Unpacked/packed size of one part; ordinary sheets stay far below (about 10–30)."""
MAX_ROWS = 20_000
MAX_COLS = 40


@dataclass(frozen=True)
class Raw:
    """One cell as stored: its value and openpyxl's type letter
    (s text, n number, d date, b boolean, f formula, e error)."""

    value: Any
    kind: str

    @property
    def empty(self) -> bool:
        return self.value is None or self.value == ""


EMPTY = Raw(None, "n")


@dataclass
class Book:
    file: str
    order: list[str]
    """Sheet names in the workbook's order."""
    states: dict[str, str]
    """visible, hidden or veryHidden."""
    grids: dict[str, list[list[Raw]]] = field(default_factory=dict)

    def cell(self, sheet: str, row: int, col: int) -> Raw:
        """1-based row and column; EMPTY outside what the sheet holds."""
        grid = self.grids.get(sheet, [])
        if row - 1 < len(grid) and col - 1 < len(grid[row - 1]):
            return grid[row - 1][col - 1]
        return EMPTY

    def rows(self, sheet: str) -> int:
        return len(self.grids.get(sheet, []))


class BookError(Exception):
    """The file cannot be read as a workbook; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _fail(name: str, message: str) -> BookError:
    return BookError(Problem(name, 0, 0, Level.ERROR, "", message))


def _check_archive(path: Path, name: str) -> None:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise _fail(name, f"cannot read the file: {e.strerror}") from None
    if size > MAX_FILE:
        raise _fail(
            name,
            f"the file is {size / 1e6:.0f} MB; an answer workbook is far smaller "
            f"(limit {MAX_FILE // 1024 // 1024} MB)",
        )
    if not zipfile.is_zipfile(path):
        raise _fail(
            name,
            "not an .xlsx workbook (an .xls, .ods or password-protected file?): "
            "open it and save it as an Excel workbook (.xlsx), without a password",
        )
    with zipfile.ZipFile(path) as z:
        parts = z.infolist()
        if len(parts) > MAX_PARTS:
            raise _fail(name, f"the workbook has {len(parts)} parts; refused as unsafe")
        total = 0
        for p in parts:
            total += p.file_size
            if p.file_size > 1_000_000 and p.file_size > MAX_RATIO * max(p.compress_size, 1):
                raise _fail(
                    name,
                    f"part {p.filename} unpacks {p.file_size // p.compress_size}"
                    " times its size (a zip bomb?); refused",
                )
        if total > MAX_UNPACKED:
            raise _fail(name, f"the workbook unpacks to {total / 1e6:.0f} MB; refused as unsafe")
        if "xl/workbook.xml" not in z.namelist():
            raise _fail(name, "not an .xlsx workbook (no xl/workbook.xml inside)")


def read_book(path: str | Path, name: str | None = None) -> Book:
    """Every sheet's cells as Raw values. Raises BookError with a located problem."""
    import warnings

    from openpyxl import load_workbook

    path = Path(path)
    name = name or str(path)
    _check_archive(path, name)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation extensions, …)
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as e:  # openpyxl raises many kinds on a damaged file
        raise _fail(name, f"cannot read the workbook ({type(e).__name__}: {e})") from None
    try:
        book = Book(name, list(wb.sheetnames), {})
        for ws in wb.worksheets:
            book.states[ws.title] = ws.sheet_state
            book.grids[ws.title] = _grid(ws, name)
    except BookError:
        raise
    except Exception as e:
        raise _fail(name, f"cannot read the workbook ({type(e).__name__}: {e})") from None
    finally:
        wb.close()
    return book


def _grid(ws: Any, name: str) -> list[list[Raw]]:
    ws.reset_dimensions()  # the declared size may lie; read the rows that are there
    grid: list[list[Raw]] = []
    for n, row in enumerate(ws.iter_rows(max_col=MAX_COLS), 1):
        if n > MAX_ROWS:
            raise _fail(name, f"sheet {ws.title} has more than {MAX_ROWS:,} rows; refused")
        grid.append([Raw(getattr(c, "value", None), getattr(c, "data_type", "n")) for c in row])
    while grid and all(c.empty for c in grid[-1]):
        grid.pop()
    return grid


_SHOWN = 60


def short(text: str) -> str:
    """Text quoted in a message, on one line, cut at 60 characters."""
    text = " ".join(text.split())
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")


def as_text(raw: Raw, *, is_date: bool = False) -> tuple[str, Level | None, str]:
    """A cell as the text the person typed, and what to tell them about it (a formula or
    error is refused; a number or date that a spreadsheet converted is read with a warning)."""
    if raw.empty:
        return "", None, ""
    v = raw.value
    if raw.kind == "f" or (raw.kind != "s" and isinstance(v, str) and v.startswith("=")):
        return (
            "",
            Level.ERROR,
            (
                f"holds a formula ({short(str(v))}); gapcheck reads text only and never runs "
                "formulas: type the text itself"
            ),
        )
    if raw.kind == "e":
        return "", Level.ERROR, f"holds the spreadsheet error {v}; type text instead"
    if isinstance(v, str):
        return v, None, ""
    if isinstance(v, bool):
        return ("true" if v else "false"), None, ""
    if isinstance(v, datetime | date):
        day = (v.date() if isinstance(v, datetime) else v).isoformat()
        if is_date:
            return day, None, ""
        return (
            day,
            Level.WARNING,
            (f"holds a date, read as {day}; format the cell as Text to keep what you type"),
        )
    if isinstance(v, int | float):
        text = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        return (
            text,
            Level.WARNING,
            (
                f"holds the number {v}, read as {text!r}; format the cell as Text to keep text "
                "such as 1.10 or 0012 exactly as typed"
            ),
        )
    return str(v), None, ""
