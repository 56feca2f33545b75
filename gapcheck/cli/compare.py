"""The commands that set assessments side by side: diff and compare."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gapcheck.cli import common


@click.command("diff")
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
@common.language_option("the assessments' shared `language`, else en (html only)")
def diff_command(
    before: str, after: str, fmt: str, output: Path | None, language: str | None
) -> None:
    """Item-by-item differences between two assessments of the same checklist, with the
    score change: a participant against a model answer, or this year against last year.

    \b
    Example: gapcheck diff participant.yaml model-answer.yaml
             gapcheck diff --format html -o diff.html participant.yaml model-answer.yaml
    """
    from gapcheck.analysis.diff import DiffError, compare
    from gapcheck.output.files import replaces_input, write_atomic
    from gapcheck.output.text import diff_dict, diff_text

    common.check_language(language)
    if output is not None and (clash := replaces_input(output, [before, after])):
        raise click.UsageError(f"-o {output} would replace the input {clash}")
    a, b = common.load_valid(before), common.load_valid(after)
    try:
        d = compare(a, b)
    except DiffError as e:
        raise click.UsageError(str(e)) from None
    if fmt == "html":
        from gapcheck.output.html import render_diff

        text = render_diff(d, before, after, language)
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


@click.command("compare")
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
@common.language_option("the assessments' shared `language`, else en (html and pdf)")
def compare_command(
    files: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    sort: str,
    view: str,
    language: str | None,
) -> None:
    """Compare many States assessed against the same checklist: core scores by theme and by
    article, coverage, and how many States are at yes / partial / no on each item."""
    from gapcheck.analysis import compare
    from gapcheck.output.files import format_for, replaces_input, write_atomic
    from gapcheck.output.text import compare_csv_rows

    common.check_language(language)
    fmt = format_for(output, fmt, ("csv", "html", "pdf"), "csv")
    results = common.validate_all(files)
    code = common.exit_code(results, strict=False)
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
        from gapcheck.output.html import RenderError, render_comparison
        from gapcheck.output.names import safe_stem

        output = output or Path(f"comparison-{safe_stem(matrix.checklist.id, 'checklist')}.{fmt}")
        try:
            data = render_comparison(matrix, [fmt], language)[fmt]
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
