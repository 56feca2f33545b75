"""Many assessments at once: validate or render them on several processes, in input order.

Workers render and write each report to a temporary file beside its destination; the
parent then moves the files into place in input order, so that two assessments that
would produce the same report name, or a report that would replace an input file, are
caught deterministically and nothing anyone wrote is overwritten.
"""

from __future__ import annotations

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
    written: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.result is not None and self.result.assessment is not None


def report_one(file: str, task: ReportTask) -> Outcome:
    """Validate and render one assessment; reports are staged, not yet in place."""
    from gapcheck.output import names
    from gapcheck.output.html import RenderError, render_reports

    result = validate_file(file)
    out = Outcome(file, result)
    a = result.assessment
    if a is None:
        out.errors.append(
            "no report written: the file cannot be read"
            if result.unreadable
            else f"no report written: {result.errors} error(s) in the assessment"
        )
        return out
    try:
        rendered = render_reports(a, task.formats, generated=task.generated, language=task.language)
    except RenderError as e:
        out.errors.append(f"no report written: {e}")
        return out
    if not rendered.exact_locale:
        wanted = task.language or a.language
        out.warnings.append(f"no '{wanted}' translation yet; the report is in English")
    try:
        for fmt, path in names.output_paths(a, task.output_dir, task.formats).items():
            out.staged[str(path)] = stage(path, rendered.outputs[fmt])
    except OSError as e:
        discard(out)
        out.errors.append(f"cannot write in {task.output_dir}: {e.strerror}")
    return out


def discard(outcome: Outcome) -> None:
    for tmp in outcome.staged.values():
        if os.path.exists(tmp):
            os.unlink(tmp)
    outcome.staged.clear()


def finalize(outcomes: Sequence[Outcome], inputs: Iterable[str]) -> None:
    """Move staged reports into place in input order, refusing to replace an input or a
    report written earlier in the same run."""
    taken = {Path(f).resolve(): f"the input {f}" for f in inputs}
    for o in outcomes:
        clash = next(
            ((p, taken[Path(p).resolve()]) for p in o.staged if Path(p).resolve() in taken), None
        )
        if clash:
            discard(o)
            o.errors.append(f"no report written: {clash[0]} would replace {clash[1]}")
            continue
        for final, tmp in o.staged.items():
            os.replace(tmp, final)
            taken[Path(final).resolve()] = f"the report of {o.file}"
            o.written.append(final)
        o.staged.clear()


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
    with context.Pool(min(jobs, len(files)), maxtasksperchild=MAX_TASKS_PER_WORKER) as pool:
        tasks = [(fn, i, f) for i, f in enumerate(files)]
        for i, result in pool.imap_unordered(_indexed, tasks):
            results[i] = result
            if on_done:
                on_done(result)
    return results  # type: ignore[return-value]


def _indexed(task: tuple[Callable[[str], T], int, str]) -> tuple[int, T]:
    fn, i, file = task
    return i, fn(file)
