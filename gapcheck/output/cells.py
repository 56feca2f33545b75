"""Spreadsheet cells that cannot run: the one place every CSV (and any spreadsheet export)
neutralises text that Excel or LibreOffice would take for a formula.

OWASP's advice (https://owasp.org/www-community/attacks/CSV_Injection): a text cell that
starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading single quote, which
spreadsheets show as text. Numbers stay numbers (a negative score change is a number, not
a formula). Control characters other than tab, newline and carriage return are escaped
(`\\u001b`): a CSV printed to a terminal must not drive it.
"""

from __future__ import annotations

from gapcheck.formats.problems import printable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """`value` as a spreadsheet cell: numbers unchanged, text neutralised."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return _escape_controls(text)


def _escape_controls(text: str) -> str:
    # printable() keeps newline and tab; a carriage return inside a cell is kept too (the
    # CSV writer quotes it), only the other controls are escaped.
    return "\r".join(printable(part) for part in text.split("\r"))


def safe_row(row: list[object]) -> list[object]:
    return [safe_cell(v) for v in row]
