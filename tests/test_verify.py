"""`gapcheck verify` and `gapcheck extract` on real reports, altered the way someone could
alter them: an embedded file replaced, a printed figure changed (with pikepdf, in the PDF's
own content stream), and on files that are not gapcheck reports."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from gapcheck.analysis import scoring
from gapcheck.formats.assessment import validate_file
from gapcheck.output.archive import EmbeddedFile, html_block
from gapcheck.pages import report

from .conftest import FREEDONIA


def headline() -> str:
    a = validate_file(FREEDONIA).assessment
    return report.build(a, scoring.score(a.checklist, a.statuses())).summary.headline


def swapped(text: str) -> str:
    """`text` with its first two different digits swapped (glyphs the font surely has)."""
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    for i in digits:
        for j in digits:
            if text[i] != text[j]:
                chars = list(text)
                chars[i], chars[j] = chars[j], chars[i]
                return "".join(chars)
    raise AssertionError(f"no two different digits in {text!r}")


def unicode_maps(font: pikepdf.Dictionary) -> tuple[dict[int, str], dict[str, int]]:
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    to_char: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            to_char[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    return to_char, {c: g for g, c in to_char.items()}


def edit_printed_text(source: Path, target: Path, old: str, new: str) -> int:
    """Replace every text run printing exactly `old` with `new`, glyph by glyph."""
    doc = pikepdf.open(source)
    edits = 0
    for page in doc.pages:
        fonts = page.Resources.Font
        font = None
        ops = pikepdf.parse_content_stream(page)
        out = []
        for operands, operator in ops:
            if str(operator) == "Tf":
                font = unicode_maps(fonts[operands[0]])
            if str(operator) == "TJ" and font is not None:
                raw = b"".join(bytes(x) for x in operands[0] if isinstance(x, pikepdf.String))
                text = "".join(
                    font[0].get(int.from_bytes(raw[i : i + 2], "big"), "?")
                    for i in range(0, len(raw), 2)
                )
                if text == old:
                    glyphs = b"".join(font[1][c].to_bytes(2, "big") for c in new)
                    operands = [pikepdf.Array([pikepdf.String(glyphs)])]
                    edits += 1
            out.append((operands, operator))
        page.Contents = doc.make_stream(pikepdf.unparse_content_stream(out))
    doc.save(target)
    return edits


def test_verify_passes_on_a_fresh_pdf_and_html_report(run, archived) -> None:
    for name in ("report_pdf", "report_html"):
        result = run("verify", str(archived[name]))
        assert result.exit_code == 0, result.output
        assert "verified" in result.stdout
        # the mini checklist is the report's own, not one installed with gapcheck
        assert "note: no checklist mini is installed here" in result.stdout


def test_verify_fails_when_the_embedded_assessment_was_altered(run, archived, tmp_path) -> None:
    doc = pikepdf.open(archived["report_pdf"])
    spec = next(s for s in doc.Root.AF if str(s.UF) == "freedonia-mini.yaml")
    original = spec.EF.F.read_bytes()
    altered = original.replace(b'status: "no"', b'status: "yes"', 1)  # a core item
    assert altered != original
    spec.EF.F.write(altered)
    doc.save(tmp_path / "altered.pdf")
    result = run("verify", str(tmp_path / "altered.pdf"))
    assert result.exit_code == 1
    assert (
        "the embedded assessment freedonia-mini.yaml is not the file the report was made from"
        in result.output
    )
    assert re.search(r"score: the report has [\d.]+, re-scoring gives [\d.]+", result.output)
    assert "headline: the page does not print" in result.output


def test_verify_fails_when_a_printed_figure_was_altered(run, archived, tmp_path) -> None:
    old = headline()
    new = swapped(old)
    assert edit_printed_text(archived["report_pdf"], tmp_path / "edited.pdf", old, new) >= 1
    result = run("verify", str(tmp_path / "edited.pdf"))
    assert result.exit_code == 1
    assert f"headline: the page does not print “{old} out of 100" in result.output
    assert f"it prints “{new}” there" in result.output
    assert "re-scoring gives" not in result.output  # the embedded files are intact

    page = archived["report_html"].read_text(encoding="utf-8")
    edited = page.replace(
        f'<span class="figure">{old}</span>', f'<span class="figure">{new}</span>'
    )
    assert edited != page
    (tmp_path / "edited.html").write_text(edited, encoding="utf-8")
    result = run("verify", str(tmp_path / "edited.html"))
    assert result.exit_code == 1 and f"it prints “{new}” there" in result.output


def test_verify_refuses_what_is_not_a_gapcheck_report(run, tmp_path) -> None:
    plain = pikepdf.new()
    plain.add_blank_page()
    plain.save(tmp_path / "plain.pdf")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "page.html").write_text("<!DOCTYPE html><p>hello</p>", encoding="utf-8")
    for name in ("plain.pdf", "notes.txt", "page.html", "missing.pdf"):
        result = run("verify", str(tmp_path / name))
        assert result.exit_code == 2, (name, result.output)
        assert "not a gapcheck report" in result.output or "cannot read" in result.output
        assert "Traceback" not in result.output


def test_verify_says_a_worksheet_has_no_figures_to_verify(run, archived) -> None:
    result = run("verify", str(archived["worksheet_pdf"]))
    assert result.exit_code == 2
    assert "embeds mini.yaml but no gapcheck-report.json" in result.output
    assert "gapcheck extract" in result.output


def test_extract_gives_the_files_back_never_overwriting(run, archived, tmp_path) -> None:
    out = tmp_path / "out"
    result = run("extract", str(archived["report_pdf"]), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "freedonia-mini.yaml",
        "gapcheck-report.json",
        "mini.yaml",
        "score.json",
    ]
    assert (out / "freedonia-mini.yaml").read_bytes() == FREEDONIA.read_bytes()
    assert json.loads((out / "score.json").read_text())["checklist"] == "mini"
    (out / "score.json").write_text("mine", encoding="utf-8")
    result = run("extract", str(archived["report_pdf"]), "-o", str(out))
    assert result.exit_code == 1 and "use --force" in result.output
    assert (out / "score.json").read_text() == "mine"
    assert run("extract", str(archived["report_pdf"]), "-o", str(out), "--force").exit_code == 0
    assert (out / "score.json").read_text() != "mine"


def test_extract_makes_untrusted_names_safe(run, tmp_path) -> None:
    names = ["../../escape.yaml", "/etc/passwd", ".hidden", "CON", "ok.yaml"]
    files = tuple(EmbeddedFile(n, n.encode(), "text/plain", "Data", "") for n in names)
    page = tmp_path / "hostile.html"
    page.write_text(f"<!DOCTYPE html><html><body>{html_block(files)}</body></html>")
    out = tmp_path / "out"
    result = run("extract", str(page), "-o", str(out))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(["escape.yaml", "passwd", "hidden", "embedded-4.bin", "ok.yaml"])
    assert not (tmp_path / "escape.yaml").exists()
    shutil.rmtree(out)


SAMPLES = Path(__file__).parent.parent / "sample_assessments"


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Brief reports in the samples' other languages: Veridia in French (its `language`),
    Qaswara and Quellmoor in Arabic, as PDF and HTML; the summary, where every verified figure is, is in
    the brief."""
    from click.testing import CliRunner

    from gapcheck.cli import cli

    out = tmp_path_factory.mktemp("translated")
    for sample, language in (("veridia", "fr"), ("qaswara", "ar"), ("quellmoor", "ar")):
        result = CliRunner().invoke(cli, [
            "report", "-q", "--edition", "brief", "--language", language, "-o", str(out),
            "--jobs", "1", str(SAMPLES / f"{sample}.yaml"),
        ])  # fmt: skip
        assert result.exit_code == 0, result.output
    return {p.name: p for p in out.iterdir()}


