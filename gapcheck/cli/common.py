"""What several commands share: exit codes, options, loading checklists and assessments,
and running work over many files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"]}
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BELOW = 0, 1, 2, 3


def fmt(value: float | None, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:.2f}{suffix}"


def get_checklist(ref: str):  # type: ignore[no-untyped-def]
    from gapcheck.formats import checklist

    try:
        return checklist.get(ref, Path.cwd())
    except LookupError as e:
        raise click.BadParameter(str(e), param_hint="--checklist") from None
    except checklist.ChecklistError as e:
        raise click.ClickException(f"checklist {ref} is invalid:\n{e}") from None


def validate_all(files: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from gapcheck.formats.assessment import validate_file
    from gapcheck.formats.inputs import expand

    paths = expand(files)
    if not paths:
        raise click.UsageError("no YAML files found in the paths given")
    return [validate_file(p) for p in paths]


def exit_code(results, strict: bool) -> int:  # type: ignore[no-untyped-def]
    if any(r.unreadable for r in results):
        return EXIT_USAGE
    if any(r.errors or (strict and r.warnings) for r in results):
        return EXIT_PROBLEMS
    return EXIT_OK


def jobs_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(1, 256),
        default=None,
        help="Worker processes (default: the number of cores).",
    )(f)


def language_option(default_help: str):  # type: ignore[no-untyped-def]
    """--language: the page's language (fixed words, numbers, dates, checklist edition)."""

    def decorate(f):  # type: ignore[no-untyped-def]
        return click.option(
            "--language",
            "language",
            default=None,
            metavar="LANG",
            help=f"Language of the page: en, fr, es or ar  [default: {default_help}]",
        )(f)

    return decorate


def check_language(language: str | None) -> None:
    """Refuse a language gapcheck has no words for, rather than print English silently."""
    if language is None:
        return
    from gapcheck.pages.i18n import choose_locale

    if not choose_locale(language)[1]:
        from gapcheck.pages.i18n import offered

        raise click.BadParameter(
            f"no '{language}' translation (available: {', '.join(offered())})",
            param_hint="--language",
        )


def quiet_option(f):  # type: ignore[no-untyped-def]
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar, no per-file lines.")(
        f
    )


def run_batch(fn, files: list[str], jobs: int | None, quiet: bool, label: str):  # type: ignore[no-untyped-def]
    """Run `fn` over files on worker processes, with a progress bar on a terminal."""
    if len(files) == 1:
        return [fn(f) for f in files]
    from gapcheck.output import batch

    jobs = jobs or batch.default_jobs()
    show = not quiet and len(files) > 1 and sys.stderr.isatty()
    if not show:
        return batch.run(fn, files, jobs)
    with click.progressbar(length=len(files), label=label, file=sys.stderr) as bar:
        return batch.run(fn, files, jobs, on_done=lambda _: bar.update(1))


def load_valid(path: str):  # type: ignore[no-untyped-def]
    """A valid assessment, or exit printing its problems as `validate` does."""
    from gapcheck.formats.assessment import validate_file

    result = validate_file(path)
    if result.assessment is None:
        for p in result.problems:
            click.echo(str(p), err=True)
        sys.exit(EXIT_USAGE if result.unreadable else EXIT_PROBLEMS)
    return result.assessment
