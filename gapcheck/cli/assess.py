"""The commands that read assessments and print findings: validate and score."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from gapcheck.cli import common

if TYPE_CHECKING:
    from pathlib import Path


@click.command("validate")
@click.argument("files", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@common.checklists_option
@common.jobs_option
@common.quiet_option
def validate_command(
    files: tuple[str, ...],
    strict: bool,
    fmt: str,
    trusted: tuple[Path, ...],
    jobs: int | None,
    quiet: bool,
) -> None:
    """Check assessment FILES (or folders of them) and list every problem as file:line:col.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 unreadable file.
    """
    from functools import partial

    from gapcheck.formats.assessment import validate_file

    paths = common.expand(files)
    check = partial(validate_file, trusted=trusted)
    results = common.run_batch(check, paths, jobs, quiet, "Validating")
    if fmt == "json":
        out = [
            {
                "file": r.file,
                "valid": not r.errors and not (strict and r.warnings),
                "errors": r.errors,
                "warnings": r.warnings,
                "items": r.items,
                "answered": r.answered,
                "problems": [p.as_dict() for p in r.problems],
            }
            for r in results
        ]
        import json

        common.echo(json.dumps(out if len(out) > 1 else out[0], indent=2, ensure_ascii=False))
    else:
        for r in results:
            for p in r.problems:
                common.echo(str(p))
            if not quiet or r.problems:
                common.echo(_summary(r))
        if len(results) > 1:
            bad = sum(1 for r in results if r.errors)
            common.echo(
                f"{len(results)} files: {len(results) - bad} valid, {bad} with errors; "
                f"{sum(r.errors for r in results)} error(s), "
                f"{sum(r.warnings for r in results)} warning(s)"
            )
    sys.exit(common.exit_code(results, strict))


def _summary(r) -> str:  # type: ignore[no-untyped-def]
    counts = f"{r.errors} error(s), {r.warnings} warning(s)"
    if r.items:
        pct = 100 * r.answered / r.items
        return f"{r.file}: {counts}; {r.answered} of {r.items} items answered ({pct:.0f}%)"
    return f"{r.file}: {counts}"


@click.command("score")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "xlsx"]),
    default="text",
    show_default=True,
    help="xlsx: a workbook (summary, themes, articles, items), written to -o.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    callback=common.as_path,
    help="File to write (required for xlsx; default: standard output).",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    help="Exit with status 3 when a headline score is below this (or not computable).",
)
@common.checklists_option
def score_command(
    files: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_under: float | None,
    trusted: tuple[Path, ...],
) -> None:
    """Score assessment FILES: headline (core obligations), coverage, themes, articles, gaps.

    Invalid files are reported as `validate` does and not scored.
    """
    from gapcheck.analysis import scoring
    from gapcheck.output.text import score_csv_rows, score_json, score_text

    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: give -o FILE.xlsx")
    results = common.validate_all(files, trusted)
    code = common.exit_code(results, strict=False)
    scored = []
    for r in results:
        if r.assessment is None:
            for p in r.problems:
                common.echo(str(p), err=True)
            common.echo(f"{r.file}: not scored (invalid)", err=True)
            continue
        scored.append((r, scoring.score_assessment(r.assessment)))
    if fmt == "xlsx":
        from gapcheck.output.files import replaces_input, write_atomic
        from gapcheck.output.xlsx_tables import score_workbook

        assert output is not None
        if clash := replaces_input(output, [r.file for r in results]):
            raise click.UsageError(f"-o {output} would replace the input {clash}")
        try:
            write_atomic(
                output, score_workbook([(r.assessment, s) for r, s in scored]), overwrite=True
            )
        except OSError as e:
            raise click.ClickException(f"cannot write {output}: {e.strerror}") from None
        common.echo(f"Wrote {output}", err=True)
    elif fmt == "json":
        data = [score_json(r.file, r.assessment, s) for r, s in scored]
        if data:
            import json

            common.echo(
                json.dumps(data if len(results) > 1 else data[0], indent=2, ensure_ascii=False)
            )
    elif fmt == "csv":
        from gapcheck.output.tables import to_csv

        rows = [
            row
            for n, (r, s) in enumerate(scored)
            for row in score_csv_rows(r.assessment, s, header=n == 0)
        ]
        sys.stdout.buffer.write(to_csv(rows))
        sys.stdout.flush()
    else:
        common.echo("\n\n".join(score_text(r.assessment, s) for r, s in scored))
    if (
        fail_under is not None
        and code == common.EXIT_OK
        and any(not (s.score is not None and s.score >= fail_under) for _, s in scored)
    ):
        code = common.EXIT_BELOW
    sys.exit(code)