@pytest.mark.parametrize(
    "name",
    [
        "veridia-opsc-brief.pdf",
        "veridia-opsc-brief.html",
        "qaswara-opsc-brief.pdf",
        "quellmoor-opsc-brief.pdf",  # its headline's words are extracted apart from it
    ],
)
def test_verify_passes_on_reports_in_french_and_arabic(run, translated, name) -> None:
    # the theme titles are the translation's; Arabic text comes out of a PDF in visual
    # order, with its ligatures' letters swapped: each figure is still found by its words
    result = run("verify", str(translated[name]))
    assert result.exit_code == 0, result.output
    assert "verified" in result.stdout


def test_verify_finds_an_altered_figure_in_an_arabic_pdf(run, translated, tmp_path) -> None:
    a = validate_file(SAMPLES / "qaswara.yaml").assessment
    s = scoring.score_assessment(a)
    theme = next(t for t, g in s.themes.items() if g.score and len(set(f"{g.score:.1f}")) > 2)
    old = f"{s.themes[theme].score:.1f}"
    new = swapped(old)
    source = translated["qaswara-opsc-brief.pdf"]
    edited = tmp_path / "edited.pdf"
    for text in (f"{old}%", f"{old}%*", f"*{old}%"):
        if edit_printed_text(source, edited, text, text.replace(old, new)):
            break
    else:
        raise AssertionError(f"{old}% is not a text run of its own in the page")
    result = run("verify", str(edited))
    assert result.exit_code == 1
    assert f"theme:{theme}: the page does not print" in result.output


