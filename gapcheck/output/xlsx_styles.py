"""Cell styles and sheet set-up shared by the workbooks gapcheck writes.

Every text cell is written as an explicit string cell (`t="inlineStr"`) with the Text
number format (`@`): a spreadsheet never turns it into a number, a date or a formula, so
`0012`, `1.10`, `2024-05-01` and `=HYPERLINK(…)` stay exactly what was written. Text that
a spreadsheet would take for a formula if someone retyped it (starting with = + - @, tab or
carriage return) also gets the cell's "quote prefix" flag, Excel's and LibreOffice's own
marker for "this is text, not a formula", which keeps it text after editing. The text itself
is never changed (no apostrophe or other prefix added), so what comes back is what was
written; OWASP's advice to prefix such text is for CSV, where a cell has no type.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

from gapcheck.output.cells import FORMULA_STARTS

TEXT = "@"
"""What makes spreadsheet programs read typed text as a formula (OWASP's list)."""

HEADER_FONT = Font(bold=True, color="FFFFFF")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
FIXED_FILL = PatternFill("solid", fgColor="EDEDED")
ANSWER_FILL = PatternFill("solid", fgColor="FFFFFF")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)


class SheetTextError(ValueError):
    """Text that no spreadsheet can hold; `where` says whose text it is."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


def sheet_text(value: str, where: str) -> str:
    """`value` as a cell can hold it: line breaks as `\\n`; control characters and text over
    Excel's 32,767 characters refused (SheetTextError), never cut or dropped silently."""
    from gapcheck.formats.workbook import MAX_TEXT

    text = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = ILLEGAL_CHARACTERS_RE.search(text)
    if bad:
        raise SheetTextError(
            where,
            f"contains the control character U+{ord(bad.group()):04X}, which "
            "spreadsheets cannot hold; remove it from the YAML file",
        )
    if len(text) > MAX_TEXT:
        raise SheetTextError(
            where, f"has {len(text):,} characters; a spreadsheet cell holds at most {MAX_TEXT:,}"
        )
    return text


def put_text(ws: Worksheet, row: int, col: int, value: str, *, editable: bool) -> Cell:
    """Write `value` as a string cell (never a formula), styled as read-only or to fill."""
    cell: Cell = ws.cell(row=row, column=col)
    cell.value = value or None
    if value:
        cell.data_type = "s"  # openpyxl would make "=…" a formula cell; this is text
    cell.number_format = TEXT
    cell.alignment = WRAP
    cell.border = BORDER
    cell.protection = UNLOCKED if editable else LOCKED
    cell.fill = ANSWER_FILL if editable else FIXED_FILL
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def put_header(ws: Worksheet, headers: list[tuple[str, float]]) -> None:
    """Bold header row, frozen, repeated on every printed page, with column widths."""
    from gapcheck.formats.workbook import column_letter

    for col, (title, width) in enumerate(headers, 1):
        cell = put_text(ws, 1, col, title, editable=False)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        ws.column_dimensions[column_letter(col)].width = width
    ws.print_title_rows = "1:1"


def set_print(ws: Worksheet, *, landscape: bool = True) -> None:
    """A4, landscape, as wide as the page, as many pages down as needed."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def protect(ws: Worksheet, *, rows_free: bool = False) -> None:
    """Lock the sheet without a password: unlocked cells can be filled, the rest cannot be
    changed by accident; columns and rows can still be resized (and, with `rows_free`,
    rows inserted and deleted)."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    if rows_free:
        p.insertRows = False
        p.deleteRows = False
