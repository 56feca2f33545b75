"""`gapcheck compare --format html|pdf`: the matrix context (cells with a colour band and the
number, row order, the most often missing items), the files written, and the PDF of the
four sample States read back by its text, outline, page size and count."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from gapcheck.analysis import compare
from gapcheck.formats.assessment import validate_file
from gapcheck.formats.model import Tier
from gapcheck.output import html as render
from gapcheck.pages import comparison as compare_report

from .conftest import MINI, ROOT
from .test_compare import A, B
from .test_injection import hostile_yaml, parse
from .test_pdf import outline

SAMPLES = sorted((ROOT / "sample_assessments").glob("*.yaml"))


def matrix(paths: list[Path], sort: str = "country") -> compare.Matrix:
    pairs = []
    for p in paths:
        a = validate_file(p).assessment
        assert a is not None
        pairs.append((p.name, a))
    return compare.build(pairs, sort=sort)


@pytest.fixture
def two(write) -> list[Path]:
    b = write(B, "b.yaml")
    b.write_text(b.read_text("utf-8").replace("Freedonia", "Arcadia Minor"), "utf-8")
    return [write(A, "a.yaml"), b]


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (None, "band-none"),
        (0.0, "band-0"),
        (19.94, "band-0"),
        (19.96, "band-1"),  # printed 20.0%: judged as printed
        (59.9, "band-2"),
        (60.0, "band-3"),
        (100.0, "band-4"),
    ],
)
def test_band(value: float | None, band: str) -> None:
    assert compare_report.band(value) == band


def test_cells_carry_the_number_and_rows_keep_their_order(two) -> None:
    c = compare_report.build(matrix(two))
    assert [r.country for r in c.rows] == ["Arcadia Minor", "Freedonia"]
    assert c.order_note == "States are in alphabetical order; this is not a ranking."
    arcadia, freedonia = c.rows
    assert (arcadia.headline.text, arcadia.headline.band) == ("80.0%", "band-4")
    # Freedonia did not assess territory: its headline is partly assessed (marked *)
    assert (freedonia.headline.text, freedonia.headline.band) == ("20.0%*", "band-1")
    assert freedonia.coverage == "50.0%"
    assert [col.label for col in c.theme_columns] == ["Criminalization", "Jurisdiction"]
    assert [(col.label, col.title) for col in c.article_columns] == [
        ("Art. 3", "Article 3 — Criminalization"),
        ("Art. 4", "Article 4 — Jurisdiction"),
    ]
    # …and article 4, which it did not assess at all, is "not assessed", never a red 0.0 %
    assert [(x.text, x.band) for x in freedonia.articles] == [
        ("25.0%", "band-1"),
        ("not assessed", "band-none"),
    ]
    assert [(x.text, x.band) for x in freedonia.themes] == [
        ("25.0%", "band-1"),
        ("not assessed", "band-none"),
    ]
    assert not c.landscape  # three columns fit a portrait page
    by_score = compare_report.build(matrix(two[::-1], sort="score"))
    assert by_score.order_note.startswith("States are ordered by the score")


def test_most_often_missing_lists_every_scored_item(two) -> None:
    c = compare_report.build(matrix(two))
    assert [h.label for h in c.statuses] == [
        "Implemented",
        "Partly implemented",
        "Not implemented",
        "Not applicable",
        "Not assessed",
    ]
    rows = [(r.ref, r.counts, r.missing, r.top) for r in c.missing]
    # 6 scored items (the saving clause is not scored), most often at no or partial first
    assert rows == [
        ("Art. 3(1)", ("1", "1", "0", "0", "0"), "1", "1"),
        ("Art. 3(1)(c)", ("1", "0", "1", "0", "0"), "1", "2"),
        ("Art. 3(2)", ("1", "0", "1", "0", "0"), "1", "3"),
        ("Art. 4(1)", ("1", "0", "0", "0", "1"), "0", ""),
        ("Art. 4(2)(a)", ("0", "0", "0", "0", "2"), "0", ""),
        ("Good practice", ("0", "0", "0", "0", "2"), "0", ""),
    ]
    assert "the 3 items most often missing are highlighted" in c.missing_note


def test_command_html_default_name_and_inputs_kept(run, two, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("compare", "--format", "html", *map(str, two))
    assert result.exit_code == 0, result.output
    assert "Wrote comparison-mini.html (2 States)" in result.output
    html = (tmp_path / "comparison-mini.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Arcadia Minor" in html
    kept = two[0].read_bytes()
    clash = run("compare", "--format", "html", "-o", str(two[0]), *map(str, two))
    assert clash.exit_code == 2 and "would replace the input" in clash.output
    assert two[0].read_bytes() == kept


def test_command_format_from_suffix(run, two, tmp_path) -> None:
    out = tmp_path / "states.html"
    assert run("compare", "-o", str(out), *map(str, two)).exit_code == 0
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_mixed_checklists_are_refused(run, write, tmp_path, fmt) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(MINI.read_text("utf-8").replace("id: mini", "id: other"), "utf-8")
    a = write(A, "a.yaml")
    b = tmp_path / "b.yaml"
    b.write_text(f'checklist: {other}\ncountry: {{name: X}}\nas_of: "2026-01-01"\n', "utf-8")
    result = run("compare", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"), str(a), str(b))
    assert result.exit_code == 2
    assert f"all files must use the same checklist; found mini ({a}), other ({b})" in result.output
    assert not (tmp_path / f"out.{fmt}").exists()


def test_markup_in_assessments_stays_text(tmp_path, write) -> None:
    m = matrix([hostile_yaml(tmp_path), write(A, "a.yaml")])
    html = render.render_comparison(m, ["html"])["html"].decode("utf-8")
    tags = parse(html)
    assert tags.scripts == [] and "script" not in [t for t, _ in tags.tags]
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), tag
        assert "src" not in attrs and "style" not in attrs and "href" not in attrs, tag
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "default-src 'none'" in unescape(html)


# ------------------------------------------------------------------ the samples' PDF


@pytest.fixture(scope="module")
def samples_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    from click.testing import CliRunner

    from gapcheck.cli import cli

    out = tmp_path_factory.mktemp("compare") / "comparison.pdf"
    result = CliRunner().invoke(
        cli, ["compare", "-o", str(out), *map(str, SAMPLES)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return PdfReader(out)


def test_samples_pdf_text(samples_pdf: PdfReader) -> None:
    pages = [" ".join(p.extract_text().split()) for p in samples_pdf.pages]
    text = " ".join(pages)
    m = matrix(SAMPLES)
    for row in m.rows:
        assert row.assessment.country.name in text
    for theme in m.checklist.themes:
        assert theme.title in text
    # each State's headline score, as scoring computes it, printed with one decimal, and a
    # star where the State assessed only part of the binding obligations
    figures = {
        r.assessment.country.name: f"{r.score.score:.1f}%"
        + ("*" if r.score.tiers[Tier.CORE].state == "partly_assessed" else "")
        for r in m.rows
    }
    assert re.search(rf"Meridonia \(XM\) .*? {re.escape(figures['Meridonia'])}", text)
    for figure in figures.values():
        assert figure in pages[0]
    assert "States are in alphabetical order; this is not a ranking." in pages[0]
    assert "Obligations most often missing" in text
    n = len(pages)
    assert 3 <= n <= 15
    for k, page in enumerate(pages, start=1):
        assert f"Page {k} of {n}" in page


def test_samples_pdf_is_landscape_with_bookmarks(samples_pdf: PdfReader) -> None:
    for page in samples_pdf.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)  # nine themes: wide
    assert [t for t, _ in outline(samples_pdf)] == [
        "Scores by State",
        "Scores by theme",
        "Scores by article",
        "Obligations most often missing",
    ]
    meta = samples_pdf.metadata
    assert meta is not None and meta.title == "OPSC implementation checklist: 4 States compared"


def test_a_group_a_state_did_not_assess_is_never_zero() -> None:
    # Qaswara has not assessed mutual legal assistance (article 6) nor international
    # cooperation (article 10): those cells say so, in no colour band; its extradition
    # (article 5) is partly assessed, a lower bound marked *
    c = compare_report.build(matrix(SAMPLES))
    qaswara = next(r for r in c.rows if r.country == "Qaswara")
    articles = dict(zip((col.label for col in c.article_columns), qaswara.articles, strict=True))
    themes = dict(zip((col.label for col in c.theme_columns), qaswara.themes, strict=True))
    for cell in (articles["Art. 6"], articles["Art. 10"], themes["Mutual legal assistance"]):
        assert (cell.text, cell.band) == ("not assessed", "band-none")
    assert articles["Art. 5"].text.endswith("%*")
    score = next(r.score for r in matrix(SAMPLES).rows if r.assessment.country.name == "Qaswara")
    unassessed = [n for n, g in score.articles.items() if g.state == "not_assessed"]
    assert unassessed == [6, 10]
