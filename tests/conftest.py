from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck.cli import cli

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
MINI = TESTS / "data" / "mini.yaml"


@pytest.fixture
def run():
    """Invoke the CLI like a user: returns the click Result (exit_code, output)."""

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def write(tmp_path: Path):
    """Write an assessment against the mini checklist; returns its path."""

    def make(body: str, name: str = "a.yaml", header: bool = True) -> Path:
        head = f'checklist: {MINI}\ncountry: {{name: Freedonia}}\nas_of: "2026-03-01"\n'
        path = tmp_path / name
        path.write_text((head if header else "") + body, encoding="utf-8")
        return path

    return make


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Each test session gets its own checklist cache, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
