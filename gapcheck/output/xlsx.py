"""The answer workbook: an assessment (or a blank one) as sheets a lawyer can fill.

Answers: one row per item, read-only description on grey, answer cells on white, a
drop-down of statuses. Evidence: one row per national provision, any number per item.
About: the assessment's header fields, the statuses and reason codes explained, and how to
send the file back. The layout is `formats/workbook.py`'s, shared with the reader.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from babel import Locale
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from gapcheck.formats import workbook as layout
from gapcheck.formats.model import Assessment, Checklist, Item, Status
from gapcheck.formats.overlay import localized
from gapcheck.output.xlsx_styles import (
    BOLD,
    protect,
    put_header,
    put_text,
    set_print,
    sheet_text,
)
from gapcheck.pages.i18n import SOURCE_LANGUAGE, choose_locale, translations
from gapcheck.pages.wording import Wording

_ = layout._  # marks the words below for `make messages`; translated when written
SEND_BACK = _(
    "Fill the white cells only: the status from the drop-down list, the reasons, notes and "
    "other answers on the Answers sheet, one row per national provision on the Evidence "
    "sheet, and the white cells of this sheet. Grey cells are the checklist's words and are "
    "read-only. Do not rename, add or delete sheets or rows of the Answers sheet. Save the "
    "file in the same format (.xlsx) and send it back to the consultant who sent it: "
    "`gapcheck import` reads it and points to any cell that needs a second look."
)
SEND_BACK_TITLE = _("How to send it back")
STATUSES_TITLE = _("Statuses")
REASONS_TITLE = _("Reason codes (partial)")
STATUS_MEANING: dict[Status, str] = {
    Status.YES: _("the national law fully implements the obligation (cite the evidence)"),
    Status.PARTIAL: _("it does in part (cite the evidence; give reason codes)"),
    Status.NO: _("it does not"),
    Status.NA: _("the item does not apply to this State (a justification is required)"),
    Status.UNKNOWN: _("not assessed yet (scores 0, as not demonstrated)"),
}


def scoped_items(cl: Checklist, articles: frozenset[int] | None) -> list[Item]:
    """The checklist's items, only those of `articles` when given, in checklist order."""
    if articles is None:
        return list(cl.items)
    return [i for i in cl.items if i.article is not None and i.article in articles]


def answer_workbook(
    cl: Checklist,
    assessment: Assessment | None,
    *,
    checklist_ref: str,
    articles: frozenset[int] | None = None,
    articles_text: str = "",
    language: str = "en",
) -> bytes:
    """The workbook's bytes. Raises SheetTextError for text no spreadsheet can hold.

    In another `language` than English, the read-only texts come from the checklist's
    edition in it and the status drop-down offers the report's status words; the hidden
    record keeps the language and those words for `gapcheck import`."""
    locale = choose_locale(language)[0]
    language = locale.language
    cl = localized(cl, language)
    labels = _status_labels(locale)
    word = translations(str(locale)).gettext
    items = scoped_items(cl, articles)
    wb = Workbook()
    answers = wb.active
    assert answers is not None
    answers.title = layout.ANSWERS
    evidence = wb.create_sheet(layout.EVIDENCE)
    about = wb.create_sheet(layout.ABOUT)
    meta = wb.create_sheet(layout.META)
    meta.sheet_state = "veryHidden"
    records: list[list[str]] = [
        ["format", layout.FORMAT],
        ["checklist", checklist_ref, cl.id, cl.version],
        ["language", language],
        ["articles", articles_text],
        ["sheets", *layout.SHEETS],
        ["statuses", *layout.status_record(labels)],
    ]
    for name, columns in (
        (layout.ANSWERS, layout.ANSWER_COLUMNS),
        (layout.EVIDENCE, layout.EVIDENCE_COLUMNS),
    ):
        records.append([layout.headers_kind(name), *(word(c.header) for c in columns)])
    records += _answers_sheet(answers, items, assessment, labels, word)
    _evidence_sheet(evidence, items, assessment, word)
    records += _about_sheet(about, cl, assessment, checklist_ref, labels, word)
    for r, values in enumerate(records, 1):
        for c, value in enumerate(values, 1):
            put_text(meta, r, c, value, editable=False)
    protect(meta)
    wb.properties.creator = "gapcheck"
    wb.properties.title = f"{cl.title} {cl.version}: answers"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _status_labels(locale: Locale) -> dict[Status, str]:
    """The drop-down's words: the YAML values in English (what consultants type), the
    report's status words (`Wording.status_labels`) in any other language."""
    if locale.language == SOURCE_LANGUAGE:
        return dict(layout.PLAIN_LABELS)
    return Wording(locale, translations(str(locale))).status_labels


