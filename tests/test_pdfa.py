"""Every PDF gapcheck writes is tagged PDF/A-3 with its sources embedded, checked with tools
that are not WeasyPrint: pikepdf (qpdf) walks the structure tree, reads the XMP metadata,
fonts and attachments; poppler's pdftotext gives the reading order.

What only veraPDF or a screen reader can tell (see docs/archival.md) is not claimed here.
"""

from __future__ import annotations

import io
import itertools
import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from gapcheck.analysis import scoring
from gapcheck.formats.assessment import validate_file
from gapcheck.output import pdf
from gapcheck.output.archive import html_block
from gapcheck.output.text import score_json

from .conftest import FREEDONIA, MINI

KINDS = ["report_pdf", "comparison_pdf", "worksheet_pdf"]
HEADINGS = {f"/H{n}": n for n in range(1, 7)}


def elements(pdf_file: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The structure elements in document order."""
    out: list[pikepdf.Dictionary] = []

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            out.append(node)
            walk(node.get("/K"))

    walk(pdf_file.Root.StructTreeRoot.K)
    return out


@pytest.fixture(scope="module", params=KINDS)
def kind(request: pytest.FixtureRequest, archived: dict[str, Path]) -> tuple[str, pikepdf.Pdf]:
    return request.param, pikepdf.open(archived[request.param])


def test_every_page_text_is_marked_and_mapped_to_the_structure_tree(kind) -> None:
    _, doc = kind
    parent_tree = pikepdf.NumberTree(doc.Root.StructTreeRoot.ParentTree)
    for n, page in enumerate(doc.pages, 1):
        depth, unmarked, mcids = 0, 0, []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                depth += 1
                if op == "BDC" and "/MCID" in operands[1]:
                    mcids.append(int(operands[1].MCID))
            elif op == "EMC":
                depth -= 1
            elif op in ("Tj", "TJ", "'", '"', "Do") and depth == 0:
                unmarked += 1
        assert unmarked == 0, f"page {n}: {unmarked} text/object drawing(s) outside marked content"
        assert mcids, f"page {n} has no marked content"
        mapped = parent_tree[int(page.obj.StructParents)]
        for mcid in mcids:
            assert "/S" in mapped[mcid], f"page {n}: MCID {mcid} maps to no structure element"


def test_headings_start_at_h1_and_never_skip_a_level(kind) -> None:
    name, doc = kind
    levels = [HEADINGS[str(e.S)] for e in elements(doc) if str(e.S) in HEADINGS]
    assert levels and levels[0] == 1, name
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"{name}: H{before} followed by H{after}"


def test_figures_have_alternative_text_and_tables_header_cells(kind) -> None:
    name, doc = kind
    tags = Counter(str(e.S) for e in elements(doc))
    for e in elements(doc):
        if str(e.S) == "/Figure":
            assert str(e.get("/Alt", "")).strip(), f"{name}: a figure without /Alt"
        if str(e.S) == "/Table":
            cells = [c for c in elements_under(e) if str(c.S) in ("/TH", "/TD")]
            assert any(str(c.S) == "/TH" for c in cells), f"{name}: a table without TH"
    if name != "worksheet_pdf":
        assert tags["/Table"] and tags["/TH"], name
    assert tags["/L"] and tags["/LI"], f"{name}: lists are tagged as lists"


def elements_under(node: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    out = []
    for kid in node.get("/K", []) if isinstance(node.get("/K"), pikepdf.Array) else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out += [kid, *elements_under(kid)]
    return out


def test_charts_state_their_numbers_in_their_alternative_text(archived) -> None:
    doc = pikepdf.open(archived["report_pdf"])
    alts = [str(e.Alt) for e in elements(doc) if str(e.S) == "/Figure"]
    a = validate_file(FREEDONIA).assessment
    s = scoring.score_assessment(a)
    words = {"not_assessed": "not assessed", "not_applicable": "not applicable"}
    assert len(alts) == 2
    by_theme, by_article = alts
    for theme in a.checklist.themes:
        g = s.themes[theme.id]
        if g.counts and g.score is not None:
            assert f"{theme.title}: {g.score:.1f}%" in by_theme
    for number, g in s.articles.items():
        shown = words.get(g.state, "not scored") if g.score is None else f"{g.score:.1f}%"
        assert f"Article {number}: {shown}" in by_article


def test_catalogue_and_xmp_say_pdfa3_title_and_language(kind) -> None:
    name, doc = kind
    meta = doc.open_metadata()
    assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "U", name
    assert meta["dc:title"] == str(doc.docinfo.Title), name
    assert meta["dc:language"] == {"en"}, name
    assert str(doc.Root.Lang) == "en"
    assert doc.Root.ViewerPreferences.DisplayDocTitle is True
    assert doc.Root.MarkInfo.Marked is True
    assert str(doc.Root.OutputIntents[0].S) == "/GTS_PDFA1"


def test_fonts_are_embedded(kind) -> None:
    name, doc = kind
    fonts = 0
    for page in doc.pages:
        for font in page.Resources.get("/Font", {}).values():
            for descendant in font.get("/DescendantFonts", [font]):
                fonts += 1
                descriptor = descendant.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                    f"{name}: font {descendant.get('/BaseFont')} is not embedded"
                )
    assert fonts


def attached(doc: pikepdf.Pdf) -> dict[str, tuple[str, str, bytes]]:
    """Associated files by name: (AFRelationship, MIME type, bytes)."""
    return {
        str(spec.UF): (str(spec.AFRelationship), str(spec.EF.F.Subtype), spec.EF.F.read_bytes())
        for spec in doc.Root.AF
    }


def test_report_embeds_its_sources_and_score(archived) -> None:
    doc = pikepdf.open(archived["report_pdf"])
    files = attached(doc)
    assert list(files) == ["freedonia-mini.yaml", "mini.yaml", "score.json", "gapcheck-report.json"]
    assert files["freedonia-mini.yaml"] == ("/Source", "/application/yaml", FREEDONIA.read_bytes())
    assert files["mini.yaml"] == ("/Source", "/application/yaml", MINI.read_bytes())
    a = validate_file(FREEDONIA).assessment
    score = score_json("freedonia-mini.yaml", a, scoring.score(a.checklist, a.statuses()))
    relationship, mime, data = files["score.json"]
    assert (relationship, mime, json.loads(data)) == ("/Data", "/application/json", score)
    manifest = json.loads(files["gapcheck-report.json"][2])
    assert manifest["checklist"]["id"] == a.checklist.id
    assert manifest["checklist"]["version"] == a.checklist.version
    assert {f["key"] for f in manifest["figures"]} >= {"headline", "coverage", "article:3"}


def test_comparison_and_worksheet_embed_what_they_were_made_from(archived) -> None:
    comparison = attached(pikepdf.open(archived["comparison_pdf"]))
    assert list(comparison) == ["mini.yaml", "freedonia-mini.yaml", "ruritania.yaml"]
    assert {r for r, _, _ in comparison.values()} == {"/Source"}
    worksheet = attached(pikepdf.open(archived["worksheet_pdf"]))
    assert worksheet == {"mini.yaml": ("/Source", "/application/yaml", MINI.read_bytes())}


def pdftotext(path: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def in_order(text: str, *parts: str) -> bool:
    positions = [text.find(p) for p in parts]
    return -1 not in positions and positions == sorted(positions)


def test_reading_order_follows_the_document(archived) -> None:
    pages = [pdftotext(archived["report_pdf"], n) for n in range(1, 6)]
    summary = next(p for p in pages if "The changes to make first" in p)
    assert in_order(summary, "Executive summary", "out of 100", "The changes to make first"), (
        summary
    )
    sheet = pdftotext(archived["worksheet_pdf"], 2)
    a = validate_file(FREEDONIA).assessment
    first, second = a.checklist.items[0].title, a.checklist.items[1].title
    assert in_order(" ".join(sheet.split()), first, second), sheet


def test_an_element_in_another_language_is_tagged_with_it() -> None:
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><h1>T</h1>'
        '<p>Law: <q lang="fr">Est puni quiconque</q></p><blockquote lang="ar">نص</blockquote>'
        "</body></html>"
    )
    data = pdf.write_pdf(html, pdf.Metadata("T", (), "en", "S", "gapcheck"))
    doc = pikepdf.open(io.BytesIO(data))
    langs = {str(e.get("/Lang")) for e in elements(doc) if "/Lang" in e}
    assert langs == {"fr", "ar"}


def test_html_data_block_cannot_be_closed_by_user_text() -> None:
    from gapcheck.formats.report_file import _html_files
    from gapcheck.output.archive import EmbeddedFile

    hostile = EmbeddedFile(
        "a.yaml",
        b"notes: </script><script>alert(1)</script>",
        "application/yaml",
        "Source",
        "Assessment of </script><img src=x onerror=alert(1)> & co",
    )
    block = str(html_block((hostile,)))
    assert block.count("</script>") == 1 and block.endswith("</script>")
    assert "<img" not in block and "<script>" not in block[40:]
    assert _html_files(f"<html>{block}</html>".encode()) == {"a.yaml": hostile.data}


def test_parent_tree_and_structure_tree_agree(kind) -> None:
    """Each marked-content id a page maps to an element is listed by that element, once;
    and every element in the tree lists only content its page maps back to it."""
    name, doc = kind
    parent_tree = pikepdf.NumberTree(doc.Root.StructTreeRoot.ParentTree)
    listed: Counter[tuple[tuple[int, int], int, tuple[int, int]]] = Counter()
    for e in elements(doc):
        for kid in e.get("/K", []) if isinstance(e.get("/K"), pikepdf.Array) else []:
            if isinstance(kid, int):
                listed[(e.Pg.objgen, int(kid), e.objgen)] += 1
    assert listed and max(listed.values()) == 1, f"{name}: a marked-content id listed twice"
    mapped = set()
    for page in doc.pages:
        for mcid, owner in enumerate(parent_tree[int(page.obj.StructParents)]):
            mapped.add((page.obj.objgen, mcid, owner.objgen))
    assert set(listed) <= mapped, f"{name}: the tree lists content the page maps elsewhere"
    assert set(listed) == mapped, f"{name}: content mapped to an element outside the tree"


def test_running_headers_and_footers_are_pagination_artifacts(kind) -> None:
    """The page's running header and footer (title, page number) are artifacts a screen
    reader skips, not content: each page draws text inside `/Artifact <</Type /Pagination>>`."""
    name, doc = kind
    for n, page in enumerate(doc.pages, 1):
        stack: list[bool] = []
        drawn = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                pagination = (
                    op == "BDC"
                    and str(operands[0]) == "/Artifact"
                    and str(operands[1].get("/Type")) == "/Pagination"
                )
                stack.append(pagination or any(stack))
            elif op == "EMC":
                stack.pop()
            elif op in ("Tj", "TJ") and any(stack):
                drawn += 1
        assert drawn, f"{name}, page {n}: no running header or footer drawn as an artifact"


def tagged(body: str) -> pikepdf.Pdf:
    html = f'<!DOCTYPE html><html lang="en"><head><title>T</title></head><body>{body}</body></html>'
    return pikepdf.open(io.BytesIO(pdf.write_pdf(html, pdf.Metadata("T", (), "en", "S", "g"))))


def test_a_link_over_two_lines_is_one_link_element_with_its_annotations() -> None:
    words = " ".join(["national legislation"] * 12)
    doc = tagged(f'<p style="width: 8cm">See <a href="https://example.org/law">{words}</a>.</p>')
    links = [e for e in elements(doc) if str(e.S) == "/Link"]
    assert len(links) == 1
    objrs = [k for k in links[0].K if isinstance(k, pikepdf.Dictionary) and "/Obj" in k]
    assert len(objrs) == len(doc.pages[0].Annots) > 1  # one annotation a line, one element
    for annotation in doc.pages[0].Annots:
        owner = pikepdf.NumberTree(doc.Root.StructTreeRoot.ParentTree)[int(annotation.StructParent)]
        assert owner.objgen == links[0].objgen


def test_a_term_and_its_definition_are_one_list_item() -> None:
    doc = tagged("<dl><dt>Status</dt><dd>partial</dd><dt>Priority</dt><dd>high</dd></dl>")
    items = [e for e in elements(doc) if str(e.S) == "/LI"]
    assert [[str(k.S) for k in item.K] for item in items] == [["/Lbl", "/LBody"]] * 2


def test_text_is_content_of_its_element_not_of_a_wrapper_per_fragment() -> None:
    doc = tagged("<p>A <span>plain</span> <em>word</em> and <q>a quotation</q>.</p>")
    tags = [str(e.S) for e in elements(doc)]
    assert tags == ["/Document", "/P", "/Quote"]
    paragraph = elements(doc)[1]
    assert sum(isinstance(k, int) for k in paragraph.K) >= 4
