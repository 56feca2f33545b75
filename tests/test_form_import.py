"""The fillable worksheet and `gapcheck import-form`: a form filled programmatically with pypdf
(as a reader would) imports back to an assessment that validates and has exactly the answers
filled in, and nothing else."""

from __future__ import annotations

import logging

import pytest
from pypdf import PdfReader, PdfWriter

from gapcheck.formats.assessment import validate_file
from gapcheck.formats.model import Status

FILLED = {
    "participant": "Ana Pereira",
    "state": "Veridia",
    "date": "2026-06-30",
    "art2_a_sale_defined:status": "/1",  # partial (the 2nd box)
    "art2_a_sale_defined:law1:instrument": "Loi n° 2008-15",
    "art2_a_sale_defined:law1:provision": "art. 2",
    "art2_a_sale_defined:law2:instrument": "Code pénal",
    "art2_a_sale_defined:law2:provision": "art. 347-2",
    "art2_a_sale_defined:notes": "Only trafficking; a sale by a parent is not covered.",
    "art2_b_prostitution_defined:status": "/0",  # yes
    "art2_b_prostitution_defined:law1:instrument": "Code pénal",
    "art2_b_prostitution_defined:law1:provision": "art. 334-8",
    "art2_c_pornography_defined:status": "/2",  # no
    "rec_virtual_material:status": "/3",  # n/a: the notes say why
    "rec_virtual_material:notes": '=HYPERLINK("x") the Code covers it elsewhere',
}


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    from click.testing import CliRunner

    from gapcheck.cli import cli

    out = tmp_path_factory.mktemp("form") / "exercise.pdf"
    result = CliRunner().invoke(
        cli, ["worksheet", "--articles", "2", "--fillable", "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out


def test_form_has_a_field_per_answer(form):
    fields = PdfReader(form).get_fields() or {}
    for item in ("art2_a_sale_defined", "art2_b_prostitution_defined", "rec_virtual_material"):
        radio = fields[f"{item}:status"]
        assert list(radio["/Opt"]) == ["yes", "partial", "no", "n/a"]
        for name in (":law1:instrument", ":law2:provision", ":notes"):
            assert fields[item + name]["/FT"] == "/Tx"
    assert {"participant", "state", "date"} <= set(fields)


def test_filled_form_imports_exactly_the_answers(form, run, tmp_path, caplog):
    caplog.set_level(logging.ERROR, logger="pypdf")
    writer = PdfWriter(clone_from=form)
    for page in writer.pages:
        writer.update_page_form_field_values(page, FILLED, auto_regenerate=False)
    filled = tmp_path / "ana.pdf"
    writer.write(filled)
    out = tmp_path / "ana.yaml"
    result = run("import-form", str(filled), "-o", str(out))
    assert result.exit_code == 0, result.output
    r = validate_file(out)
    assert r.assessment is not None and not r.errors, r.problems
    a = r.assessment
    assert a.country.name == "Veridia" and a.as_of == "2026-06-30"
    assert a.assessors == ("Ana Pereira",)
    answered = {i: x for i, x in a.answers.items() if x.status is not Status.UNKNOWN}
    assert {i: x.status.value for i, x in answered.items()} == {
        "art2_a_sale_defined": "partial",
        "art2_b_prostitution_defined": "yes",
        "art2_c_pornography_defined": "no",
        "rec_virtual_material": "n/a",
    }
    sale = a.answer("art2_a_sale_defined")
    assert [(e.instrument, e.provision) for e in sale.evidence] == [
        ("Loi n° 2008-15", "art. 2"),
        ("Code pénal", "art. 347-2"),
    ]
    assert sale.notes == "Only trafficking; a sale by a parent is not covered."
    assert a.answer("art2_c_pornography_defined").evidence == ()
    virtual = a.answer("rec_virtual_material")
    assert virtual.justification.startswith('=HYPERLINK("x")')  # text, kept as written
    again = run("import-form", str(filled), "-o", str(out))
    assert again.exit_code == 1 and "exists; use --force" in again.output


def test_blank_form_imports_to_no_answer(form, run, tmp_path):
    out = tmp_path / "blank.yaml"
    result = run("import-form", str(form), "-o", str(out), "--country", "Veridia")
    assert result.exit_code == 0, result.output
    a = validate_file(out).assessment
    assert a is not None and a.answers == {}


def test_not_a_form(run, tmp_path, write):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n garbage")
    result = run("import-form", str(junk), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2 and "junk.pdf" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.yaml").exists()