def _answers_sheet(
    ws: Worksheet,
    items: list[Item],
    a: Assessment | None,
    labels: dict[Status, str],
    word: Callable[[str], str],
) -> list[list[str]]:
    put_header(ws, [(word(c.header), c.width) for c in layout.ANSWER_COLUMNS])
    records = []
    for row, item in enumerate(items, 2):
        fixed = layout.fixed_cells(item)
        ans = a.answer(item.id) if a else None
        values = dict(fixed)
        values["status"] = labels[ans.status if ans else Status.UNKNOWN]
        values["reasons"] = layout.join_reasons(ans.reasons) if ans else ""
        for key in layout.TEXT_ANSWER_FIELDS:
            values[key] = getattr(ans, key) if ans else ""
        for col, column in enumerate(layout.ANSWER_COLUMNS, 1):
            text = sheet_text(values[column.key], f"answers.{item.id}.{column.key}")
            editable = column.editable and layout.answer_cell_open(item, column.key)
            put_text(ws, row, col, text, editable=editable)
        ws.row_dimensions[row].height = _height(values, layout.ANSWER_COLUMNS)
        records.append(["item", item.id, str(row), layout.digest(fixed[k] for k in layout.FIXED)])
    last = len(items) + 1
    status_col = layout.column_letter(_col(layout.ANSWER_COLUMNS, "status"))
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(labels.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose a status from the list: " + ", ".join(labels.values()),
        showInputMessage=True,
        promptTitle="Status",
        prompt=_prompt(labels),
    )
    dv.add(f"{status_col}2:{status_col}{max(last, 2)}")
    ws.add_data_validation(dv)
    ws.freeze_panes = "C2"
    set_print(ws)
    protect(ws)
    return records


def _prompt(labels: dict[Status, str]) -> str:
    if labels == layout.PLAIN_LABELS:
        return "yes, partial, no, n/a (needs a justification) or unknown"
    return ", ".join(labels.values())


