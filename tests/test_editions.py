"""Language editions: the checklist overlays, the authentic treaty texts, the catalogues, and
the French, Spanish and Arabic pages (HTML and PDF read back)."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from gapcheck.formats import checklist, overlay, treaty
from gapcheck.formats.assessment import validate_file
from gapcheck.output import html as render

from .conftest import ROOT, TESTS, assert_golden

LOCALE = ROOT / "gapcheck" / "locale"
TREATY = ROOT / "checklists" / "treaty"
SAMPLES = ROOT / "sample_assessments"
GENERATED = date(2026, 1, 15)
LANGUAGES = ("fr", "es", "ar")
ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))


@pytest.fixture(scope="module")
def opsc():
    return checklist.get("opsc")


# ------------------------------------------------------------------ overlays and lint


@pytest.mark.parametrize("language", ["fr", "es"])
def test_overlay_covers_every_item_and_is_current(opsc, language: str) -> None:
    e = overlay.edition(opsc, language)
    assert e.problems == ()
    assert e.english_words == ()
    cl = e.checklist
    assert cl.language == language and cl.title != opsc.title
    assert [i.id for i in cl.items] == opsc.item_ids
    for en, tr in zip(opsc.items, cl.items, strict=True):
        assert tr.title != en.title and tr.question != en.question, en.id
        assert bool(tr.recommendation) == bool(en.recommendation), en.id
    assert [t.id for t in cl.themes] == [t.id for t in opsc.themes]
    assert cl.theme_title("criminalization") != opsc.theme_title("criminalization")
    assert set(cl.reason_codes) == set(opsc.reason_codes)


def _copy_checklist(tmp_path: Path) -> Path:
    """The bundled checklist, its overlays and treaty texts, in a folder the test may change."""
    for p in (ROOT / "checklists").glob("opsc*.yaml"):
        shutil.copy(p, tmp_path / p.name)
    shutil.copytree(TREATY, tmp_path / "treaty")
    return tmp_path / "opsc.yaml"


def test_lint_warns_on_a_stale_translation_and_the_item_shows_english(tmp_path, run) -> None:
    path = _copy_checklist(tmp_path)
    text = path.read_text(encoding="utf-8")
    question = checklist.get("opsc").item("art2_a_sale_defined").question[:60]
    assert question in text
    path.write_text(text.replace(question, question + " (revised)", 1), encoding="utf-8")
    result = run("checklist", "lint", str(path))
    assert result.exit_code == 0, result.output  # a warning, not a failure
    stale = [line for line in result.output.splitlines() if "stale" in line]
    assert any("opsc.fr.yaml" in line and "art2_a_sale_defined" in line for line in stale)
    assert any("the English of item art2_a_sale_defined changed" in line for line in stale)
    cl = checklist.get(str(path))
    e = overlay.edition(cl, "fr")
    item = e.checklist.item("art2_a_sale_defined")
    assert e.english_words == ("art2_a_sale_defined",)
    assert item.language == "en" and item.question == cl.item(item.id).question
    html = render.render_worksheet(cl, ["html"], "fr")["html"].decode()
    assert f'<span lang="en" dir="ltr">{item.question}</span>' in html


def test_lint_refuses_unknown_ids_and_reports_missing_ones(tmp_path, run) -> None:
    path = _copy_checklist(tmp_path)
    fr = tmp_path / "opsc.fr.yaml"
    text = fr.read_text(encoding="utf-8").replace("  art4_4_other_jurisdiction:", "  art4_4_other:")
    fr.write_text(text, encoding="utf-8")
    result = run("checklist", "lint", str(fr))
    assert result.exit_code == 1
    assert "unknown item 'art4_4_other'" in result.output
    assert "no translation yet for 1 item(s), shown in English: art4_4_other_jurisdiction" in (
        result.output
    )
    assert checklist.get(str(path)) is not None  # the checklist itself is fine


def test_overlay_files_are_not_checklists(run) -> None:
    assert list(checklist.available()) == ["opsc"]
    assert run("checklists").output.count("\n") == 1


# ------------------------------------------------------------------ authentic treaty texts


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_provision_is_verified_or_marked_english(opsc, language: str) -> None:
    """The rule of the editions: the treaty's words are the authentic text, verbatim, or the
    English authentic text marked as such; never anything else."""
    raw = (TREATY / f"opsc-{language}.txt").read_text(encoding="utf-8")
    units = treaty.read(TREATY / f"opsc-{language}.txt")
    assert units.problems == ()
    cl = overlay.edition(opsc, language).checklist
    for en, item in zip(opsc.items, cl.items, strict=True):
        if not en.provision:
            assert not item.provision
        elif item.provision_language == "en":
            assert item.provision == en.provision, item.id
        else:
            assert item.provision_language == "", item.id
            for fragment in item.provision.split(treaty.JOIN):
                assert fragment in units.text.values(), (item.id, fragment)
                assert " ".join(fragment.split()) in " ".join(raw.split()), (item.id, fragment)
            chain = treaty.chain(item.ref or "", units.expected)
            assert item.provision == treaty.JOIN.join(units.text[u] for u in chain)


def test_french_quotes_the_verified_units(opsc) -> None:
    e = overlay.edition(opsc, "fr")
    sexual = e.checklist.item("art3_1_a_i_a_sexual_exploitation").provision
    assert sexual.startswith("Chaque Etat Partie veille à ce que, au minimum,")
    assert sexual.endswith("D'exploitation sexuelle de l'enfant;")
    assert "art2_a_sale_defined" in e.english_provisions  # 2(a): conflicting wordings
    assert e.english_provisions["art7_c_close_premises"] == ("7", "7(c)")  # not verified


def test_a_complete_authentic_text_completes_the_edition(tmp_path, run) -> None:
    """Dropping the complete text into the file is all it takes: lint then finds every
    provision quoted from it (the words here stand in for the certified copy's)."""
    path = _copy_checklist(tmp_path)
    units = treaty.read(TREATY / "opsc-fr.txt")
    blocks = [
        f"[{ref}]\n{units.text.get(ref, f'Texte authentique de {ref}.')}" for ref in units.expected
    ]
    (tmp_path / "treaty" / "opsc-fr.txt").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    result = run("checklist", "lint", str(path))
    n = len(checklist.get(str(path)).items)
    provisions = sum(bool(i.provision) for i in checklist.get(str(path)).items)
    assert (
        f"fr: {n} of {n} items translated; {provisions} of {provisions} provisions quoted "
        "from the authentic text"
    ) in result.output
    assert "provenance file says unit 7 is missing" in result.output  # record the source too
    e = overlay.edition(checklist.get(str(path)), "fr")
    assert e.english_provisions == {}


def test_treaty_file_problems_are_located(tmp_path) -> None:
    path = _copy_checklist(tmp_path)
    bad = path.parent / "treaty" / "opsc-fr.txt"
    bad.write_text("stray\n\n[1]\nUn.\n\n[1]\nDeux.\n\n[11(1)]\nX.\n", encoding="utf-8")
    problems = [str(p) for p in treaty.read(bad).problems]
    assert any(":1:1: error: text before the first [REF] line" in p for p in problems)
    assert any(":6:1: error: 1: unit [1] twice (line 3)" in p for p in problems)
    assert any("[11(1)] is not a unit of the treaty" in p for p in problems)


# ------------------------------------------------------------------ catalogues


def _catalogue(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f)


def _template():
    with (LOCALE / "messages.pot").open("rb") as f:
        return read_po(f)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_compiled(language: str) -> None:
    po = _catalogue(language)
    ids = {m.id for m in _template() if m.id}
    for m in po:
        if not m.id or m.id not in ids:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), f"{language}: no translation for {m.id!r}"
    assert ids <= {m.id for m in po if m.id}, f"{language}: run pybabel update (make messages)"
    with (LOCALE / language / "LC_MESSAGES" / "messages.mo").open("rb") as f:
        mo = read_mo(f)

    def key(m):  # plural messages are lists in .mo files, tuples in .po files
        return (tuple(m.id) if isinstance(m.id, list | tuple) else m.id), (
            tuple(m.string) if isinstance(m.string, list | tuple) else m.string
        )

    compiled = dict(key(m) for m in mo if m.id)
    assert compiled == dict(key(m) for m in po if m.id and not m.fuzzy), (
        f"{language}: messages.mo is older than messages.po: pybabel compile -d gapcheck/locale"
    )


