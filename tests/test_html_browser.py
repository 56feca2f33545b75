"""The HTML pages in a real browser: Playwright for Python driving Debian's Chromium
(`executable_path`, no browser download). The filters work, nothing is requested from
outside, no console error, without JavaScript the whole report shows, and an axe-core audit
(axe-playwright-python ships axe.min.js) finds no serious or critical violation in any page
kind gapcheck writes: report, comparison, diff, worksheet.

Skipped only when Chromium is missing outside CI; in CI (CI=true) it must run.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gapcheck.formats.assessment import validate_file
from gapcheck.output import html as render

MINI = Path(__file__).parent / "data" / "freedonia-mini.yaml"
CHROMIUM = os.environ.get("GAPCHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

if not Path(CHROMIUM).is_file():
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"Chromium not found at {CHROMIUM}; CI must run the browser test "
            "(scripts/system-deps.sh installs it)",
            pytrace=False,
        )
    pytest.skip("Chromium is not installed (run scripts/system-deps.sh)", allow_module_level=True)

from playwright.sync_api import Browser, sync_playwright  # noqa: E402


class Page:
    """A Playwright page that records what a user would not see: console errors, uncaught
    exceptions, CSP refusals and every request."""

    def __init__(self, browser: Browser, *, javascript: bool = True) -> None:
        self.context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 1200, "height": 900}
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"console: {m.text}") if m.type in ("error", "assert") else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def problems(self) -> list[str]:
        return list(self.errors)

    def requested(self) -> list[str]:
        return list(self.requests)

    def screenshot(self, path: Path | None = None) -> bytes:
        return self.page.screenshot(path=path)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


def serious_violations(page: Page) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical violations: (rule, impact, elements)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page.page)
    assert results.response["passes"], "axe-core did not run"
    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    a = validate_file(MINI).assessment
    assert a is not None
    path = tmp_path_factory.mktemp("html") / "freedonia-mini.html"
    path.write_bytes(render.render_reports(a, ["html"]).outputs["html"])
    return path


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    p = Page(browser)
    try:
        yield p
    finally:
        p.context.close()


VISIBLE = (
    "Array.from(document.querySelectorAll('[data-filter-item]'))"
    ".filter(e => e.getClientRects().length > 0).map(e => e.dataset.status)"
)


def choose(name: str, value: str) -> str:
    return (
        f"(() => {{ const s = document.querySelector('#filters select[name={name}]');"
        f" s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change', {{bubbles: true}}));"
        f" return s.value; }})()"
    )


def test_filters_change_what_is_shown(page: Page, report_file: Path, tmp_path: Path) -> None:
    page.open(report_file.as_uri())
    assert page.js("document.documentElement.lang") == "en"
    assert page.js("document.getElementById('filters').hidden") is False  # JS shows the controls
    everything = page.js(VISIBLE)
    # territory (not assessed) is listed in Annex B, not among the findings
    assert sorted(everything) == ["n/a", "no", "no", "partial", "yes", "yes"]
    assert page.js("document.getElementById('filter-count').textContent") == "Showing 6 of 6 items"

    assert page.screenshot(tmp_path / "report.png").startswith(b"\x89PNG")

    assert page.js(choose("status", "no")) == "no"
    assert page.js(VISIBLE) == ["no", "no"]
    assert page.js("document.getElementById('filter-count').textContent") == "Showing 2 of 6 items"
    # Article 4 has no item answered "no": its section is hidden as a whole
    assert page.js("document.getElementById('article-4').hidden") is True
    assert page.js("document.getElementById('article-3').hidden") is False
    page.js("document.getElementById('findings').scrollIntoView()")
    page.screenshot(tmp_path / "report-status-no.png")

    page.js(choose("tier", "core"))  # filters combine: no ∩ core
    assert page.js(VISIBLE) == ["no"]
    page.js(choose("status", ""))
    page.js(choose("theme", "juris"))
    # the only core item of the jurisdiction theme was not assessed: no finding to show
    assert page.js(VISIBLE) == []

    page.js(choose("theme", ""))
    page.js(choose("tier", ""))
    page.js(choose("article", "4"))  # a workshop exercise on one article
    assert page.js("document.getElementById('article-3').hidden") is True
    assert page.js("document.getElementById('article-4').hidden") is False
    shown = page.js(VISIBLE)
    assert 0 < len(shown) < len(everything)

    page.js("document.querySelector('#filters button[type=reset]').click()")
    time.sleep(0.2)  # the reset handler applies the filters on the next tick
    assert sorted(page.js(VISIBLE)) == sorted(everything)

    assert page.problems() == []
    assert page.requested() == [report_file.as_uri()]  # nothing else, ever


def test_without_javascript_everything_shows(browser: Browser, report_file: Path) -> None:
    page = Page(browser, javascript=False)
    page.open(report_file.as_uri())
    assert page.js("document.getElementById('filters').getClientRects().length") == 0
    assert len(page.js(VISIBLE)) == 6  # every finding; the unassessed item is in Annex B
    assert page.problems() == []
    page.context.close()


def test_page_structure_is_accessible(page: Page, report_file: Path) -> None:
    page.open(report_file.as_uri())
    levels = page.js(
        "Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level
    assert page.js("['header','nav','main'].map(t => document.querySelectorAll(t).length)") == [
        1,
        1,
        1,
    ]
    assert page.js("document.querySelectorAll('th:not([scope])').length") == 0
    # every badge says its status in words, and its text contrasts at least 4.5:1
    ratios = page.js("""(() => {
        const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
            v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        return Array.from(document.querySelectorAll('.badge')).map(b => {
            const s = getComputedStyle(b); const [x, y] = [lum(s.color), lum(s.backgroundColor)];
            return [b.textContent.trim(), (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)]; });
    })()""")
    assert ratios and all(text and ratio >= 4.5 for text, ratio in ratios), ratios


# ------------------------------------------------------------------ the pages beside the report

CONTRAST = """((selector) => {
    const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
        v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    return Array.from(document.querySelectorAll(selector)).map(b => {
        const s = getComputedStyle(b); const [x, y] = [lum(s.color), lum(s.backgroundColor)];
        return [b.textContent.trim(), (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)]; });
})"""


@pytest.fixture(scope="module")
def other_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from gapcheck.analysis import compare, diff
    from gapcheck.analysis.agreement import agreement
    from gapcheck.analysis.selection import answered, select
    from gapcheck.formats import checklist

    root = Path(__file__).parent.parent
    samples = sorted((root / "sample_assessments").glob("*.yaml"))
    assessments = {p.stem: validate_file(p).assessment for p in samples}
    participant = validate_file(root / "docs" / "workshop" / "veridia-participant.yaml").assessment
    assert participant is not None and all(assessments.values())
    out = tmp_path_factory.mktemp("pages")
    pages = {
        "worksheet": render.render_worksheet(checklist.get("opsc"), ["html"])["html"],
        "diff": render.render_diff(
            diff.compare(participant, assessments["veridia"]),
            "participant.yaml",
            "veridia.yaml",
        ).encode("utf-8"),
        "compare": render.render_comparison(
            compare.build(list(assessments.items())),
            ["html"],
        )["html"],
        "diff-model": render.render_diff(
            diff.compare(
                participant, assessments["veridia"], only=answered(participant), model=True
            ),
            "participant.yaml",
            "veridia.yaml",
        ).encode("utf-8"),
        "grid": render.render_grid(compare.build(list(assessments.items())), ["html"])["html"],
        "casefile": render.render_casefile(
            assessments["veridia"], ["html"], select(participant.checklist, {2, 3}), "Articles 2, 3"
        )["html"],
        "class": render.render_class(
            agreement(
                assessments["veridia"],
                [(n, f"{n}.yaml", participant) for n in ("Ana", "Ben <b>")],
                select(participant.checklist, {2, 3}),
            ),
            ["html"],
            "Articles 2, 3",
        )["html"],
    }
    paths = {}
    for name, data in pages.items():
        paths[name] = out / f"{name}.html"
        paths[name].write_bytes(data)
    return paths


@pytest.mark.parametrize(
    ("name", "coloured"),
    [
        ("worksheet", None),
        ("diff", ".kind, .badge"),
        ("diff-model", ".kind, .badge"),
        ("compare", "td.score, .badge"),
        ("class", ".badge"),
        ("casefile", None),
        ("grid", "td.cell"),
    ],
)
def test_other_pages_load_cleanly(page: Page, other_pages: dict[str, Path], name, coloured):
    path = other_pages[name]
    page.open(path.as_uri())
    assert page.problems() == []  # a style the CSP refused would show here
    assert page.requested() == [path.as_uri()]
    assert page.js("document.scripts.length") == 0
    # the page's own stylesheet applies (its hash is in the CSP)
    assert page.js("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans"')
    levels = page.js(
        "Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert page.js("document.querySelectorAll('th:not([scope])').length") == 0
    if coloured:  # words on colour (chips, score cells) contrast at least 4.5:1
        ratios = page.js(f"{CONTRAST}({json.dumps(coloured)})")
        assert ratios and all(text and ratio >= 4.5 for text, ratio in ratios), ratios
    assert page.screenshot().startswith(b"\x89PNG")


def test_page_styles_apply(page: Page, other_pages: dict[str, Path]) -> None:
    page.open(other_pages["worksheet"].as_uri())
    assert page.js("getComputedStyle(document.querySelector('.tick')).borderTopStyle") == "solid"
    page.open(other_pages["compare"].as_uri())
    assert (
        page.js("getComputedStyle(document.querySelector('td.band-4')).backgroundColor")
        == "rgb(33, 102, 172)"
    )
    assert page.problems() == []


def test_grid_filters_by_article_without_script(page: Page, other_pages: dict[str, Path]) -> None:
    page.open(other_pages["grid"].as_uri())
    shown = (
        "Array.from(document.querySelectorAll('tbody.grid-art'))"
        ".filter(e => e.getClientRects().length > 0).map(e => e.className)"
    )
    everything = page.js(shown)
    assert len(everything) > 5
    page.js("document.querySelector('label[for=grid-art-3]').click()")
    assert page.js(shown) == ["grid-art grid-art-3"]
    assert page.js("document.querySelectorAll('tbody.grid-art-3 td.cell').length") > 4 * 20
    page.js("document.querySelector('label[for=grid-all]').click()")
    assert page.js(shown) == everything
    assert page.problems() == []


def test_every_page_kind_passes_an_axe_audit(
    page: Page, report_file: Path, other_pages: dict[str, Path]
) -> None:
    for path in (report_file, *other_pages.values()):
        page.open(path.as_uri())
        assert serious_violations(page) == [], path.name
