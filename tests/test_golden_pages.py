"""Golden HTML of the pages beside the report: the workshop diff (participant against the
model answer) and the comparison of the four sample States, byte for byte.

Regenerate on purpose, after reading the change: `make golden` (GAPCHECK_UPDATE_GOLDEN=1).
The commands run from the repository root with relative paths, as the file names given
are printed on the pages.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from gapcheck.cli import cli

from .conftest import ROOT, assert_golden

GOLDEN = ROOT / "tests" / "golden" / "pages"
SAMPLES = [
    "sample_assessments/meridonia.yaml",
    "sample_assessments/qaswara.yaml",
    "sample_assessments/quellmoor.yaml",
    "sample_assessments/veridia.yaml",
]
CASES = {
    "diff-veridia-participant.html": [
        "diff",
        "--format",
        "html",
        "docs/workshop/veridia-participant.yaml",
        "sample_assessments/veridia.yaml",
    ],
    "compare-samples.html": ["compare", "--format", "html", "-o", "{out}", *SAMPLES],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_page(name, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    out = tmp_path / name
    args = [a.replace("{out}", str(out)) for a in CASES[name]]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = out.read_bytes() if "{out}" in CASES[name] else result.stdout_bytes
    target = GOLDEN / name
    assert_golden(target, html, "page")


def test_no_orphan_golden_pages():
    orphans = sorted(p.name for p in GOLDEN.glob("*") if p.name not in CASES)
    assert not orphans, f"golden pages without a case: {orphans}"
