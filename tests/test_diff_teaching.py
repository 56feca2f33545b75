"""`gapcheck diff` for teaching: the participant's answered items only, a scope of articles,
scores over the same items, and labels that say what the participant did against the model."""

from __future__ import annotations

import json

from gapcheck.analysis.agreement import Verdict, verdict
from gapcheck.formats import checklist
from gapcheck.formats.model import Status

from .conftest import ROOT

PARTICIPANT = str(ROOT / "docs" / "workshop" / "veridia-participant.yaml")
MODEL = str(ROOT / "sample_assessments" / "veridia.yaml")


def test_verdicts():
    Y, P, N, NA, U = Status.YES, Status.PARTIAL, Status.NO, Status.NA, Status.UNKNOWN
    assert verdict(Y, P) is Verdict.MORE_GENEROUS
    assert verdict(P, N) is Verdict.MORE_GENEROUS
    assert verdict(N, Y) is Verdict.STRICTER
    assert verdict(U, N) is Verdict.NOT_ANSWERED  # not "same", as the points would say
    assert verdict(P, P) is Verdict.MATCHES
    assert verdict(NA, Y) is Verdict.DIFFERS and verdict(Y, U) is Verdict.DIFFERS


def test_only_answered_counts_the_participants_23_items(run):
    result = run("diff", "--format", "json", "--only-answered", PARTICIPANT, MODEL)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["items"] == 23 and len(data["scope"]) == 23
    assert {c["id"] for c in data["changes"]} <= set(data["scope"])
    assert all(c["before"] != "unknown" for c in data["changes"])
    # both sides scored over the same 23 items: the participant's coverage is complete
    assert data["coverage"]["before"] == 100.0
    whole = json.loads(run("diff", "--format", "json", PARTICIPANT, MODEL).output)
    assert whole["items"] == len(checklist.get("opsc").items) and "scope" not in whole
    assert data["score"]["after"] != whole["score"]["after"]  # the model over 23 items only


def test_model_labels_say_what_the_participant_did(run):
    result = run("diff", "--model", "--only-answered", PARTICIPANT, MODEL)
    out = result.output
    assert result.exit_code == 0, out
    assert "Participant: " in out and "Model:       " in out
    assert "Compared over 23 item(s) only" in out
    assert "7 more generous than the model; 1 stricter than the model; 15 matches" in out
    lines = out.split("points):\n")[1].splitlines()
    age = next(line for line in lines if "Every offence protects all persons under 18" in line)
    assert age.split("  ")[1] == "more generous than the model"
    possess = next(line for line in lines if "Possessing child pornography" in line)
    assert "stricter than the model" in possess and "no → yes" in possess
    assert " better " not in out and " worse " not in out
    # the teaching points come first
    assert lines[0].strip().startswith("more generous") and "matches" in lines[-1]


def test_without_model_better_and_worse_remain(run):
    out = run("diff", "--only-answered", PARTICIPANT, MODEL).output
    assert "  worse   2(a)" in out


def test_articles_scope_and_errors(run):
    data = json.loads(run("diff", "--format", "json", "--articles", "2", PARTICIPANT, MODEL).output)
    article_2 = [i for i in checklist.get("opsc").items if i.article == 2]
    assert data["items"] == len(article_2)  # its treaty items and its good practice
    assert {c["id"][:4] for c in data["changes"]} <= {"art2", "rec_"}
    bad = run("diff", "--articles", "2-x", PARTICIPANT, MODEL)
    assert bad.exit_code == 2 and "expected article numbers such as 2-3,5" in bad.output


def test_model_page_words(run, tmp_path):
    out = tmp_path / "d.html"
    result = run(
        "diff", "--model", "--only-answered", "--format", "html", "-o", str(out), PARTICIPANT, MODEL
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Compared over 23 items only" in html
    assert html.count('class="kind kind-more_generous"') == 7 + 1  # 7 items and the jump link
    assert html.count('class="kind kind-stricter"') == 1 + 1
    body = html.split("<body", 1)[1]
    assert ">Better<" not in body and ">Worse<" not in body and "kind-better" not in body
    assert html.index("changes-more_generous") < html.index("changes-matches")
