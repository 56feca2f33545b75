"""`gapcheck class`: five participants against a model answer on the mini checklist, every
count and kappa computed by hand below; invalid files left out; HTML, PDF and CSV."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from gapcheck.analysis.agreement import Verdict, agreement, weighted_kappa
from gapcheck.formats.assessment import validate_file
from gapcheck.formats.model import Status

from .conftest import ROOT

# items judged: age, produce, attempt, territory, nationality, rec_possession
# (the model leaves `saving` unknown: nobody is judged on it)
MODEL = {
    "age": "partial",
    "produce": "yes",
    "attempt": "no",
    "territory": "yes",
    "nationality": "no",
    "rec_possession": "partial",
}
PARTICIPANTS = {
    "p1": dict(MODEL),
    "p2": {**MODEL, "age": "yes"},
    "p3": {
        "age": "yes",
        "produce": "partial",
        "attempt": "partial",
        "nationality": "no",
        "rec_possession": "yes",
    },
    "p4": dict.fromkeys(MODEL, "yes"),
    "p5": {"age": "partial"},
}


def body(answers: dict[str, str], assessors: str = "") -> str:
    lines = [f"assessors: [{assessors}]"] if assessors else []
    lines.append("answers:")
    for item, status in answers.items():
        reasons = ", reasons: [age_below_18]" if status == "partial" else ""
        lines.append(f"  {item}: {{status: {status}{reasons}}}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def room(write):
    model = write(body(MODEL), "model.yaml")
    files = [
        write(body(a, f"Participant {k[1]}" if k != "p5" else ""), f"{k}.yaml")
        for k, a in PARTICIPANTS.items()
    ]
    return model, files


def test_kappa_by_hand():
    Y, P, N = Status.YES, Status.PARTIAL, Status.NO
    # p2: pairs (participant, model) on no=0 < partial=1 < yes=2:
    # (2,1) (2,2) (0,0) (2,2) (0,0) (1,1); linear weights |i-j|/2.
    # observed disagreement = 0.5 × 1/6 = 3/36; rows 2/6, 1/6, 3/6; columns 1/3 each;
    # expected = 1/3 × (2/6 × 1.5 + 1/6 × 1 + 3/6 × 1.5) = 17/36; κ = 1 − 3/17 = 14/17.
    p2 = [(Y, P), (Y, Y), (N, N), (Y, Y), (N, N), (P, P)]
    assert weighted_kappa(p2) == pytest.approx(14 / 17)
    # p4 says yes everywhere: observed 3/6 = expected 1/2 → κ = 0 (no better than chance)
    p4 = [(Y, P), (Y, Y), (Y, N), (Y, Y), (Y, N), (Y, P)]
    assert weighted_kappa(p4) == pytest.approx(0.0)
    # p3 (territory unanswered, left out): (2,1) (1,2) (1,0) (0,0) (2,1);
    # observed 4 × 0.5 / 5 = 0.4; rows .2 .4 .4; columns .4 .4 .2;
    # expected .2×(.5×.4+1×.2) + .4×(.5×.4+.5×.2) + .4×(1×.4+.5×.4) = .08+.12+.24 = .44;
    # κ = 1 − .4/.44 = 1/11
    p3 = [(Y, P), (P, Y), (P, N), (N, N), (Y, P)]
    assert weighted_kappa(p3) == pytest.approx(1 / 11)
    assert weighted_kappa([(Y, Y), (P, P), (N, N)]) == pytest.approx(1.0)
    assert weighted_kappa([(P, P)]) is None  # one item: nothing to measure
    assert weighted_kappa([(Y, Y), (Y, Y)]) is None  # a single status on both sides


def test_counts_and_hardest_items_by_hand(room):
    model_file, files = room
    model = validate_file(model_file).assessment
    rows = [(f.stem, str(f), validate_file(f).assessment) for f in files]
    c = agreement(model, rows)
    assert c.left_out == ("saving",)
    tally = {t.item_id: {v.value: n for v, n in t.counts.items() if n} for t in c.items}
    assert tally == {
        "age": {"matches": 2, "more_generous": 3},
        "produce": {"matches": 3, "stricter": 1, "not_answered": 1},
        "attempt": {"matches": 2, "more_generous": 2, "not_answered": 1},
        "territory": {"matches": 3, "not_answered": 2},
        "nationality": {"matches": 3, "more_generous": 1, "not_answered": 1},
        "rec_possession": {"matches": 2, "more_generous": 2, "not_answered": 1},
    }
    # share matching among those who answered: age 2/5, attempt 2/4, rec 2/4 (tie: checklist
    # order), produce 3/4, nationality 3/4, territory 3/3
    assert [t.item_id for t in c.hardest()] == [
        "age",
        "attempt",
        "rec_possession",
        "produce",
        "nationality",
        "territory",
    ]
    by = {p.name: p for p in c.participants}
    assert [by[k].matching for k in ("p1", "p2", "p3", "p4", "p5")] == [6, 5, 1, 2, 1]
    assert by["p2"].share == pytest.approx(500 / 6)
    assert by["p3"].count(Verdict.NOT_ANSWERED) == 1 and by["p3"].kappa_items == 5
    assert [by[k].kappa for k in ("p1", "p5")] == [pytest.approx(1.0), None]
    assert by["p2"].kappa == pytest.approx(14 / 17)
    assert by["p3"].kappa == pytest.approx(1 / 11)
    assert by["p4"].kappa == pytest.approx(0.0)


def test_command_csv_names_and_invalid_files(run, room, tmp_path):
    model, files = room
    bad = tmp_path / "broken.yaml"
    bad.write_text("answers: [not a mapping\n", encoding="utf-8")
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        (files[0].read_text(encoding="utf-8")).replace("Participant 1", "=HYPERLINK(1)"),
        encoding="utf-8",
    )
    args = [
        "class",
        *map(str, files),
        str(bad),
        str(evil),
        "--model",
        str(model),
        "--format",
        "csv",
    ]
    result = run(*args, "--view", "participants")
    assert result.exit_code == 1  # a file was left out
    assert "broken.yaml: left out of the class view (invalid)" in result.output
    text = result.stdout_bytes.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    names = [r["participant"] for r in rows]
    assert names == [
        "Participant 1",
        "Participant 2",
        "Participant 3",
        "Participant 4",
        "p5",
        "'=HYPERLINK(1)",
    ]
    assert rows[1]["matching"] == "5" and rows[1]["kappa"] == "0.8235"
    items = list(csv.reader(io.StringIO(run(*args).stdout_bytes.decode("utf-8")[1:])))
    assert [r[1] for r in items[1:]][:3] == ["age", "attempt", "rec_possession"]


def test_command_pdf_is_one_landscape_page_for_30(run, write, tmp_path):
    root_model = ROOT / "sample_assessments" / "veridia.yaml"
    participant = (ROOT / "docs" / "workshop" / "veridia-participant.yaml").read_text("utf-8")
    files = []
    for k in range(30):
        path = tmp_path / f"p{k:02}.yaml"
        path.write_text(participant.replace("Workshop participant 7", f"Participant {k}"), "utf-8")
        files.append(str(path))
    out = tmp_path / "class.pdf"
    result = run(
        "class",
        *files,
        "--model",
        str(root_model),
        "--articles",
        "2-3",
        "--language",
        "en",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    pdf = PdfReader(out)
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = pdf.pages[0].extract_text()
    assert "Participant 29" in text and "Items, hardest first" in text
