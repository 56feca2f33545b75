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
@common.scope_options
@click.option(
    "--only-answered",
    is_flag=True,
    help="Only the items the first file (the participant) answered; the scores compare "
    "those items only.",
)
@click.option(
    "--model",
    is_flag=True,
    help="AFTER is the model answer: each item is labelled matches, more generous than "
    "the model, stricter than the model or not answered (instead of better / worse).",
)
@click.option("--force", is_flag=True, help="Replace an existing -o file.")
@common.checklists_option
def diff_command(
    before: str,
    after: str,
    fmt: str,
    output: Path | None,
    articles: frozenset[int] | None,
    item_ids: tuple[str, ...],
    only_answered: bool,
    model: bool,
    force: bool,
    trusted: tuple[Path, ...],
    language: str | None,
) -> None:
    """Item-by-item differences between two assessments of the same checklist, with the
    score change: a participant against a model answer, or this year against last year.

    With a scope (--articles, --items, --only-answered) both scores are computed over the
    same items only.

    \b
    Example: gapcheck diff --model --only-answered participant.yaml model-answer.yaml
             gapcheck diff --format html -o diff.html participant.yaml model-answer.yaml
             gapcheck diff --articles 8 last-year.yaml this-year.yaml
    """
    from gapcheck.analysis.diff import DiffError, compare
    from gapcheck.analysis.selection import answered, narrow
    from gapcheck.output.names import shown_name
    from gapcheck.output.text import diff_dict, diff_text

    common.check_language(language)
    common.check_output(output, [before, after, *trusted], force)
    a, b = common.load_valid(before, trusted), common.load_valid(after, trusted)
    common.check_output(output, [a.checklist.path, b.checklist.path], force)
    only = common.scope(a.checklist, articles, item_ids)
    if only_answered:
        only = narrow(only, answered(a))
    try:
        d = compare(a, b, only=only, model=model)
    except DiffError as e:
        raise click.UsageError(str(e)) from None
    before, after = shown_name(before), shown_name(after)
    if fmt == "html":
        from gapcheck.output.html import render_diff

        text = render_diff(d, before, after, language)
    elif fmt == "json":
        import json

        text = json.dumps(diff_dict(d, before, after), indent=2, ensure_ascii=False) + "\n"
    else:
        text = diff_text(d, before, after) + "\n"
    if output is None:
        common.echo(text, nl=False)
        return
    common.write_output(output, text.encode("utf-8"), force)
    common.echo(f"Wrote {output}", err=True)


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
    type=click.Choice(["csv", "xlsx", "html", "pdf"]),
    default=None,
    help="csv or xlsx (a workbook: one sheet per view, scores coloured) for spreadsheets; html or pdf: matrices of scores by theme and article, and the "
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
    help="countries: scores per State; items: every item's status State by State (html, pdf: "
    "a grid grouped and filterable by article; csv: the number of States at each status).",
)
@common.scope_options
@click.option("--force", is_flag=True, help="Replace an existing -o file.")
@common.checklists_option
@common.language_option("the assessments' shared `language`, else en (html and pdf)")
def compare_command(
    files: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    sort: str,
    view: str,
    articles: frozenset[int] | None,
    item_ids: tuple[str, ...],
    force: bool,
    trusted: tuple[Path, ...],
    language: str | None,
) -> None:
    """Compare many States assessed against the same checklist: core scores by theme and by
    article, coverage, and how many States are at yes / partial / no on each item."""
    from gapcheck.analysis import compare
    from gapcheck.output.files import format_for
    from gapcheck.output.names import shown_name
    from gapcheck.output.text import compare_csv_rows

    common.check_language(language)
    fmt = format_for(output, fmt, ("csv", "xlsx", "html", "pdf"), "csv")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: give -o FILE.xlsx")
    results = common.validate_all(files, trusted)
    code = common.exit_code(results, strict=False)
    for r in results:
        if r.assessment is None:
            for p in r.problems:
                common.echo(str(p), err=True)
            common.echo(f"{r.file}: left out of the comparison (invalid)", err=True)
    pairs = [(shown_name(r.file), r.assessment) for r in results if r.assessment is not None]
    only = common.scope(pairs[0][1].checklist, articles, item_ids) if pairs else None
    try:
        matrix = compare.build(pairs, sort=sort, only=only)
    except compare.CompareError as e:
        raise click.UsageError(str(e)) from None
    if fmt == "csv":
        from gapcheck.output.tables import to_csv

        to_terminal = output is None and sys.stdout.isatty()
        if to_terminal:  # a spreadsheet's file, not for reading here; no byte-order mark
            common.echo(
                "(CSV for a spreadsheet: use -o FILE.csv, or --format html -o FILE.html to see it)",
                err=True,
            )
        data = to_csv(compare_csv_rows(matrix, view), bom=not to_terminal)
    elif fmt == "xlsx":
        from gapcheck.output.xlsx_tables import compare_workbook

        data = compare_workbook(matrix)
    else:
        from gapcheck.output.html import RenderError, render_comparison, render_grid
        from gapcheck.output.names import safe_stem

        stem = safe_stem(matrix.checklist.id, "checklist")
        output = output or Path(f"comparison-{stem}{'-items' if view == 'items' else ''}.{fmt}")
        try:
            data = (
                render_grid(matrix, [fmt])
                if view == "items"
                else render_comparison(matrix, [fmt], language)
            )[fmt]
        except RenderError as e:
            raise click.ClickException(f"no comparison written: {e}") from None
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        used = [r.file for r in results] + [a.checklist.path for _, a in pairs] + list(trusted)
        common.check_output(output, used, force)
        common.write_output(output, data, force)
        common.echo(f"Wrote {output} ({len(matrix.rows)} States)", err=True)
    sys.exit(code)