def test_verify_of_a_report_whose_checklist_is_not_installed_uses_its_recorded_words(
    run, tmp_path
) -> None:
    """A French report scored with another version of the checklist: its translation is not
    the installed one, so the words beside each figure are those the report recorded; the
    figures themselves are still re-scored."""
    checklists = Path(__file__).parent.parent / "checklists"
    text = (checklists / "opsc.yaml").read_text(encoding="utf-8")
    version = re.search(r"^version: *(.+)$", text, re.M)
    assert version
    (tmp_path / "opsc.yaml").write_text(
        text.replace(version.group(0), "version: 9.9.9-test", 1), encoding="utf-8"
    )
    shutil.copy(checklists / "opsc.fr.yaml", tmp_path / "opsc.fr.yaml")
    shutil.copytree(checklists / "treaty", tmp_path / "treaty")
    sample = (SAMPLES / "veridia.yaml").read_text(encoding="utf-8")
    (tmp_path / "veridia.yaml").write_text(
        re.sub(r"^checklist: .*$", "checklist: opsc.yaml", sample, count=1, flags=re.M),
        encoding="utf-8",
    )
    result = run("report", "-q", "--format", "html", "--edition", "brief", "-o",
                 str(tmp_path / "out"), str(tmp_path / "veridia.yaml"))  # fmt: skip
    assert result.exit_code == 0, result.output
    page = next((tmp_path / "out").glob("*.html"))
    result = run("verify", str(page))
    assert result.exit_code == 0, result.output
    assert "figures were found by the words the report recorded" in result.stdout
    assert "installed one is 1." in result.stdout


def figure(key: str, text: str, before: str = "", after: str = "") -> Any:
    from gapcheck.pages.report.views import PrintedFigure

    return PrintedFigure(key, text, before, after)


def test_right_to_left_page_text_is_matched_as_pdftotext_gives_it() -> None:
    """What poppler gives for an Arabic line: words in visual order, the lam-alef of
    «الالتزامات» with its letters swapped, bidi controls, a mark detached, `*` moved."""
    from gapcheck.analysis.verify import figure_differences

    theme = figure("theme:a", "44.1%*", before="التجريم")
    article = figure("article:3", "0.0%", before="المادة 3")
    words = figure(
        "headline", "25.2", after="من أصل 100: درجة القانون الوطني فيما يتعلق بالالتزامات"
    )
    page = (
        "\u202b*44.1%\u202c التجريم\n"
        "0.0% 3 المادة\n"
        "25.2\n\u202bبااللتزامات يتعلق فيما الوطني القانون درجة :100 أصل من\u202c\n"
    )
    assert figure_differences([theme, article, words], page, right_to_left=True) == []
    # the same page read as a left-to-right one: none is found
    assert len(figure_differences([theme, article, words], page)) == 3


