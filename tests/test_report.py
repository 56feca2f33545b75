"""The report context (numbers, words, order) and the `gapcheck report` command."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from babel import Locale
from click.testing import CliRunner

from gapcheck.analysis import scoring
from gapcheck.cli import cli
from gapcheck.formats.assessment import validate_file
from gapcheck.formats.model import Assessment
from gapcheck.output import html as render
from gapcheck.output.batch import MANIFEST
from gapcheck.pages import chart, common, i18n, report
from gapcheck.pages.wording import PageStrings

DATA = Path(__file__).parent / "data"
MINI = DATA / "freedonia-mini.yaml"
GENERATED = date(2024, 6, 1)


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    a = validate_file(MINI).assessment
    assert a is not None
    return a


@pytest.fixture(scope="module")
def ctx(assessment: Assessment) -> report.Report:
    s = scoring.score_assessment(assessment)
    return report.build(assessment, s, generated=GENERATED)


def test_headline_and_coverage_come_from_scoring(ctx: report.Report) -> None:
    # core: age partial 0.5, produce yes capped to 0.5, attempt no (weight 2), territory unknown:
    # 1.0 / 5 = 20 (a score out of 100, not a share "met"); coverage: 5 of 6 scored items
    # are not unknown. Were territory yes: (0.5 + 0.5 + 0 + 1) / 5 = 40, the ceiling.
    assert ctx.summary.headline == "20.0"
    assert "score" in ctx.summary.headline_caption and "met" not in ctx.summary.headline_caption
    assert ctx.summary.coverage == "83.3%"
    assert ctx.summary.provisional
    assert "between 20.0 and 40.0" in ctx.summary.range
    # counts after caps: produce is implemented but held at the cap by age
    assert ctx.summary.core_counts == (
        "0 of 4 binding obligations fully met, 2 partly (1 of them implemented, but limited "
        "by Art. 3(1) “Under 18”: see recommendation 2), 1 not met, 1 not yet assessed."
    )
    assert ctx.summary.not_assessed.startswith(
        "Not yet assessed: 1 binding obligation — Article 4 (1 of 1)."
    )


def test_priority_gaps_are_assessed_gaps_by_impact(ctx: report.Report) -> None:
    # attempt (no, weight 2) at yes: 3/5 = 60, +40; age at yes lifts produce's cap: 2/5, +20.
    # produce (implemented, capped) and territory (not assessed) are not gaps.
    assert [g.anchor for g in ctx.summary.gaps] == ["item-attempt", "item-age"]
    age = ctx.summary.gaps[1]
    assert (age.ref, age.title, age.status.label) == ("Art. 3(1)", "Under 18", "Partly implemented")
    assert age.rec.label == "Recommendation 2"
    assert age.gain == (
        "+20 points on the score; also restores full credit to 1 item held at half marks by it"
    )
    assert ctx.summary.gaps_total == "2 gaps in all."


def test_recommendations_are_numbered_by_impact(ctx: report.Report) -> None:
    recs = ctx.recommendations
    assert [(r.number, [i.anchor for i in r.items]) for r in recs] == [
        ("1", ["item-attempt"]),
        ("2", ["item-age"]),
    ]
    attempt, age = recs
    assert (attempt.text, attempt.by_assessor) == ("Punish attempt.", False)
    # the assessment's own recommendation overrides the checklist's
    assert age.text == "Raise the age of protection in s. 212(1) of the Penal Code to 18 years."
    assert age.by_assessor and age.law == ("Penal Code 2011, s. 212(1)",)
    assert (age.treaty, age.anchor) == ("Art. 3(1)", "rec-2")


def test_synopsis_has_one_row_per_gap_in_treaty_order(ctx: report.Report) -> None:
    rows = {r.anchor: r for r in ctx.synopsis}
    # gaps only: produce (implemented, capped) is named in the row of age; territory was
    # not assessed, so it is no gap
    assert list(rows) == ["item-age", "item-attempt"]
    assert rows["item-age"].law == ("Penal Code 2011, s. 212(1)",)
    assert [(t.label, t.text) for t in rows["item-age"].reasons] == [
        ("age below 18", "Protection stops below 18.")
    ]
    assert rows["item-age"].gap == "Section 212 protects children under 16 only."
    assert rows["item-age"].cap_note == (
        "Holds 1 implemented item at 0.5 point until it is met: Art. 3(1)(c)."
    )
    assert rows["item-age"].rec is not None and rows["item-age"].rec.number == "2"
    assert rows["item-attempt"].law == ()
    assert rows["item-attempt"].gap.startswith("The general part of the Penal Code")


def test_findings_group_tiers_apart_per_article(ctx: report.Report) -> None:
    assert [(a.anchor, a.heading) for a in ctx.articles] == [
        ("article-3", "Article 3 — Criminalization"),
        ("article-4", "Article 4 — Jurisdiction"),
    ]
    art3, art4 = ctx.articles
    assert [g.key for g in art3.groups] == ["core", "recommended"]
    # territory, the only core item of article 4, was not assessed: named, not a finding
    assert [g.key for g in art4.groups] == ["optional", "informational"]
    assert [i.anchor for i in art4.not_assessed] == ["item-territory"]
    assert art4.score == "Core score: not assessed"
    assert art3.score == "Core score: 25.0%"
    items = {i.id: i for a in ctx.articles for g in a.groups for i in g.items}
    assert items["attempt"].points == "0 of 1 point; weight 2"
    assert items["attempt"].implementation.startswith("<p>No prosecution")
    # a capped yes is no gap: it says what limits it and which recommendation lifts it
    assert items["produce"].recommendation == ""
    assert items["produce"].status.label == "Implemented, but limited"
    assert items["produce"].cap_note.startswith(
        "Implemented, but limited by “Under 18 (Art. 3(1))”"
    )
    assert items["produce"].cap_note.endswith("(see recommendation 2).")
    assert items["saving"].recommendation == ""  # informational: never a gap
    assert items["nationality"].justification.startswith("Freedonia's constitution")
    assert items["nationality"].points == "Not scored (not applicable)"
    assert items["rec_possession"].sources[0].document == "ICMEC Model Legislation & Global Review"
    assert items["age"].notes == (
        "<p>Section 212 protects children under 16 only.\n"
        "Persons aged 16 and 17 are not covered.</p>\n"
    )


def test_evidence_links_only_for_http(ctx: report.Report) -> None:
    items = {i.id: i for a in ctx.articles for g in a.groups for i in g.items}
    age_url = items["age"].evidence[0].url
    assert age_url == report.Link(
        "https://laws.example.org/penal-code-2011#s212",
        "https://laws.example.org/penal-code-2011#s212",
    )
    assert items["age"].evidence[0].in_force == "1 January 2012"  # UN style
    assert items["saving"].evidence[0].url == report.Link("ftp://example.org/not-a-web-link", None)


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("file:///etc/passwd", None),
        ("https://example.org/ onmouseover=alert(1)", None),
        ("//example.org", None),
    ],
)
def test_safe_href(url: str, href: str | None) -> None:
    link = common.safe_href(url)
    assert link is not None
    assert link.text == url and link.href == href


def test_methodology_lists_weights_caps_and_sources(ctx: report.Report) -> None:
    m = ctx.methodology
    assert [(w.item.title, w.weight) for w in m.weights] == [("Attempt", "2")]
    assert [([b.title for b in c.by], [i.title for i in c.items]) for c in m.caps] == [
        (["Under 18"], ["Producing"])
    ]
    assert (m.points_yes, m.points_partial, m.points_no, m.points_unknown, m.cap) == (
        "1",
        "0.5",
        "0",
        "0",
        "0.5",
    )
    assert [s.document for s in m.sources] == [
        "Test treaty (A/RES/0/0), adopted on 25 May 2000",
        "ICMEC Model Legislation & Global Review",
    ]
    assert m.reservations[0].startswith("Declaration under article 3(5)")


def test_annexes(ctx: report.Report) -> None:
    legislation = {i.name: i for i in ctx.annexes.legislation}
    assert list(legislation) == ["Penal Code 2011", "Закон о защите детей 2015", "قانون العقوبات"]
    penal = legislation["Penal Code 2011"]
    assert [(p.provision, [i.title for i in p.items]) for p in penal.provisions] == [
        ("s. 212(1)", ["Under 18"]),
        ("s. 215", ["Producing"]),
    ]
    assert [i.title for i in ctx.annexes.not_assessed] == ["Territorial jurisdiction"]
    assert [a.heading for a in ctx.annexes.treaty] == ["Article 3", "Article 4"]
    assert ctx.annexes.treaty[0].texts[0].text == "Each State Party shall ensure"


def test_cover_and_document_metadata(ctx: report.Report) -> None:
    c = ctx.cover
    assert c.title == "Implementation of the Test treaty: gap analysis of Freedonia"
    assert (c.as_of, c.ratification, c.status, c.is_draft) == (
        "1 March 2024",
        "Ratified on 12 May 2003",
        "Draft",
        True,
    )
    assert c.fictional == "Fictional State — training material"
    assert ctx.short_title.startswith("Fictional State — training material · ")
    assert ctx.colophon.generated.startswith("Generated on 1 June 2024 by gapcheck ")
    assert (ctx.lang, ctx.dir, ctx.author) == ("en", "ltr", "A. Consultant, Б. Консультант")
    assert ctx.page == PageStrings("Page", "of", "")


def test_final_report_has_no_draft_mark(assessment: Assessment) -> None:
    final = replace(assessment, report_status="final")
    ctx = report.build(final, scoring.score_assessment(final))
    assert (ctx.cover.status, ctx.cover.is_draft) == ("Final", False)
    assert ctx.colophon.generated.startswith("Generated by gapcheck")  # no date, none printed
    html = render.render_html(ctx)
    assert 'class="watermark"' not in html and 'class="run-status"' not in html


def test_numbers_and_dates_follow_the_locale(assessment: Assessment) -> None:
    s = scoring.score_assessment(assessment)
    ctx = report.build(assessment, s, locale=Locale.parse("fr"), generated=GENERATED)
    assert ctx.summary.headline == "20,0"
    assert ctx.summary.coverage == "83,3\xa0%"
    assert ctx.cover.as_of == "1 mars 2024"
    assert ctx.lang == "fr"
    ar = report.build(assessment, s, locale=Locale.parse("ar"))
    assert ar.dir == "rtl"


def test_language_without_catalogue_falls_back_to_english() -> None:
    assert render.choose_locale("en") == (Locale.parse("en"), True)
    assert render.choose_locale("en-GB") == (Locale.parse("en_GB"), True)
    assert render.choose_locale("fr") == (Locale.parse("fr"), True)  # catalogue shipped
    assert render.choose_locale("de") == (Locale.parse("en"), False)
    assert render.choose_locale("zz") == (Locale.parse("en"), False)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Amend s. 212(1). Then more.", "Amend s. 212(1)."),
        ("Enact e.g. the law. Next", "Enact e.g. the law."),
        ("No full stop", "No full stop"),
        ("word " * 60, ("word " * 20).strip() + "…"),
    ],
)
def test_one_line(text: str, first: str) -> None:
    assert report.one_line(text, limit=100) == first


def test_chart_escapes_labels_and_prints_values() -> None:
    svg = chart.bar_chart(
        [chart.Bar("<b>x</b> & y", 62.5, "62.5%"), chart.Bar("None", None, "")],
        chart_id="c",
        title="T <i>",
        no_value="not scored",
    )
    assert "<b>" not in svg and "&lt;b&gt;x&lt;/b&gt; &amp; y" in svg
    assert "62.5%" in svg and "not scored" in svg and "T &lt;i&gt;" in svg
    assert 'x="0" y="0" width="62.5"' in svg  # 62.5 of the 100-unit bar, from the left


def test_chart_runs_from_the_right_in_arabic() -> None:
    html = chart.bar_chart(
        [chart.Bar("المادة ٣", 62.5, "62.5%")], chart_id="c", title="t", no_value="-", rtl=True
    )
    assert 'x="37.5" y="0" width="62.5"' in html  # the bar ends at the right edge
    assert '<span class="chart-label">المادة ٣</span>' in html  # HTML text: shaped in the PDF


def test_html_is_self_contained(ctx: report.Report) -> None:
    html = render.render_html(ctx)
    assert html.startswith("<!DOCTYPE html>\n")
    assert '<html lang="en" dir="ltr">' in html
    assert not re.search(r"\s(?:src|srcset|poster|background)=", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(h.startswith(("#", "https://")) for h in hrefs)
    anchors = set(re.findall(r'id="([^"]+)"', html))
    assert {h[1:] for h in hrefs if h.startswith("#")} <= anchors  # no dead internal link
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp and unescape(csp.group(1)).startswith("default-src 'none'; style-src 'sha256-")


# ------------------------------------------------------------------ the command


def invoke_cli(*args: str) -> tuple[int, str, str]:
    # the `inputs` assessments name the test checklist outside their folder
    extra = ["--checklist", str(DATA / "mini.yaml")] if args[0] == "report" else []
    result = CliRunner().invoke(cli, [*args, *extra], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    text = MINI.read_text(encoding="utf-8").replace(
        "checklist: mini.yaml", f"checklist: {DATA / 'mini.yaml'}"
    )
    (folder / "freedonia.yaml").write_text(text, encoding="utf-8")
    return folder


def test_report_command_writes_html(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = invoke_cli("report", str(inputs), "-o", str(out), "--format", "html")
    # the validation warnings come first, as `validate` prints them (issue 14)
    path = inputs / "freedonia.yaml"
    assert code == 0
    assert stderr == (
        f"{path}:56:14: warning: answers.saving.evidence[0].url: only http and https links "
        "are printed as links\n"
    )
    assert stdout == f"Wrote {out / 'freedonia-mini.html'}\n"
    html = (out / "freedonia-mini.html").read_text(encoding="utf-8")
    assert "gap analysis of Freedonia" in html
    # a second run replaces the report
    assert invoke_cli("report", str(inputs), "-o", str(out), "--format", "html")[0] == 0


def test_report_command_skips_invalid_files(inputs: Path, tmp_path: Path) -> None:
    bad = inputs / "bad.yaml"
    bad.write_text(
        f"checklist: {DATA / 'mini.yaml'}\ncountry: {{name: Ruritania}}\nas_of: 2024-13-01\n"
        "answers: {age: {status: done}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, stdout, stderr = invoke_cli("report", str(inputs), "-o", str(out), "--format", "html")
    assert code == 1
    assert stdout == f"Wrote {out / 'freedonia-mini.html'}\n"
    assert f"{bad}:3:8: error: as_of:" in stderr
    assert f"{bad}:4:25: error: answers.age.status: expected one of" in stderr
    assert f"{bad}: error: no report written: 2 error(s) in the assessment" in stderr
    assert sorted(p.name for p in out.iterdir() if p.name != MANIFEST) == ["freedonia-mini.html"]


def test_report_command_unreadable_file(tmp_path: Path) -> None:
    code, _, stderr = invoke_cli(
        "report", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "out")
    )
    assert code == 2
    assert "missing.yaml" in stderr
    assert not (tmp_path / "out").exists()


def test_report_command_never_overwrites_an_input(inputs: Path) -> None:
    # an "assessment" named like its own report
    victim = inputs / "freedonia-mini.html"
    shutil.copy(inputs / "freedonia.yaml", victim)
    before = victim.read_bytes()
    code, stdout, stderr = invoke_cli("report", str(victim), "-o", str(inputs), "--format", "html")
    assert code == 1 and stdout == ""
    assert f"would replace the input {victim}" in stderr
    assert victim.read_bytes() == before


def test_report_command_refuses_two_reports_on_one_path(inputs: Path, tmp_path: Path) -> None:
    shutil.copy(inputs / "freedonia.yaml", inputs / "freedonia-again.yaml")
    out = tmp_path / "out"
    code, stdout, stderr = invoke_cli("report", str(inputs), "-o", str(out), "--format", "html")
    assert code == 1
    assert stdout.count("Wrote") == 1
    assert "would replace the report of" in stderr


def test_report_command_warns_when_language_falls_back(inputs: Path, tmp_path: Path) -> None:
    path = inputs / "freedonia.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8"
    )
    code, _, stderr = invoke_cli(
        "report", str(path), "-o", str(tmp_path / "out"), "--format", "html"
    )
    assert code == 0
    assert "warning: no 'de' translation yet; the report is in English" in stderr


def test_report_command_help_names_the_default() -> None:
    code, stdout, _ = invoke_cli("report", "--help")
    assert code == 0
    assert "[default: both]" in stdout and "[default: reports]" in stdout


# ------------------------------------------------------------------ translations


def test_a_new_language_is_only_a_catalogue(
    assessment: Assessment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="fr", domain="messages")
    catalog.add("Executive summary", "Résumé")
    catalog.add("Article {number}", "Article {number} (fr)")
    catalog.add("Page {page} of {pages}", "page {page} sur {pages}")
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    render.translations.cache_clear()
    render.environment.cache_clear()
    try:
        french = replace(assessment, language="fr")
        rendered = render.render_reports(french, ["html"], generated=GENERATED)
        html = rendered.outputs["html"].decode("utf-8")
        assert (rendered.locale, rendered.exact_locale) == ("fr", True)
        assert '<html lang="fr" dir="ltr">' in html
        assert "Résumé" in html and "Article 3 (fr)" in html  # template and report.py words
        assert "83,3\xa0%" in html and "1 mars 2024" in html  # Babel numbers and dates
        assert '<span class="run-page-between">sur</span>' in html
    finally:
        render.translations.cache_clear()
        render.environment.cache_clear()


def test_messages_pot_is_up_to_date(tmp_path: Path) -> None:
    """`make messages` was run after the last change of a fixed word."""
    from babel.messages.frontend import CommandLineInterface
    from babel.messages.pofile import read_po

    root = Path(__file__).parent.parent
    pot = root / "gapcheck" / "locale" / "messages.pot"
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(root / "babel.cfg"),
            "-k",
            "n_:1,2",
            "--no-location",
            "-o",
            str(fresh),
            str(root),
        ]
    )

    def ids(path: Path) -> set[object]:
        with open(path, "rb") as f:
            return {m.id for m in read_po(f) if m.id}

    assert ids(fresh) == ids(pot), "run `make messages`"
