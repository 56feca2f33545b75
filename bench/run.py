"""Benchmarks: what a report costs, and gapcheck's own overhead over its floors.

Run with `make bench` (not part of the test suite). Generates N synthetic assessments from the
checklist (fixed seed), measures whole processes as medians of several repetitions, prints a
table and writes bench/results.json. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GAPCHECK = str(BIN / "gapcheck")
STATUSES = ["yes", "yes", "partial", "no", "unknown", "n/a"]


def synthetic(checklist_id: str, n: int, out: Path, seed: int = 54263) -> list[Path]:
    """N valid assessments with random statuses and evidence (deterministic)."""
    from gapcheck.formats import checklist as checklists

    cl = checklists.get(checklist_id)
    rng = random.Random(seed)
    paths = []
    for k in range(n):
        lines = [
            f"checklist: {checklist_id}",
            f'country: {{name: "Synthetic State {k:03d}", fictional: true}}',
            'as_of: "2026-01-01"',
            "assessors: [Bench]",
            "answers:",
        ]
        for item in cl.items:
            status = rng.choice(STATUSES)
            lines.append(f"  {item.id}:")
            lines.append(f"    status: {status}")
            if status in ("yes", "partial"):
                lines.append(
                    f'    evidence: [{{instrument: "Penal Code {k}", provision: "art. {rng.randint(1, 400)}",'
                    f' excerpt: "Whoever offers a child ...", in_force: "2010-01-01"}}]'
                )
            if status == "n/a":
                lines.append("    justification: Not engaged in this State.")
            lines.append(f'    notes: "Synthetic note {rng.randint(0, 10**6)} for {item.id}."')
        path = out / f"state-{k:03d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def big_checklist(n: int, folder: Path) -> Path:
    """A checklist of `n` items and an assessment answering each, side by side (issue 14:
    validate was quadratic in checklist size, 8,000 items 30 s)."""
    folder.mkdir(parents=True, exist_ok=True)
    items = "".join(
        f"  - {{id: i{k}, ref: null, article: null, theme: t, obligation: recommended, "
        f"title: Item {k}, question: Q?, recommendation: R, sources: [{{document: D}}]}}\n"
        for k in range(n)
    )
    (folder / "big.yaml").write_text(
        "id: big\nversion: '1'\ntitle: Big\ntreaty: {name: T, symbol: S, adopted: '2000-05-25'}\n"
        "themes: [{id: t, title: T}]\nitems:\n" + items,
        encoding="utf-8",
    )
    answers = "".join(f"  i{k}: {{status: no}}\n" for k in range(n))
    path = folder / "a.yaml"
    path.write_text(
        f"checklist: big.yaml\ncountry: {{name: Big}}\nas_of: '2026-01-01'\nanswers:\n{answers}",
        encoding="utf-8",
    )
    return path


def timed(cmd: list[str], reps: int, warm_up: bool = True, **kw: object) -> float:
    """Median wall time of `cmd` over `reps` runs (seconds), after one warm-up run."""
    if warm_up:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak resident memory of the largest process among `cmd`'s children (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=180, help="assessments for the batch runs")
    ap.add_argument("--reps", type=int, default=5, help="repetitions of the single-file runs")
    ap.add_argument("--batch-reps", type=int, default=1, help="repetitions of the batch runs")
    ap.add_argument(
        "--pdf-n", type=int, default=None, help="assessments for the PDF batch runs (default: -n)"
    )
    ap.add_argument("--checklist", default="opsc")
    args = ap.parse_args()

    # Measure gapcheck as installed: with compiled bytecode, whatever this shell says.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    work = Path(tempfile.mkdtemp(prefix="gapcheck-bench-"))
    try:
        inputs = work / "in"
        inputs.mkdir()
        paths = synthetic(args.checklist, args.n, inputs)
        one = str(paths[0])
        out = work / "out"
        r: dict[str, float] = {}

        r["floor_import_yaml_click_s"] = timed(
            [sys.executable, "-c", "import yaml, click"], args.reps
        )
        r["validate_one_s"] = timed([GAPCHECK, "validate", one], args.reps)
        r["validate_ratio"] = r["validate_one_s"] / r["floor_import_yaml_click_s"]
        for n in (4000, 8000):
            big = big_checklist(n, work / f"big{n}")
            env = {**os.environ, "GAPCHECK_NO_CACHE": "1"}
            r[f"validate_{n}_items_s"] = timed([GAPCHECK, "validate", str(big)], 1, env=env)
        r["validate_size_ratio_8000_4000"] = r["validate_8000_items_s"] / r["validate_4000_items_s"]

        r["html_one_s"] = timed(
            [GAPCHECK, "report", "--format", "html", "-o", str(out), one], args.reps
        )
        r["html_batch_s"] = timed(
            [GAPCHECK, "report", "-q", "--format", "html", "-o", str(out), str(inputs)],
            args.batch_reps,
        )

        html = out / "synthetic-state-000-opsc.html"
        floor = (
            "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"
        )
        r["pdf_one_s"] = timed(
            [GAPCHECK, "report", "--format", "pdf", "-o", str(out), one], args.reps
        )
        r["pdf_floor_weasyprint_s"] = timed(
            [sys.executable, "-c", floor, str(html), str(work / "floor.pdf")], args.reps
        )
        r["pdf_ratio"] = r["pdf_one_s"] / r["pdf_floor_weasyprint_s"]

        pdf_inputs = work / "pdf-in"
        pdf_inputs.mkdir()
        for p in paths[: args.pdf_n or args.n]:
            (pdf_inputs / p.name).symlink_to(p)
        for jobs in (1, 2):
            cmd = [
                GAPCHECK,
                "report",
                "-q",
                "--jobs",
                str(jobs),
                "--format",
                "pdf",
                "-o",
                str(out),
                str(pdf_inputs),
            ]
            r[f"pdf_batch_jobs{jobs}_s"] = timed(cmd, args.batch_reps, warm_up=False)
        r["pdf_batch_speedup"] = r["pdf_batch_jobs1_s"] / r["pdf_batch_jobs2_s"]
        n_pdf = len(list(pdf_inputs.iterdir()))
        r["pdf_batch_per_report_jobs1_s"] = r["pdf_batch_jobs1_s"] / n_pdf
        r["pdf_batch_per_report_jobs2_s"] = r["pdf_batch_jobs2_s"] / n_pdf
        r["pdf_batch_peak_rss_mb_per_worker"] = peak_rss_mb(
            [
                GAPCHECK,
                "report",
                "-q",
                "--jobs",
                "2",
                "--format",
                "pdf",
                "-o",
                str(out),
                str(pdf_inputs),
            ]
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "n": args.n,
        "pdf_n": args.pdf_n or args.n,
        "reps": args.reps,
    }
    targets = {
        "validate_ratio": ("<=", 1.5),
        "validate_size_ratio_8000_4000": ("<=", 2.5),  # linear: twice the items, twice the time
        "pdf_ratio": ("<=", 1.15),
        "pdf_batch_speedup": (">=", 1.7),
        "pdf_batch_peak_rss_mb_per_worker": ("<=", 300),
    }
    print(f"{'measure':<38} {'value':>10}  target")
    for key, value in r.items():
        target = targets.get(key)
        mark = ""
        if target:
            op, bound = target
            ok = value <= bound if op == "<=" else value >= bound
            mark = f"{op} {bound:g}  {'met' if ok else 'MISSED'}"
        print(f"{key:<38} {value:>10.3f}  {mark}")
    (ROOT / "bench" / "results.json").write_text(
        json.dumps({"machine": machine, "results": r}, indent=2) + "\n", encoding="utf-8"
    )
    print(f"\nwrote {ROOT / 'bench' / 'results.json'}")


if __name__ == "__main__":
    main()
