"""The commands that meet people in a spreadsheet: export and import."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gapcheck.cli import common


def _articles(text: str | None):  # type: ignore[no-untyped-def]
    if text is None:
        return None
    from gapcheck.formats.scope import parse_articles

    try:
        return parse_articles(text)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--articles") from None


def _checklist_ref(path: str) -> str:
    """The `checklist:` of a valid assessment file, as written."""
    from gapcheck.formats import loader

    return str(loader.load(path).data["checklist"])


@click.command("export")
@click.argument("assessment", required=False)
@click.option("--checklist", "checklist_ref", help="Export a blank workbook for this checklist.")
@click.option("--format", "fmt", type=click.Choice(["xlsx"]), default="xlsx", show_default=True)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The workbook to write.",
)
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="Language of the checklist's words and the statuses (en, fr, es, ar).",
)
@click.option("--articles", help="Only the items of these articles, e.g. 2-3,5.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def export_command(
    assessment: str | None,
    checklist_ref: str | None,
    fmt: str,
    output: Path,
    language: str,
    articles: str | None,
    force: bool,
) -> None:
    """Write an ASSESSMENT (or, with --checklist, a blank one) as a workbook to fill in
    Excel or LibreOffice; `gapcheck import` reads it back.

    \b
    Example: gapcheck export --checklist opsc -o answers.xlsx
             gapcheck export freedonia.yaml --articles 3 -o article3.xlsx
    """
    from gapcheck.output.files import replaces_input, write_atomic
    from gapcheck.output.xlsx import answer_workbook, scoped_items
    from gapcheck.output.xlsx_styles import SheetTextError

    if (assessment is None) == (checklist_ref is None):
        raise click.UsageError("give an ASSESSMENT file or --checklist ID (one of the two)")
    common.check_language(language)
    scope = _articles(articles)
    if assessment is not None:
        if clash := replaces_input(output, [assessment]):
            raise click.UsageError(f"-o {output} would replace the input {clash}")
        a = common.load_valid(assessment)
        cl, ref = a.checklist, _checklist_ref(assessment)
    else:
        assert checklist_ref is not None
        a, cl, ref = None, common.get_checklist(checklist_ref), checklist_ref
    items = scoped_items(cl, scope)
    if not items:
        raise click.UsageError(f"no item of checklist {cl.id} is in articles {articles}")
    try:
        data = answer_workbook(
            cl,
            a,
            checklist_ref=ref,
            articles=scope,
            articles_text=articles or "",
            language=language,
        )
    except SheetTextError as e:
        raise click.ClickException(f"no workbook written: {assessment}: {e}") from None
    try:
        write_atomic(output, data, overwrite=force)
    except FileExistsError:
        raise click.UsageError(f"{output} exists; add --force to replace it") from None
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror}") from None
    common.echo(f"Wrote {output} ({len(items)} items)", err=True)


@click.command("import")
@click.argument("workbook")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The assessment to write (default with --into: that file).",
)
@click.option(
    "--into",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Merge into this assessment, keeping its comments and order; every change listed.",
)
@click.option("--checklist", "checklist_ref", help="Checklist id or path, if not the workbook's.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists (without --into).")
@click.option("--dry-run", is_flag=True, help="Check and list the changes; write nothing.")
def import_command(
    workbook: str,
    output: Path | None,
    into: Path | None,
    checklist_ref: str | None,
    force: bool,
    dry_run: bool,
) -> None:
    """Read a WORKBOOK written by `gapcheck export` (or a worksheet form from
    `gapcheck worksheet --fillable`, a .pdf) and filled since, into an assessment.

    Every problem is shown as the person who filled it sees it (sheet and cell). Nothing is
    written while there is an error. Exit status: 0 imported, 1 problems, 2 unreadable.

    \b
    Example: gapcheck import answers.xlsx -o freedonia.yaml
             gapcheck import answers.xlsx --into freedonia.yaml
    """
    from gapcheck.formats.xlsx import import_workbook

    if workbook.lower().endswith(".pdf"):  # a filled worksheet form
        from gapcheck.cli.workshop import import_form_command

        if output is None or into is not None:
            raise click.UsageError("a worksheet form is read into a new file: give -o FILE.yaml")
        click.get_current_context().invoke(
            import_form_command,
            form=Path(workbook),
            output=output,
            checklist_ref=checklist_ref or "opsc",
            force=force,
        )
        return
    if output is None and into is None:
        raise click.UsageError("give -o ASSESSMENT.yaml, or --into EXISTING.yaml to merge")
    target = output or into
    assert target is not None
    old = common.load_valid(str(into)) if into is not None else None
    if into is not None and checklist_ref is None:
        checklist_ref = _checklist_ref(str(into))
    base = (into or target).resolve().parent
    r = import_workbook(workbook, checklist_ref=checklist_ref, base=base)
    for p in r.problems:
        common.echo(str(p), err=True)
    if r.assessment is None:
        common.echo(f"{workbook}: {r.errors} error(s); nothing written", err=True)
        sys.exit(common.EXIT_USAGE if r.unreadable else common.EXIT_PROBLEMS)
    answered = sum(1 for i in r.item_ids if r.assessment.answer(i).status.value != "unknown")
    common.echo(f"{workbook}: {answered} of {len(r.item_ids)} items answered", err=True)
    if old is None:
        _write_new(r, target, workbook, force, dry_run)
    else:
        _merge(r, old, into, target, dry_run)  # type: ignore[arg-type]


def _write_new(r, target: Path, workbook: str, force: bool, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    from gapcheck.formats.merge import dump_new
    from gapcheck.output.files import write_atomic

    text = dump_new(r.data, f"Imported from {Path(workbook).name} by gapcheck import.")
    if dry_run:
        common.echo(text, nl=False)
        return
    try:
        write_atomic(target, text.encode("utf-8"), overwrite=force)
    except FileExistsError:
        raise click.UsageError(
            f"{target} exists; use --into {target} to merge into it, or --force to replace it"
        ) from None
    except OSError as e:
        raise click.ClickException(f"cannot write {target}: {e.strerror}") from None
    common.echo(f"Wrote {target}", err=True)


def _merge(r, old, into: Path, target: Path, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    import os

    from gapcheck.formats.assessment import validate_file
    from gapcheck.formats.merge import merge_into
    from gapcheck.output.files import stage

    if old.checklist.id != r.assessment.checklist.id:
        raise click.UsageError(
            f"{into} uses checklist {old.checklist.id}; the workbook {r.assessment.checklist.id}"
        )
    text, changes = merge_into(
        into.read_text(encoding="utf-8"), r.data, old, r.assessment, r.item_ids
    )
    for line in changes:
        common.echo(f"  {line}")
    common.echo(f"{len(changes)} change(s)" + (" (dry run: nothing written)" if dry_run else ""))
    if dry_run or (not changes and target == into):
        return
    tmp = stage(target, text.encode("utf-8"))
    try:
        check = validate_file(Path(tmp), str(target))
        same = check.assessment is not None and all(
            check.assessment.answer(i) == r.assessment.answer(i) for i in r.item_ids
        )
        if not same:
            for p in check.problems:
                common.echo(str(p), err=True)
            raise click.ClickException(f"the merged file would not be right; {target} unchanged")
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    common.echo(f"Wrote {target}", err=True)
