"""A problem found in a file, with its exact location: the unit every check returns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
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
