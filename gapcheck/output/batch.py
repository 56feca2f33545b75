"""Many assessments at once: validate or render them on several processes, in input order.

Workers render and write each report to a temporary file beside its destination; the
parent then moves the files into place in input order, so that two assessments that
would produce the same report name, or a report that would replace an input file, are
caught deterministically and nothing anyone wrote is overwritten.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from gapcheck.formats.assessment import Result, validate_file
from gapcheck.output.files import stage

T = TypeVar("T")

MAX_TASKS_PER_WORKER = 25
"""A worker is replaced after this many reports: WeasyPrint keeps memory until exit."""


def new_run() -> str:
    import secrets

    return secrets.token_hex(4)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class ReportTask:
    output_dir: Path
    formats: tuple[str, ...]
    generated: date
    trusted: tuple[Path, ...] = ()
    """Checklist files the user named on the command line (`--checklist`)."""
    edition: str = "full"
    """`full` or `brief` (see `gapcheck report --edition`)."""
    run: str = field(default_factory=new_run)
    """Marks this run's staged files, so an interrupted run can remove them all."""
    language: str | None = None
    """The report's language; None: each assessment's `language`."""


@dataclass
class Outcome:
    """What happened to one input file."""

    file: str
    result: Result | None = None
    """The validation result: problems, and the assessment when valid."""
    staged: dict[str, str] = field(default_factory=dict)
    """Final path → temporary file written by the worker."""
    state: str = ""
    """Which State the reports are of (see `manifest`)."""
    written: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.result is not None and self.result.assessment is not None


def report_one(file: str, task: ReportTask) -> Outcome:
    """Validate and render one assessment; reports are staged, not yet in place. Whatever
    goes wrong becomes this file's error: one bad file never stops the others."""
    out = Outcome(file)
    try:
        _report(out, task)
    except Exception as e:  # a bug must cost one report, not the batch
        discard(out)
        out.errors.append(f"no report written: internal error ({internal(e)})")
    return out


def internal(e: BaseException) -> str:
    """An unexpected exception in a few words, for a message (never a traceback)."""
    from gapcheck.formats.problems import quote

    return f"{type(e).__name__}: {quote(str(e))}; please report this to gapcheck's maintainers"


def validate_one(file: str, trusted: tuple[Path, ...] = ()) -> Result:
    """`validate_file`, with an unexpected exception reported as this file's error."""
    try:
        return validate_file(file, trusted=trusted)
    except Exception as e:
        from gapcheck.formats.problems import Level, Problem

        message = f"internal error while checking the file ({internal(e)})"
        return Result(file, [Problem(file, 0, 0, Level.ERROR, "", message)])


def _report(out: Outcome, task: ReportTask) -> None:
    from gapcheck.output import names
    from gapcheck.output.html import RenderError, render_reports

    out.result = result = validate_one(out.file, task.trusted)
    a = result.assessment
    if a is None:
        out.errors.append(
            "no report written: the file cannot be read"
            if result.unreadable
            else f"no report written: {result.errors} error(s) in the assessment"
        )
        return
    out.state = "\t".join((a.country.name, a.country.code or ""))
    try:
        rendered = render_reports(
            a, task.formats, generated=task.generated, edition=task.edition, language=task.language
        )
    except RenderError as e:
        out.errors.append(f"no report written: {e}")
        return
    if not rendered.exact_locale:
        wanted = task.language or a.language
        out.warnings.append(f"no '{wanted}' translation yet; the report is in English")
    try:
        for fmt, path in names.output_paths(a, task.output_dir, task.formats, task.edition).items():
            out.staged[str(path)] = stage(path, rendered.outputs[fmt], run=task.run)
    except OSError as e:
        discard(out)
        out.errors.append(f"cannot write in {task.output_dir}: {e.strerror}")


def discard(outcome: Outcome) -> None:
    for tmp in outcome.staged.values():
        if os.path.exists(tmp):
            os.unlink(tmp)
    outcome.staged.clear()


