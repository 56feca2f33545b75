"""The answer workbook: YAML → xlsx → YAML without loss, inert text, and every mistake a
person filling it can make reported at the cell they see."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import fields
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcheck.formats.assessment import validate_file
from gapcheck.formats.merge import dump_new
from gapcheck.formats.model import Assessment, Status
from gapcheck.formats.overlay import localized
from gapcheck.formats.scope import parse_articles
from gapcheck.formats.xlsx import import_workbook
from gapcheck.output.xlsx import answer_workbook
from tests.conftest import MINI, ROOT

TRICKY = [
    "0012",
    "1.10",
    "2024-05-01",
    "12345678901234567890",
    '=HYPERLINK("https://evil.example","click")',
    "-2+3+cmd|' /C calc'!A0",
    "+1",
    "@SUM(A1:A2)",
    "=1+1",
    "\t=tab",
    "no",
    "null",
    "~",
    "true",
    "#N/A",
    "'quoted",
    "Ärzte · 儿童 · حقوق الطفل",
]
ITEMS = ["age", "produce", "attempt", "territory", "nationality", "saving", "rec_possession"]


def _text(min_size: int = 0) -> st.SearchStrategy[str]:
    chars = st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff"
    )
    free = st.text(st.one_of(chars, st.sampled_from("\n\t ")), min_size=min_size, max_size=60)
    long = st.text(chars, min_size=2000, max_size=4000)
    return st.one_of(free, st.sampled_from(TRICKY), long.filter(lambda s: len(s) >= min_size))


def _nonblank() -> st.SearchStrategy[str]:
    return _text(1).filter(lambda s: s.strip() != "")


dates = st.dates().map(lambda d: d.isoformat())
evidence = st.fixed_dictionaries(
    {"instrument": _nonblank()},
    optional={"provision": _text(), "excerpt": _text(), "in_force": dates, "url": _nonblank()},
)


CAPPED = ("produce",)
"""Items of tests/data/mini.yaml with `capped_by` (only they take `not_capped`)."""
OBLIGATIONS = ("age", "produce", "attempt", "territory", "nationality")
"""Items a reservation can limit (scored, with a treaty reference)."""
reservation_ids = st.one_of(
    st.sampled_from(["adoption", "no", "null", "true", "y", "art_3_1"]),
    st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
)


@st.composite
def reservations(draw: Any) -> list[Any]:
    """Old-style text and `{id, text}` entries, mixed, ids unique."""
    ids = draw(st.lists(reservation_ids, unique=True, max_size=3))
    out: list[Any] = [{"id": i, "text": draw(_nonblank())} for i in ids]
    out += draw(st.lists(_nonblank(), max_size=2))
    return draw(st.permutations(out))


@st.composite
def answers(draw: Any, ids: list[str]) -> dict[str, Any]:
    out = {}
    for item in draw(st.lists(st.sampled_from(ITEMS), unique=True)):
        status = draw(st.sampled_from(["yes", "partial", "no", "n/a", "unknown"]))
        a: dict[str, Any] = {"status": status, "evidence": draw(st.lists(evidence, max_size=8))}
        if status == "n/a":
            a["justification"] = draw(_nonblank())
        if status == "partial" and draw(st.booleans()):
            a["reasons"] = ["age_below_18"]
        for key in ("notes", "recommendation", "implementation", "gap"):
            if draw(st.booleans()):
                a[key] = draw(_text())
        if item in CAPPED and draw(st.booleans()):
            a["not_capped"] = draw(_nonblank())
        if item in OBLIGATIONS and ids and draw(st.booleans()):
            a["reservation"] = draw(st.sampled_from(ids))
        out[item] = a
    return out


@st.composite
def assessments(draw: Any) -> dict[str, Any]:
    name_chars = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"))
    data: dict[str, Any] = {
        "checklist": str(MINI),
        "country": {"name": draw(st.text(name_chars, min_size=1, max_size=30))},
        "as_of": draw(dates),
        "assessors": draw(st.lists(st.text(name_chars, min_size=1, max_size=20), max_size=3)),
        "reservations": draw(reservations()),
        "summary": draw(_text()),
    }
    ids = [r["id"] for r in data["reservations"] if isinstance(r, dict)]
    data["answers"] = draw(answers(ids))
    for key in ("prepared_for", "prepared_by", "contact", "disclaimer"):
        if draw(st.booleans()):
            data[key] = draw(_text())
    if draw(st.booleans()):
        data["country"]["code"] = "XF"
        data["country"]["fictional"] = draw(st.booleans())
    return data


def _same(a: Assessment, b: Assessment) -> None:
    for field in (
        "country",
        "as_of",
        "assessors",
        "reviewer",
        "report_status",
        "language",
        "ratification",
        "reservations",
        "summary",
        "prepared_for",
        "prepared_by",
        "contact",
        "disclaimer",
    ):
        assert getattr(a, field) == getattr(b, field), field
    for item in a.checklist.item_ids:
        assert a.answer(item) == b.answer(item), item


def _export(a: Assessment, tmp: Path, name: str = "answers.xlsx") -> Path:
    path = tmp / name
    path.write_bytes(answer_workbook(a.checklist, a, checklist_ref=str(MINI)))
    return path


def _formula_cells(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [
            n
            for n in z.namelist()
            if n.startswith("xl/worksheets/") and re.search(rb"<f[ >]", z.read(n))
        ]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(data=assessments())
def test_round_trip_yaml_xlsx_yaml(tmp_path_factory: Any, data: dict[str, Any]) -> None:
    tmp = tmp_path_factory.mktemp("rt")
    (tmp / "a.yaml").write_text(dump_new(data), encoding="utf-8")
    original = validate_file(tmp / "a.yaml", trusted=(MINI,))
    assert original.assessment is not None, [str(p) for p in original.problems]
    book = _export(original.assessment, tmp)
    assert _formula_cells(book) == []
    back = import_workbook(book)
    assert back.assessment is not None, [str(p) for p in back.problems]
    _same(original.assessment, back.assessment)
    # and the YAML written from the workbook says the same again
    (tmp / "b.yaml").write_text(dump_new(back.data), encoding="utf-8")
    again = validate_file(tmp / "b.yaml", trusted=(MINI,))
    assert again.assessment is not None
    _same(original.assessment, again.assessment)


def test_tricky_text_is_stored_as_text_cells_never_formulas(tmp_path: Path) -> None:
    notes = "\n".join(TRICKY)
    data = {
        "checklist": str(MINI),
        "country": {"name": "=cmd|' /C calc'!A0"},
        "as_of": "2026-03-01",
        "answers": {
            "age": {
                "status": "yes",
                "notes": '=HYPERLINK("https://evil.example")',
                "evidence": [
                    {
                        "instrument": "-2+3+cmd|' /C calc'!A0",
                        "provision": "0012",
                        "excerpt": "@SUM(1)",
                        "url": "+1",
                    }
                ],
            },
            "produce": {"status": "no", "notes": notes},
        },
    }
    (tmp_path / "a.yaml").write_text(dump_new(data), encoding="utf-8")
    a = validate_file(tmp_path / "a.yaml", trusted=(MINI,)).assessment
    assert a is not None
    book = _export(a, tmp_path)
    assert _formula_cells(book) == []
    wb = openpyxl.load_workbook(book)
    risky = [
        c
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=+-@\t"
    ]
    assert len(risky) >= 5
    for c in risky:
        assert c.data_type == "s", c.coordinate
        assert c.number_format == "@" and c.quotePrefix, c.coordinate
    back = import_workbook(book).assessment
    assert back is not None
    _same(a, back)


# -- located errors ----------------------------------------------------------------------


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    data = {
        "checklist": str(MINI),
        "country": {"name": "Freedonia"},
        "as_of": "2026-03-01",
        "answers": {
            "age": {
                "status": "yes",
                "evidence": [{"instrument": "Penal Code", "provision": "s. 1"}],
            }
        },
    }
    (tmp_path / "a.yaml").write_text(dump_new(data), encoding="utf-8")
    a = validate_file(tmp_path / "a.yaml", trusted=(MINI,)).assessment
    assert a is not None
    return _export(a, tmp_path, "answers.xlsx")


def _edit(path: Path, change: Any) -> None:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def _import(run: Any, path: Path) -> Any:
    return run("import", str(path), "-o", str(path.with_suffix(".yaml")), "--checklist", str(MINI))


def test_wrong_status_is_located_with_a_suggestion(run: Any, sample: Path) -> None:
    _edit(sample, lambda wb: wb["Answers"].cell(3, 8, "partly"))
    r = _import(run, sample)
    assert r.exit_code == 1
    assert (
        "answers.xlsx, sheet Answers, cell H3: error: 'partly' is not a status; "
        "did you mean 'partial'?"
    ) in r.output
    assert "nothing written" in r.output and not sample.with_suffix(".yaml").exists()


def test_unknown_item_in_evidence(run: Any, sample: Path) -> None:
    _edit(
        sample,
        lambda wb: [
            wb["Evidence"].cell(3, 1, "attempts"),
            wb["Evidence"].cell(3, 2, "Criminal Code"),
        ],
    )
    r = _import(run, sample)
    assert (
        "sheet Evidence, cell A3: error: unknown item 'attempts'; did you mean 'attempt'?"
        in r.output
    )


def test_edited_read_only_cell(run: Any, sample: Path) -> None:
    _edit(sample, lambda wb: wb["Answers"].cell(2, 5, "Under 16 (we disagree)"))
    r = _import(run, sample)
    assert r.exit_code == 1
    assert (
        "sheet Answers, cell E2: error: read-only cell (Title of item age) was changed to "
        "'Under 16 (we disagree)'"
    ) in r.output


def test_deleted_row(run: Any, sample: Path) -> None:
    _edit(sample, lambda wb: wb["Answers"].delete_rows(3))
    r = _import(run, sample)
    assert (
        "sheet Answers, cell A3: error: the row of item produce (3(1)(c)), exported as "
        "row 3, is missing"
    ) in r.output


def test_added_and_copied_rows(run: Any, sample: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Answers"]
        ws.cell(9, 10, "a remark in a new row")
        for col in range(1, 14):
            ws.cell(10, col, ws.cell(2, col).value)

    _edit(sample, change)
    r = _import(run, sample)
    assert "sheet Answers, cell A9: error: row 9 was added (no item id)" in r.output
    assert "cell A10: error: item age appears twice (rows 2 and 10)" in r.output


def test_renamed_sheet(run: Any, sample: Path) -> None:
    _edit(sample, lambda wb: setattr(wb["Answers"], "title", "Antworten"))
    r = _import(run, sample)
    assert (
        "answers.xlsx, sheet Antworten: error: the sheet Answers was renamed to "
        "'Antworten': rename it back to Answers"
    ) in r.output


def test_sorted_rows_are_read_by_item_with_a_warning(run: Any, sample: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Answers"]
        two = [ws.cell(2, c).value for c in range(1, 14)]
        for c in range(1, 14):
            ws.cell(2, c, ws.cell(3, c).value)
            ws.cell(3, c, two[c - 1])

    _edit(sample, change)
    r = _import(run, sample)
    assert r.exit_code == 0, r.output
    assert "cell A2: warning: rows are no longer in checklist order" in r.output
    assert "status: yes" in sample.with_suffix(".yaml").read_text(encoding="utf-8")


def test_formula_number_and_inserted_column(run: Any, sample: Path) -> None:
    def change(wb: Any) -> None:
        wb["Answers"]["J2"] = "=1+1"  # openpyxl makes this a formula cell
        wb["Evidence"]["C2"] = 1.1  # a number where a provision was text

    _edit(sample, change)
    r = _import(run, sample)
    assert r.output.count("sheet Answers, cell J2: error: holds a formula ('=1+1')") == 1
    assert "sheet Evidence, cell C2: warning: holds the number 1.1, read as '1.1'" in r.output
    _edit(sample, lambda wb: wb["Answers"].insert_cols(3))
    r = _import(run, sample)
    assert "sheet Answers, cell C1: error: the header should be 'Article'" in r.output


def test_not_a_workbook_and_zip_bomb(run: Any, tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_text("checklist: opsc\n", encoding="utf-8")
    r = run("import", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "x.yaml"))
    assert r.exit_code == 2 and "not an .xlsx workbook" in r.output
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * 150_000_000 + b"/>")
    r = run("import", str(tmp_path / "bomb.xlsx"), "-o", str(tmp_path / "x.yaml"))
    assert r.exit_code == 2 and "zip bomb" in r.output


def test_blank_workbook_needs_country_and_date(run: Any, tmp_path: Path) -> None:
    book = tmp_path / "blank.xlsx"
    assert run("export", "--checklist", str(MINI), "-o", str(book)).exit_code == 0
    r = run("import", str(book), "-o", str(tmp_path / "b.yaml"))
    assert "sheet About, cell B4: error: Country is required: fill in this cell" in r.output
    _edit(
        book,
        lambda wb: [
            wb["About"].cell(4, 2, "Freedonia"),
            wb["About"].cell(7, 2, "2026-01-31"),
            wb["Answers"].cell(2, 8, "no"),
        ],
    )
    r = run("import", str(book), "-o", str(tmp_path / "b.yaml"))
    assert r.exit_code == 0, r.output
    b = validate_file(tmp_path / "b.yaml", trusted=(MINI,)).assessment
    assert b is not None and b.answer("age").status.value == "no"


def test_into_keeps_comments_and_lists_changes(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "f.yaml"
    shutil.copy(MINI, tmp_path / "mini.yaml")  # an assessment names a checklist beside it
    src.write_text(
        "# Freedonia, draft of March\nchecklist: mini.yaml\ncountry: {name: Freedonia}\n"
        'as_of: "2026-03-01"\nanswers:\n  age:\n    status: unknown  # ask the ministry\n'
        "  territory:\n    status: yes\n    evidence: [{instrument: Penal Code}]\n"
        "    notes: territorial  # kept\n",
        encoding="utf-8",
    )
    book = tmp_path / "f.xlsx"
    assert run("export", str(src), "-o", str(book)).exit_code == 0
    _edit(
        book,
        lambda wb: [
            wb["Answers"].cell(2, 8, "partial"),
            wb["Answers"].cell(2, 9, "age_below_18"),
            wb["Answers"].cell(4, 10, "new note"),
        ],
    )
    r = run("import", str(book), "--into", str(src))
    assert r.exit_code == 0, r.output
    assert "answers.age: status unknown → partial, reasons changed" in r.output
    assert "answers.attempt: status unknown → unknown" not in r.output
    assert "2 change(s)" in r.output
    text = src.read_text(encoding="utf-8")
    assert text.startswith("# Freedonia, draft of March\n")
    assert "# ask the ministry" in text and "notes: territorial  # kept" in text
    assert text.index("  age:") < text.index("  attempt:") < text.index("  territory:")
    assert validate_file(src, trusted=(MINI,)).assessment is not None


def test_articles_scope(run: Any, tmp_path: Path) -> None:
    assert parse_articles("2-3, 5") == frozenset({2, 3, 5})
    for bad in ("", "3-2", "x", "2,,3"):
        with pytest.raises(ValueError):
            parse_articles(bad)
    book = tmp_path / "a4.xlsx"
    assert (
        run("export", "--checklist", str(MINI), "--articles", "4", "-o", str(book)).exit_code == 0
    )
    wb = openpyxl.load_workbook(book)
    assert [r[0].value for r in wb["Answers"].iter_rows(min_row=2)] == [
        "territory",
        "nationality",
        "saving",
    ]


def test_workbook_is_protected_frozen_and_printable(tmp_path: Path) -> None:
    a = validate_file(ROOT / "sample_assessments" / "quellmoor.yaml").assessment
    assert a is not None
    wb = openpyxl.load_workbook(io.BytesIO(answer_workbook(a.checklist, a, checklist_ref="opsc")))
    ws = wb["Answers"]
    assert wb.sheetnames == ["Answers", "Evidence", "About", "_gapcheck"]
    assert wb["_gapcheck"].sheet_state == "veryHidden"
    assert ws.protection.sheet and not ws.protection.password
    assert ws.freeze_panes == "C2" and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws["E2"].protection.locked and not ws["H2"].protection.locked
    (dv,) = ws.data_validations.dataValidation
    assert dv.formula1 == '"yes,partial,no,n/a,unknown"' and "H2" in str(dv.sqref)


@pytest.mark.parametrize("name", ["qaswara", "veridia"])
def test_samples_round_trip_yaml_xlsx_yaml(tmp_path: Path, name: str) -> None:
    """Qaswara's reservation with an id, the answers naming it, Veridia's waived cap: all
    come back, through the workbook and the YAML written from it."""
    original = validate_file(ROOT / "sample_assessments" / f"{name}.yaml").assessment
    assert original is not None
    book = tmp_path / f"{name}.xlsx"
    book.write_bytes(answer_workbook(original.checklist, original, checklist_ref="opsc"))
    assert _formula_cells(book) == []
    back = import_workbook(book)
    assert back.assessment is not None, [str(p) for p in back.problems]
    (tmp_path / f"{name}.yaml").write_text(dump_new(back.data), encoding="utf-8")
    again = validate_file(tmp_path / f"{name}.yaml").assessment
    assert again is not None
    for a in (back.assessment, again):
        for f in fields(Assessment):
            if f.name not in ("path", "source"):
                assert getattr(a, f.name) == getattr(original, f.name), f.name
    if name == "qaswara":
        assert [r.id for r in again.reservations] == ["adoption"]
        assert any(a.reservation == "adoption" for a in again.answers.values())
    else:
        assert any(a.not_capped for a in again.answers.values())


def test_reservation_and_cap_cells_are_located(run: Any, sample: Path) -> None:
    def change(wb: Any) -> None:
        wb["About"]["B14"] = "adoption"  # an id, but no text in B15
        wb["Answers"]["P4"] = "adoptoin"  # attempt names an id that does not exist

    _edit(sample, change)
    r = _import(run, sample)
    assert r.exit_code == 1
    assert (
        "sheet About, cell B15: error: Reservation or declaration (verbatim) is required"
        in r.output
    )
    assert "sheet Answers, cell P4: error: no reservation has the id 'adoptoin'" in r.output
    wb = openpyxl.load_workbook(sample)
    ws = wb["Answers"]
    assert [ws.cell(1, c).value for c in (14, 15, 16)] == [
        "Gap (what is missing)",
        "Cap waived because (capped items)",
        "Reservation id",
    ]
    # age has no cap, produce has one; rec_possession (good practice) takes no reservation
    assert ws["O2"].protection.locked and not ws["O3"].protection.locked
    assert ws["P8"].protection.locked and not ws["P2"].protection.locked


def test_into_carries_gap_cap_reservations_and_header(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "f.yaml"
    shutil.copy(MINI, tmp_path / "mini.yaml")
    src.write_text(
        "checklist: mini.yaml\ncountry: {name: Freedonia}\n"
        'as_of: "2026-03-01"\nreservations:\n  - Old-style declaration.\n'
        "  - {id: adoption, text: On adoption.}\nanswers:\n"
        "  age:\n    status: partial  # to check\n    reservation: adoption\n"
        "  produce:\n    status: yes\n    not_capped: Protects every child.\n",
        encoding="utf-8",
    )
    book = tmp_path / "f.xlsx"
    assert run("export", str(src), "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    about = {ws_row[0].value: ws_row[1].value for ws_row in wb["About"].iter_rows(min_row=2)}
    assert about["Reservation id (optional; answers name it, e.g. adoption)"] is None  # spare
    labels = [c.value for c in wb["About"]["A"]]
    assert (
        labels[13:19]
        == [
            "Reservation id (optional; answers name it, e.g. adoption)",
            "Reservation or declaration (verbatim)",
        ]
        * 3
    )
    _edit(
        book,
        lambda wb: [
            wb["Answers"].cell(2, 14, "No offence above 16."),
            setattr(wb["Answers"]["P2"], "value", None),  # age: reservation withdrawn
            setattr(wb["Answers"]["O3"], "value", None),  # produce: the cap applies after all
            wb["Answers"].cell(4, 16, "adoption "),  # attempt: a blank typed after the id
            wb["About"].cell(18, 2, "new_one"),
            wb["About"].cell(19, 2, "A new declaration."),
            wb["About"].cell(22, 2, "Ministry of Justice"),
        ],
    )
    r = run("import", str(book), "--into", str(src))
    assert r.exit_code == 0, r.output
    assert "answers.age: gap changed, reservation changed" in r.output
    assert "answers.produce: not_capped changed" in r.output
    assert "reservations: ['Old-style declaration.', 'adoption: On adoption.'] → [" in r.output
    assert "prepared_by: '' → 'Ministry of Justice'" in r.output
    a = validate_file(src, trusted=(MINI,)).assessment
    assert a is not None
    assert a.answer("age").gap == "No offence above 16." and not a.answer("age").reservation
    assert a.answer("produce").not_capped == "" and a.answer("attempt").reservation == "adoption"
    assert [(x.id, x.text) for x in a.reservations] == [
        ("", "Old-style declaration."),
        ("adoption", "On adoption."),
        ("new_one", "A new declaration."),
    ]
    assert a.prepared_by == "Ministry of Justice"
    text = src.read_text(encoding="utf-8")
    assert "# to check" in text and "not_capped" not in text


def test_earlier_workbook_is_refused_not_read_with_losses(tmp_path: Path, sample: Path) -> None:
    wb = openpyxl.load_workbook(sample)
    wb["_gapcheck"]["B1"] = "gapcheck-workbook 1"
    wb.save(sample)
    r = import_workbook(sample)
    assert r.assessment is None
    assert "written by an earlier gapcheck" in r.problems[0].message


FRENCH_STATUSES = (
    "Mis en œuvre",
    "Partiellement mis en œuvre",
    "Non mis en œuvre",
    "Sans objet",
    "Non évalué",
)


def test_french_workbook_has_french_words_and_statuses(run: Any, tmp_path: Path) -> None:
    """The checklist's French edition in the read-only cells, the report's French status
    words in the drop-down; read back, every answer is the one exported."""
    source = ROOT / "sample_assessments" / "veridia.yaml"
    original = validate_file(source).assessment
    assert original is not None
    book = tmp_path / "veridia.fr.xlsx"
    r = run("export", str(source), "--language", "fr", "-o", str(book))
    assert r.exit_code == 0, r.output
    fr = localized(original.checklist, "fr")
    wb = openpyxl.load_workbook(book)
    ws = wb["Answers"]
    assert [ws.cell(1, n).value for n in (5, 6, 8)] == ["Titre", "Disposition du traité", "Statut"]
    assert wb["Evidence"]["D1"].value == "Extrait (textuel)"
    about = [wb["About"].cell(n, 1).value for n in range(1, wb["About"].max_row + 1)]
    assert "Pays" in about and "Country" not in about
    assert FRENCH_STATUSES[1] in about  # the statuses explained, as the drop-down words them
    rows = {ws.cell(n, 1).value: n for n in range(2, ws.max_row + 1)}
    translated = [i.id for i in original.checklist.items if fr.item(i.id).title != i.title]
    assert translated
    for item in translated:
        assert ws.cell(rows[item], 5).value == fr.item(item).title
        assert ws.cell(rows[item], 7).value == fr.item(item).question
    (dv,) = ws.data_validations.dataValidation
    assert dv.formula1 == '"' + ",".join(FRENCH_STATUSES) + '"'
    partial = [i for i in rows if original.answer(i).status == Status.PARTIAL]
    assert partial and all(ws.cell(rows[i], 8).value == FRENCH_STATUSES[1] for i in partial)
    back = import_workbook(book)
    assert back.assessment is not None, [str(p) for p in back.problems]
    assert not back.problems, [str(p) for p in back.problems]
    _same(back.assessment, original)


def test_french_status_label_and_plain_value_are_read(run: Any, tmp_path: Path) -> None:
    source = ROOT / "sample_assessments" / "qaswara.yaml"
    original = validate_file(source).assessment
    assert original is not None
    book = tmp_path / "qaswara.fr.xlsx"
    assert run("export", str(source), "--language", "fr", "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Answers"]
    rows = {ws.cell(n, 1).value: n for n in range(2, ws.max_row + 1)}
    partial = next(i for i in rows if original.answer(i).status == Status.PARTIAL)
    unknown = next(i for i in rows if original.answer(i).status == Status.UNKNOWN)
    # typed rather than chosen: case and blanks do not matter; the YAML word is read too
    ws.cell(rows[partial], 8).value = "  partiellement MIS EN ŒUVRE "
    ws.cell(rows[unknown], 8).value = "no"
    wb.save(book)
    back = import_workbook(book)
    assert back.assessment is not None, [str(p) for p in back.problems]
    assert back.assessment.answer(partial).status == Status.PARTIAL
    assert back.assessment.answer(unknown).status == Status.NO
    ws.cell(rows[unknown], 8).value = "Partiel"
    wb.save(book)
    r = _import_opsc(run, book)
    assert r.exit_code == 1
    assert f"sheet Answers, cell H{rows[unknown]}:" in r.output
    assert "'Partiel' is not a status" in r.output and FRENCH_STATUSES[1] in r.output


@pytest.mark.parametrize("language", ["es", "ar"])
def test_spanish_and_arabic_workbooks_round_trip(tmp_path: Path, language: str) -> None:
    original = validate_file(ROOT / "sample_assessments" / "qaswara.yaml").assessment
    assert original is not None
    book = tmp_path / f"qaswara.{language}.xlsx"
    book.write_bytes(
        answer_workbook(original.checklist, original, checklist_ref="opsc", language=language)
    )
    ws = openpyxl.load_workbook(book)["Answers"]
    english = answer_workbook(original.checklist, original, checklist_ref="opsc")
    en = openpyxl.load_workbook(io.BytesIO(english))["Answers"]
    assert ws["E1"].value != en["E1"].value and ws["H2"].value != en["H2"].value
    back = import_workbook(book)
    assert back.assessment is not None, [str(p) for p in back.problems]
    _same(back.assessment, original)


def test_a_changed_french_header_is_named_in_french(run: Any, tmp_path: Path) -> None:
    book = tmp_path / "blank.fr.xlsx"
    assert run("export", "--checklist", "opsc", "--language", "fr", "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb["Answers"]["H1"].value = "Status"
    wb.save(book)
    r = _import_opsc(run, book)
    assert r.exit_code == 1 and "the header should be 'Statut', not 'Status'" in r.output


def _import_opsc(run: Any, path: Path) -> Any:
    return run("import", str(path), "-o", str(path.with_suffix(".yaml")))


def test_export_refuses_a_language_without_words(run: Any, tmp_path: Path) -> None:
    r = run("export", "--checklist", "opsc", "--language", "de", "-o", str(tmp_path / "a.xlsx"))
    assert r.exit_code == 2 and "no 'de' translation" in r.output
    assert not (tmp_path / "a.xlsx").exists()
