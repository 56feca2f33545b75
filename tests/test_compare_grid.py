"""`compare --view items` as a page (State × item grid), `compare --articles`, and CSV that is
safe in spreadsheets and has no byte-order mark on a terminal."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from gapcheck.formats import checklist
from gapcheck.output.tables import safe_cell, to_csv

from .conftest import ROOT

SAMPLES = sorted(str(p) for p in (ROOT / "sample_assessments").glob("*.yaml"))


def test_items_view_as_html_grid(run, tmp_path):
    out = tmp_path / "grid.html"
    result = run("compare", "--view", "items", *SAMPLES, "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    items = checklist.get("opsc").items
    groups = {i.article for i in items}  # items tied to no article form a group of their own
    assert html.count('<tbody class="grid-art grid-art-') == len(groups)
    assert 'title="Veridia: Partly implemented"' in html
    assert html.count('<td class="cell ') == len(SAMPLES) * len(items)
    assert "<script" not in html


def test_items_view_pdf_scoped_to_articles(run, tmp_path):
    out = tmp_path / "grid.pdf"
    result = run("compare", "--view", "items", "--articles", "3", *SAMPLES, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "art3_1_c_possess" in text and "art2_a_sale_defined" not in text
    assert "Article 3" in text and "Article 8" not in text


def test_compare_csv_scoped(run):
    result = run("compare", "--view", "items", "--articles", "8", *SAMPLES)
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8").removeprefix("\ufeff"))))
    assert {r[2] for r in rows[1:]} == {"8"}
    whole = run("compare", "--articles", "3", *SAMPLES).stdout_bytes.decode("utf-8")
    assert whole.splitlines()[0].endswith(",article:3")


def test_csv_cells_cannot_become_formulas():
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell(-1.5) == -1.5 and safe_cell("Veridia") == "Veridia"
    assert to_csv([["=x"]]) == b"\xef\xbb\xbf'=x\r\n"
    assert to_csv([["a"]], bom=False) == b"a\r\n"