def test_right_to_left_matching_does_not_take_another_number() -> None:
    from gapcheck.analysis.verify import figure_differences

    article = figure("article:9", "0.0%", before="المادة 9")
    for page in ("20.0% 9 المادة", "0.05% 9 المادة", "0.0% 8 المادة", "0.0% الوقاية"):
        assert figure_differences([article], page, right_to_left=True), page


@pytest.mark.parametrize(
    "manifest",
    [
        b"[]",
        b'"text"',
        b"\xff\xfe not json",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"assessment": "x", "checklist": 3, "score": null, "locale": "en"}',
        b"{}",
    ],
)
def test_verify_of_a_damaged_manifest_says_so(run, archived, tmp_path, manifest) -> None:
    doc = pikepdf.open(archived["report_pdf"])
    spec = next(s for s in doc.Root.AF if str(s.UF) == "gapcheck-report.json")
    spec.EF.F.write(manifest)
    doc.save(tmp_path / "damaged.pdf")
    result = run("verify", str(tmp_path / "damaged.pdf"))
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output and "gapcheck-report.json" in result.output


@pytest.mark.parametrize(
    "change",
    [
        {"locale": "xx"},
        {"locale": 12},
        {"locale": "ar_ZZZ"},
        {"figures": "abc"},
        {"figures": [1, {"key": 2}]},
        {"score": {"file": 5}},
        {"assessment": {"file": ["a"], "sha256": None}},
    ],
)
def test_verify_of_a_manifest_with_wrong_values_says_what_is_wrong(
    run, archived, tmp_path, change
) -> None:
    doc = pikepdf.open(archived["report_pdf"])
    spec = next(s for s in doc.Root.AF if str(s.UF) == "gapcheck-report.json")
    manifest = {**json.loads(spec.EF.F.read_bytes()), **change}
    spec.EF.F.write(json.dumps(manifest).encode())
    doc.save(tmp_path / "damaged.pdf")
    result = run("verify", str(tmp_path / "damaged.pdf"))
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output


def test_verify_of_an_html_page_with_a_damaged_data_block_says_so(run, tmp_path) -> None:
    for name, block in (("deep", "[" * 100_000 + "]" * 100_000), ("list", "[1, 2]")):
        page = tmp_path / f"{name}.html"
        page.write_text(
            '<!DOCTYPE html><html><body><script type="application/json" id="gapcheck-data">'
            f"{block}</script></body></html>",
            encoding="utf-8",
        )
        result = run("verify", str(page))
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and "data block is damaged" in result.output


def test_verify_stops_reading_a_pdf_whose_attachments_inflate(run, tmp_path) -> None:
    """A 200 KB PDF whose two attachments inflate to 120 MiB, and one with 65 attachments:
    read up to the limits (docs/limits.md), then refused in one line."""
    zeros = pikepdf.new()
    zeros.add_blank_page()
    for n in range(2):
        zeros.attachments[f"z{n}.bin"] = pikepdf.AttachedFileSpec(zeros, bytes(60 * 2**20))
    zeros.save(tmp_path / "inflating.pdf")
    many = pikepdf.new()
    many.add_blank_page()
    for n in range(65):
        many.attachments[f"f{n}.yaml"] = pikepdf.AttachedFileSpec(many, b"a: 1\n")
    many.save(tmp_path / "many.pdf")
    for name, reason in (
        ("inflating.pdf", "more than 100 MiB"),
        ("many.pdf", "more than 64 files"),
    ):
        for command in ("verify", "extract"):
            args = [command, str(tmp_path / name)]
            result = run(*args, *(["-o", str(tmp_path / "out")] if command == "extract" else []))
            assert result.exit_code == 2, result.output
            assert reason in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
