"""The `gapcheck` command: a thin shell over the library. Only this package prints.

Each command family lives in its own module and is imported only when that command runs
(click's lazy-group pattern), so `gapcheck validate` loads only what validation needs.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys

import click

from gapcheck import __version__
from gapcheck.cli.common import CONTEXT

COMMANDS = {
    "checklists": "gapcheck.cli.checklists:checklists_command",
    "checklist": "gapcheck.cli.checklists:checklist_group",
    "init": "gapcheck.cli.checklists:init_command",
    "schema": "gapcheck.cli.checklists:schema_command",
    "validate": "gapcheck.cli.assess:validate_command",
    "score": "gapcheck.cli.assess:score_command",
    "report": "gapcheck.cli.pages:report_command",
    "worksheet": "gapcheck.cli.pages:worksheet_command",
    "diff": "gapcheck.cli.compare:diff_command",
    "compare": "gapcheck.cli.compare:compare_command",
    "verify": "gapcheck.cli.verify:verify_command",
    "extract": "gapcheck.cli.verify:extract_command",
    "export": "gapcheck.cli.spreadsheet:export_command",
    "import": "gapcheck.cli.spreadsheet:import_command",
    "class": "gapcheck.cli.workshop:class_command",
    "casefile": "gapcheck.cli.workshop:casefile_command",
    "import-form": "gapcheck.cli.workshop:import_form_command",
}
"""Command name → `module:object` (`gapcheck --help` lists them alphabetically)."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (click's documented pattern)."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, name = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        return command


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="gapcheck")
def cli() -> None:
    """Measure how far national law implements the Optional Protocol on the sale of
    children, child prostitution and child pornography (OPSC), and report the gaps.

    \b
    Start:    gapcheck init --checklist opsc --country "Freedonia" -o freedonia.yaml
    Check:    gapcheck validate freedonia.yaml
    Score:    gapcheck score freedonia.yaml
    Report:   gapcheck report freedonia.yaml -o reports/
    Verify:   gapcheck verify reports/freedonia-opsc.pdf
    """


def main() -> None:
    """The `gapcheck` console command."""
    try:
        cli(prog_name="gapcheck")
    except SystemExit as e:
        _quick_exit(e.code)
        raise
    except OSError as e:
        if e.errno not in _OUTPUT_ERRORS:
            raise
        _output_refused(e)


_OUTPUT_ERRORS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EDQUOT}
"""Errors of the terminal, pipe or file the output goes to; files gapcheck writes itself
report their own errors (output/files.py)."""


def _output_refused(e: OSError) -> None:
    """Standard output cannot be written (a full disk, a reader that went away): say so in
    one line, not a traceback, and exit 2. Python would try to flush it again at exit and
    fail once more, so what is left goes nowhere (as the Python documentation advises for
    a broken pipe)."""
    try:
        sys.stderr.write(f"gapcheck: cannot write the output: {e.strerror}\n")
        sys.stderr.flush()
    except OSError:
        pass
    from gapcheck.cli.common import EXIT_USAGE

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_USAGE)


def _quick_exit(code: object) -> None:
    """Leave at once when the command is over and nothing is left to do: tearing down the
    interpreter (freeing every module and object) costs ~8 ms, a third of what `gapcheck
    validate` adds to Python's start-up. Only when no exit handler is registered (nothing
    of multiprocessing, weakref.finalize, temporary folders, coverage...), no other thread
    runs and the standard streams are flushed; otherwise Python exits as usual. Every file
    gapcheck writes is closed before its command returns (output/files.py, the cache)."""
    import atexit

    if code is None:
        code = 0
    registered = getattr(atexit, "_ncallbacks", None)  # CPython's; elsewhere: exit as usual
    if not isinstance(code, int) or registered is None or registered():
        return
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() != 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # a closed pipe...: as usual (Python reports it as it always did)
        return
    os._exit(code)
