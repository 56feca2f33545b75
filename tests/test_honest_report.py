"""Issue 12: the report a parliament can act on. What users rely on: validation of the new
answer fields, the priority gaps and numbered recommendations of the samples, and the two
editions read back from real PDFs (page count, outline)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from gapcheck.analysis import scoring
from gapcheck.formats.assessment import validate_file
from gapcheck.output import html as render
from gapcheck.pages import report

from .conftest import ROOT
from .test_pdf import outline

SAMPLES = sorted((ROOT / "sample_assessments").glob("*.yaml"))


def _messages(path: Path) -> list[str]:
    return [f"{p.level.value}: {p.path}: {p.message}" for p in validate_file(path).problems]


# ---------------------------------------------------------------- validation


def test_final_report_with_unassessed_items_warns_and_fails_strict(run, write):
    path = write(
        "report_status: final\nanswers:\n"
        "  age: {status: yes, evidence: [{instrument: PC}]}\n"
        "  produce: {status: unknown}\n"
    )
    # scored items: age, produce, attempt, territory, nationality, rec_possession; 5 open
    assert any(
        m.startswith("warning: report_status: the report is final but 5 scored item(s)")
        for m in _messages(path)
    )
    assert run("validate", str(path)).exit_code == 0
    assert run("validate", "--strict", str(path)).exit_code == 1


def test_a_draft_with_unassessed_items_does_not_warn(write):
    path = write("answers:\n  age: {status: unknown}\n")
    assert not any("final" in m for m in _messages(path))


def test_not_capped_needs_a_cap_and_a_reason(write):
    path = write(
        "answers:\n"
        "  age: {status: partial, evidence: [{instrument: PC}], not_capped: no cap here}\n"
        "  produce: {status: yes, evidence: [{instrument: PC}], not_capped: '  '}\n"
    )
    messages = _messages(path)
    assert (
        "error: answers.age.not_capped: this item has no cap (`capped_by` in the checklist): "
        "nothing to waive"
    ) in messages
    assert "error: answers.produce.not_capped: say why the cap does not apply" in messages


def test_reservation_must_name_an_entry_with_an_id(write):
    path = write(
        "reservations:\n"
        "  - Declaration kept as plain text, as before.\n"
        "  - {id: adoption, text: The State does not consider itself bound by article 3(5).}\n"
        "answers:\n"
        "  attempt: {status: no, reservation: adopton}\n"
        "  territory: {status: no, reservation: adoption}\n"
    )
    messages = _messages(path)
    assert any(
        m.startswith("error: answers.attempt.reservation: no reservation has the id 'adopton'")
        and "did you mean 'adoption'?" in m
        for m in messages
    ), messages
    assert not any("territory" in m for m in messages)


def test_old_plain_text_reservations_stay_valid(write):
    path = write("reservations:\n  - A declaration, verbatim.\nanswers: {}\n")
    result = validate_file(path)
    assert result.assessment is not None
    assert result.assessment.reservations[0].text == "A declaration, verbatim."


def test_reason_code_the_item_does_not_list_is_a_warning(tmp_path):
    veridia = (ROOT / "sample_assessments" / "veridia.yaml").read_text(encoding="utf-8")
    # Art. 9(3) lists limited_scope and sale_conflated_with_trafficking… but not obscenity
    bad = veridia.replace(
        "  art9_3_recovery:\n    status: partial\n    reasons: [",
        "  art9_3_recovery:\n    status: partial\n    reasons: [obscenity_test, ",
    )
    assert bad != veridia
    path = tmp_path / "veridia.yaml"
    path.write_text(bad, encoding="utf-8")
    messages = _messages(path)
    assert any(
        m.startswith(
            "warning: answers.art9_3_recovery.reasons[0]: the checklist "
            "does not list 'obscenity_test' for this item"
        )
        for m in messages
    ), messages


# ---------------------------------------------------------------- the samples' priorities


def _context(name: str, edition: str = "full") -> report.Report:
    a = validate_file(ROOT / "sample_assessments" / f"{name}.yaml").assessment
    assert a is not None
    return report.build(a, scoring.score_assessment(a), edition=edition)


def test_qaswara_priority_gaps_contain_no_unassessed_item():
    ctx = _context("qaswara")
    a = validate_file(ROOT / "sample_assessments" / "qaswara.yaml").assessment
    assert a is not None
    ids = [g.anchor.removeprefix("item-") for g in ctx.summary.gaps]
    assert ids and all(a.answer(i).status.value in ("no", "partial") for i in ids)
    rec_items = [i.anchor.removeprefix("item-") for r in ctx.recommendations for i in r.items]
    assert all(a.answer(i).status.value != "unknown" for i in rec_items)
    # the adoption items are under the reservation: one recommendation, the Committee's
    last = ctx.recommendations[-1]
    assert [i.ref for i in last.items] == ["Art. 3(1)(a)(ii)", "Art. 3(5)"]
    assert last.text.startswith("Review the reservation to Art. 3(1)(a)(ii), Art. 3(5)")
    assert ctx.summary.provisional and "Article 6 (2 of 2)" in ctx.summary.not_assessed


def test_veridia_age_item_is_recommendation_1_and_the_adoption_offence_is_not_capped():
    ctx = _context("veridia")
    first = ctx.recommendations[0]
    assert (first.number, first.treaty) == ("1", "Art. 3(1)")
    assert first.by_assessor and "articles 334-8 et 336-3" in first.text
    assert "also restores full credit to 8 items" in first.priority
    assert ctx.summary.core_counts.startswith(
        "15 of 58 binding obligations fully met, 39 partly (8 of them implemented, but limited "
        "by Art. 3(1)"
    )
    items = {i.id: i for a in ctx.articles for g in a.groups for i in g.items}
    adoption = items["art3_1_a_ii_adoption_consent"]
    assert adoption.status.label == "Implemented"
    assert adoption.cap_note.startswith("Not capped: L'art. 347-2 du Code pénal")
    offering = items["art3_1_b_offering"]
    assert offering.status.label == "Implemented, but limited"
    assert offering.cap_note.endswith("(see recommendation 1).")


def test_three_no_answers_make_exactly_three_priority_gaps(write):
    # three binding obligations answered no, everything else unknown: three gaps, no more
    path = write(
        "answers:\n  produce: {status: no}\n  attempt: {status: no}\n  territory: {status: no}\n"
    )
    a = validate_file(path).assessment
    assert a is not None
    ctx = report.build(a, scoring.score_assessment(a))
    assert [g.anchor for g in ctx.summary.gaps] == [
        "item-attempt",
        "item-produce",
        "item-territory",
    ]
    assert len(ctx.recommendations) == len(ctx.synopsis) == 3
    assert ctx.summary.not_assessed.startswith("Not yet assessed: 1 binding obligation")


# ---------------------------------------------------------------- editions, as PDFs


@pytest.fixture(scope="module")
def brief_pdfs() -> dict[str, PdfReader]:
    """Every sample's brief edition in English, and Veridia's in its own French."""
    out = {}
    for path in SAMPLES:
        a = validate_file(path).assessment
        assert a is not None
        rendered = render.render_reports(a, ["pdf"], edition="brief", language="en")
        out[path.stem] = PdfReader(io.BytesIO(rendered.outputs["pdf"]))
        if a.language != "en":
            rendered = render.render_reports(a, ["pdf"], edition="brief")
            out[f"{path.stem}-{a.language}"] = PdfReader(io.BytesIO(rendered.outputs["pdf"]))
    return out


def test_brief_edition_is_at_most_12_pages_for_every_sample(brief_pdfs):
    pages = {name: len(r.pages) for name, r in brief_pdfs.items()}
    assert all(n <= 12 for n in pages.values()), pages


def test_brief_edition_has_what_a_committee_reads_and_no_findings(brief_pdfs):
    titles = [t for t, _ in outline(brief_pdfs["veridia"])]
    assert titles == [
        "Executive summary",
        "Recommendations",
        "Synopsis: gaps and recommendations",
        "Method",
    ]
    text = " ".join(p.extract_text() for p in brief_pdfs["veridia"].pages)
    assert "Fictional State — training material" in text
    assert "example.org" not in text


def test_full_pdf_outline_has_recommendations_and_every_header_says_fictional():
    a = validate_file(ROOT / "sample_assessments" / "veridia.yaml").assessment
    assert a is not None
    reader = PdfReader(io.BytesIO(render.render_reports(a, ["pdf"], language="en").outputs["pdf"]))
    titles = [t for t, _ in outline(reader)]
    assert titles[:5] == [
        "Contents",
        "Executive summary",
        "Recommendations",
        "Synopsis: gaps and recommendations",
        "Findings by article",
    ]
    # the cover prints it in capitals (CSS), every running header as written
    assert all("fictional state" in p.extract_text().lower() for p in reader.pages)


def test_front_matter_is_printed_on_the_cover(write):
    path = write(
        "prepared_for: Committee on Human Rights\nprepared_by: Law Reform Commission\n"
        "contact: opsc@example.org\ndisclaimer: The views are the assessors' own.\n"
        "answers:\n  attempt: {status: 'no'}\n"
    )
    a = validate_file(path).assessment
    assert a is not None
    ctx = report.build(a, scoring.score_assessment(a))
    c = ctx.cover
    assert (c.prepared_for, c.prepared_by, c.contact, c.disclaimer) == (
        "Committee on Human Rights",
        "Law Reform Commission",
        "opsc@example.org",
        "The views are the assessors' own.",
    )
    html = render.render_html(ctx)
    cover = html[html.index('<header class="cover"') : html.index("</header>")]
    for text in ("Prepared for", "Committee on Human Rights", "Law Reform Commission"):
        assert text in cover
    assert "gapcheck" not in cover  # the generator line is in the colophon
    assert "Generated by gapcheck" in html[html.index('class="colophon"') :]
