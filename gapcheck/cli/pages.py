"""The commands that write pages: report, worksheet."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gapcheck.cli import common


@click.command("report")
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
@click.option(
    "--edition",
    type=click.Choice(["full", "brief"]),
    default="full",
    show_default=True,
    help="brief: cover, summary, numbered recommendations, synopsis and method, for a "
    "committee (written as <country>-<checklist>-brief); full: adds findings and annexes.",
)
@common.checklists_option
@click.option("--force", is_flag=True, help="Replace a report of another State of the same name.")
@common.language_option("each assessment's `language`, else en")
@common.jobs_option
@common.quiet_option
def report_command(
    files: tuple[str, ...],
    output_dir: Path,
    fmt: str,
    edition: str,
    trusted: tuple[Path, ...],
    force: bool,
    language: str | None,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Write the gap report of assessment FILES (or folders of them): PDF and HTML.

    Each report goes to DIR/<country>-<checklist>.pdf and .html (a State named in another
    script gets its ISO code, else a transliteration), replacing the same State's report of
    an earlier run; an input file, or another State's report (without --force), is never
    overwritten. Invalid files are reported as `validate` does and get no report; one bad
    file never stops the others. Warnings are printed as `validate` prints them.

    Exit status: 0 all reports written, 1 invalid file or report not made, 2 unreadable file.
    """
    from datetime import date
    from functools import partial

    from gapcheck.output import batch, names

    common.check_language(language)
    paths = common.expand(files)
    formats = names.REPORT_FORMATS if fmt == "both" else (fmt,)
    task = batch.ReportTask(output_dir, formats, date.today(), trusted, edition, language=language)
    outcomes = common.run_batch(
        partial(batch.report_one, task=task),
        paths,
        jobs,
        quiet,
        "Rendering",
        cleanup=lambda: batch.sweep(output_dir, task.run),
    )
    for o in outcomes:  # every problem and warning before anything is written
        assert o.result is not None
        for p in o.result.problems:
            common.echo(str(p), err=True)
    with common.interruptible(lambda: batch.sweep(output_dir, task.run)):
        batch.finalize(outcomes, paths, force=force)
    for o in outcomes:
        for message in o.errors:
            common.echo(f"{o.file}: error: {message}", err=True)
        for message in o.warnings:
            common.echo(f"{o.file}: warning: {message}", err=True)
        if not quiet:
            for path in o.written:
                common.echo(f"Wrote {path}")
    failed = [o for o in outcomes if not o.ok]
    written = sum(len(o.written) for o in outcomes)
    if len(outcomes) > 1 or failed:
        common.echo(
            f"{len(outcomes)} assessment(s): {len(outcomes) - len(failed)} reported "
            f"({written} file(s) written to {output_dir}), {len(failed)} failed"
            + (": " + ", ".join(o.file for o in failed) if failed else ""),
            err=bool(failed),
        )
    if common.skipped() or any(o.result is not None and o.result.unreadable for o in outcomes):
        sys.exit(common.EXIT_USAGE)
    sys.exit(common.EXIT_PROBLEMS if failed else common.EXIT_OK)


@click.command("worksheet")
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
@common.scope_options
@click.option(
    "--fillable",
    is_flag=True,
    help="A PDF form to fill in on screen (status buttons, text fields); read it back with "
    "`gapcheck import-form`.",
)
@common.language_option("en")
def worksheet_command(
    checklist_ref: str,
    fmt: str | None,
    output: Path | None,
    force: bool,
    articles: frozenset[int] | None,
    item_ids: tuple[str, ...],
    fillable: bool,
    language: str | None,
) -> None:
    """Write the blank checklist as a worksheet for workshop participants working on paper:
    every item with its treaty text, question, tick boxes and lines for the law and notes.

    \b
    Example: gapcheck worksheet --checklist opsc -o worksheet.pdf
             gapcheck worksheet --articles 2-3 -o exercise1.pdf
             gapcheck worksheet --articles 2-3 --fillable -o exercise1-form.pdf
    """
    from gapcheck.output.files import format_for, replaces_input, write_atomic
    from gapcheck.output.html import RenderError, render_worksheet
    from gapcheck.output.names import safe_stem

    common.check_language(language)
    cl = common.get_checklist(checklist_ref)
    only = common.scope(cl, articles, item_ids)
    fmt = format_for(output, fmt, ("pdf", "html"), "pdf")
    if fillable and fmt != "pdf":
        raise click.UsageError("--fillable makes a PDF form; use --format pdf or -o FILE.pdf")
    output = output or Path(f"{safe_stem(cl.id, 'checklist')}-worksheet.{fmt}")
    if output.exists() and not force:  # before the render, which takes seconds
        raise click.ClickException(f"{output} exists; use --force to replace it")
    if cl.path is not None and replaces_input(output, [cl.path]):
        raise click.UsageError(f"{output} is the checklist itself; choose another -o")
    try:
        data = render_worksheet(cl, [fmt], language or "en", only=only, fillable=fillable)[fmt]
        write_atomic(output, data, overwrite=force)
    except RenderError as e:
        raise click.ClickException(f"no worksheet written: {e}") from None
    except FileExistsError:
        raise click.ClickException(f"{output} exists; use --force to replace it") from None
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror}") from None
    n = len(cl.items) if only is None else len(only)
    common.echo(f"Wrote {output} ({n} items{', fillable' if fillable else ''})")
