"""The workshop commands: class (a room against the model answer), casefile (the
participants' handout) and import-form (a filled PDF worksheet back to an assessment)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gapcheck.cli import common


def _emit(data: bytes, output: Path | None, inputs: list[str], what: str) -> None:
    """Write `data` to `output` (never over an input) or, without -o, to standard output."""
    from gapcheck.output.files import replaces_input

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if clash := replaces_input(output, inputs):
        raise click.UsageError(f"-o {output} would replace the input {clash}")
    common.write_output(output, data, force=True)  # a view made again replaces the last one
    common.echo(f"Wrote {output} ({what})", err=True)


def _scope_words(cl, articles, item_ids) -> str:  # type: ignore[no-untyped-def]
    parts = []
    if articles:
        parts.append("Articles " + ", ".join(str(a) for a in sorted(articles)))
    if item_ids:
        parts.append("items " + ", ".join(item_ids))
    return " and ".join(parts)


@click.command("class")
@click.argument("participants", nargs=-1, required=True)
@click.option(
    "--model",
    "model_path",
    required=True,
    help="The model answer: the assessment every participant is compared with.",
)
@common.scope_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: class-<checklist>.html or .pdf in the current folder; "
    "standard output for csv).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf", "csv"]),
    default=None,
    help="html (to project), pdf (one landscape page for a room of up to 30) or csv  "
    "[default: from the -o suffix, else html]",
)
@click.option(
    "--view",
    type=click.Choice(["items", "participants"]),
    default="items",
    show_default=True,
    help="csv: one row per item (hardest first) or one row per participant.",
)
@common.language_option("the model answer's `language`, else en")
def class_command(
    participants: tuple[str, ...],
    model_path: str,
    articles: frozenset[int] | None,
    item_ids: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    view: str,
    language: str | None,
) -> None:
    """The whole room against the model answer: for each item how many PARTICIPANTS (files
    or folders) matched the model, were more generous, stricter or did not answer, the
    hardest items first; for each participant the share matching and the weighted kappa.

    Participants are named by their `assessors` field, else by file name. Invalid files are
    reported and left out; the others are still compared.

    \b
    Example: gapcheck class answers/ --model veridia.yaml --articles 2-3 -o class.html
    """
    common.check_language(language)
    from gapcheck.analysis.agreement import agreement
    from gapcheck.output.files import format_for

    fmt = format_for(output, fmt, ("html", "pdf", "csv"), "html")
    model = common.load_valid(model_path)
    cl = model.checklist
    only = common.scope(cl, articles, item_ids)
    results = common.validate_all(participants)
    code = common.exit_code(results, strict=False)
    model_file = Path(model_path).resolve()
    rows = []
    names: dict[str, int] = {}
    for r in results:
        if Path(r.file).resolve() == model_file:
            continue  # a folder holding the model answer too
        if r.assessment is None:
            for p in r.problems:
                common.echo(str(p), err=True)
            common.echo(f"{r.file}: left out of the class view (invalid)", err=True)
            continue
        if r.assessment.checklist.id != cl.id:
            common.echo(
                f"{r.file}: left out of the class view: checklist {r.assessment.checklist.id}, "
                f"the model answer uses {cl.id}",
                err=True,
            )
            code = code or common.EXIT_PROBLEMS
            continue
        name = ", ".join(r.assessment.assessors) or Path(r.file).stem
        names[name] = names.get(name, 0) + 1
        rows.append((name, r.file, r.assessment))
    if not rows:
        raise click.UsageError("no valid participant file to compare with the model answer")
    rows = [(f"{n} ({Path(f).name})" if names[n] > 1 else n, f, a) for n, f, a in rows]
    c = agreement(model, rows, only)
    inputs = [model_path, *(r.file for r in results)]
    if fmt == "csv":
        from gapcheck.output.tables import class_rows, to_csv

        to_terminal = output is None and sys.stdout.isatty()
        if to_terminal:
            common.echo("(CSV for a spreadsheet: use -o class.csv to write a file)", err=True)
        _emit(to_csv(class_rows(c, view), bom=not to_terminal), output, inputs, "csv")
    else:
        from gapcheck.output.html import RenderError, render_class
        from gapcheck.output.names import safe_stem

        output = output or Path(f"class-{safe_stem(cl.id, 'checklist')}.{fmt}")
        try:
            data = render_class(c, [fmt], _scope_words(cl, articles, item_ids), language)[fmt]
        except RenderError as e:
            raise click.ClickException(f"no class view written: {e}") from None
        _emit(data, output, inputs, f"{len(rows)} participants, {len(c.items)} items")
    sys.exit(code)


@click.command("casefile")
@click.argument("assessment")
@common.scope_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: casefile-<country>.pdf or .html in the current folder).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "html"]),
    default=None,
    help="pdf (A4, to print) or html  [default: from the -o suffix, else pdf]",
)
@common.language_option("the assessment's `language`, else en")
def casefile_command(
    assessment: str,
    articles: frozenset[int] | None,
    item_ids: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    language: str | None,
) -> None:
    """The participants' handout for an exercise on ASSESSMENT's State: its facts and the
    national provisions its answers cite (for the items of --articles/--items), each once,
    ordered by instrument, with their excerpts; no status, note or analysis.

    \b
    Example: gapcheck casefile sample_assessments/veridia.yaml --articles 2-3 -o casefile.pdf
    """
    common.check_language(language)
    from gapcheck.output.files import format_for
    from gapcheck.output.html import RenderError, render_casefile
    from gapcheck.output.names import safe_stem

    fmt = format_for(output, fmt, ("pdf", "html"), "pdf")
    a = common.load_valid(assessment)
    only = common.scope(a.checklist, articles, item_ids)
    output = output or Path(f"casefile-{safe_stem(a.country.name, 'state')}.{fmt}")
    try:
        data = render_casefile(
            a, [fmt], only, _scope_words(a.checklist, articles, item_ids), language
        )[fmt]
    except RenderError as e:
        raise click.ClickException(f"no case file written: {e}") from None
    _emit(data, output, [assessment], "case file")


@click.command("import-form")
@click.argument("form", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The assessment file to write (YAML).",
)
@click.option(
    "--checklist", "checklist_ref", default="opsc", show_default=True, help="Checklist id or path."
)
@click.option("--country", default=None, help="The State (default: as written on the form).")
@click.option("--as-of", default=None, help="Date of the law, YYYY-MM-DD (default: the form's).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
def import_form_command(
    form: Path,
    output: Path,
    checklist_ref: str,
    country: str | None,
    as_of: str | None,
    force: bool,
) -> None:
    """Read a filled worksheet form (from `gapcheck worksheet --fillable`) into an
    assessment file, then validate it: the statuses ticked, the law written and the notes.

    \b
    Example: gapcheck import-form ana.pdf -o ana.yaml && gapcheck class *.yaml --model m.yaml
    """
    from datetime import date

    from gapcheck.formats.assessment import validate_file
    from gapcheck.formats.form_pdf import FormError, read_form, to_yaml
    from gapcheck.output.files import replaces_input

    cl = common.get_checklist(checklist_ref)
    if replaces_input(output, [str(form)]):
        raise click.UsageError(f"-o {output} is the form itself; choose another file")
    if output.exists() and not force:
        raise click.ClickException(f"{output} exists; use --force to replace it")
    try:
        filled = read_form(form)
    except FormError as e:
        common.echo(f"error: {e}", err=True)
        sys.exit(common.EXIT_USAGE)
    for problem in filled.problems:
        common.echo(f"{form}: warning: {problem}", err=True)
    unknown = [i for i in filled.items if i not in set(cl.item_ids)]
    if unknown:
        common.echo(
            f"{form}: warning: not in checklist {cl.id} {cl.version}, left out: {', '.join(unknown)}",
            err=True,
        )
    state = country or filled.cover.get("state") or "Unnamed State"
    day = as_of or filled.cover.get("date", "")
    try:
        date.fromisoformat(day)
    except ValueError:
        if day:
            common.echo(f"{form}: warning: date {day!r} is not YYYY-MM-DD; today's used", err=True)
        day = date.today().isoformat()
    text = to_yaml(filled, cl, country=state, as_of=day, source=form.name)
    common.write_output(output, text.encode("utf-8"), force)
    answered = sum(1 for i in filled.items.values() if i.status)
    common.echo(f"Wrote {output} ({answered} items answered)", err=True)
    result = validate_file(output)
    for p in result.problems:
        common.echo(str(p), err=True)
    sys.exit(common.EXIT_PROBLEMS if result.errors else common.EXIT_OK)
