"""What several commands share: exit codes, options, loading checklists and assessments,
and running work over many files."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

CONTEXT = {"help_option_names": ["-h", "--help"]}
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BELOW = 0, 1, 2, 3


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print `text` with its control characters escaped: everything gapcheck prints may
    quote a file, and a file must not drive the terminal (ESC, OSC, bare CR, U+202E)."""
    from gapcheck.formats.problems import printable

    click.echo(printable(text), err=err, nl=nl)


def as_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """A click.Path option's value as a Path, as `path_type=Path` gives, with `pathlib`
    loaded only when the option is used (~5 ms of `gapcheck validate`'s start-up)."""
    if value is None:
        return None
    from pathlib import Path

    return Path(value)


def as_paths(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[Path, ...]:
    """`as_path` of a repeatable option."""
    if not value:
        return ()
    from pathlib import Path

    return tuple(map(Path, value))


def checklists_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--checklist",
        "trusted",
        multiple=True,
        type=click.Path(dir_okay=False),
        callback=as_paths,
        help="A checklist file the assessments may name although it is outside their folder "
        "(repeatable). Without it, an assessment can name only a built-in checklist or one "
        "in its own folder or below.",
    )(f)


def fmt(value: float | None, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:.2f}{suffix}"


def get_checklist(ref: str):  # type: ignore[no-untyped-def]
    from pathlib import Path

    from gapcheck.formats import checklist

    try:
        return checklist.get(ref, Path.cwd())
    except LookupError as e:
        raise click.BadParameter(str(e), param_hint="--checklist") from None
    except checklist.ChecklistError as e:
        raise click.ClickException(f"checklist {ref} is invalid:\n{e}") from None


def validate_all(files: tuple[str, ...], trusted: tuple[Path, ...] = ()):  # type: ignore[no-untyped-def]
    from gapcheck.formats.assessment import validate_file

    return [validate_file(p, trusted=trusted) for p in expand(files)]


def expand(files: tuple[str, ...]) -> list[str]:
    """The input files of FILES (folders expanded), after saying what was skipped; exits
    with status 2 when nothing is left."""
    from gapcheck.formats.inputs import expand as expand_paths

    paths, skipped = expand_paths(files)
    for message in skipped:
        echo(message, err=True)
    if skipped:
        click.get_current_context().meta["gapcheck.skipped"] = len(skipped)
    if not paths:
        raise click.UsageError("no YAML files found in the paths given")
    return paths


def skipped() -> bool:
    """Whether folder expansion skipped something (then the exit status is 2)."""
    return bool(click.get_current_context().meta.get("gapcheck.skipped"))


def exit_code(results, strict: bool) -> int:  # type: ignore[no-untyped-def]
    if any(r.unreadable for r in results) or skipped():
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


EXIT_SIGINT, EXIT_SIGTERM = 130, 143


class _Terminated(Exception):
    pass


@contextlib.contextmanager
def interruptible(cleanup: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Ctrl-C or SIGTERM: run `cleanup` (remove staged files) and exit 130 or 143 quietly,
    as a shell expects of an interrupted command, instead of a traceback."""
    try:  # the C module: `signal` makes enums of every signal when imported (~0.7 ms)
        import _signal as signal  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - other Pythons
        import signal

    def terminate(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except (KeyboardInterrupt, _Terminated) as e:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop cleanup
        cleanup()
        click.echo("Interrupted; nothing half-written is left.", err=True)
        sys.exit(EXIT_SIGINT if isinstance(e, KeyboardInterrupt) else EXIT_SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_batch(  # type: ignore[no-untyped-def]
    fn, files: list[str], jobs: int | None, quiet: bool, label: str, cleanup=lambda: None
):
    """Run `fn` over files on worker processes, with a progress bar on a terminal."""
    with interruptible(cleanup):
        return _run_batch(fn, files, jobs, quiet, label)


def _run_batch(fn, files: list[str], jobs: int | None, quiet: bool, label: str):  # type: ignore[no-untyped-def]
    if len(files) == 1:
        return [fn(f) for f in files]
    from gapcheck.output import batch

    jobs = jobs or batch.default_jobs()
    show = not quiet and len(files) > 1 and sys.stderr.isatty()
    if not show:
        return batch.run(fn, files, jobs)
    with click.progressbar(length=len(files), label=label, file=sys.stderr) as bar:
        return batch.run(fn, files, jobs, on_done=lambda _: bar.update(1))


def load_valid(path: str, trusted: tuple[Path, ...] = ()):  # type: ignore[no-untyped-def]
    """A valid assessment, or exit printing its problems as `validate` does."""
    from gapcheck.formats.assessment import validate_file

    result = validate_file(path, trusted=trusted)
    if result.assessment is None:
        for p in result.problems:
            echo(str(p), err=True)
        sys.exit(EXIT_USAGE if result.unreadable else EXIT_PROBLEMS)
    return result.assessment


def _articles(ctx: click.Context, param: click.Parameter, value: str | None):  # type: ignore[no-untyped-def]
    if value is None:
        return None
    from gapcheck.formats.scope import parse_articles

    try:
        return parse_articles(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def _items(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for text in value for v in text.replace(",", " ").split())


def scope_options(f):  # type: ignore[no-untyped-def]
    """`--articles 2-3,5` and `--items ID[,ID…]` (repeatable): what a workshop exercise covers."""
    f = click.option(
        "--items",
        "item_ids",
        multiple=True,
        callback=_items,
        metavar="ID[,ID…]",
        help="Only these items (ids as in the checklist; repeat or separate with commas). "
        "With --articles: those articles and these items.",
    )(f)
    return click.option(
        "--articles",
        callback=_articles,
        metavar="LIST",
        help="Only the items of these articles: 2-3,5 (lists and ranges).",
    )(f)


def scope(cl, articles, item_ids) -> frozenset[str] | None:  # type: ignore[no-untyped-def]
    """The item ids of --articles/--items in checklist `cl` (None: every item), or a usage error."""
    from gapcheck.analysis.selection import SelectionError, select

    try:
        return select(cl, articles, item_ids)
    except SelectionError as e:
        raise click.UsageError(str(e)) from None


def check_output(output: Path | None, used: list[str | Path | None], force: bool) -> None:
    """Refuse an -o that is one of the files read (an input or a checklist), whatever
    --force says, or an existing file without --force (checked before the work is done)."""
    from gapcheck.output.files import replaces_input

    if output is None:
        return
    if clash := replaces_input(output, [u for u in used if u is not None]):
        raise click.UsageError(
            f"-o {output} would replace the input {clash} (an assessment or checklist read)"
        )
    if output.is_dir():
        raise click.UsageError(f"-o {output} is a folder; name a file")
    if output.exists() and not force:
        raise click.ClickException(f"{output} exists; use --force to replace it")


def write_output(output: Path, data: bytes, force: bool) -> None:
    from gapcheck.output.files import write_atomic

    try:
        write_atomic(output, data, overwrite=force)
    except FileExistsError:
        raise click.ClickException(f"{output} exists; use --force to replace it") from None
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror or e}") from None
