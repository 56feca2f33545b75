"""The workbook in a real spreadsheet program: LibreOffice Calc (headless) opens what
gapcheck writes, shows the text as written (formula-looking text inert), and a workbook
filled and saved by LibreOffice imports back exactly."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from gapcheck.formats.assessment import validate_file
from gapcheck.formats.merge import dump_new
from gapcheck.formats.model import Assessment
from gapcheck.formats.xlsx import import_workbook
from gapcheck.output.xlsx import answer_workbook
from tests.conftest import MINI

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: run scripts/system-deps.sh "
    "(package libreoffice-calc-nogui); CI installs it",
)
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
TRICKY_NOTES = "=1+1\n0012\n1.10\n2024-05-01\n12345678901234567890\n-2+3+cmd|' /C calc'!A0"


@dataclass
class Converted:
    tricky: Assessment
    tricky_book: Path
    csv_dir: Path
    saved_tricky: Path
    saved_filled: Path


def _soffice(profile: Path, target: str, outdir: Path, files: list[Path]) -> None:
    """One LibreOffice run converting several files (it takes seconds to start)."""
    cmd = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    missing = [f for f in files if not any(outdir.glob(f.stem + "*"))]
    assert done.returncode == 0 and not missing, done.stdout + done.stderr


def _fill(book: Path) -> None:
    """What a focal point does: statuses, notes, two evidence rows (one with leading zeros)."""
    wb = openpyxl.load_workbook(book)
    ws, ev = wb["Answers"], wb["Evidence"]
    ws["H2"], ws["J2"] = "yes", "Section 5 covers every person under 18."
    ws["H3"], ws["I3"], ws["J3"] = (
        "partial",
        "age_below_18",
        "Only up to 16.\nSee the Bill of 2025.",
    )
    ws["H5"], ws["K5"] = "n/a", "=No territory outside the capital"
    for c in ("H2", "H3", "H5", "J2", "J3", "I3", "K5"):
        ws[c].data_type = "s"
    rows = [
        (
            "age",
            "Penal Code 1990",
            "0012",
            "Any person under 18 …",
            "2019-07-01",
            "https://example.org/pc",
        ),
        ("produce", "Penal Code 1990", "1.10", "", "", ""),
    ]
    for r, values in enumerate(rows, 2):
        for c, v in enumerate(values, 1):
            ev.cell(r, c, v or None)
    about = wb["About"]
    about["B4"], about["B7"] = "Freedonia", "2026-01-31"
    wb.save(book)


@pytest.fixture(scope="session")
def converted(tmp_path_factory: Any) -> Converted:
    tmp = tmp_path_factory.mktemp("libreoffice")
    data = {
        "checklist": str(MINI),
        "country": {"name": "Freedonia"},
        "as_of": "2026-03-01",
        "reservations": [
            "=Old-style declaration",
            {"id": "adoption", "text": "+On adoption, article 3(1)(a)(ii)."},
        ],
        "prepared_for": "-Committee on Children's Rights",
        "disclaimer": "0012",
        "answers": {
            "age": {
                "status": "yes",
                "notes": TRICKY_NOTES,
                "gap": "=1+1 is not an offence",
                "reservation": "adoption",
                "evidence": [
                    {
                        "instrument": '=HYPERLINK("https://evil.example","x")',
                        "provision": "0012",
                        "excerpt": "@SUM(1)",
                        "in_force": "2001-02-03",
                        "url": "https://example.org/a",
                    }
                ],
            },
            "produce": {
                "status": "partial",
                "reasons": ["age_below_18"],
                "notes": "Ärzte · 儿童 · حقوق الطفل",
                "not_capped": "@Protects every child.",
            },
        },
    }
    (tmp / "tricky.yaml").write_text(dump_new(data), encoding="utf-8")
    tricky = validate_file(tmp / "tricky.yaml", trusted=(MINI,)).assessment
    assert tricky is not None
    tricky_book = tmp / "tricky.xlsx"
    tricky_book.write_bytes(answer_workbook(tricky.checklist, tricky, checklist_ref=str(MINI)))
    filled = tmp / "filled.xlsx"
    filled.write_bytes(answer_workbook(tricky.checklist, None, checklist_ref=str(MINI)))
    _fill(filled)
    profile, saved, csv_dir = tmp / "profile", tmp / "saved", tmp / "csv"
    _soffice(profile, "xlsx", saved, [tricky_book, filled])
    _soffice(profile, CSV_ALL_SHEETS, csv_dir, [tricky_book])
    return Converted(tricky, tricky_book, csv_dir, saved / "tricky.xlsx", saved / "filled.xlsx")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_libreoffice_shows_the_text_as_written(converted: Converted) -> None:
    answers = _rows(converted.csv_dir / "tricky-Answers.csv")
    assert answers[0][:8] == [
        "Item",
        "Ref",
        "Article",
        "Tier",
        "Title",
        "Treaty provision",
        "Question",
        "Status",
    ]
    age = next(r for r in answers if r[0] == "age")
    assert age[7] == "yes" and age[9] == TRICKY_NOTES  # "=1+1" not computed, "0012" kept
    assert age[13:16] == ["=1+1 is not an offence", "", "adoption"]
    evidence = _rows(converted.csv_dir / "tricky-Evidence.csv")
    assert evidence[1][:5] == [
        "age",
        '=HYPERLINK("https://evil.example","x")',
        "0012",
        "@SUM(1)",
        "2001-02-03",
    ]
    about = {r[0]: r[1] for r in _rows(converted.csv_dir / "tricky-About.csv") if len(r) > 1}
    assert about["Country"] == "Freedonia" and about["Checklist version"] == "0.1"


def test_saved_by_libreoffice_imports_unchanged(converted: Converted) -> None:
    r = import_workbook(converted.saved_tricky)
    assert r.assessment is not None, [str(p) for p in r.problems]
    for item in r.assessment.checklist.item_ids:
        assert r.assessment.answer(item) == converted.tricky.answer(item), item
    for field in ("country", "reservations", "prepared_for", "disclaimer"):
        assert getattr(r.assessment, field) == getattr(converted.tricky, field), field
    wb = openpyxl.load_workbook(converted.saved_tricky)
    assert wb["_gapcheck"].sheet_state in ("veryHidden", "hidden")
    assert wb["Answers"].protection.sheet
    formulas = [
        c.coordinate
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []


def test_filled_and_saved_by_libreoffice_imports(converted: Converted) -> None:
    r = import_workbook(converted.saved_filled)
    assert r.assessment is not None, [str(p) for p in r.problems]
    a = r.assessment
    assert a.country.name == "Freedonia" and a.as_of == "2026-01-31"
    assert a.answer("age").status.value == "yes"
    assert a.answer("age").notes == "Section 5 covers every person under 18."
    assert a.answer("produce").reasons == ("age_below_18",)
    assert a.answer("produce").notes == "Only up to 16.\nSee the Bill of 2025."
    assert a.answer("territory").justification == "=No territory outside the capital"
    (e,) = a.answer("age").evidence
    assert (e.provision, e.in_force, e.url) == ("0012", "2019-07-01", "https://example.org/pc")
    assert a.answer("produce").evidence[0].provision == "1.10"
    assert a.answer("attempt").status.value == "unknown"


FORMULAS = (
    '=HYPERLINK("http://evil.example/","click")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1+1",
)


def test_csv_cells_stay_text_when_libreoffice_opens_them(run: Any, tmp_path: Path) -> None:
    """`score` and `compare` CSVs whose State names are formulas, opened as a spreadsheet
    user opens them (LibreOffice's CSV import, which evaluates formulas): no cell is one."""
    shutil.copy(MINI, tmp_path / "mini.yaml")
    files = []
    for k, name in enumerate(FORMULAS):
        path = tmp_path / f"s{k}.yaml"
        path.write_text(
            f'checklist: mini.yaml\ncountry: {{name: {json.dumps(name)}}}\nas_of: "2026-03-01"\n',
            encoding="utf-8",
        )
        files.append(str(path))
    out = tmp_path / "csv"
    out.mkdir()
    score = run("score", "--format", "csv", *files)
    compare = run("compare", "-o", str(out / "compare.csv"), *files)
    assert score.exit_code == 0 and compare.exit_code == 0, score.output + compare.output
    (out / "score.csv").write_bytes(score.stdout_bytes)
    # the control: the same import turns a raw formula into a formula cell
    (out / "control.csv").write_text("name\n=1+1\n", encoding="utf-8")
    books = tmp_path / "books"
    books.mkdir()
    _soffice(tmp_path / "profile", "xlsx", books, sorted(out.glob("*.csv")))
    control = openpyxl.load_workbook(books / "control.xlsx").active
    assert control["A2"].data_type == "f"
    for name in ("score", "compare"):
        sheet = openpyxl.load_workbook(books / f"{name}.xlsx").active
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert not [c.coordinate for c in cells if c.data_type == "f"], name
        texts = {c.value for c in cells if c.data_type == "s"}
        assert {"'" + f for f in FORMULAS} <= texts, name
