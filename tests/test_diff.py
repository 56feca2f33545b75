"""`gapcheck diff`: what moved between two assessments, with the score change."""

from __future__ import annotations

import json

from .conftest import MINI

BEFORE = """answers:
  age: {status: partial, reasons: [age_below_18], evidence: [{instrument: Penal Code, provision: s. 1}]}
  produce: {status: yes, evidence: [{instrument: Penal Code, provision: s. 2}]}
  attempt: {status: no}
  territory: {status: n/a, justification: Covered by the federal code.}
"""
AFTER = """answers:
  age: {status: yes, evidence: [{instrument: Penal Code, provision: s. 1}]}
  produce: {status: yes, evidence: [{instrument: Penal Code, provision: s. 2}]}
  attempt: {status: no, notes: still missing}
  territory: {status: no}
"""


def test_diff_text(run, write):
    a, b = write(BEFORE, "before.yaml"), write(AFTER, "after.yaml")
    result = run("diff", str(a), str(b))
    assert result.exit_code == 0
    assert result.output == (
        f"Before: {a} (Freedonia, law as of 2026-03-01)\n"
        f"After:  {b} (Freedonia, law as of 2026-03-01)\n"
        "  Score (core)           25.00 →  40.00  +15.00\n"
        "  Coverage (%)           66.67 →  66.67  +0.00\n"
        # nobody assessed the optional and recommended items: no score on either side
        "  Optional tier            n/a →    n/a\n"
        "  Recommended tier         n/a →    n/a\n"
        "  Same status: 5 of 7 items (71%)\n"
        "\n"
        "4 item(s) differ:\n"
        "  better  3(1)             partial → yes        Under 18  [status]\n"
        "  better  3(1)(c)          yes → yes            Producing  [cap lifted]\n"
        "  same    3(2)             no → no              Attempt  [notes]\n"
        "  same    4(1)             n/a → no             Territorial jurisdiction  [status]\n"
    )


def test_diff_json(run, write):
    a, b = write(BEFORE, "before.yaml"), write(AFTER, "after.yaml")
    data = json.loads(run("diff", "--format", "json", str(a), str(b)).output)
    assert data["score"] == {"before": 25.0, "after": 40.0, "change": 15.0}
    assert [c["id"] for c in data["changes"]] == ["age", "produce", "attempt", "territory"]
    assert data["changes"][0]["direction"] == "better"
    assert data["same_status"] == 5


def test_diff_identical_files(run, write):
    a = write(BEFORE, "a.yaml")
    result = run("diff", str(a), str(a))
    assert result.exit_code == 0
    assert "Same status: 7 of 7 items (100%)" in result.output
    assert result.output.endswith("No item differs.\n")


def test_diff_refuses_different_checklists(run, write, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(MINI.read_text(encoding="utf-8").replace("id: mini", "id: other"), "utf-8")
    a = write(BEFORE, "a.yaml")
    b = tmp_path / "b.yaml"
    b.write_text(
        f'checklist: {other}\ncountry: {{name: X}}\nas_of: "2026-01-01"\n', encoding="utf-8"
    )
    result = run("diff", str(a), str(b))
    assert result.exit_code == 2
    assert "different checklists (mini and other)" in result.output


def test_diff_reports_invalid_input_like_validate(run, write):
    a = write(BEFORE, "a.yaml")
    bad = write("answers:\n  age: {status: maybe}\n", "bad.yaml")
    result = run("diff", str(a), str(bad))
    assert result.exit_code == 1
    assert f"{bad}:5:17: error: answers.age.status" in result.output