def _evidence_sheet(
    ws: Worksheet, items: list[Item], a: Assessment | None, word: Callable[[str], str]
) -> None:
    put_header(ws, [(word(c.header), c.width) for c in layout.EVIDENCE_COLUMNS])
    row = 2
    for item in items:
        for k, ev in enumerate(a.answer(item.id).evidence if a else ()):
            values = {
                "item": item.id,
                "instrument": ev.instrument,
                "provision": ev.provision,
                "excerpt": ev.excerpt,
                "in_force": ev.in_force or "",
                "url": ev.url or "",
            }
            for col, column in enumerate(layout.EVIDENCE_COLUMNS, 1):
                where = f"answers.{item.id}.evidence[{k}].{column.key}"
                put_text(ws, row, col, sheet_text(values[column.key], where), editable=True)
            row += 1
    for spare in range(row, row + layout.EVIDENCE_SPARE_ROWS):
        for col in range(1, len(layout.EVIDENCE_COLUMNS) + 1):
            put_text(ws, spare, col, "", editable=True)
    end = row + layout.EVIDENCE_SPARE_ROWS - 1
    if items:
        dv = DataValidation(
            type="list",
            formula1=f"{layout.ANSWERS}!$A$2:$A${len(items) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Item",
            error="Choose the item id from the list (column A of the Answers sheet).",
        )
        dv.add(f"A2:A{end}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "B2"
    set_print(ws)
    protect(ws, rows_free=True)


def _about_rows(
    a: Assessment | None, cl: Checklist, ref: str
) -> list[tuple[layout.AboutField, str]]:
    """The About sheet's field rows and their cell texts: one pair of rows (id, text) per
    reservation and a spare pair, each other field on one row."""
    v: dict[str, str] = {f.key: "" for f in layout.ABOUT_FIELDS}
    v["checklist"], v["checklist_version"] = ref, cl.version
    v["report_status"] = "draft"
    reservations: list[tuple[str, str]] = []
    if a is not None:
        rat = a.ratification
        v.update(
            {
                "country.name": a.country.name,
                "country.code": a.country.code or "",
                "country.fictional": "true" if a.country.fictional else "false",
                "as_of": a.as_of,
                "assessors": layout.join_lines(a.assessors),
                "reviewer": a.reviewer,
                "report_status": a.report_status,
                "language": a.language,
                "ratification.status": rat.get("status", ""),
                "ratification.date": rat.get("date", ""),
                "summary": a.summary,
                "prepared_for": a.prepared_for,
                "prepared_by": a.prepared_by,
                "contact": a.contact,
                "disclaimer": a.disclaimer,
            }
        )
        reservations = [(r.id, r.text) for r in a.reservations]
    reservations += [("", "")] * layout.RESERVATION_SPARE
    rows: list[tuple[layout.AboutField, str]] = []
    rid, rtext = (layout.ABOUT_BY_KEY[k] for k in layout.RESERVATION_KEYS)
    for f in layout.ABOUT_FIELDS:
        if f is rid:
            for pair in reservations:
                rows += [(rid, pair[0]), (rtext, pair[1])]
        elif f is not rtext:
            rows.append((f, v[f.key]))
    return rows


def _about_sheet(
    ws: Worksheet,
    cl: Checklist,
    a: Assessment | None,
    ref: str,
    labels: dict[Status, str],
    word: Callable[[str], str],
) -> list[list[str]]:
    put_header(ws, list(zip(map(word, layout.ABOUT_HEADER), (40, 90), strict=True)))
    records, row = [], 2
    for f, value in _about_rows(a, cl, ref):
        label = word(f.label)
        put_text(ws, row, 1, label, editable=False)
        put_text(ws, row, 2, sheet_text(value, f.key), editable=f.editable)
        if f.choices:
            dv = DataValidation(
                type="list", formula1='"' + ",".join(f.choices) + '"', allow_blank=True
            )
            dv.add(f"B{row}")
            ws.add_data_validation(dv)
        records.append(["about", f.key, str(row), label])
        row += 1
    row += 1
    _notes(ws, row, [(word(SEND_BACK_TITLE), word(SEND_BACK))], title=None)
    row += 2
    meanings = [(labels[s], word(text)) for s, text in STATUS_MEANING.items()]
    row = _notes(ws, row, meanings, title=word(STATUSES_TITLE))
    if cl.reason_codes:
        _notes(ws, row + 1, list(cl.reason_codes.items()), title=word(REASONS_TITLE))
    set_print(ws, landscape=False)
    protect(ws)
    return records


def _notes(ws: Worksheet, row: int, pairs: Iterable[tuple[str, str]], title: str | None) -> int:
    """Read-only label/text rows below the fields; returns the next free row."""
    if title:
        put_text(ws, row, 1, title, editable=False).font = BOLD
        row += 1
    for label, text in pairs:
        put_text(ws, row, 1, label, editable=False)
        put_text(ws, row, 2, sheet_text(text, label), editable=False)
        row += 1
    return row


def _height(values: dict[str, str], columns: tuple[layout.Column, ...]) -> float:
    """Row height (points) showing the wrapped text: not every program computes it on opening
    (LibreOffice printing headless does not), so it is estimated from the longest cell."""
    lines = 1
    for c in columns:
        chars = max(int(c.width * 1.1), 1)
        text = values.get(c.key, "")
        lines = max(lines, sum(len(part) // chars + 1 for part in text.split("\n")))
    return min(15.0 * lines, 409.0)  # 409 points: Excel's tallest row


def _col(columns: tuple[layout.Column, ...], key: str) -> int:
    return next(n for n, c in enumerate(columns, 1) if c.key == key)
