"""The `gapcheck` command: a thin shell over the library. Only this module prints."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gapcheck import __version__

CONTEXT = {"help_option_names": ["-h", "--help"]}
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BELOW = 0, 1, 2, 3


def _fmt(value: float | None, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:.2f}{suffix}"


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="gapcheck")
def cli() -> None:
    """Measure how far national law implements the Optional Protocol on the sale of
    children, child prostitution and child pornography (OPSC), and report the gaps.

    \b
    Start:    gapcheck init --checklist opsc --country "Freedonia" -o freedonia.yaml
    Check:    gapcheck validate freedonia.yaml
    Score:    gapcheck score freedonia.yaml
    Report:   gapcheck report freedonia.yaml -o reports/
    """


@cli.command("checklists")
def checklists_command() -> None:
    """List the checklists that come with gapcheck."""
    from gapcheck import checklist

    for cid, path in checklist.available().items():
        try:
            cl = checklist.get(cid)
            click.echo(f"{cid}\t{cl.version}\t{len(cl.items)} items\t{cl.title}")
        except (checklist.ChecklistError, LookupError):
            click.echo(f"{cid}\t(invalid: run gapcheck checklist lint {path})")


@cli.group("checklist")
def checklist_group() -> None:
    """Work with checklist files."""


@checklist_group.command("lint")
@click.argument("files", nargs=-1, required=True)
def checklist_lint(files: tuple[str, ...]) -> None:
    """Report every problem in checklist FILES (ids or paths) as file:line:col."""
    from gapcheck import checklist

    code = EXIT_OK
    for ref in files:
        path = checklist.resolve(ref) or Path(ref)
        _, problems = checklist.load_file(path, ref if path == Path(ref) else str(path))
        for p in problems:
            click.echo(str(p))
        errors = sum(p.level.value == "error" for p in problems)
        if any(p.line == 0 for p in problems):
            code = EXIT_USAGE
        elif errors:
            code = max(code, EXIT_PROBLEMS)
        click.echo(f"{ref}: {errors} error(s), {len(problems) - errors} warning(s)", err=True)
    sys.exit(code)


@checklist_group.command("doc")
@click.argument("checklist_ref", metavar="CHECKLIST", default="opsc")
def checklist_doc(checklist_ref: str) -> None:
    """Print CHECKLIST (id or path) as Markdown for a lawyer's review: reference, tier,
    provision, question, guidance, recommendation and sources of every item."""
    from gapcheck.checklist_doc import to_markdown

    click.echo(to_markdown(_get_checklist(checklist_ref)), nl=False)


@cli.command("init")
@click.option(
    "--checklist", "checklist_ref", default="opsc", show_default=True, help="Checklist id or path."
)
@click.option("--country", required=True, help="Name of the State assessed.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: <country>-<checklist>.yaml).",
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
def init_command(checklist_ref: str, country: str, output: Path | None, force: bool) -> None:
    """Write a blank assessment: every item unknown, with its reference and question.

    A JSON Schema for editor completion is written beside it (<checklist>.schema.json).
    """
    from gapcheck import scaffold, schema
    from gapcheck.files import write_atomic
    from gapcheck.report_names import safe_stem

    cl = _get_checklist(checklist_ref)
    output = output or Path(f"{safe_stem(country)}-{cl.id}.yaml")
    schema_path = output.parent / f"{cl.id}.schema.json"
    text = scaffold.blank_assessment(
        cl, country, checklist_ref=checklist_ref, schema=schema_path.name
    )
    try:
        write_atomic(output, text.encode("utf-8"), overwrite=force)
    except FileExistsError:
        raise click.ClickException(f"{output} exists; use --force to replace it") from None
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror}") from None
    write_atomic(schema_path, schema.dumps(cl).encode("utf-8"), overwrite=True)
    click.echo(f"Wrote {output} ({len(cl.items)} items) and {schema_path}.")
    click.echo(f"Next: fill it in, then run: gapcheck validate {output}")


def _get_checklist(ref: str):  # type: ignore[no-untyped-def]
    from gapcheck import checklist

    try:
        return checklist.get(ref, Path.cwd())
    except LookupError as e:
        raise click.BadParameter(str(e), param_hint="--checklist") from None
    except checklist.ChecklistError as e:
        raise click.ClickException(f"checklist {ref} is invalid:\n{e}") from None


@cli.command("schema")
@click.option(
    "--checklist", "checklist_ref", default="opsc", show_default=True, help="Checklist id or path."
)
def schema_command(checklist_ref: str) -> None:
    """Print the JSON Schema of an assessment, with item ids and statuses enumerated."""
    from gapcheck import schema

    click.echo(schema.dumps(_get_checklist(checklist_ref)), nl=False)


def _validate_all(files: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from gapcheck.assessment import validate_file
    from gapcheck.files import expand

    paths = expand(files)
    if not paths:
        raise click.UsageError("no YAML files found in the paths given")
    return [validate_file(p) for p in paths]


def _exit_code(results, strict: bool) -> int:  # type: ignore[no-untyped-def]
    if any(r.unreadable for r in results):
        return EXIT_USAGE
    if any(r.errors or (strict and r.warnings) for r in results):
        return EXIT_PROBLEMS
    return EXIT_OK


def _jobs_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(1, 256),
        default=None,
        help="Worker processes (default: the number of cores).",
    )(f)


def _quiet_option(f):  # type: ignore[no-untyped-def]
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar, no per-file lines.")(
        f
    )


def _run_batch(fn, files: list[str], jobs: int | None, quiet: bool, label: str):  # type: ignore[no-untyped-def]
    """Run `fn` over files on worker processes, with a progress bar on a terminal."""
    if len(files) == 1:
        return [fn(f) for f in files]
    from gapcheck import batch

    jobs = jobs or batch.default_jobs()
    show = not quiet and len(files) > 1 and sys.stderr.isatty()
    if not show:
        return batch.run(fn, files, jobs)
    with click.progressbar(length=len(files), label=label, file=sys.stderr) as bar:
        return batch.run(fn, files, jobs, on_done=lambda _: bar.update(1))


@cli.command("validate")
@click.argument("files", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@_jobs_option
@_quiet_option
def validate_command(
    files: tuple[str, ...], strict: bool, fmt: str, jobs: int | None, quiet: bool
) -> None:
    """Check assessment FILES (or folders of them) and list every problem as file:line:col.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 unreadable file.
    """
    from gapcheck.assessment import validate_file
    from gapcheck.files import expand

    paths = expand(files)
    if not paths:
        raise click.UsageError("no YAML files found in the paths given")
    results = _run_batch(validate_file, paths, jobs, quiet, "Validating")
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

        click.echo(json.dumps(out if len(out) > 1 else out[0], indent=2, ensure_ascii=False))
    else:
        for r in results:
            for p in r.problems:
                click.echo(str(p))
            if not quiet or r.problems:
                click.echo(_summary(r))
        if len(results) > 1:
            bad = sum(1 for r in results if r.errors)
            click.echo(
                f"{len(results)} files: {len(results) - bad} valid, {bad} with errors; "
                f"{sum(r.errors for r in results)} error(s), "
                f"{sum(r.warnings for r in results)} warning(s)"
            )
    sys.exit(_exit_code(results, strict))


def _summary(r) -> str:  # type: ignore[no-untyped-def]
    counts = f"{r.errors} error(s), {r.warnings} warning(s)"
    if r.items:
        pct = 100 * r.answered / r.items
        return f"{r.file}: {counts}; {r.answered} of {r.items} items answered ({pct:.0f}%)"
    return f"{r.file}: {counts}"


@cli.command("score")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    help="Exit with status 3 when a headline score is below this (or not computable).",
)
def score_command(files: tuple[str, ...], fmt: str, fail_under: float | None) -> None:
    """Score assessment FILES: headline (core obligations), coverage, themes, articles, gaps.

    Invalid files are reported as `validate` does and not scored.
    """
    from gapcheck import scoring
    from gapcheck.render_text import score_csv_rows, score_text

    results = _validate_all(files)
    code = _exit_code(results, strict=False)
    scored = []
    for r in results:
        if r.assessment is None:
            for p in r.problems:
                click.echo(str(p), err=True)
            click.echo(f"{r.file}: not scored (invalid)", err=True)
            continue
        scored.append((r, scoring.score(r.assessment.checklist, r.assessment.statuses())))
    if fmt == "json":
        data = [
            {
                "file": r.file,
                "country": r.assessment.country.name,
                "checklist": r.assessment.checklist.id,
                "checklist_version": r.assessment.checklist.version,
                **scoring.as_dict(s),
            }
            for r, s in scored
        ]
        if data:
            import json

            click.echo(
                json.dumps(data if len(results) > 1 else data[0], indent=2, ensure_ascii=False)
            )
    elif fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        first = True
        for r, s in scored:
            for row in score_csv_rows(r.assessment, s, header=first):
                writer.writerow(row)
            first = False
        sys.stdout.buffer.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
        sys.stdout.flush()
    else:
        click.echo("\n\n".join(score_text(r.assessment, s) for r, s in scored))
    if (
        fail_under is not None
        and code == EXIT_OK
        and any(s.score is None or s.score < fail_under for _, s in scored)
    ):
        code = EXIT_BELOW
    sys.exit(code)


def _load_valid(path: str):  # type: ignore[no-untyped-def]
    """A valid assessment, or exit printing its problems as `validate` does."""
    from gapcheck.assessment import validate_file

    result = validate_file(path)
    if result.assessment is None:
        for p in result.problems:
            click.echo(str(p), err=True)
        sys.exit(EXIT_USAGE if result.unreadable else EXIT_PROBLEMS)
    return result.assessment


@cli.command("worksheet")
@click.option(
    "--checklist", "checklist_ref", default="opsc", show_default=True, help="Checklist id or path."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "html"]),
    default=None,
    help="pdf (A4, for print) or html  [default: from the -o suffix, else pdf]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: <checklist>-worksheet.pdf or .html).",
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
def worksheet_command(
    checklist_ref: str, fmt: str | None, output: Path | None, force: bool
) -> None:
    """Write the blank checklist as a worksheet for workshop participants working on paper:
    every item with its treaty text, question, tick boxes and lines for the law and notes.

    \b
    Example: gapcheck worksheet --checklist opsc -o worksheet.pdf
    """
    from gapcheck.files import format_for, replaces_input, write_atomic
    from gapcheck.render import RenderError, render_worksheet
    from gapcheck.report_names import safe_stem

    cl = _get_checklist(checklist_ref)
    fmt = format_for(output, fmt, ("pdf", "html"), "pdf")
    output = output or Path(f"{safe_stem(cl.id, 'checklist')}-worksheet.{fmt}")
    if output.exists() and not force:  # before the render, which takes seconds
        raise click.ClickException(f"{output} exists; use --force to replace it")
    if cl.path is not None and replaces_input(output, [cl.path]):
        raise click.UsageError(f"{output} is the checklist itself; choose another -o")
    try:
        data = render_worksheet(cl, [fmt])[fmt]
        write_atomic(output, data, overwrite=force)
    except RenderError as e:
        raise click.ClickException(f"no worksheet written: {e}") from None
    except FileExistsError:
        raise click.ClickException(f"{output} exists; use --force to replace it") from None
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror}") from None
    click.echo(f"Wrote {output} ({len(cl.items)} items)")


@cli.command("diff")
@click.argument("before")
@click.argument("after")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="html: one self-contained page, for projecting or sharing.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
def diff_command(before: str, after: str, fmt: str, output: Path | None) -> None:
    """Item-by-item differences between two assessments of the same checklist, with the
    score change: a participant against a model answer, or this year against last year.

    \b
    Example: gapcheck diff participant.yaml model-answer.yaml
             gapcheck diff --format html -o diff.html participant.yaml model-answer.yaml
    """
    from gapcheck.diff import DiffError, compare
    from gapcheck.files import replaces_input, write_atomic
    from gapcheck.render_text import diff_dict, diff_text

    if output is not None and (clash := replaces_input(output, [before, after])):
        raise click.UsageError(f"-o {output} would replace the input {clash}")
    a, b = _load_valid(before), _load_valid(after)
    try:
        d = compare(a, b)
    except DiffError as e:
        raise click.UsageError(str(e)) from None
    if fmt == "html":
        from gapcheck.render import render_diff

        text = render_diff(d, before, after)
    elif fmt == "json":
        import json

        text = json.dumps(diff_dict(d, before, after), indent=2, ensure_ascii=False) + "\n"
    else:
        text = diff_text(d, before, after) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text.encode("utf-8"), overwrite=True)
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror}") from None
    click.echo(f"Wrote {output}", err=True)


@cli.command("compare")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output for csv, comparison-<checklist>.html or "
    ".pdf in the current folder for html and pdf).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "html", "pdf"]),
    default=None,
    help="csv for spreadsheets; html or pdf: matrices of scores by theme and article, and the "
    "obligations most often missing  [default: from the -o suffix, else csv]",
)
@click.option(
    "--sort",
    type=click.Choice(["country", "score"]),
    default="country",
    show_default=True,
    help="Row order; by default no ranking.",
)
@click.option(
    "--view",
    type=click.Choice(["countries", "items"]),
    default="countries",
    show_default=True,
    help="csv: one row per State, or one row per item with the number of States at each status.",
)
def compare_command(
    files: tuple[str, ...], output: Path | None, fmt: str | None, sort: str, view: str
) -> None:
    """Compare many States assessed against the same checklist: core scores by theme and by
    article, coverage, and how many States are at yes / partial / no on each item."""
    from gapcheck import compare
    from gapcheck.files import format_for, replaces_input, write_atomic
    from gapcheck.render_text import compare_csv_rows

    fmt = format_for(output, fmt, ("csv", "html", "pdf"), "csv")
    results = _validate_all(files)
    code = _exit_code(results, strict=False)
    for r in results:
        if r.assessment is None:
            for p in r.problems:
                click.echo(str(p), err=True)
            click.echo(f"{r.file}: left out of the comparison (invalid)", err=True)
    pairs = [(r.file, r.assessment) for r in results if r.assessment is not None]
    try:
        matrix = compare.build(pairs, sort=sort)
    except compare.CompareError as e:
        raise click.UsageError(str(e)) from None
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(compare_csv_rows(matrix, view))
        data = b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")
    else:
        from gapcheck.render import RenderError, render_comparison
        from gapcheck.report_names import safe_stem

        output = output or Path(f"comparison-{safe_stem(matrix.checklist.id, 'checklist')}.{fmt}")
        try:
            data = render_comparison(matrix, [fmt])[fmt]
        except RenderError as e:
            raise click.ClickException(f"no comparison written: {e}") from None
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    elif clash := replaces_input(output, [r.file for r in results]):
        raise click.UsageError(f"-o {output} would replace the input {clash}")
    else:
        try:
            write_atomic(output, data, overwrite=True)
        except OSError as e:
            raise click.ClickException(f"cannot write {output}: {e.strerror}") from None
        click.echo(f"Wrote {output} ({len(matrix.rows)} States)", err=True)
    sys.exit(code)


@cli.command("report")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o",
    "--output-dir",
    "output_dir",
    default="reports",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the reports are written to (created if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf", "both"]),
    default="both",
    show_default=True,
    help="html: one self-contained page; pdf: A4 for print; both: the two.",
)
@_jobs_option
@_quiet_option
def report_command(
    files: tuple[str, ...], output_dir: Path, fmt: str, jobs: int | None, quiet: bool
) -> None:
    """Write the gap report of assessment FILES (or folders of them): PDF and HTML.

    Each report goes to DIR/<country>-<checklist>.pdf and .html, replacing a report of an
    earlier run; an input file is never overwritten. Invalid files are reported as
    `validate` does and get no report; one bad file never stops the others.

    Exit status: 0 all reports written, 1 invalid file or report not made, 2 unreadable file.
    """
    from datetime import date
    from functools import partial

    from gapcheck import batch, report
    from gapcheck.files import expand

    paths = expand(files)
    if not paths:
        raise click.UsageError("no YAML files found in the paths given")
    formats = report.FORMATS if fmt == "both" else (fmt,)
    task = batch.ReportTask(output_dir, formats, date.today())
    outcomes = _run_batch(partial(batch.report_one, task=task), paths, jobs, quiet, "Rendering")
    batch.finalize(outcomes, paths)
    for o in outcomes:
        assert o.result is not None
        if o.result.assessment is None:
            for p in o.result.problems:
                click.echo(str(p), err=True)
        for message in o.errors:
            click.echo(f"{o.file}: error: {message}", err=True)
        for message in o.warnings:
            click.echo(f"{o.file}: warning: {message}", err=True)
        if not quiet:
            for path in o.written:
                click.echo(f"Wrote {path}")
    failed = [o for o in outcomes if not o.ok]
    written = sum(len(o.written) for o in outcomes)
    if len(outcomes) > 1 or failed:
        click.echo(
            f"{len(outcomes)} assessment(s): {len(outcomes) - len(failed)} reported "
            f"({written} file(s) written to {output_dir}), {len(failed)} failed"
            + (": " + ", ".join(o.file for o in failed) if failed else ""),
            err=bool(failed),
        )
    if any(o.result is not None and o.result.unreadable for o in outcomes):
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)


def main() -> None:
    cli(prog_name="gapcheck")


if __name__ == "__main__":  # pragma: no cover
    main()