MANIFEST = ".gapcheck-reports.json"
"""In the output folder: which State each report is of, so that a report is never replaced
by one of another State whose name gives the same file name (without --force)."""


def _read_manifest(folder: Path) -> dict[str, str]:
    import json

    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def finalize(outcomes: Sequence[Outcome], inputs: Iterable[str], *, force: bool = False) -> None:
    """Move staged reports into place in input order, refusing to replace an input, a
    report written earlier in the same run, a folder, or (without `force`) a report of
    another State written by an earlier run."""
    import json

    taken = {Path(f).resolve(): f"the input {f}" for f in inputs}
    manifests: dict[Path, dict[str, str]] = {}
    for o in outcomes:
        clash = next(
            ((p, taken[Path(p).resolve()]) for p in o.staged if Path(p).resolve() in taken), None
        )
        for p in o.staged:
            folder = Path(p).parent
            known = manifests.setdefault(folder, _read_manifest(folder))
            if clash:
                break
            if Path(p).is_dir():
                clash = (p, "a folder; move it or choose another -o")
            elif not force and known.get(Path(p).name, o.state) != o.state and Path(p).exists():
                state = known[Path(p).name].split("\t")[0]
                clash = (p, f"the report of {state} (another State; --force replaces it)")
        if clash:
            discard(o)
            o.errors.append(f"no report written: {clash[0]} would replace {clash[1]}")
            continue
        for final, tmp in o.staged.items():
            os.replace(tmp, final)
            taken[Path(final).resolve()] = f"the report of {o.file}"
            manifests[Path(final).parent][Path(final).name] = o.state
            o.written.append(final)
        o.staged.clear()
    from gapcheck.output.files import write_atomic

    for folder, known in manifests.items():
        if not any(Path(w).parent == folder for o in outcomes for w in o.written):
            continue
        try:
            data = json.dumps(known, ensure_ascii=False, indent=1, sort_keys=True)
            write_atomic(folder / MANIFEST, data.encode("utf-8"), overwrite=True)
        except OSError:
            pass  # the reports are written; only the guard for a later run is missing


def sweep(folder: Path, run: str) -> None:
    """Remove the files this run staged in `folder` (after an interruption)."""
    from gapcheck.output.files import staged_name

    for tmp in folder.glob(staged_name(run, "*")):
        with contextlib.suppress(OSError):
            tmp.unlink()


def run(
    fn: Callable[[str], T],
    files: Sequence[str],
    jobs: int,
    on_done: Callable[[T], None] | None = None,
) -> list[T]:
    """`fn(file)` for every file, on `jobs` worker processes (in this process for a single
    file), results in input order; `on_done` is called as each one finishes.

    Even one job uses a worker process when there are several files: a long-lived process
    that renders report after report slows down as WeasyPrint's memory grows (measured:
    13.2 s per report in-process against 10 s in recycled workers; docs/performance.md)."""
    if len(files) <= 1:
        done = []
        for f in files:
            done.append(fn(f))
            if on_done:
                on_done(done[-1])
        return done
    import multiprocessing

    # A fresh interpreter per worker (no state inherited from the parent), and workers
    # replaced every few tasks, keep memory flat over hundreds of reports. (The older Pool:
    # concurrent.futures' max_tasks_per_child deadlocks on Python 3.11 once workers are
    # replaced.)
    context = multiprocessing.get_context("spawn")
    results: list[T | None] = [None] * len(files)
    with context.Pool(
        min(jobs, len(files)), _quiet_worker, maxtasksperchild=MAX_TASKS_PER_WORKER
    ) as pool:
        tasks = [(fn, i, f) for i, f in enumerate(files)]
        for i, result in pool.imap_unordered(_indexed, tasks):
            results[i] = result
            if on_done:
                on_done(result)
    return results  # type: ignore[return-value]


def _quiet_worker() -> None:
    """Ctrl-C reaches every process of the terminal; only the parent acts on it (it stops
    the workers and removes what they staged), so workers print no traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _indexed(task: tuple[Callable[[str], T], int, str]) -> tuple[int, T]:
    fn, i, file = task
    return i, fn(file)
