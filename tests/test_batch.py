"""Many files at once: one bad file never stops the others; --jobs changes nothing but speed."""

from __future__ import annotations

import os
import shutil

from gapcheck.output.batch import MANIFEST

from .conftest import ROOT

SAMPLES = ROOT / "sample_assessments"


def listed(folder):
    """The files in `folder` but gapcheck's record of which State each report is of."""
    return sorted(p.name for p in folder.iterdir() if p.name != MANIFEST)


def _inputs(tmp_path):
    folder = tmp_path / "in"
    nested = folder / "region"
    nested.mkdir(parents=True)
    shutil.copy(SAMPLES / "veridia.yaml", folder)
    shutil.copy(SAMPLES / "qaswara.yaml", nested)
    (nested / "broken.yml").write_text("answers:\n  x: {status: no}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not an assessment", encoding="utf-8")
    return folder


def test_batch_with_an_invalid_file_renders_the_others(run, tmp_path):
    folder = _inputs(tmp_path)
    out = tmp_path / "out"
    result = run("report", "--format", "html", "-j", "2", "-o", str(out), str(folder))
    assert result.exit_code == 1
    broken = folder / "region" / "broken.yml"
    assert f"{broken}:1:1: error: missing required key 'checklist'" in result.output
    assert f"{broken}: error: no report written: 1 error(s) in the assessment" in result.output
    assert listed(out) == ["qaswara-opsc.html", "veridia-opsc.html"]
    assert result.output.rstrip().endswith(
        f"3 assessment(s): 2 reported (2 file(s) written to {out}), 1 failed: {broken}"
    )


def test_jobs_2_writes_the_same_files_as_jobs_1(run, tmp_path):
    folder = _inputs(tmp_path)
    (folder / "region" / "broken.yml").unlink()
    one, two = tmp_path / "one", tmp_path / "two"
    assert (
        run("report", "-q", "--format", "html", "-j", "1", "-o", str(one), str(folder)).exit_code
        == 0
    )
    assert (
        run("report", "-q", "--format", "html", "-j", "2", "-o", str(two), str(folder)).exit_code
        == 0
    )
    names = listed(one)
    assert names == listed(two) == ["qaswara-opsc.html", "veridia-opsc.html"]
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_two_assessments_with_the_same_report_name_do_not_overwrite(run, tmp_path):
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    shutil.copy(SAMPLES / "veridia.yaml", a)
    shutil.copy(SAMPLES / "veridia.yaml", b)
    out = tmp_path / "out"
    result = run("report", "--format", "html", "-o", str(out), str(a), str(b))
    assert result.exit_code == 1
    assert (
        f"{b}: error: no report written: {out / 'veridia-opsc.html'} would replace the report of {a}"
        in result.output
    )
    assert listed(out) == ["veridia-opsc.html"]


def test_report_never_overwrites_an_input(run, tmp_path):
    src = tmp_path / "veridia-opsc.html"  # an input that has the name of the report
    shutil.copy(SAMPLES / "veridia.yaml", tmp_path / "veridia.yaml")
    src.write_text("checklist: opsc\n", encoding="utf-8")
    before = src.read_bytes()
    result = run(
        "report", "--format", "html", "-o", str(tmp_path), str(tmp_path / "veridia.yaml"), str(src)
    )
    assert result.exit_code == 1
    assert src.read_bytes() == before


def test_validate_many_files_with_jobs(run, tmp_path):
    folder = _inputs(tmp_path)
    result = run("validate", "-j", "2", str(folder))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-1] == "3 files: 2 valid, 1 with errors; 1 error(s), 0 warning(s)"
    # results come in input (sorted path) order whatever finishes first
    order = [line.split(":")[0] for line in lines if line.endswith("%)") or ": 1 error" in line]
    assert order == sorted(order)


def test_outputs_get_the_usual_permissions(run, tmp_path):
    out = tmp_path / "out"
    assert (
        run("report", "--format", "html", "-o", str(out), str(SAMPLES / "veridia.yaml")).exit_code
        == 0
    )
    mask = os.umask(0)
    os.umask(mask)
    assert (out / "veridia-opsc.html").stat().st_mode & 0o777 == 0o666 & ~mask


def test_workers_are_replaced_without_hanging(run, tmp_path, monkeypatch):
    # Python 3.11's ProcessPoolExecutor deadlocked once workers were recycled; with two
    # tasks per worker, twelve files need five replacements.
    from gapcheck.output import batch

    monkeypatch.setattr(batch, "MAX_TASKS_PER_WORKER", 2)
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(12):
        (folder / f"s{k:02d}.yaml").write_text(
            f"checklist: {ROOT / 'tests' / 'data' / 'mini.yaml'}\n"
            f'country: {{name: "State {k:02d}"}}\nas_of: "2026-01-01"\n',
            encoding="utf-8",
        )
    out = tmp_path / "out"
    mini = str(ROOT / "tests" / "data" / "mini.yaml")
    result = run(
        "report",
        "-q",
        "-j",
        "2",
        "--format",
        "html",
        "--checklist",
        mini,
        "-o",
        str(out),
        str(folder),
    )
    assert result.exit_code == 0, result.output
    assert len(listed(out)) == 12
