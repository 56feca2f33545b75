"""`gapcheck diff --format html`: the page's context (score changes, agreement, changed items
by kind), the command's output, and assessment text that stays text."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest

from gapcheck.analysis import diff
from gapcheck.formats.assessment import validate_file
from gapcheck.output import html as render
from gapcheck.pages import diff as diff_report

from .test_diff import AFTER, BEFORE
from .test_injection import PAYLOAD, hostile_yaml, parse


@pytest.fixture
def pair(write) -> tuple[Path, Path]:
    return write(BEFORE, "before.yaml"), write(AFTER, "after.yaml")


def page(before: Path, after: Path) -> diff_report.DiffPage:
    a, b = validate_file(before).assessment, validate_file(after).assessment
    assert a is not None and b is not None
    return diff_report.build(diff.compare(a, b), "before.yaml", "after.yaml")


def test_scores_before_after_and_change(pair) -> None:
    p = page(*pair)
    assert p.title == "Changes between two assessments of Freedonia"
    assert [(s.heading, s.file, s.answered) for s in p.sides] == [
        ("Before", "before.yaml", "4 of 7 items answered"),
        ("After", "after.yaml", "4 of 7 items answered"),
    ]
    score = p.headline[0]
    assert (score.label, score.before, score.after, score.change, score.trend) == (
        "Score on binding obligations",
        "25.0%",
        "40.0%",
        "+15.0",
        "up",
    )
    assert (p.headline[1].change, p.headline[1].trend) == ("0.0", "same")
    assert [(t.label, t.before, t.after, t.change) for t in p.themes] == [
        ("Criminalization", "25.0%", "50.0%", "+25.0"),  # attempt weighs 2
        ("Jurisdiction", "not applicable", "0.0%", ""),  # territory was n/a before
    ]
    assert [(a.label, a.trend) for a in p.articles] == [
        ("Article 3 — Criminalization", "up"),
        ("Article 4 — Jurisdiction", "none"),
    ]
    assert p.agreement == "Same status: 5 of 7 items (71.4%)"


def test_changed_items_by_kind_with_words(pair) -> None:
    p = page(*pair)
    assert p.summary == (
        "4 items differ: 2 towards compliance; 1 with a different status but the same points; "
        "1 with different evidence or notes only."
    )
    assert [(g.kind, g.label, g.count, [c.anchor for c in g.changes]) for g in p.groups] == [
        ("better", "Better", "2", ["item-age", "item-produce"]),
        ("status", "Status changed", "1", ["item-territory"]),
        ("details", "Evidence or notes", "1", ["item-attempt"]),
    ]
    age, produce = p.groups[0].changes
    assert (age.before.status.label, age.after.status.label) == (
        "Partly implemented",
        "Implemented",
    )
    assert age.before.reasons == ("Protection stops below 18.",) and age.after.reasons == ()
    assert age.what == "Differs in: status"
    assert (produce.before.points, produce.after.points) == (
        "0.5 of 1 point (capped)",
        "1 of 1 point",
    )
    assert produce.what == "Differs in: cap lifted"
    territory = p.groups[1].changes[0]
    assert territory.before.justification == "Covered by the federal code."
    assert territory.before.points == "Not scored (not applicable)"
    attempt = p.groups[2].changes[0]
    assert (attempt.show_notes, attempt.show_evidence) == (True, False)
    assert (attempt.before.notes, attempt.after.notes) == ("", "still missing")


def test_evidence_marks_what_is_on_one_side_only(write) -> None:
    before = write(
        "answers:\n  age: {status: yes, evidence: [{instrument: PC, provision: s. 1}, "
        "{instrument: PC, provision: s. 2, excerpt: old words}]}\n",
        "b.yaml",
    )
    after = write(
        "answers:\n  age: {status: yes, evidence: [{instrument: PC, provision: s. 2, "
        "excerpt: new words}, {instrument: Act 5, provision: art. 9}]}\n",
        "a.yaml",
    )
    change = page(before, after).groups[0].changes[0]
    assert [(e.citation, e.mark, e.excerpt) for e in change.before.evidence] == [
        ("PC, s. 1", "only", ""),
        ("PC, s. 2", "edited", "old words"),
    ]
    assert [(e.citation, e.mark_label) for e in change.after.evidence] == [
        ("PC, s. 2", "details differ"),
        ("Act 5, art. 9", "only on this side"),
    ]


def test_command_html_to_stdout_and_file(run, pair, tmp_path) -> None:
    a, b = pair
    shown = run("diff", "--format", "html", str(a), str(b))
    assert shown.exit_code == 0
    assert shown.output.startswith("<!DOCTYPE html>") and shown.output.endswith("</html>\n")
    out = tmp_path / "diff.html"
    written = run("diff", "--format", "html", "-o", str(out), str(a), str(b))
    assert written.exit_code == 0
    assert written.output == f"Wrote {out}\n"
    assert out.read_text(encoding="utf-8") == shown.output


def test_command_never_writes_over_an_input(run, pair) -> None:
    a, b = pair
    before = b.read_bytes()
    result = run("diff", "--format", "html", "-o", str(b), str(a), str(b))
    assert result.exit_code == 2
    assert f"would replace the input {b}" in result.output
    assert b.read_bytes() == before


def test_command_keeps_refusing_different_checklists(run, write, tmp_path) -> None:
    from .conftest import MINI

    other = tmp_path / "other.yaml"
    other.write_text(MINI.read_text(encoding="utf-8").replace("id: mini", "id: other"), "utf-8")
    a = write(BEFORE, "a.yaml")
    b = tmp_path / "b.yaml"
    b.write_text(f'checklist: {other}\ncountry: {{name: X}}\nas_of: "2026-01-01"\n', "utf-8")
    result = run("diff", "--format", "html", str(a), str(b))
    assert result.exit_code == 2
    assert "different checklists (mini and other)" in result.output


def test_markup_in_assessments_stays_text(write, tmp_path) -> None:
    evil = hostile_yaml(tmp_path)
    plain = write(BEFORE, "plain.yaml")
    a, b = validate_file(plain).assessment, validate_file(evil).assessment
    assert a is not None and b is not None
    html = render.render_diff(diff.compare(a, b), "plain.yaml", "<script>alert(0)</script>.yaml")
    tags = parse(html)
    names = [t for t, _ in tags.tags]
    assert tags.scripts == [] and "script" not in names
    for forbidden in ("img", "link", "iframe", "svg", "object", "embed", "base"):
        assert forbidden not in names
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), tag
        assert "src" not in attrs and "style" not in attrs, tag
        assert not (attrs.get("href") or "#").lower().startswith("javascript"), tag
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert html.count(escaped) >= 5  # country, notes, evidence, excerpts, reasons…
    assert "&lt;script&gt;alert(0)&lt;/script&gt;.yaml" in html  # the file name too
    assert "{{ 7*7 }}" in html  # printed as written, never evaluated
    assert PAYLOAD not in html
    assert "script-src 'none'" in unescape(html)
