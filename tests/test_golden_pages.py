"""Golden HTML of the pages beside the report: the workshop diff (participant against the
model answer) and the comparison of the four sample States, byte for byte.

Regenerate on purpose, after reading the change: `make golden` (GAPCHECK_UPDATE_GOLDEN=1).
The commands run from the repository root with relative paths, as the file names given
are printed on the pages.
"""

from __future__ import annotations

import difflib
import os

import pytest
from click.testing import CliRunner

from gapcheck.cli import cli

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "pages"
UPDATE = os.environ.get("GAPCHECK_UPDATE_GOLDEN") == "1"
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
        pytest.fail(f"the page differs from its golden file (if intended: `make golden`):\n{shown}")


def test_no_orphan_golden_pages():
    orphans = sorted(p.name for p in GOLDEN.glob("*") if p.name not in CASES)
    assert not orphans, f"golden pages without a case: {orphans}"
