"""The commands about checklists and blank assessments: checklists, checklist lint|doc, init, schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gapcheck.cli import common


@click.command("checklists")
def checklists_command() -> None:
    """List the checklists that come with gapcheck."""
    from gapcheck.formats import checklist

    for cid, path in checklist.available().items():
        try:
            cl = checklist.get(cid)
            common.echo(f"{cid}\t{cl.version}\t{len(cl.items)} items\t{cl.title}")
        except (checklist.ChecklistError, LookupError):
            common.echo(f"{cid}\t(invalid: run gapcheck checklist lint {path})")


@click.group("checklist")
def checklist_group() -> None:
    """Work with checklist files."""


@checklist_group.command("lint")
@click.argument("files", nargs=-1, required=True)
def checklist_lint(files: tuple[str, ...]) -> None:
    """Report every problem in checklist FILES (ids or paths) as file:line:col.

    A checklist is checked with its language editions beside it (opsc.fr.yaml and the
    authentic text treaty/opsc-fr.txt): every item translated, no unknown id, no stale
    translation (the English changed since), and how many provisions are quoted from the
    authentic text. An overlay file named alone is checked against its checklist.
    """
    from gapcheck.formats import checklist, overlay

    code = common.EXIT_OK
    for ref in files:
        path = checklist.resolve(ref) or Path(ref)
        name = ref if path == Path(ref) else str(path)
        base = overlay.base_of(path)
        languages: tuple[str, ...] = ()
        if base is not None:
            cl, problems = checklist.load_file(base[0], str(base[0]))
            languages = (base[1],)
        else:
            cl, problems = checklist.load_file(path, name)
            if cl is not None:
                languages = overlay.languages(cl)[1:]
        notes = []
        for language in languages:
            assert cl is not None
            e = overlay.edition(cl, language)
            problems = [*problems, *e.problems]
            notes.append(overlay.summary(e))
        for p in problems:
            common.echo(str(p))
        for note in notes:
            common.echo(f"{ref}: {note}")
        errors = sum(p.level.value == "error" for p in problems)
        if any(p.line == 0 and p.level.value == "error" for p in problems):
            code = common.EXIT_USAGE
        elif errors:
            code = max(code, common.EXIT_PROBLEMS)
        common.echo(f"{ref}: {errors} error(s), {len(problems) - errors} warning(s)", err=True)
    sys.exit(code)


@checklist_group.command("doc")
@click.argument("checklist_ref", metavar="CHECKLIST", default="opsc")
@common.language_option("en")
def checklist_doc(checklist_ref: str, language: str | None) -> None:
    """Print CHECKLIST (id or path) as Markdown for a lawyer's review: reference, tier,
    provision, question, guidance, recommendation and sources of every item."""
    from gapcheck.formats import overlay
    from gapcheck.pages.checklist_doc import to_markdown
    from gapcheck.pages.i18n import choose_locale, translations

    common.check_language(language)
    locale = choose_locale(language or "en")[0]
    cl = overlay.localized(common.get_checklist(checklist_ref), locale.language)
    common.echo(to_markdown(cl, locale, translations(str(locale))), nl=False)


@click.command("init")
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
@common.language_option("en")
def init_command(
    checklist_ref: str, country: str, output: Path | None, force: bool, language: str | None
) -> None:
    """Write a blank assessment: every item unknown, with its reference and question.

    A JSON Schema for editor completion is written beside it (<checklist>.schema.json).
    """
    from gapcheck.formats import overlay, scaffold, schema
    from gapcheck.output.files import write_atomic
    from gapcheck.output.names import safe_stem
    from gapcheck.pages.i18n import choose_locale, translations

    common.check_language(language)
    cl = common.get_checklist(checklist_ref)
    output = output or Path(f"{safe_stem(country)}-{cl.id}.yaml")
    schema_path = output.parent / f"{cl.id}.schema.json"
    if output.resolve() == schema_path.resolve():
        raise click.UsageError(
            f"-o {output} is the name of the schema written beside the assessment; "
            "choose a .yaml name"
        )
    ref, outside = _ref_from(checklist_ref, cl.path, output)
    locale = choose_locale(language or "en")[0]
    text = scaffold.blank_assessment(
        overlay.localized(cl, locale.language),
        country,
        checklist_ref=ref,
        schema=schema_path.name,
        language=locale.language,
        gettext=translations(str(locale)).gettext,
    )
    common.write_output(output, text.encode("utf-8"), force)
    try:
        write_atomic(schema_path, schema.dumps(cl).encode("utf-8"), overwrite=True)
    except OSError as e:  # the assessment is written: say so, and what is missing
        common.echo(f"Wrote {output} ({len(cl.items)} items).")
        raise click.ClickException(
            f"cannot write the schema {schema_path}: {e.strerror or e}"
            + (" (a folder has that name)" if schema_path.is_dir() else "")
        ) from None
    common.echo(f"Wrote {output} ({len(cl.items)} items) and {schema_path}.")
    if outside:
        common.echo(
            "The checklist is outside the assessment's folder: name it on the command line, "
            f"as in: gapcheck validate --checklist {ref} {output}"
        )
    else:
        common.echo(f"Next: fill it in, then run: gapcheck validate {output}")


def _ref_from(ref: str, path: Path | None, output: Path) -> tuple[str, bool]:
    """How the new assessment names its checklist: a built-in id as is; a file by its path
    relative to the assessment (it is read from there), absolute when it lies outside the
    assessment's folder (then it must be named with --checklist: see checklist.named_by)."""
    import os

    from gapcheck.formats import checklist

    if path is None or ref in checklist.available():
        return ref, False
    relative = os.path.relpath(path.resolve(), output.parent.resolve())
    if relative.split(os.sep)[0] == os.pardir:
        return str(path.resolve()), True
    return Path(relative).as_posix(), False


@click.command("schema")
@click.option(
    "--checklist", "checklist_ref", default="opsc", show_default=True, help="Checklist id or path."
)
def schema_command(checklist_ref: str) -> None:
    """Print the JSON Schema of an assessment, with item ids and statuses enumerated."""
    from gapcheck.formats import schema

    common.echo(schema.dumps(common.get_checklist(checklist_ref)), nl=False)
