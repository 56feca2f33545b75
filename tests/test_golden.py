"""Golden HTML reports: the rendered report of each sample assessment, byte for byte.

A change in the report's text or markup shows here as a diff. When the change is
intended, regenerate the files on purpose and review them: `make golden`
(GAPCHECK_UPDATE_GOLDEN=1). A new file in sample_assessments/ gets its golden file the
same way.
"""

from __future__ import annotations

import difflib
import os
from datetime import date
from pathlib import Path

import pytest

from gapcheck import render
from gapcheck.assessment import validate_file

TESTS = Path(__file__).parent
ROOT = TESTS.parent
GOLDEN = TESTS / "golden"
GENERATED = date(2026, 1, 15)
"""The report date printed in golden files (a fixed parameter, never today)."""
UPDATE = os.environ.get("GAPCHECK_UPDATE_GOLDEN") == "1"

CASES = [
    TESTS / "data" / "freedonia-mini.yaml",
    *sorted((ROOT / "sample_assessments").glob("*.yaml")),
]


def golden_path(source: Path) -> Path:
    prefix = "sample-" if source.parent.name == "sample_assessments" else ""
    return GOLDEN / f"{prefix}{source.stem}.html"


@pytest.mark.parametrize("source", CASES, ids=lambda p: golden_path(p).name)
def test_golden_html(source: Path) -> None:
    result = validate_file(source)
    assert result.assessment is not None, "\n".join(map(str, result.problems))
    html = render.render_reports(result.assessment, ["html"], generated=GENERATED).outputs["html"]
    target = golden_path(source)
    if UPDATE:
        target.parent.mkdir(exist_ok=True)
        if not target.is_file() or target.read_bytes() != html:
            target.write_bytes(html)
        return
    if not target.is_file():
        pytest.fail(f"no golden file {target.relative_to(ROOT)}: run `make golden` and review it")
    expected = target.read_bytes()
    if html != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8").splitlines(),
            html.decode("utf-8").splitlines(),
            str(target.relative_to(ROOT)),
            "rendered now",
            lineterm="",
            n=2,
        )
        shown = "\n".join(list(diff)[:80])
        pytest.fail(
            f"the report differs from its golden file (if intended: `make golden`):\n{shown}"
        )


def test_rendering_is_deterministic() -> None:
    a = validate_file(CASES[0]).assessment
    assert a is not None
    first = render.render_reports(a, ["html"], generated=GENERATED).outputs["html"]
    render.environment.cache_clear()
    render.assets.cache_clear()
    assert render.render_reports(a, ["html"], generated=GENERATED).outputs["html"] == first


def test_no_orphan_golden_files() -> None:
    expected = {golden_path(c).name for c in CASES}
    orphans = sorted(p.name for p in GOLDEN.glob("*.html") if p.name not in expected)
    assert not orphans, f"golden files without a source assessment: {orphans}"
