"""Every bad assessment in tests/cases/invalid/<case>/ gives exactly the expected messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck.cli import cli

CASES = sorted((Path(__file__).parent / "cases" / "invalid").iterdir())


def test_there_are_enough_cases():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_case(case: Path, monkeypatch: pytest.MonkeyPatch):
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    code_line, _, output = expected.partition("\n")
    args = (case / "args").read_text().split() if (case / "args").exists() else []
    monkeypatch.chdir(case)
    result = CliRunner().invoke(cli, ["validate", *args, "assessment.yaml"], catch_exceptions=False)
    assert result.output == output
    assert code_line == f"exit: {result.exit_code}"
    assert "Traceback" not in result.output
