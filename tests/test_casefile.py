"""`gapcheck casefile`: the participants' handout has every provision cited for the
exercise's items, each once, and nothing of the assessors' statuses, notes or analysis."""

from __future__ import annotations

import re
from html import unescape

import pytest
from pypdf import PdfReader

from gapcheck.formats.assessment import validate_file
from gapcheck.pages import casefile

from .conftest import ROOT

VERIDIA = ROOT / "sample_assessments" / "veridia.yaml"


def flat(text: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(text.split()))


@pytest.fixture(scope="module")
def veridia():
    a = validate_file(VERIDIA).assessment
    assert a is not None
    return a


def scope_items(a, articles=(2, 3)):
    return [i for i in a.checklist.items if i.article in articles]


def test_context_has_each_cited_provision_once(veridia):
    items = scope_items(veridia)
    c = casefile.build(veridia, only={i.id for i in items})
    cited = {
        (" ".join(e.instrument.split()).casefold(), " ".join(e.provision.split()).casefold())
        for i in items
        for e in veridia.answer(i.id).evidence
    }
    shown = [
        (ins.name.casefold(), p.provision.casefold())
        for ins in c.instruments
        for p in ins.provisions
    ]
    assert sorted(shown) == sorted(cited) and len(shown) == len(set(shown))
    names = [ins.name for ins in c.instruments]
    assert names == sorted(names, key=casefile._natural)  # ordered by instrument
    assert "fictional State" in c.fictional


def test_pdf_has_the_law_and_none_of_the_answers(run, veridia, tmp_path):
    out = tmp_path / "casefile.pdf"
    result = run("casefile", str(VERIDIA), "--articles", "2-3", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = flat(" ".join(p.extract_text() for p in PdfReader(out).pages))
    items = scope_items(veridia)
    for i in items:
        for e in veridia.answer(i.id).evidence:
            assert flat(e.provision) in text, (i.id, e.provision)
            if e.excerpt:
                assert flat(e.excerpt)[:60] in text, (i.id, e.excerpt[:40])
    for i in veridia.checklist.items:  # the whole assessment: notes of any item, anywhere
        a = veridia.answer(i.id)
        for secret in (a.notes, a.recommendation, a.implementation, a.justification):
            if len(secret.strip()) > 20:
                assert flat(secret)[:50] not in text, (i.id, secret[:40])
    assert flat(veridia.summary)[:50] not in text
    for word in ("Implemented", "Partly implemented", "Not implemented", "partial", "Score"):
        assert word not in text
    for code, words in veridia.checklist.reason_codes.items():
        assert code not in text and flat(words)[:40] not in text
    # outside the scope: Article 8's provisions only when also cited in Articles 2-3
    art8 = {e.provision for i in scope_items(veridia, (8,)) for e in veridia.answer(i.id).evidence}
    inside = {e.provision for i in items for e in veridia.answer(i.id).evidence}
    assert any(p not in text for p in art8 - inside)


def test_html_is_self_contained(run, tmp_path):
    out = tmp_path / "casefile.html"
    assert run("casefile", str(VERIDIA), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "script-src 'none'" in unescape(html)