class _Text(HTMLParser):
    """The words of a page a reader sees in its language: not scripts or styles, not runs
    marked in another language (English checklist words or treaty text), not excerpts of
    law or addresses (quoted as written)."""

    SKIP_CLASSES = frozenset({"excerpt", "url", "ws-id", "ws-value"})
    VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "col", "wbr"})

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang, self.stack, self.words = lang, [False], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        skip = (
            tag in ("script", "style", "code", "svg")
            or a.get("lang") not in (None, self.lang)
            or bool(self.SKIP_CLASSES & set((a.get("class") or "").split()))
        )
        self.stack.append(self.stack[-1] or skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        if not self.stack[-1]:
            self.words.append(data)


def english_left(text: str, language: str, words: int = 3) -> list[str]:
    """Fixed English phrases (`words` words or more of a catalogue msgid whose translation is
    different) found in `text`: derived from the catalogue, so new messages are covered."""
    text = " ".join(text.translate(ISOLATES).split())
    left = []
    for m in _catalogue(language):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for msgid in ids:
            for part in re.split(r"\{[^}]*\}|%\([^)]*\)s", msgid):
                part = " ".join(part.split()).strip(" ,.;:()")
                if (
                    len(part.split()) >= words
                    and part in text
                    and not any(part in s for s in strings)
                ):
                    left.append(part)
    return left


def _headline(sample: str, language: str) -> str:
    """The sample's headline score as scoring computes it, in the language's decimals."""
    from babel.numbers import format_decimal

    from gapcheck.analysis.scoring import score_assessment

    a = validate_file(SAMPLES / f"{sample}.yaml").assessment
    assert a is not None
    value = score_assessment(a).score
    assert value is not None
    return format_decimal(round(value, 1), "0.0", locale=language)


EDITIONS = {
    "fr": (SAMPLES / "veridia.yaml", None),
    "es": (SAMPLES / "veridia.yaml", "es"),
    "ar": (SAMPLES / "qaswara.yaml", "ar"),
}


@pytest.fixture(scope="module")
def html_pages() -> dict[str, str]:
    out = {}
    for language, (source, override) in EDITIONS.items():
        a = validate_file(source).assessment
        assert a is not None
        rendered = render.render_reports(a, ["html"], generated=GENERATED, language=override)
        assert rendered.locale == language and rendered.exact_locale
        out[language] = rendered.outputs["html"].decode("utf-8")
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_fixed_word_in_the_page(html_pages, language: str) -> None:
    page = _Text(language)
    page.feed(html_pages[language])
    text = " ".join(page.words)
    assert english_left(text, language) == []
    assert english_left("Executive summary and Annex A. National legislation cited", language)


def test_french_page_is_french(html_pages) -> None:
    html = unescape(html_pages["fr"])
    assert '<html lang="fr" dir="ltr">' in html
    assert "Résumé analytique" in html
    assert _headline("veridia", "fr") in html  # the score out of 100, French decimals
    assert "100,0\u00a0%" in html or "100,0\u202f%" in html  # coverage, French percent
    assert "11 février 2004" in html
    assert "Protocole facultatif à la Convention relative aux droits de l’enfant" in html
    # a verified unit in French; an unverified one in English, marked and explained
    assert "D'exploitation sexuelle de l'enfant;" in html
    assert '<blockquote class="provision" lang="en" dir="ltr"><p>States Parties shall' in html
    assert "Le texte authentique français de cette disposition n’a pas encore été vérifié" in html


def test_arabic_page_runs_right_to_left(html_pages) -> None:
    html = unescape(html_pages["ar"])
    assert '<html lang="ar" dir="rtl">' in html
    assert "موجز تنفيذي" in html
    assert 'x="62.6" y="0" width="37.4"' in html or re.search(r'<rect x="[1-9][\d.]*" y="0"', html)
    assert "\u2066" in html  # references isolated: 3(1)(a) keeps its order in Arabic
    assert 'lang="en" dir="ltr"' in html  # English checklist words marked as such


def test_golden_french_and_arabic(html_pages) -> None:
    # the French golden file is tests/golden/sample-veridia.html (its language is fr)
    assert_golden(
        TESTS / "golden" / "editions" / "sample-qaswara.ar.html",
        html_pages["ar"].encode(),
        "report",
    )
    assert_golden(
        TESTS / "golden" / "editions" / "sample-veridia.es.html",
        html_pages["es"].encode(),
        "report",
    )


# ------------------------------------------------------------------ commands


def test_init_in_french(tmp_path, run) -> None:
    out = tmp_path / "v.yaml"
    result = run("init", "--country", "Véridie", "--language", "fr", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "# Pour chaque élément, donnez à `status` l’une des valeurs suivantes :" in text
    assert 'language: "fr"' in text
    assert "Les infractions de vente reposent sur la définition de la vente" in text
    assert run("validate", str(out)).exit_code == 0


def test_language_option_is_checked(run) -> None:
    result = run("checklist", "doc", "opsc", "--language", "de")
    assert result.exit_code == 2 and "no 'de' translation (available: en, ar, es, fr)" in (
        result.output
    )


def test_checklist_doc_in_spanish(run) -> None:
    out = run("checklist", "doc", "opsc", "--language", "es").output
    assert out.startswith("# Lista de verificación") and "**Pregunta.**" in out
    assert "se reproduce el texto auténtico en inglés" in out


def test_diff_and_compare_take_a_language(tmp_path, run) -> None:
    v, q = str(SAMPLES / "veridia.yaml"), str(SAMPLES / "qaswara.yaml")
    diff = tmp_path / "d.html"
    assert run("diff", v, q, "--format", "html", "-o", str(diff), "--language", "es").exit_code == 0
    assert '<html lang="es" dir="ltr">' in diff.read_text(encoding="utf-8")
    cmp = tmp_path / "c.html"
    assert run("compare", v, q, "-o", str(cmp), "--language", "ar").exit_code == 0
    assert '<html lang="ar" dir="rtl">' in cmp.read_text(encoding="utf-8")


# ------------------------------------------------------------------ PDFs, read back


@pytest.fixture(scope="session")
def pdfs() -> dict[str, bytes]:
    """The French, Spanish and Arabic reports as PDF, rendered once (about 10 s each)."""
    out = {}
    for language, (source, override) in EDITIONS.items():
        a = validate_file(source).assessment
        assert a is not None
        out[language] = render.render_reports(
            a, ["pdf"], generated=GENERATED, language=override
        ).outputs["pdf"]
    return out


def _read(data: bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    return reader, text, outline


@pytest.mark.parametrize(
    ("language", "heading", "number", "day"),
    [
        ("fr", "Résumé analytique", _headline("veridia", "fr"), "11 février 2004"),
        ("es", "Resumen ejecutivo", _headline("veridia", "es"), "11 de febrero de 2004"),
        ("ar", "موجز تنفيذي", _headline("qaswara", "ar"), "15 مارس 2021"),
    ],
)
def test_pdf_in_the_language(pdfs, language, heading, number, day) -> None:
    reader, text, outline = _read(pdfs[language])
    plain = " ".join(text.translate(ISOLATES).split())
    assert reader.trailer["/Root"]["/Lang"] == language
    assert heading in outline
    assert number in plain
    if language != "ar":  # pypdf gives Arabic runs in visual order: checked in the HTML
        assert day in plain
        assert heading in plain
        # PDF text has no language marks, and the English authentic text quoted where the
        # edition's is not verified has short phrases such as "it does not": 4 words here
        assert english_left(plain, language, words=4) == []
    title = reader.metadata.title
    assert title and ("Protocole" in title if language == "fr" else True)
    if language == "ar":
        assert "البروتوكول الاختياري" in title


def test_chinese_state_and_excerpt_render(tmp_path) -> None:
    """A Chinese State name and excerpt print with the CJK font instead of stopping the PDF."""
    shutil.copy(TESTS / "data" / "mini.yaml", tmp_path / "mini.yaml")
    path = tmp_path / "zh.yaml"
    path.write_text(
        'checklist: mini.yaml\ncountry: {name: "瓦里迪亚共和国", fictional: true}\n'
        'as_of: "2026-03-01"\nanswers:\n  age:\n    status: yes\n    evidence:\n'
        '      - {instrument: 刑法, provision: "第240条", excerpt: "出卖儿童的，处五年以上十年以下有期徒刑。"}\n',
        encoding="utf-8",
    )
    a = validate_file(path).assessment
    assert a is not None
    data = render.render_reports(a, ["pdf"], generated=GENERATED).outputs["pdf"]
    _, text, _ = _read(data)
    assert "瓦里迪亚共和国" in text
    assert "出卖儿童的" in text
