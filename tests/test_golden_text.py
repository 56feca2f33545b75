"""Exact outputs on the bundled samples, kept as golden files.

Regenerate on purpose, after reading the change: `make golden` (GAPCHECK_UPDATE_GOLDEN=1).
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from gapcheck.cli import cli

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "text"
UPDATE = os.environ.get("GAPCHECK_UPDATE_GOLDEN") == "1"

CASES = {
    "diff-veridia-quellmoor.txt": [
        "diff",
        "sample_assessments/veridia.yaml",
        "sample_assessments/quellmoor.yaml",
    ],
    "diff-veridia-quellmoor.json": [
        "diff",
        "--format",
        "json",
        "sample_assessments/veridia.yaml",
        "sample_assessments/quellmoor.yaml",
    ],
    "score-qaswara.txt": ["score", "sample_assessments/qaswara.yaml"],
    "compare-samples.csv": [
        "compare",
        "sample_assessments/meridonia.yaml",
        "sample_assessments/qaswara.yaml",
        "sample_assessments/quellmoor.yaml",
        "sample_assessments/veridia.yaml",
    ],
    "compare-samples-items.csv": [
        "compare",
        "--view",
        "items",
        "sample_assessments/meridonia.yaml",
        "sample_assessments/qaswara.yaml",
        "sample_assessments/quellmoor.yaml",
        "sample_assessments/veridia.yaml",
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, CASES[name], catch_exceptions=False)
    assert result.exit_code == 0
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(result.stdout_bytes)
    assert result.stdout_bytes == path.read_bytes()
