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


SECTIONS = ("startup", "html", "pdf", "pdfa", "limits")


def startup(one: str, reps: int) -> dict[str, float]:
    """Whole-process medians, interleaved so that the floor and gapcheck see the same machine:
    `validate` on one assessment and `gapcheck --help` against `python -c "import yaml, click"`."""
    cmds = {
        "floor_import_yaml_click_s": [sys.executable, "-c", "import yaml, click"],
        "validate_one_s": [GAPCHECK, "validate", one],
        "help_s": [GAPCHECK, "--help"],
    }
    for cmd in cmds.values():  # warm-up: bytecode and the checklist cache
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(reps):
        for key, cmd in cmds.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[key].append(time.perf_counter() - t)
    r = {k: statistics.median(v) for k, v in times.items()}
    r["validate_ratio"] = r["validate_one_s"] / r["floor_import_yaml_click_s"]
    r["help_ratio"] = r["help_s"] / r["floor_import_yaml_click_s"]
    return r


PDFA_SCRIPT = """
import sys
from datetime import date
from gapcheck.formats.assessment import validate_file
from gapcheck.output import html, pdf
if sys.argv[1] == "plain":  # the untagged PDF without embedded files, as before PDF/A
    archival = pdf.write_pdf
    pdf.write_pdf = lambda *args, **kw: archival(*args, **{**kw, "archival": False})
a = validate_file(sys.argv[2]).assessment
data = html.render_reports(a, ["pdf"], generated=date(2026, 1, 15)).outputs["pdf"]
open(sys.argv[3], "wb").write(data)
"""


PDFA_PARTS = """
import json, sys
from datetime import UTC, date, datetime
from weasyprint import HTML
from gapcheck.formats.assessment import validate_file
from gapcheck.output import html, pdf, pdfa
seen = {}
pdf.write_pdf = lambda page, meta, **kw: seen.update(page=page, meta=meta, **kw) or b""
a = validate_file(sys.argv[1]).assessment
html.render_reports(a, ["pdf"], generated=date(2026, 1, 15))
doc = HTML(string=seen["page"], base_url=pdf.TEMPLATES_DIR.as_uri() + "/",
           url_fetcher=pdf.AssetFetcher()).render()
doc.metadata.title, doc.metadata.lang = seen["meta"].title, seen["meta"].lang
files, when = seen["files"], datetime(2026, 1, 15, tzinfo=UTC)
without_checklist = tuple(f for f in files if f.name != a.checklist.path.name)
variants = {
    "plain": {},
    "pdfa_only": dict(pdf_variant=pdfa.VARIANT),
    "pdfa_sources": dict(pdf_variant=pdfa.VARIANT, files=files),
    "pdfa_tags": dict(pdf_variant=pdfa.VARIANT, pdf_tags=True),
    "pdfa_tags_sources_but_checklist": dict(
        pdf_variant=pdfa.VARIANT, pdf_tags=True, files=without_checklist),
    "pdfa_tags_sources": dict(pdf_variant=pdfa.VARIANT, pdf_tags=True, files=files),
}
sizes = {}
for name, options in variants.items():
    embedded = options.pop("files", ())
    sizes[name] = len(doc.write_pdf(**options, attachments=pdfa.attachments(embedded, when)))
print(json.dumps(sizes))
"""


def pdfa_parts() -> dict[str, float]:
    """Where the archival PDF's bytes go: variants of one rendering of the Veridia report
    (PDF/A alone, with the embedded sources, with tags, both), as ratios to the plain PDF."""
    veridia = str(ROOT / "sample_assessments" / "veridia.yaml")
    out = subprocess.run(
        [sys.executable, "-c", PDFA_PARTS, veridia], check=True, capture_output=True, text=True
    ).stdout
    sizes = json.loads(out.strip().splitlines()[-1])
    return {f"bytes_{k}_ratio": v / sizes["plain"] for k, v in sizes.items() if k != "plain"}


def pdfa_costs(work: Path, reps: int) -> dict[str, float]:
    """What tagging, PDF/A-3 and the embedded sources cost on the Veridia report: the
    whole process (validate, score, lay out, write), archival against plain, runs
    interleaved in the same loop so that both see the same machine."""
    import pikepdf

    veridia = str(ROOT / "sample_assessments" / "veridia.yaml")
    cmds = {
        kind: [sys.executable, "-c", PDFA_SCRIPT, kind, veridia, str(work / f"veridia-{kind}.pdf")]
        for kind in ("plain", "pdfa")
    }
    times: dict[str, list[float]] = {kind: [] for kind in cmds}
    for rep in range(reps + 1):  # the first round warms up
        for kind, cmd in cmds.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if rep:
                times[kind].append(time.perf_counter() - t)
    for kind, cmd in cmds.items():
        with pikepdf.open(cmd[-1]) as doc:  # the comparison means something only if so
            if ("/StructTreeRoot" in doc.Root) != (kind == "pdfa"):
                raise SystemExit(f"bench: the {kind} PDF is not what it should be")
    r: dict[str, float] = {}
    for kind, cmd in cmds.items():
        r[f"veridia_{kind}_s"] = statistics.median(times[kind])
        r[f"veridia_{kind}_bytes"] = float(Path(cmd[-1]).stat().st_size)
    r["pdfa_time_ratio"] = r["veridia_pdfa_s"] / r["veridia_plain_s"]
    r["pdfa_bytes_ratio"] = r["veridia_pdfa_bytes"] / r["veridia_plain_bytes"]
    return r


