"""Scope (`--articles 2-3,5`, `--items ID…`): the parser, the selection, and the worksheet of
one exercise's articles only, read back from the PDF."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from gapcheck.analysis.selection import SelectionError, select
from gapcheck.formats import checklist
from gapcheck.formats.scope import parse_articles

from .conftest import MINI
from .test_pdf import outline
from .test_worksheet import BOXES, flat


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", {3}),
        ("2-3", {2, 3}),
        ("2-3,5", {2, 3, 5}),
        (" 2 - 4 , 9 ", {2, 3, 4, 9}),
        ("5,5", {5}),
    ],
)
def test_parse_articles(text, expected):
    assert parse_articles(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["2-x", "", "two", "2,,3", "-3", "2-3-4", "1e3"])
def test_parse_articles_refuses_anything_else(text):
    with pytest.raises(ValueError, match="expected article numbers such as 2-3,5"):
        parse_articles(text)


def test_backwards_range_says_so():
    with pytest.raises(ValueError, match="runs backwards"):
        parse_articles("5-2")


def test_select_articles_and_items():
    cl = checklist.get(str(MINI))
    assert select(cl) is None
    art4 = {i.id for i in cl.items if i.article == 4}
    assert select(cl, {4}) == art4
    assert select(cl, {4}, ["age"]) == art4 | {"age"}
    with pytest.raises(SelectionError, match="no item nope"):
        select(cl, None, ["nope"])
    with pytest.raises(SelectionError, match=r"no item for article\(s\) 9; its articles are 3, 4"):
        select(cl, {9})


def test_worksheet_options_refuse_bad_scope(run, tmp_path):
    bad = run("worksheet", "--articles", "2-x", "-o", str(tmp_path / "w.pdf"))
    assert bad.exit_code == 2 and "expected article numbers such as 2-3,5" in bad.output
    unknown = run("worksheet", "--items", "art3_nope", "-o", str(tmp_path / "w.pdf"))
    assert unknown.exit_code == 2 and "no item art3_nope" in unknown.output
    assert not (tmp_path / "w.pdf").exists()


@pytest.fixture(scope="module")
def exercise_pdf(tmp_path_factory) -> PdfReader:
    from click.testing import CliRunner

    from gapcheck.cli import cli

    out = tmp_path_factory.mktemp("scope") / "exercise1.pdf"
    result = CliRunner().invoke(
        cli, ["worksheet", "--articles", "2-3", "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return PdfReader(out)


def test_worksheet_of_articles_2_and_3_only(exercise_pdf):
    cl = checklist.get("opsc")
    inside = [i for i in cl.items if i.article in (2, 3)]
    outside = [i for i in cl.items if i.article not in (2, 3)]
    pages = [flat(p.extract_text()) for p in exercise_pdf.pages]
    text = " ".join(pages)
    assert 8 < len(pages) < 30  # the whole checklist takes 47
    for item in inside:
        assert item.id in text and flat(item.question) in text, item.id
    for item in outside:
        assert item.id not in text, item.id
    for word in BOXES:
        assert text.count(word) == len(inside)
    assert "This worksheet covers Article 2 — Definitions and scope, Article 3" in pages[0]
    assert f"{len(inside)} items" in pages[0]
    assert [t.split(" — ")[0] for t, _ in outline(exercise_pdf)] == [
        "Contents",
        "Article 2",
        "Article 3",
    ]
    n = len(pages)
    assert all(f"Page {k} of {n}" in p for k, p in enumerate(pages, start=1))
