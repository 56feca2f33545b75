"""A problem found in a file, with its exact location: the unit every check returns."""

from __future__ import annotations

from enum import StrEnum

from gapcheck.formats.record import Record

EXCERPT = 60
"""At most this many characters of a value a user wrote are quoted in a message: a message
must never become a way to print a file (a private key named as a checklist)."""


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(Record, order=True):
    """One mistake in one file, as `file:line:col: level: path: message`, or, in a
    spreadsheet, as the user sees it: `file, sheet Answers, cell H14: level: message`."""

    file: str
    line: int
    """1-based line of the offending value (0 when the whole file is concerned)."""
    col: int
    """1-based column."""
    level: Level
    path: str
    """Dotted data path, e.g. `answers.art3_1_c_possess.status`; empty for syntax errors."""
    message: str
    sheet: str = ""
    """Sheet of a workbook (then `line` is the row and `col` the column)."""
    cell: str = ""
    """Cell of a workbook, e.g. `H14`; empty when the whole sheet is concerned."""

    def __str__(self) -> str:
        if self.sheet:
            where = f"{self.file}, sheet {self.sheet}" + (
                f", cell {self.cell}" if self.cell else ""
            )
            return f"{where}: {self.level.value}: {self.message}"
        where = f"{self.file}:{self.line}:{self.col}"
        if self.path:
            return f"{where}: {self.level.value}: {self.path}: {self.message}"
        return f"{where}: {self.level.value}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "level": self.level.value,
            "path": self.path,
            "message": self.message,
            **({"sheet": self.sheet, "cell": self.cell} if self.sheet else {}),
        }


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level is Level.ERROR for p in problems)


def _escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:  # as a JSON surrogate pair, so the escape is valid in JSON output too
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _hidden(ch: str) -> bool:
    """Characters that change or hide what is shown: controls, format characters (zero-width,
    bidi overrides), line and paragraph separators, and unassigned code points."""
    import unicodedata  # loaded only when a text has such characters (start-up time)

    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cn", "Cs", "Co")


def quote(value: str, *, limit: int = EXCERPT, ascii_only: bool = False) -> str:
    """`value` as it may appear in a message: in quotes, invisible characters escaped
    (`\\u200b`), at most `limit` characters (then `…`). With `ascii_only` (ids, keys and
    codes, which are ASCII), every non-ASCII character is escaped, so a Cyrillic look-alike
    shows as `\\u0430` instead of passing for a Latin letter."""
    cut = len(value) > limit
    return f"'{escaped(value[:limit], ascii_only=ascii_only)}{'…' if cut else ''}'"


def escaped(value: str, *, ascii_only: bool = False) -> str:
    """`value` with invisible characters (and, with `ascii_only`, every non-ASCII one)
    written as `\\u200b` escapes."""
    if value.isprintable() and (value.isascii() or not ascii_only):
        return value  # nothing to escape: every hidden character is also not printable
    return "".join(
        _escape(ch) if _hidden(ch) or (ascii_only and ord(ch) > 0x7E) else ch for ch in value
    )


def printable(text: str) -> str:
    """`text` safe for a terminal: every control, format or separator character except
    newline and tab escaped (`\\u001b`), so a file cannot move the cursor, hide a line
    (bare CR), retitle the window (OSC) or reverse what follows (U+202E). The escapes are
    also valid inside JSON strings, so JSON output stays JSON."""
    if text.isprintable():
        return text
    return "".join(_escape(ch) if ch not in "\n\t" and _hidden(ch) else ch for ch in text)
