"""The commands as a consultant uses them: exact exit codes and output."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import click
import jsonschema
import pytest
import yaml

from gapcheck.cli import cli
from gapcheck.formats.loader import load

from .conftest import MINI

VALID = """answers:
  age: {status: partial, reasons: [age_below_18], evidence: [{instrument: Penal Code, provision: s. 1}]}
  produce: {status: yes, evidence: [{instrument: Penal Code, provision: s. 2}]}
  attempt: {status: no}
  territory: {status: n/a, justification: Covered by the federal code.}
"""


def _commands(group: click.Group, prefix: str = ""):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize("name,command", list(_commands(cli)))
def test_every_command_has_help(name, command):
    assert command.help, f"{name} has no help text"


def test_init_writes_a_blank_assessment_that_validates(run, tmp_path):
    out = tmp_path / "freedonia.yaml"
    result = run("init", "--checklist", str(MINI), "--country", "Freedonia", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=mini.schema.json\n")
    assert "# 3(1)(c) · mandatory · Producing" in text
    assert "# Q: Is producing criminalized?" in text
    data = yaml.safe_load(text)
    assert set(data["answers"]) == {
        "age",
        "produce",
        "attempt",
        "territory",
        "nationality",
        "saving",
        "rec_possession",
    }
    assert all(a["status"] == "unknown" for a in data["answers"].values())
    assert f"gapcheck validate --checklist {MINI} {out}" in result.output
    check = run("validate", "--checklist", str(MINI), str(out))
    assert check.exit_code == 0
    assert check.output == f"{out}: 0 error(s), 0 warning(s); 0 of 7 items answered (0%)\n"
    schema = json.loads((tmp_path / "mini.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_init_never_overwrites_without_force(run, tmp_path):
    out = tmp_path / "a.yaml"
    out.write_text("my work\n", encoding="utf-8")
    result = run("init", "--checklist", str(MINI), "--country", "X", "-o", str(out))
    assert result.exit_code == 1
    assert "exists; use --force" in result.output
    assert out.read_text(encoding="utf-8") == "my work\n"
    forced = run("init", "--checklist", str(MINI), "--country", "X", "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert "checklist:" in out.read_text(encoding="utf-8")


def test_init_quotes_awkward_country_names(run, tmp_path):
    out = tmp_path / "a.yaml"
    name = 'Côte "d": Ivoire # x'
    assert run("init", "--checklist", str(MINI), "--country", name, "-o", str(out)).exit_code == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["country"]["name"] == name


def test_init_unknown_checklist_is_a_usage_error(run, tmp_path):
    result = run("init", "--checklist", "opcs", "--country", "X", "-o", str(tmp_path / "a.yaml"))
    assert result.exit_code == 2
    assert "unknown checklist 'opcs'" in result.output


def test_schema_enumerates_items_and_statuses(run):
    result = run("schema", "--checklist", str(MINI))
    assert result.exit_code == 0
    schema = json.loads(result.output)
    answers = schema["properties"]["answers"]
    assert set(answers["properties"]) >= {"age", "produce"}
    assert answers["additionalProperties"] is False
    assert answers["properties"]["age"]["properties"]["status"]["enum"] == [
        "yes",
        "partial",
        "no",
        "n/a",
        "unknown",
    ]
    jsonschema.Draft7Validator.check_schema(schema)


def test_schema_and_validate_agree_on_a_valid_file(run, write):
    path = write(VALID)
    assert run("validate", str(path)).exit_code == 0
    schema = json.loads(run("schema", "--checklist", str(MINI)).output)
    # gapcheck's loader (YAML 1.2): PyYAML's safe_load would turn `status: yes` into True
    jsonschema.validate(load(path).data, schema)


def test_validate_json_format(run, write):
    path = write("answers:\n  age: {status: done}\n")
    result = run("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["valid"] is False
    assert data["problems"] == [
        {
            "file": str(path),
            "line": 5,
            "column": 17,
            "level": "error",
            "path": "answers.age.status",
            "message": "expected one of yes, partial, no, n/a, unknown; got 'done'",
        }
    ]


def test_validate_collects_problems_of_every_file(run, write, tmp_path):
    good = write(VALID, "good.yaml")
    bad = write("answers:\n  age: {status: maybe}\n  prodcue: {status: no}\n", "bad.yaml")
    (tmp_path / "mini.yaml").unlink()  # the checklist is named on the command line instead
    for path in (good, bad):
        path.write_text(path.read_text("utf-8").replace("mini.yaml", str(MINI), 1), "utf-8")
    result = run("validate", "--checklist", str(MINI), str(tmp_path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{bad}:5:17: error: answers.age.status")
    assert (
        lines[1]
        == f"{bad}:6:3: error: answers.prodcue: unknown item id 'prodcue'; did you mean 'produce'?"
    )
    assert f"{good}: 0 error(s)" in result.output
    assert lines[-1] == "2 files: 1 valid, 1 with errors; 2 error(s), 0 warning(s)"


def test_validate_unreadable_file_exits_2(run, tmp_path):
    result = run("validate", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert "cannot read file" in result.output


def test_validate_warnings_pass_unless_strict(run, write):
    path = write("answers:\n  age: {status: yes}\n")
    assert run("validate", str(path)).exit_code == 0
    assert run("validate", "--strict", str(path)).exit_code == 1


def test_score_text(run, write):
    result = run("score", str(write(VALID)))
    assert result.exit_code == 0
    # core: age 0.5 + produce capped 0.5 + attempt 0×2, territory n/a -> 1/4 = 25
    assert "Score (core obligations)  25.00   coverage  66.67%" in result.output
    assert "3(2)             no" in result.output


def test_score_json(run, write):
    result = run("score", "--format", "json", str(write(VALID)))
    data = json.loads(result.output)
    assert data["score"] == 25.0
    # scored items: all but `saving`; answered: age, produce, attempt, territory (n/a) -> 4/6
    assert data["coverage"] == 66.67
    assert data["tiers"]["core"]["score"] == 25.0
    # nationality, the only optional item, was not assessed: no score, never 0
    assert data["tiers"]["optional"]["score"] is None
    assert data["tiers"]["optional"]["state"] == "not_assessed"
    assert data["articles"]["3"]["score"] == 25.0
    assert data["articles"]["3"]["coverage"] == 100.0
    assert data["articles"]["4"]["score"] is None
    assert data["themes"]["juris"]["score"] is None
    # everything assessed among the core items: the ceiling is the score
    assert data["ceiling"] == 25.0
    assert data["not_assessed"] == ["nationality", "rec_possession"]
    # counts after caps: produce is implemented but held at the cap
    assert data["tiers"]["core"]["outcomes"] == {
        "met": 0,
        "partly": 2,
        "capped": 1,
        "not_met": 1,
        "not_applicable": 1,
        "reserved": 0,
        "not_assessed": 0,
    }
    # gaps by impact: attempt at yes: 3/4 = 75 (+50); age at yes lifts the cap: 2/4 (+25);
    # produce (capped yes) is not a gap
    assert data["gaps"] == ["attempt", "age"]
    impacts = {i["id"]: i["impact"] for i in data["items"]}
    assert (impacts["attempt"], impacts["age"], impacts["produce"]) == (50.0, 25.0, None)
    produce = next(i for i in data["items"] if i["id"] == "produce")
    assert produce == {
        "id": "produce",
        "ref": "3(1)(c)",
        "obligation": "mandatory",
        "tier": "core",
        "status": "yes",
        "points": 0.5,
        "weight": 1.0,
        "capped": True,
        "not_capped": None,
        "reservation": None,
        "impact": None,
        "lifts": [],
    }
    territory = next(i for i in data["items"] if i["id"] == "territory")
    assert territory["points"] is None


def test_score_csv_has_bom_and_one_row_per_item(run, write):
    result = run("score", "--format", "csv", str(write(VALID)))
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
    assert rows[0][:4] == ["country", "checklist", "checklist_version", "item"]
    assert len(rows) == 1 + 7
    assert rows[2][3] == "produce" and rows[2][10] == "0.5" and rows[2][12] == "yes"


def test_score_fail_under(run, write):
    path = write(VALID)
    assert run("score", "--fail-under", "20", str(path)).exit_code == 0
    assert run("score", "--fail-under", "30", str(path)).exit_code == 3


def test_score_refuses_invalid_files(run, write):
    result = run("score", str(write("answers:\n  age: {status: done}\n")))
    assert result.exit_code == 1
    assert "answers.age.status: expected one of" in result.output
    assert "not scored (invalid)" in result.output


def test_checklist_lint_reports_positions(run, tmp_path):
    bad = tmp_path / "c.yaml"
    bad.write_text(
        MINI.read_text(encoding="utf-8").replace("theme: juris", "theme: jurs", 1), encoding="utf-8"
    )
    result = run("checklist", "lint", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:" in result.output
    assert "unknown theme 'jurs' (themes: crim, juris); did you mean 'juris'?" in result.output
    assert run("checklist", "lint", str(MINI)).exit_code == 0


def test_empty_directory_is_a_usage_error(run, tmp_path):
    (tmp_path / "d.yaml").mkdir()
    result = run("validate", str(tmp_path / "d.yaml"))
    assert result.exit_code == 2
    assert "no YAML files found" in result.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_output_that_cannot_be_written_gets_one_line_not_a_traceback(tmp_path) -> None:
    """Standard output on a full disk: the console command says so and exits 2."""
    import subprocess
    import sys

    sample = Path(__file__).parent.parent / "sample_assessments" / "veridia.yaml"
    for args in (["validate", str(sample)], ["schema"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "gapcheck", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
            )
        assert done.returncode == 2, done.stderr
        assert done.stderr == "gapcheck: cannot write the output: No space left on device\n"
