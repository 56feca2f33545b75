"""The three sheets of an answer workbook, read back into assessment data (see xlsx.py)."""

from __future__ import annotations

from typing import Any

from gapcheck.formats import workbook as layout
from gapcheck.formats.loader import Path_
from gapcheck.formats.model import Checklist, Status
from gapcheck.formats.overlay import localized
from gapcheck.formats.problems import Level, Problem
from gapcheck.formats.spec import suggest
from gapcheck.formats.xlsx_book import Book, as_text, short

Where = tuple[str, int, int]


def _short(text: str) -> str:
    return short(text)


class SheetReader:
    def __init__(self, book: Book, cl: Checklist, meta: dict[str, list[str]], ref: str) -> None:
        self.book, self.cl, self.meta = book, cl, meta
        self.language = (meta.get("language") or ["en"])[0]
        self.labels = layout.status_labels(meta.get("statuses"))
        self.edition = localized(cl, self.language)
        """The checklist in the sheet's language: the words its read-only cells show."""
        self.problems: list[Problem] = []
        self.where: dict[Path_, Where] = {(): (layout.ABOUT, 0, 0)}
        self.data: dict[str, Any] = {"checklist": ref, "checklist_version": meta["checklist"][2]}
        self.answers: dict[str, dict[str, Any]] = {}
        self.items = [r.split("\x1f") for r in meta["item"]]
        self.item_ids = [i[0] for i in self.items]
        self.present: dict[str, str] = {}
        """Sheet name the workbook uses for each expected sheet (absent: missing)."""

    # -- reporting -------------------------------------------------------------------
    def report(self, level: Level, sheet: str, row: int, col: int, message: str) -> None:
        cell = layout.cell_name(row, col) if row and col else ""
        problem = Problem(self.book.file, row, col, level, "", message, sheet, cell)
        if problem not in self.problems:  # an answer cell is read twice (row, then answer)
            self.problems.append(problem)

    def error(self, sheet: str, row: int, col: int, message: str) -> None:
        self.report(Level.ERROR, sheet, row, col, message)

    def text(self, sheet: str, row: int, col: int, *, is_date: bool = False) -> str:
        """A cell as text, as the person typed it; numbers, dates and formulas reported."""
        text, level, message = as_text(self.book.cell(sheet, row, col), is_date=is_date)
        if level is not None:
            self.report(level, sheet, row, col, message)
        return text

    # -- structure -------------------------------------------------------------------
    def read(self) -> None:
        self._sheets()
        if layout.ABOUT in self.present:
            self._about(self.present[layout.ABOUT])
        evidence: dict[str, list[dict[str, Any]]] = {}
        if layout.EVIDENCE in self.present:
            evidence = self._evidence(self.present[layout.EVIDENCE])
        if layout.ANSWERS in self.present:
            self._answers(self.present[layout.ANSWERS], evidence)
        self.data["answers"] = {i: self.answers[i] for i in self.cl.item_ids if i in self.answers}

    def _sheets(self) -> None:
        visible = [s for s in self.book.order if self.book.states.get(s) == "visible"]
        exported = self.meta.get("sheets") or list(layout.SHEETS)
        for n, name in enumerate(layout.SHEETS):
            if name in self.book.grids:
                self.present[name] = name
                continue
            pos = exported.index(name) if name in exported else n
            other = visible[pos] if pos < len(visible) else None
            if other and other not in layout.SHEETS:
                self.error(
                    other,
                    0,
                    0,
                    f"the sheet {name} was renamed to {other!r}: rename it "
                    f"back to {name} (gapcheck finds its sheets by name)",
                )
            else:
                self.error(
                    name,
                    0,
                    0,
                    f"the sheet {name} is missing (the workbook has: "
                    f"{', '.join(visible)}); nothing from it can be imported",
                )
        for name in visible:
            if (
                name not in layout.SHEETS
                and self.book.rows(name)
                and not any(p.sheet == name for p in self.problems)
            ):
                self.report(
                    Level.WARNING,
                    name,
                    0,
                    0,
                    "this sheet is not part of the exported workbook; gapcheck does not read it",
                )

    def headers(self, name: str, columns: tuple[layout.Column, ...]) -> list[str]:
        """The headers of the sheet `name` (Answers, Evidence) as the export wrote them."""
        return layout.shown_headers(self.meta.get(layout.headers_kind(name)), columns)

    def _header_ok(self, sheet: str, name: str, columns: tuple[layout.Column, ...]) -> bool:
        ok = True
        for col, header in enumerate(self.headers(name, columns), 1):
            got = self.text(sheet, 1, col)
            if got != header:
                self.error(
                    sheet,
                    1,
                    col,
                    f"the header should be {header!r}, not "
                    f"{got!r}: columns were changed, inserted or moved; undo that, "
                    "gapcheck finds answers by column",
                )
                ok = False
        return ok and self._no_extra_columns(sheet, len(columns), 1)

    def _no_extra_columns(self, sheet: str, width: int, row: int) -> bool:
        grid = self.book.grids.get(sheet, [])
        cells = grid[row - 1] if row - 1 < len(grid) else []
        for col in range(width + 1, len(cells) + 1):
            if not cells[col - 1].empty:
                self.error(
                    sheet,
                    row,
                    col,
                    "text outside the columns gapcheck reads would be "
                    "lost; move it into the Notes of the item",
                )
                return False
        return True

    # -- About -----------------------------------------------------------------------
    def _about(self, sheet: str) -> None:
        rows: dict[str, list[int]] = {}
        labels: dict[str, str] = {}
        for record in self.meta["about"]:
            name, number, *written = record.split("\x1f")
            rows.setdefault(name, []).append(int(number))
            if written and written[0]:
                labels[name] = written[0]  # the label as written, in the sheet's language
        pairs: dict[str, list[tuple[int, str]]] = {}
        for key, numbers in rows.items():
            f = layout.ABOUT_BY_KEY.get(key)
            if f is None:
                continue
            values: list[tuple[int, str]] = []
            label = labels.get(key, f.label)
            for row in numbers:
                if self.text(sheet, row, 1) != label:
                    self.error(
                        sheet,
                        row,
                        1,
                        f"this read-only label should be {label!r}: "
                        "rows were inserted, deleted or changed; undo that",
                    )
                    return
                values.append((row, self.text(sheet, row, 2, is_date=f.date)))
            if key in layout.RESERVATION_KEYS:
                pairs[key] = values
            else:
                self._about_value(sheet, f, values)
        self._reservations(sheet, *(pairs.get(k, []) for k in layout.RESERVATION_KEYS))

    def _reservations(
        self, sheet: str, ids: list[tuple[int, str]], texts: list[tuple[int, str]]
    ) -> None:
        """Reservation row pairs as YAML writes them: text alone, or `{id, text}`."""
        self.where[("reservations",)] = (sheet, (texts or ids or [(0, "")])[0][0], 2)
        out: list[Any] = []
        for (id_row, rid), (text_row, text) in zip(ids, texts, strict=False):
            rid = rid.strip()  # an id has no blanks; one typed after it is not meant
            if not rid and not text.strip():
                continue
            k = len(out)
            self.where[("reservations", k)] = (sheet, text_row, 2)
            self.where[("reservations", k, "text")] = (sheet, text_row, 2)
            self.where[("reservations", k, "id")] = (sheet, id_row, 2)
            entry: dict[str, str] = {"id": rid}
            if text.strip():
                entry["text"] = text
            out.append(entry if rid else text)
        if out:
            self.data["reservations"] = out

    def _about_value(self, sheet: str, f: layout.AboutField, values: list[tuple[int, str]]) -> None:
        row, value = values[0]
        path = tuple(f.key.split("."))
        if not f.editable:
            expected = {
                "checklist": self.meta["checklist"][0],
                "checklist_version": self.meta["checklist"][2],
            }.get(f.key, "")
            if value != expected:
                self.error(
                    sheet,
                    row,
                    2,
                    f"this read-only cell should be {expected!r}; "
                    f"it reads {value!r}: undo the change",
                )
            return
        self.where[path] = (sheet, row, 2)
        if f.key == "country.name":
            self.where[("country",)] = (sheet, row, 2)
        if f.key == "assessors":
            items = layout.split_lines(value)
            for k in range(len(items)):
                self.where[(*path, k)] = (sheet, row, 2)
            if items:
                self.data[f.key] = items
            return
        if not value:
            return
        out: Any = value
        if f.key == "country.fictional" and value.strip().lower() in ("true", "false"):
            out = value.strip().lower() == "true"
        target = self.data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = out

    # -- Evidence --------------------------------------------------------------------
    def _evidence(self, sheet: str) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        columns = layout.EVIDENCE_COLUMNS
        if not self._header_ok(sheet, layout.EVIDENCE, columns):
            return out
        known = set(self.item_ids)
        for row in range(2, self.book.rows(sheet) + 1):
            values = {
                c.key: self.text(sheet, row, n, is_date=c.date) for n, c in enumerate(columns, 1)
            }
            self._no_extra_columns(sheet, len(columns), row)
            if not any(values.values()):
                continue
            item = values.pop("item").strip()
            if item not in known:
                if not item:
                    why = "no item is given: choose the item id in column A"
                elif item in self.cl.item_ids:
                    why = f"item {item!r} is not part of this workbook (it was exported for some articles only)"
                else:
                    why = f"unknown item {item!r}{suggest(item, list(known))}"
                self.error(sheet, row, 1, f"{why}; this evidence is not imported")
                continue
            entries = out.setdefault(item, [])
            k = len(entries)
            path = ("answers", item, "evidence", k)
            self.where[path] = (sheet, row, 2)
            for n, c in enumerate(columns, 1):
                if c.key != "item":
                    self.where[(*path, c.key)] = (sheet, row, n)
            entries.append({key: v for key, v in values.items() if v})
        return out

    # -- Answers ---------------------------------------------------------------------
    def _answers(self, sheet: str, evidence: dict[str, list[dict[str, Any]]]) -> None:
        columns = layout.ANSWER_COLUMNS
        if not self._header_ok(sheet, layout.ANSWERS, columns):
            return
        expected = {i[0]: (int(i[1]), i[2]) for i in self.items}
        found: dict[str, int] = {}
        for row in range(2, self.book.rows(sheet) + 1):
            values = [self.text(sheet, row, n) for n in range(1, len(columns) + 1)]
            self._no_extra_columns(sheet, len(columns), row)
            if not any(values):
                continue
            item = values[0]
            if item in found:
                self.error(
                    sheet,
                    row,
                    1,
                    f"item {item} appears twice (rows {found[item]} and "
                    f"{row}): a row was copied; keep one and delete the other",
                )
            elif item in expected:
                found[item] = row
            else:
                what = f"an item {item!r} that was not exported" if item else "no item id"
                self.error(
                    sheet,
                    row,
                    1,
                    f"row {row} was added ({what}): gapcheck reads only "
                    "the rows it wrote; put the text in the Notes of an item instead",
                )
        for item, (row, _) in expected.items():
            if item not in found:
                ref = self.cl.item(item).ref if item in self.cl.item_ids else None
                self.error(
                    sheet,
                    row,
                    1,
                    f"the row of item {item}"
                    + (f" ({ref})" if ref else "")
                    + f", exported as row {row}, is missing: rows must not be deleted; "
                    "restore it (undo, or copy it from the exported file)",
                )
        order = [expected[i][0] for i in found]
        if order != sorted(order):
            first = next(r for n, r in enumerate(found.values()) if order[n] != sorted(order)[n])
            self.report(
                Level.WARNING,
                sheet,
                first,
                1,
                "rows are no longer in checklist order "
                "(sorted or moved): answers are read by item id, so none is mixed up",
            )
        changed = []
        for item, row in found.items():
            if item not in self.cl.item_ids:
                self.error(
                    sheet,
                    row,
                    1,
                    f"item {item} is no longer in checklist "
                    f"{self.cl.id} {self.cl.version}; export a new workbook",
                )
                continue
            if self._fixed_changed(sheet, row, item, expected[item][1]):
                changed.append(item)
            self._answer(sheet, row, item, evidence.get(item, []))
        if changed:
            self.report(
                Level.WARNING,
                sheet,
                0,
                0,
                f"the checklist's wording of {len(changed)} "
                "item(s) changed since the export (e.g. " + changed[0] + "); check the "
                "answers against the current text",
            )

    def _fixed_changed(self, sheet: str, row: int, item_id: str, recorded: str) -> bool:
        """Report read-only cells typed into; True if the checklist itself changed since."""
        now = layout.fixed_cells(self.edition.item(item_id))
        cols = {c.key: n for n, c in enumerate(layout.ANSWER_COLUMNS, 1)}
        shown = {k: self.text(sheet, row, cols[k]) for k in layout.FIXED}
        if layout.digest(shown[k] for k in layout.FIXED) == recorded:
            return layout.digest(now[k] for k in layout.FIXED) != recorded
        for key in layout.FIXED:
            if shown[key] != now[key]:
                header = self.headers(layout.ANSWERS, layout.ANSWER_COLUMNS)[cols[key] - 1]
                self.error(
                    sheet,
                    row,
                    cols[key],
                    f"read-only cell ({header} of item {item_id}) "
                    f"was changed to {_short(shown[key])}; gapcheck does not read it: "
                    "restore the text and put remarks in Notes",
                )
        return False

    def _answer(self, sheet: str, row: int, item: str, evidence: list[dict[str, Any]]) -> None:
        cols = {c.key: n for n, c in enumerate(layout.ANSWER_COLUMNS, 1)}
        path = ("answers", item)
        self.where[path] = (sheet, row, 1)
        for key in ("status", "reasons", *layout.TEXT_ANSWER_FIELDS):
            self.where[(*path, key)] = (sheet, row, cols[key])
        if not evidence:
            self.where[(*path, "evidence")] = (sheet, row, cols["status"])
        raw = self.text(sheet, row, cols["status"])
        status = layout.status_of(raw, self.labels) if raw.strip() else Status.UNKNOWN
        if status is None:
            labels = list(self.labels.values())
            self.error(
                sheet,
                row,
                cols["status"],
                f"{raw!r} is not a status{suggest(raw, labels)} "
                f"(choose one of {', '.join(labels)})",
            )
            status = Status.UNKNOWN
        answer: dict[str, Any] = {"status": status.value}
        reasons = layout.split_reasons(self.text(sheet, row, cols["reasons"]))
        if reasons:
            answer["reasons"] = reasons
        answer["evidence"] = evidence
        for key in layout.TEXT_ANSWER_FIELDS:
            value = self.text(sheet, row, cols[key])
            if key == "reservation":
                value = value.strip()  # an id has no blanks; one typed after it is not meant
            if value.strip():
                answer[key] = value
        self.answers[item] = answer
