"""`gapcheck worksheet`: the blank checklist on paper. The context, the command's files, the
PDF read back by its text, outline and page count, and a self-contained HTML page."""

from __future__ import annotations

import re
from html import unescape

import pytest
from pypdf import PdfReader

from gapcheck.formats import checklist
from gapcheck.formats.checklist import BUILTIN_DIR
from gapcheck.output import html as render
from gapcheck.pages import worksheet

from .conftest import MINI
from .test_injection import parse
from .test_pdf import outline

BOXES = [
    "Implemented (yes)",
    "Partly implemented (partial)",
    "Not implemented (no)",
    "Not applicable (n/a)",
]


def flat(text: str) -> str:
    """Whitespace collapsed, and words split at a line-end hyphen joined again."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def test_context_groups_articles_with_good_practice_apart() -> None:
    w = worksheet.build(checklist.get(str(MINI)))
    assert w.title == "Mini checklist: worksheet"
    assert w.checklist == "mini, version 0.1 (Mini checklist)"
    assert w.fields == ("Participant", "State", "Date")
    assert [(b.label, b.value) for b in w.boxes] == [
        ("Implemented", "yes"),
        ("Partly implemented", "partial"),
        ("Not implemented", "no"),
        ("Not applicable", "n/a"),
    ]
    assert [a.heading for a in w.articles] == [
        "Article 3 — Criminalization",
        "Article 4 — Jurisdiction",
    ]
    art3, art4 = w.articles
    assert [(g.key, g.heading) for g in art3.groups] == [
        ("treaty", "Provisions of the Protocol"),
        ("recommended", "Good practice, not a treaty obligation"),
    ]
    assert [i.id for i in art3.groups[0].items] == ["age", "produce", "attempt"]
    assert [g.key for g in art4.groups] == [
        "treaty"
    ]  # optional and saving clause stay with the treaty
    produce = art3.groups[0].items[1]
    assert (produce.ref, produce.tier, produce.question) == (
        "Art. 3(1)(c)",
        "core",
        "Is producing criminalized?",
    )
    assert produce.provision == "Each State Party shall ensure … Producing"
    good = art3.groups[1].items[0]
    assert (good.ref, good.tier, good.provision) == ("Good practice", "recommended", "")
    assert good.obligation_label == "Recommended practice (not a treaty obligation)"
    assert (
        good.sources[0].document == "ICMEC Model Legislation & Global Review"
    )  # not the treaty text


def test_html_is_self_contained_and_has_no_script() -> None:
    html = render.render_worksheet(checklist.get(str(MINI)), ["html"])["html"].decode("utf-8")
    tags = parse(html)
    names = [t for t, _ in tags.tags]
    assert tags.scripts == []
    for forbidden in ("img", "link", "iframe", "object", "embed", "base", "script"):
        assert forbidden not in names
    for tag, attrs in tags.tags:
        assert "src" not in attrs and "style" not in attrs, tag
        if "href" in attrs:  # in-page links, and the sources' addresses as plain links
            assert (attrs["href"] or "").startswith(("#", "https://", "http://")), attrs
    assert "url(" not in html and "@import" not in html
    csp = unescape(html)
    assert "script-src 'none'" in csp and "default-src 'none'" in csp
    assert html.count('<span class="tick" aria-hidden="true"></span>') == 4 * 7


def test_command_writes_the_default_file_and_never_replaces_it(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = run("worksheet", "--checklist", str(MINI), "--format", "html")
    assert first.exit_code == 0, first.output
    assert first.output == "Wrote mini-worksheet.html (7 items)\n"
    target = tmp_path / "mini-worksheet.html"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    target.write_text("mine", encoding="utf-8")
    again = run("worksheet", "--checklist", str(MINI), "--format", "html")
    assert again.exit_code == 1
    assert "mini-worksheet.html exists; use --force to replace it" in again.output
    assert target.read_text(encoding="utf-8") == "mine"
    forced = run("worksheet", "--checklist", str(MINI), "--format", "html", "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_format_follows_the_output_suffix(run, tmp_path):
    out = tmp_path / "sheet.html"
    result = run("worksheet", "--checklist", str(MINI), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")


def test_unknown_checklist_is_a_usage_error(run):
    result = run("worksheet", "--checklist", "no-such-checklist")
    assert result.exit_code == 2
    assert "--checklist" in result.output


# ------------------------------------------------------------------ the OPSC worksheet PDF


@pytest.fixture(scope="module")
def opsc_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    from click.testing import CliRunner

    from gapcheck.cli import cli

    out = tmp_path_factory.mktemp("worksheet") / "opsc-worksheet.pdf"
    result = CliRunner().invoke(cli, ["worksheet", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return PdfReader(out)


@pytest.mark.skipif(not (BUILTIN_DIR / "opsc.yaml").is_file(), reason="no OPSC checklist")
def test_opsc_worksheet_pdf(opsc_pdf: PdfReader) -> None:
    cl = checklist.get("opsc")
    pages = [flat(p.extract_text()) for p in opsc_pdf.pages]
    text = " ".join(pages)
    n = len(pages)
    assert 20 < n < 80  # 82 items, about two a page, each block kept whole
    for item in cl.items:
        assert item.id in text
        assert flat(item.question) in text, item.id
        if item.ref:
            assert f"Art. {item.ref}" in text
    for word in BOXES:
        assert text.count(word) == len(cl.items)
    assert text.count("Good practice, not a treaty obligation") == len(
        {i.article for i in cl.items if i.obligation.value == "recommended"}
    )
    assert "Participant" in pages[0] and "How to fill in this worksheet" in pages[0]
    for k, page in enumerate(pages, start=1):
        assert f"Page {k} of {n}" in page
        if k > 1:
            assert f"OPSC implementation checklist {cl.version}: worksheet" in page
    articles = sorted({i.article for i in cl.items if i.article is not None})
    assert [t.split(" — ")[0] for t, _ in outline(opsc_pdf)] == [
        "Contents",
        *(f"Article {a}" for a in articles),
        *(["Measures not tied to an article"] if any(i.article is None for i in cl.items) else []),
    ]
    meta = opsc_pdf.metadata
    assert meta is not None and meta.title == "OPSC implementation checklist: worksheet"


def test_opsc_worksheet_paper_size(opsc_pdf: PdfReader) -> None:
    box = opsc_pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait
