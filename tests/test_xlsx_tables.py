"""score and compare as workbooks: numbers are numbers, scores coloured, text inert."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from tests.conftest import MINI, ROOT

SAMPLES = str(ROOT / "sample_assessments")


def test_score_workbook(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "score.xlsx"
    r = run("score", SAMPLES, "--format", "xlsx", "-o", str(out))
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Themes", "Articles", "Items", "Legend"]
    summary = wb["Summary"]
    assert [c.value for c in summary[1]][:6] == [
        "country",
        "checklist",
        "version",
        "as_of",
        "score",
        "coverage",
    ]
    quellmoor = next(row for row in summary.iter_rows(min_row=2) if row[0].value == "Quellmoor")
    assert isinstance(quellmoor[4].value, float) and quellmoor[4].data_type == "n"
    ranges = [str(cf.sqref) for cf in summary.conditional_formatting]
    assert "E2:E5" in ranges
    assert wb["Legend"]["A2"].value == "red"


def test_compare_workbook_text_stays_text(run: Any, tmp_path: Path) -> None:
    for name, country in (("a.yaml", "=cmd|' /C calc'!A0"), ("b.yaml", "Freedonia")):
        (tmp_path / name).write_text(
            f'checklist: {MINI}\ncountry: {{name: "{country}"}}\nas_of: "2026-03-01"\n'
            "answers: {age: {status: partial, evidence: [{instrument: X}]}}\n",
            encoding="utf-8",
        )
    out = tmp_path / "c.xlsx"
    r = run(
        "compare",
        "--checklist",
        str(MINI),
        str(tmp_path / "a.yaml"),
        str(tmp_path / "b.yaml"),
        "-o",
        str(out),
    )
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    ws = wb["Countries"]
    cell = ws["A2"]
    assert cell.value == "=cmd|' /C calc'!A0" and cell.data_type == "s"
    assert ws["E2"].data_type == "n"
    assert wb.sheetnames == ["Countries", "Items", "Legend"]
