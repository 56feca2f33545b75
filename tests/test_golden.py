"""Golden HTML reports: the rendered report of each sample assessment, byte for byte.

A change in the report's text or markup shows here as a diff. When the change is
intended, regenerate the files on purpose and review them: `make golden`
(GAPCHECK_UPDATE_GOLDEN=1). A new file in sample_assessments/ gets its golden file the
same way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gapcheck.formats.assessment import validate_file
from gapcheck.output import html as render

from .conftest import ROOT, TESTS, assert_golden

GOLDEN = TESTS / "golden"
GENERATED = date(2026, 1, 15)
"""The report date printed in golden files (a fixed parameter, never today)."""

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
    assert_golden(target, html, "report")


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
