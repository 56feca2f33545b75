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
        # the checklist beside the assessment: an assessment may name a checklist file only
        # in its own folder tree
        local = tmp_path / "mini.yaml"
        if not local.exists():
            local.write_bytes(MINI.read_bytes())
        head = 'checklist: mini.yaml\ncountry: {name: Freedonia}\nas_of: "2026-03-01"\n'
        path = tmp_path / name
        path.write_text((head if header else "") + body, encoding="utf-8")
        return path

    return make


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Each test session gets its own checklist cache, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


def assert_golden(target: Path, data: bytes, what: str) -> None:
    """Compare `data` with the golden file `target`, or rewrite it with GAPCHECK_UPDATE_GOLDEN=1
    (`make golden`), to be reviewed like any change."""
    import difflib
    import os

    if os.environ.get("GAPCHECK_UPDATE_GOLDEN") == "1":
        target.parent.mkdir(exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        return
    if not target.is_file():
        pytest.fail(f"no golden file {target.relative_to(ROOT)}: run `make golden` and review it")
    expected = target.read_bytes()
    if data != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8").splitlines(),
            data.decode("utf-8").splitlines(),
            str(target.relative_to(ROOT)),
            "rendered now",
            lineterm="",
            n=2,
        )
        shown = "\n".join(list(diff)[:80])
        pytest.fail(
            f"the {what} differs from its golden file (if intended: `make golden`):\n{shown}"
        )


# ------------------------------------------------- archival PDFs, rendered once per session
# (test_pdfa.py and test_verify.py; a PDF takes seconds to lay out)

FREEDONIA = TESTS / "data" / "freedonia-mini.yaml"
REPORT_DAY = "2026-01-15"


@pytest.fixture(scope="session")
def archived(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report (PDF and HTML), comparison and worksheet PDFs, as files, made as a user
    makes them: report pdf/html of the Freedonia mini assessment, the comparison of it and
    a copy with other answers, the worksheet of its checklist."""
    from datetime import date

    from gapcheck.analysis import compare
    from gapcheck.formats.assessment import validate_file
    from gapcheck.output import html as render

    out = tmp_path_factory.mktemp("archived")
    a = validate_file(FREEDONIA).assessment
    assert a is not None
    rendered = render.render_reports(a, ["pdf", "html"], generated=date.fromisoformat(REPORT_DAY))
    other_file = out / "ruritania.yaml"
    other_file.write_bytes(
        FREEDONIA.read_bytes()
        .replace(b"name: Freedonia", b"name: Ruritania")
        .replace(b"checklist: mini.yaml", f"checklist: {FREEDONIA.parent / 'mini.yaml'}".encode())
    )
    other = validate_file(other_file, trusted=(FREEDONIA.parent / "mini.yaml",)).assessment
    assert other is not None
    m = compare.build([(str(FREEDONIA), a), (str(other_file), other)])
    files = {
        "report.pdf": rendered.outputs["pdf"],
        "report.html": rendered.outputs["html"],
        "comparison.pdf": render.render_comparison(m, ["pdf"])["pdf"],
        "worksheet.pdf": render.render_worksheet(a.checklist, ["pdf"])["pdf"],
    }
    paths = {}
    for name, data in files.items():
        (out / name).write_bytes(data)
        paths[name.replace(".", "_")] = out / name
    return paths
