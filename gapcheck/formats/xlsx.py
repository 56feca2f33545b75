"""Read an answer workbook back into assessment data, every problem located by sheet and
cell as the person who filled it sees them.

The workbook is compared with the record `gapcheck export` left in its very hidden sheet:
which item was on which row and a digest of each row's read-only cells. A deleted row, an
added row, a duplicated row, rows sorted out of order, a read-only cell typed into, a
renamed sheet or changed header: each is reported, none is used or dropped silently. The
data then goes through the same checks as a YAML assessment (`assessment.check_data`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.formats import assessment as assessments
from gapcheck.formats import checklist as checklists
from gapcheck.formats import workbook as layout
from gapcheck.formats.loader import Document, Path_
from gapcheck.formats.model import Assessment
from gapcheck.formats.problems import Level, Problem, has_errors
from gapcheck.formats.spec import Checker, path_str
from gapcheck.formats.xlsx_book import Book, BookError, Raw, read_book
from gapcheck.formats.xlsx_sheets import SheetReader

Where = tuple[str, int, int]
_MISSING = re.compile(r"^missing required key '(\w+)'$")
"""Sheet, row, column (row and column 0: the whole sheet)."""


@dataclass
class Imported:
    """What a workbook holds, as assessment data, and what is wrong with it."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    """Assessment data as a YAML file would hold it (only when the structure was readable)."""
    assessment: Assessment | None = None
    """Set when there is no error."""
    checklist_ref: str = ""
    item_ids: tuple[str, ...] = ()
    """The items the workbook covers (all, or those of the exported articles)."""
    unreadable: bool = False

    @property
    def errors(self) -> int:
        return sum(p.level is Level.ERROR for p in self.problems)


class _Checker(Checker):
    """The assessment checks, located at the cells the data came from."""

    def __init__(self, file: str, data: Any, where: dict[Path_, Where]) -> None:
        super().__init__(Document(file, data))
        self.where = where

    def add(self, path: Path_, level: Level, message: str, *, key: bool = False) -> None:
        missing = _MISSING.match(message)
        if missing and (*path, missing.group(1)) in self.where:
            path = (*path, missing.group(1))
            dotted = ".".join(str(p) for p in path if not isinstance(p, int))
            about = layout.ABOUT_BY_KEY.get(dotted) or layout.ABOUT_BY_KEY.get(f"{dotted}.name")
            what = about.label if about else missing.group(1).replace("_", " ")
            message = f"{what} is required: fill in this cell"
        p = tuple(path)
        while p and p not in self.where:
            p = p[:-1]
        sheet, row, col = self.where.get(p, (layout.ABOUT, 0, 0))
        cell = layout.cell_name(row, col) if row and col else ""
        self.problems.append(
            Problem(self.doc.file, row, col, level, path_str(path), message, sheet, cell)
        )


def import_workbook(
    path: str | Path,
    name: str | None = None,
    *,
    checklist_ref: str | None = None,
    base: Path | None = None,
) -> Imported:
    """Read and check a workbook written by `gapcheck export` (and filled since).

    `checklist_ref` overrides the checklist the workbook names (an id or a path, resolved
    from `base`)."""
    name = name or str(path)
    out = Imported(name)
    try:
        book = read_book(path, name)
    except BookError as e:
        out.problems.append(e.problem)
        out.unreadable = True
        return out
    meta = _meta(book, out)
    if meta is None:
        return out
    ref = checklist_ref or meta["checklist"][0]
    try:
        cl = checklists.get(ref, base or Path.cwd())
    except (LookupError, checklists.ChecklistError) as e:
        out.problems.append(_problem(name, f"cannot use the checklist {ref}: {e}"))
        return out
    if cl.id != meta["checklist"][1]:
        out.problems.append(
            _problem(
                name, f"the workbook was written for checklist {meta['checklist'][1]}, not {cl.id}"
            )
        )
        return out
    out.checklist_ref = ref
    reader = SheetReader(book, cl, meta, ref)
    reader.read()
    out.problems = reader.problems
    out.data = reader.data
    out.item_ids = tuple(reader.item_ids)
    if has_errors(out.problems):
        out.problems.sort(key=_order)
        return out
    c = _Checker(name, out.data, reader.where)
    assessments.check_data(c, out.data, cl)
    out.problems = sorted([*out.problems, *c.problems], key=_order)
    if not has_errors(out.problems):
        out.assessment = assessments.build(out.data, cl, Path(path))
    return out


def _order(p: Problem) -> tuple[int, int, int]:
    sheet = layout.SHEETS.index(p.sheet) if p.sheet in layout.SHEETS else -1
    return (sheet, p.line, p.col)


def _problem(file: str, message: str, sheet: str = "") -> Problem:
    return Problem(file, 0, 0, Level.ERROR, "", message, sheet)


def _meta(book: Book, out: Imported) -> dict[str, list[str]] | None:
    """The export's record: `kind → values` (items and about rows as lists of triples)."""
    if layout.META not in book.grids:
        out.problems.append(
            _problem(
                book.file,
                "not a workbook written by `gapcheck export` (its hidden "
                f"sheet {layout.META} is missing): gapcheck reads back only the "
                "workbooks it wrote; export a new one",
            )
        )
        return None
    meta: dict[str, list[str]] = {"item": [], "about": []}
    for row in book.grids[layout.META]:
        values = [_plain(c) for c in row]
        while values and not values[-1]:
            values.pop()
        if not values:
            continue
        kind, rest = values[0], values[1:]
        if kind in ("item", "about"):
            meta[kind].append("\x1f".join(rest))
        else:
            meta[kind] = rest
    if meta.get("format", [""])[0] in layout.OLD_FORMATS:
        out.problems.append(
            _problem(
                book.file,
                "this workbook was written by an earlier gapcheck, without the Gap, Cap "
                "waived and Reservation id columns and the report's header fields; "
                "reading it would drop those answers: export a new workbook and copy "
                "the filled cells into it",
            )
        )
        return None
    if meta.get("format") != [layout.FORMAT] or "checklist" not in meta:
        out.problems.append(
            _problem(
                book.file,
                f"the hidden sheet {layout.META} was changed or comes from "
                "another version of gapcheck; export a new workbook",
            )
        )
        return None
    meta["checklist"] += [""] * (3 - len(meta["checklist"]))
    return meta


def _plain(c: Raw) -> str:
    return "" if c.empty else str(c.value)