def at_the_limits(out: Path) -> Path:
    """An assessment as large as gapcheck accepts (docs/limits.md): every item answered,
    MAX_EVIDENCE_TOTAL evidence entries (at most MAX_EVIDENCE per answer) and nearly
    MAX_TOTAL_TEXT characters of notes."""
    from gapcheck.formats import checklist as checklists
    from gapcheck.formats.semantics import MAX_EVIDENCE, MAX_EVIDENCE_TOTAL, MAX_TOTAL_TEXT

    cl = checklists.get("opsc")
    sentence = "The penal code covers the conduct, but a penalty threshold leaves some out. "
    per_note = (MAX_TOTAL_TEXT - 40_000) // len(cl.items)  # room for the excerpts
    left = MAX_EVIDENCE_TOTAL
    lines = ['checklist: opsc\ncountry: {name: "Limit State"}\nas_of: "2026-01-01"\nanswers:']
    for n, item in enumerate(cl.items):
        k = min(MAX_EVIDENCE, left, max(1, left // max(1, len(cl.items) - n)))
        left -= k
        lines.append(f"  {item.id}:\n    status: partial\n    evidence:")
        lines += [
            f'      - {{instrument: "Penal Code {j}", provision: "art. {n}.{j}", '
            f'excerpt: "Whoever offers a child for exploitation is punished ({n}.{j})."}}'
            for j in range(k)
        ]
        lines.append(f'    notes: "{(sentence * (per_note // len(sentence) + 1))[:per_note]}"')
    path = out / "limits.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def limits_costs(work: Path) -> dict[str, float]:
    """What the largest accepted assessment costs as a PDF: time, peak memory, pages."""
    from pypdf import PdfReader

    path = at_the_limits(work)
    out = work / "limits-out"
    t = time.perf_counter()
    peak = peak_rss_mb(
        [GAPCHECK, "report", "--format", "pdf", "--force", "-o", str(out), str(path)]
    )
    seconds = time.perf_counter() - t
    pages = len(PdfReader(next(out.glob("*.pdf"))).pages)
    return {"limits_pdf_s": seconds, "limits_peak_rss_mb": peak, "limits_pages": float(pages)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=180, help="assessments for the batch runs")
    ap.add_argument("--reps", type=int, default=5, help="repetitions of the single-file runs")
    ap.add_argument("--batch-reps", type=int, default=1, help="repetitions of the batch runs")
    ap.add_argument(
        "--pdf-n", type=int, default=None, help="assessments for the PDF batch runs (default: -n)"
    )
    ap.add_argument("--checklist", default="opsc")
    ap.add_argument(
        "--startup-reps", type=int, default=21, help="repetitions of the start-up runs (>= 15)"
    )
    ap.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run ({', '.join(SECTIONS)}); others keep their last figures",
    )
    args = ap.parse_args()
    only = set(args.only.split(","))

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

        if "startup" in only:
            r.update(startup(one, max(15, args.startup_reps)))
        if "pdfa" in only:
            r.update(pdfa_costs(work, args.reps))
            r.update(pdfa_parts())
        if "limits" in only:
            r.update(limits_costs(work))
        if "startup" in only:
            for n in (4000, 8000):
                big = big_checklist(n, work / f"big{n}")
                env = {**os.environ, "GAPCHECK_NO_CACHE": "1"}
                r[f"validate_{n}_items_s"] = timed([GAPCHECK, "validate", str(big)], 1, env=env)
            r["validate_size_ratio_8000_4000"] = (
                r["validate_8000_items_s"] / r["validate_4000_items_s"]
            )
        if "html" not in only and "pdf" not in only:
            return finish(args, r)

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

    finish(args, r)


def finish(args: argparse.Namespace, r: dict[str, float]) -> None:
    """Print the table and write bench/results.json (figures of sections not run are kept)."""
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
        "validate_ratio": ("<=", 1.3),
        "help_ratio": ("<=", 1.3),
        "validate_size_ratio_8000_4000": ("<=", 2.5),  # linear: twice the items, twice the time
        "pdf_ratio": ("<=", 1.15),
        "pdf_batch_speedup": (">=", 1.7),
        "pdf_batch_peak_rss_mb_per_worker": ("<=", 300),
        "pdfa_time_ratio": ("<=", 1.25),
        "limits_peak_rss_mb": ("<=", 300),
        "pdfa_bytes_ratio": ("<=", 1.3),
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
    path = ROOT / "bench" / "results.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        kept = {}
    path.write_text(
        json.dumps({"machine": machine, "results": {**kept, **r}}, indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"\nwrote {ROOT / 'bench' / 'results.json'}")


if __name__ == "__main__":
    main()
