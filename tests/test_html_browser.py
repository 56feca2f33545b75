"""The HTML report in a real browser (Debian's headless Chromium, driven over the Chrome
DevTools Protocol on a pipe: no extra Python package): the filters work, nothing is
requested from outside, no console error, and without JavaScript the whole report shows.

Skipped only when Chromium is missing outside CI; in CI (CI=true) it must run.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import itertools
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gapcheck.formats.assessment import validate_file
from gapcheck.output import html as render

MINI = Path(__file__).parent / "data" / "freedonia-mini.yaml"
CHROMIUM = os.environ.get("GAPCHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
BASH = shutil.which("bash") or "/bin/bash"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-pipe",
    "--window-size=1200,900",
]

if not Path(CHROMIUM).is_file():
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"Chromium not found at {CHROMIUM}; CI must run the browser test "
            "(scripts/system-deps.sh installs it)",
            pytrace=False,
        )
    pytest.skip("Chromium is not installed (run scripts/system-deps.sh)", allow_module_level=True)


def _above_4(fd: int) -> int:
    """The same pipe end on a descriptor above 4, so the shell can move it to 3 or 4."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Browser:
    """A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fds 3 and 4)."""

    def __init__(self, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        to_chrome_r, from_chrome_w = _above_4(to_chrome_r), _above_4(from_chrome_w)
        # The protocol runs on the browser's fds 3 (in) and 4 (out); bash moves our pipe ends
        # there (no preexec_fn, unsafe when threads run; POSIX sh stops at fd 9).
        wire = f'exec "$0" "$@" 3<&{to_chrome_r} {to_chrome_r}<&- 4>&{from_chrome_w} {from_chrome_w}>&-'
        self.proc = subprocess.Popen(
            [BASH, "-c", wire, CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(to_chrome_r, from_chrome_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select(
                [self._from_chrome], [], [], max(0.0, deadline - time.monotonic())
            )
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        data: dict[str, Any] = json.loads(message)
        return data

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = 30,
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            data = self._read(deadline)
            if data.get("id") == self._next_id:
                if "error" in data:
                    raise RuntimeError(f"{method}: {data['error']}")
                result: dict[str, Any] = data.get("result", {})
                return result
            self.events.append(data)

    def wait_for(self, event: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        seen = next((e for e in self.events if e.get("method") == event), None)
        while seen is None:
            data = self._read(deadline)
            self.events.append(data)
            if data.get("method") == event:
                seen = data
        self.events.remove(seen)
        return seen

    def close(self) -> None:
        with contextlib.suppress(OSError, EOFError, TimeoutError, RuntimeError):
            self.call("Browser.close", timeout=10)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


class Page:
    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, session=self.session)

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (CSP violations…)."""
        out = []
        for e in self.browser.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(f"console: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                out.append(f"log: {params['entry'].get('text')}")
        return out

    def requested(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.browser.events
            if e.get("method") == "Network.requestWillBeSent"
        ]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    a = validate_file(MINI).assessment
    assert a is not None
    path = tmp_path_factory.mktemp("html") / "freedonia-mini.html"
    path.write_bytes(render.render_reports(a, ["html"]).outputs["html"])
    return path


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    browser = Browser(tmp_path / "profile")
    try:
        yield Page(browser)
    finally:
        browser.close()


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

    screenshot = page.call("Page.captureScreenshot", {"format": "png"})
    png = base64.b64decode(screenshot["data"])
    assert png.startswith(b"\x89PNG")
    (tmp_path / "report.png").write_bytes(png)

    assert page.js(choose("status", "no")) == "no"
    assert page.js(VISIBLE) == ["no", "no"]
    assert page.js("document.getElementById('filter-count').textContent") == "Showing 2 of 6 items"
    # Article 4 has no item answered "no": its section is hidden as a whole
    assert page.js("document.getElementById('article-4').hidden") is True
    assert page.js("document.getElementById('article-3').hidden") is False
    page.js("document.getElementById('findings').scrollIntoView()")
    (tmp_path / "report-status-no.png").write_bytes(
        base64.b64decode(page.call("Page.captureScreenshot", {"format": "png"})["data"])
    )

    page.js(choose("tier", "core"))  # filters combine: no ∩ core
    assert page.js(VISIBLE) == ["no"]
    page.js(choose("status", ""))
    page.js(choose("theme", "juris"))
    # the only core item of the jurisdiction theme was not assessed: no finding to show
    assert page.js(VISIBLE) == []

    page.js("document.querySelector('#filters button[type=reset]').click()")
    time.sleep(0.2)  # the reset handler applies the filters on the next tick
    assert sorted(page.js(VISIBLE)) == sorted(everything)

    assert page.problems() == []
    assert page.requested() == [report_file.as_uri()]  # nothing else, ever


def test_without_javascript_everything_shows(page: Page, report_file: Path) -> None:
    page.call("Emulation.setScriptExecutionDisabled", {"value": True})
    page.open(report_file.as_uri())
    assert page.js("document.getElementById('filters').getClientRects().length") == 0
    assert len(page.js(VISIBLE)) == 6  # every finding; the unassessed item is in Annex B
    assert page.problems() == []


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
    }
    paths = {}
    for name, data in pages.items():
        paths[name] = out / f"{name}.html"
        paths[name].write_bytes(data)
    return paths


@pytest.mark.parametrize(
    ("name", "coloured"),
    [("worksheet", None), ("diff", ".kind, .badge"), ("compare", "td.score, .badge")],
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
    screenshot = page.call("Page.captureScreenshot", {"format": "png"})
    assert base64.b64decode(screenshot["data"]).startswith(b"\x89PNG")


def test_page_styles_apply(page: Page, other_pages: dict[str, Path]) -> None:
    page.open(other_pages["worksheet"].as_uri())
    assert page.js("getComputedStyle(document.querySelector('.tick')).borderTopStyle") == "solid"
    page.open(other_pages["compare"].as_uri())
    assert (
        page.js("getComputedStyle(document.querySelector('td.band-4')).backgroundColor")
        == "rgb(33, 102, 172)"
    )
    assert page.problems() == []
