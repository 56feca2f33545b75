"""A real wheel, installed in a fresh virtual environment, carries the checklists and templates
and runs `gapcheck init` and `gapcheck validate` outside the repository."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gapcheck.formats import checklist as checklists

from .conftest import ROOT


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
    )
    (path,) = out.glob("gapcheck-*.whl")
    return path


def test_wheel_carries_checklists_and_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "gapcheck/checklists/opsc.yaml" in names
    assert "gapcheck/checklists/treaty/opsc-A-RES-54-263.txt" in names
    assert any(n.startswith("gapcheck/templates/") for n in names)


def test_wheel_in_fresh_venv_runs_init_and_validate(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, str(wheel)], check=True)
    work = tmp_path / "work"  # outside the repository: only the installed package is found
    work.mkdir()
    gapcheck = str(venv / "bin" / "gapcheck")
    init = subprocess.run(
        [gapcheck, "init", "--checklist", "opsc", "--country", "Freedonia", "-o", "f.yaml"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert init.returncode == 0, init.stderr
    assert (work / "opsc.schema.json").exists()
    check = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "gapcheck", "validate", "f.yaml"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    n = len(checklists.get("opsc").items)
    assert check.stdout == f"f.yaml: 0 error(s), 0 warning(s); 0 of {n} items answered (0%)\n"
