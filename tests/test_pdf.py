"""The PDF report, read back with pypdf: pages, outline, text, running header and footer,
metadata; the fetcher that serves only gapcheck's own files; the missing-glyph gate."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from gapcheck.analysis import scoring
from gapcheck.cli import cli
from gapcheck.formats.assessment import validate_file
from gapcheck.output import html as render
from gapcheck.output import pdf
from gapcheck.pages import report

DATA = Path(__file__).parent / "data"
MINI = DATA / "freedonia-mini.yaml"


def outline(reader: PdfReader) -> list[Any]:
    """The PDF outline as nested [title, [children]] pairs."""

    def walk(nodes: list[Any]) -> list[Any]:
        out: list[Any] = []
        for node in nodes:
            if isinstance(node, list):
                out[-1][1] = walk(node)
            else:
                out.append([node.title, []])
        return out

    return walk(reader.outline)


@pytest.fixture(scope="module")
def mini_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    out = tmp_path_factory.mktemp("pdf")
    result = CliRunner().invoke(
        cli, ["report", str(MINI), "-o", str(out), "--format", "pdf"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {out / 'freedonia-mini.pdf'}\n"
    return PdfReader(out / "freedonia-mini.pdf")


@pytest.fixture(scope="module")
def pages(mini_pdf: PdfReader) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in mini_pdf.pages]


def test_page_count_and_running_header_footer(mini_pdf: PdfReader, pages: list[str]) -> None:
    n = len(pages)
    assert n > 3
    for k, text in enumerate(pages, start=1):
        assert f"Page {k} of {n}" in text
        assert "DRAFT" in text.upper()  # draft mark on every page
        if k > 1:  # the cover has no running title
            assert "Freedonia: gap analysis (A/RES/0/0)" in text


def test_outline_has_one_bookmark_per_article(mini_pdf: PdfReader) -> None:
    tree = outline(mini_pdf)
    assert [title for title, _ in tree] == [
        "Contents",
        "Executive summary",
        "Recommendations",
        "Synopsis: gaps and recommendations",
        "Findings by article",
        "Methodology",
        "Annexes",
    ]
    findings = dict(tree)["Findings by article"]
    assert [t for t, _ in findings] == ["Article 3 — Criminalization", "Article 4 — Jurisdiction"]
    assert [t for t, _ in dict(tree)["Annexes"]] == [
        "Annex A. National legislation cited",
        "Annex B. Items not assessed",
        "Annex C. Provisions of the Protocol quoted",
    ]


def test_summary_page_shows_headline_and_priority_gaps(pages: list[str]) -> None:
    summary = next(p for p in pages if "Executive summary" in p and "changes to make first" in p)
    assert "20.0out of 100: the score" in summary and "83.3%" in summary
    assert "Provisional" in summary and "between 20.0 and 40.0" in summary
    # the assessed gaps by impact, with their recommendation numbers; territory (not
    # assessed) is named in the short list, not as a gap
    assert 0 <= summary.index("Art. 3(2) Attempt") < summary.index("Art. 3(1) Under 18")
    assert "Recommendation 2: +20 points on the score" in summary
    assert "Not yet assessed: 1 binding obligation" in summary


def test_contents_prints_page_numbers(pages: list[str]) -> None:
    contents = pages[1]
    assert "Contents" in contents
    summary_page = next(k for k, p in enumerate(pages, 1) if "changes to make first" in p)
    assert re.search(rf"Executive summary[ .]*{summary_page}\b", contents)


def test_findings_text(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "Implemented, but limited by “Under 18 (Art. 3(1))”" in text
    assert "Raise the age of protection in s. 212(1) of the Penal Code to 18 years." in text
    assert "https://laws.example.org/penal-code-2011#s212" in text
    assert "Консультант" in text  # Cyrillic rendered with a real font
    assert "Recommended practice (not a treaty obligation)" in text


def test_metadata(mini_pdf: PdfReader) -> None:
    meta = mini_pdf.metadata
    assert meta is not None
    assert meta.title == "Implementation of the Test treaty: gap analysis of Freedonia"
    assert meta.author == "A. Consultant, Б. Консультант"
    assert meta.subject == (
        "Gap analysis of the law of Freedonia as of 1 March 2024 against "
        "the Test treaty (A/RES/0/0)"
    )
    assert meta.creator is not None and meta.creator.startswith("gapcheck ")
    assert mini_pdf.trailer["/Root"]["/Lang"] == "en"


def test_pdf_links_only_to_http_and_inside(mini_pdf: PdfReader) -> None:
    uris = []
    for page in mini_pdf.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris == ["https://laws.example.org/penal-code-2011#s212"] * len(uris) and uris


# ------------------------------------------------------------------ fetcher and glyphs


def test_fetcher_serves_only_template_files() -> None:
    fetcher = pdf.AssetFetcher()
    css = render.TEMPLATES_DIR / "shared" / "report.css"
    response = fetcher.fetch(css.as_uri())
    assert response.read() == css.read_bytes()
    for url in (
        "file:///etc/passwd",
        (render.TEMPLATES_DIR / ".." / "gapcheck" / "cli" / "__init__.py").as_uri(),
        css.as_uri().replace("file://", "file://evil.example.org"),
        "http://127.0.0.1:9/x.css",
        "https://example.org/x.png",
        "data:text/css,body{color:red}",
        "ftp://example.org/x",
    ):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
        '<p style="background: url(https://example.org/x.png)">x</p>',
        '<img src="data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A//www.w3.org/2000/svg%22/%3E">',
    ],
)
def test_outside_resources_stop_the_pdf(markup: str) -> None:
    fetcher = pdf.AssetFetcher()
    html = f"<!DOCTYPE html><html lang=en><title>t</title><p>x</p>{markup}</html>"
    meta = pdf.Metadata("t", (), "en", "s", "gapcheck")
    with pytest.raises(pdf.PdfError, match="does not serve"):
        pdf.write_pdf(html, meta, fetcher=fetcher)
    assert fetcher.refused


def test_missing_glyph_fails_loudly() -> None:
    meta = pdf.Metadata("t", (), "en", "s", "gapcheck")
    html = "<!DOCTYPE html><html lang=en><title>t</title><p>private use: \ue000</p></html>"
    with pytest.raises(pdf.PdfError, match=r"no installed font has a glyph for .*U\+E000"):
        pdf.write_pdf(html, meta)


def test_report_renders_without_weasyprint_warnings() -> None:
    a = validate_file(MINI).assessment
    assert a is not None
    ctx = report.build(a, scoring.score(a.checklist, a.statuses()))
    warnings: list[str] = []
    fetcher = pdf.AssetFetcher()
    data = pdf.write_pdf(
        render.render_html(ctx),
        pdf.Metadata(ctx.title, a.assessors, ctx.lang, ctx.subject, ctx.generator),
        fetcher=fetcher,
        warnings=warnings,
    )
    assert warnings == []  # no CSS WeasyPrint ignores, no missing glyph
    assert fetcher.requested == []  # everything is inline
    assert PdfReader(io.BytesIO(data)).pages


def test_full_opsc_outline_has_every_article(tmp_path: Path) -> None:
    blank = tmp_path / "blank.yaml"
    blank.write_text(
        "checklist: opsc\ncountry: {name: Testland}\nas_of: 2024-01-01\n"
        "report_status: final\nanswers: {}\n",
        encoding="utf-8",
    )
    a = validate_file(blank).assessment
    assert a is not None
    rendered = render.render_reports(a, ["pdf"])
    reader = PdfReader(io.BytesIO(rendered.outputs["pdf"]))
    articles = sorted({i.article for i in a.checklist.items if i.article is not None})
    findings = dict(outline(reader))["Findings by article"]
    loose = (
        ["Measures not tied to an article"]
        if any(i.article is None for i in a.checklist.items)
        else []
    )
    assert [t.split(" — ")[0] for t, _ in findings] == [f"Article {n}" for n in articles] + loose
    assert len(reader.pages) > 3
    assert "DRAFT" not in reader.pages[2].extract_text().upper()
