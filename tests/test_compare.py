"""`gapcheck compare`: many States side by side."""

from __future__ import annotations

import csv
import io

from .conftest import MINI

A = """answers:
  age: {status: partial, reasons: [age_below_18], evidence: [{instrument: PC}]}
  produce: {status: yes, evidence: [{instrument: PC}]}
  attempt: {status: no}
"""
B = """answers:
  age: {status: yes, evidence: [{instrument: PC}]}
  produce: {status: no}
  attempt: {status: yes, evidence: [{instrument: PC}]}
  territory: {status: yes, evidence: [{instrument: PC}]}
"""


def _rows(result):
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))


def test_compare_countries_sorted_by_name(run, write):
    b = write(B, "b.yaml")
    b.write_text(b.read_text("utf-8").replace("Freedonia", "Arcadia Minor"), "utf-8")
    a = write(A, "a.yaml")
    rows = _rows(run("compare", str(a), str(b)))
    assert rows[0][:6] == ["country", "code", "as_of", "file", "score", "coverage"]
    assert [r[0] for r in rows[1:]] == ["Arcadia Minor", "Freedonia"]
    # Arcadia Minor: age 1 + produce 0 + attempt 2 + territory 1 = 4/5 = 80
    # Freedonia: 0.5 + 0.5 (capped) + 0 + 0 = 1/5 = 20
    assert [r[4] for r in rows[1:]] == ["80.0", "20.0"]


def test_compare_sort_by_score(run, write):
    a, b = write(A, "a.yaml"), write(B, "b.yaml")
    rows = _rows(run("compare", "--sort", "score", str(a), str(b)))
    assert [r[3] for r in rows[1:]] == [str(b), str(a)]


def test_compare_item_view_counts_states(run, write):
    a, b = write(A, "a.yaml"), write(B, "b.yaml")
    rows = _rows(run("compare", "--view", "items", str(a), str(b)))
    assert rows[0] == [
        "item",
        "ref",
        "article",
        "obligation",
        "title",
        "yes",
        "partial",
        "no",
        "n/a",
        "unknown",
    ]
    produce = next(r for r in rows if r[0] == "produce")
    assert produce[5:] == ["1", "0", "1", "0", "0"]


def test_compare_refuses_mixed_checklists(run, write, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(MINI.read_text("utf-8").replace("id: mini", "id: other"), "utf-8")
    a = write(A, "a.yaml")
    b = tmp_path / "b.yaml"
    b.write_text(f'checklist: {other}\ncountry: {{name: X}}\nas_of: "2026-01-01"\n', "utf-8")
    result = run("compare", str(a), str(b))
    assert result.exit_code == 2
    assert f"all files must use the same checklist; found mini ({a}), other ({b})" in result.output
