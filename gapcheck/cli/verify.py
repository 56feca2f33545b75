"""The commands that read a report back: verify, extract."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gapcheck.cli import common

if TYPE_CHECKING:
    from gapcheck.analysis.verify import Verdict
    from gapcheck.formats.model import Checklist
    from gapcheck.formats.report_file import ReportFile


def _read(report: Path) -> ReportFile:
    """The report's embedded files and text, or exit 2 saying why it cannot be read."""
    from gapcheck.formats.report_file import ReportFileError, read

    try:
        return read(report)
    except OSError as e:
        common.echo(f"{report}: cannot read file: {e.strerror}", err=True)
    except ReportFileError as e:
        common.echo(f"{report}: not a gapcheck report: {e}", err=True)
    sys.exit(common.EXIT_USAGE)


@click.command("verify")
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
def verify_command(report: Path) -> None:
    """Check that REPORT (a gapcheck PDF or HTML report) says what its sources say.

    Reads the assessment and checklist the report embeds, validates and scores them with
    this gapcheck, and compares the result with the score the report embeds and with the
    headline, coverage, tier, theme and article figures its pages print.

    Exit status: 0 verified, 1 something differs (listed), 2 not a gapcheck report.
    """
    import json

    from gapcheck.output.archive import MANIFEST

    read = _read(report)
    if MANIFEST not in read.files:
        why = (
            f"it embeds {', '.join(sorted(read.files)[:5])} but no {MANIFEST}, so it prints "
            "no figures to verify (a comparison or a worksheet; `gapcheck extract` gives its "
            "files back)"
            if read.files
            else f"it embeds no {MANIFEST} (reports made before gapcheck embedded their "
            "sources cannot be verified)"
        )
        common.echo(f"{report}: not a gapcheck report: {why}", err=True)
        sys.exit(common.EXIT_USAGE)
    try:
        manifest = json.loads(read.files[MANIFEST])
        verdict = _check(read, manifest)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        common.echo(f"{report}: the report's {MANIFEST} is damaged ({e}); cannot verify", err=True)
        sys.exit(common.EXIT_PROBLEMS)
    for note in verdict.notes:
        common.echo(f"{report}: note: {note}")
    if verdict.verified:
        common.echo(f"{report}: verified: the figures printed are those its sources give")
        sys.exit(common.EXIT_OK)
    common.echo(f"{report}: NOT verified; {len(verdict.differences)} difference(s):", err=True)
    for line in verdict.differences:
        common.echo(f"  {line}", err=True)
    sys.exit(common.EXIT_PROBLEMS)


def _check(read: ReportFile, manifest: dict[str, Any]) -> Verdict:
    """Re-validate and re-score the embedded sources; compare with the report."""
    import json

    from gapcheck.analysis import scoring
    from gapcheck.analysis.verify import Verdict, figure_differences, score_differences, shorten
    from gapcheck.formats import checklist as checklists
    from gapcheck.formats.assessment import validate_source
    from gapcheck.formats.overlay import localized
    from gapcheck.output.archive import sha256
    from gapcheck.output.text import score_json
    from gapcheck.pages import report
    from gapcheck.pages.i18n import choose_locale, offered, translations

    files = read.files
    differences: list[str] = []
    notes: list[str] = []
    a_info, c_info = manifest["assessment"], manifest["checklist"]
    for what, info in (("assessment", a_info), ("checklist", c_info)):
        data = files.get(info["file"])
        if data is None:
            return Verdict((f"the {what} {_shown(info['file'])} is not embedded",))
        if sha256(data) != info["sha256"]:
            differences.append(
                f"the embedded {what} {_shown(info['file'])} is not the file the report was made "
                "from (its SHA-256 differs from the one recorded)"
            )
    cl, problems = checklists.load_bytes(files[c_info["file"]], c_info["file"])
    if cl is None:
        return Verdict((*differences, *(f"checklist: {p}" for p in problems[:10])))
    if (cl.id, cl.version) != (c_info["id"], c_info["version"]):
        differences.append(
            f"the embedded checklist is {cl.id} {cl.version}; "
            f"the report says {_shown(c_info['id'])} {_shown(c_info['version'])}"
        )
    installed, note = _installed(cl, c_info["sha256"])
    notes += note
    result = validate_source(files[a_info["file"]], a_info["file"], cl)
    if result.assessment is None:
        return Verdict(
            (*differences, *(str(p) for p in result.problems if p.level.value == "error"))
        )
    a = result.assessment
    s = scoring.score_assessment(a)
    recorded = json.loads(files[manifest["score"]["file"]])
    differences += shorten(score_differences(recorded, score_json(a_info["file"], a, s)))
    locale, known = choose_locale(str(manifest["locale"]))
    if not known:
        written = ", ".join(offered())
        return Verdict(
            (*differences, f"the report's language {_shown(manifest['locale'])} is not one this "
             f"gapcheck writes ({written}): its pages cannot be read back"),
        )  # fmt: skip
    # The page's words: the installed translation of the same checklist where there is one;
    # for another version, the words the report recorded beside each figure (the figures
    # themselves always come from re-scoring).
    edition = localized(installed, locale.language) if installed else cl
    figures = report.build(
        replace(a, checklist=edition),
        s,
        locale=locale,
        translations=translations(str(locale)),
    ).summary.figures
    if installed is None and locale.language != cl.language:
        figures = _recorded_words(figures, manifest.get("figures"))
        notes.append("figures were found by the words the report recorded beside them")
    rtl = read.kind == "pdf" and locale.character_order == "right-to-left"
    differences += shorten(figure_differences(figures, read.text, right_to_left=rtl))
    return Verdict(tuple(differences), tuple(notes))


def _shown(value: object) -> str:
    """A value the report's manifest gives, for a message: the manifest is untrusted."""
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _recorded_words(figures: tuple[Any, ...], recorded: object) -> tuple[Any, ...]:
    """Each re-scored figure with the words the report recorded around it (its own
    figure is never taken from the report)."""
    words = {
        f["key"]: f
        for f in (recorded if isinstance(recorded, list) else [])
        if isinstance(f, dict)
        and all(isinstance(f.get(k), str) for k in ("key", "before", "after"))
    }
    return tuple(
        replace(f, before=words[f.key]["before"], after=words[f.key]["after"])
        if f.key in words
        else f
        for f in figures
    )


def _installed(cl: Checklist, recorded_sha: str) -> tuple[Checklist | None, list[str]]:
    """The installed checklist when it is byte for byte the report's (its translations
    then apply to the report's words), and what to note when it is not."""
    from gapcheck.formats import checklist as checklists

    try:
        installed = checklists.get(cl.id)
    except (LookupError, checklists.ChecklistError):
        return None, [
            f"no checklist {cl.id} is installed here; the report was checked against its own"
        ]
    if installed.version != cl.version:
        return None, [
            f"the report was scored with checklist {cl.id} {cl.version}; the installed one is "
            f"{installed.version} (verified against the report's own copy)"
        ]
    from gapcheck.output.archive import sha256

    if not installed.source or sha256(installed.source) != recorded_sha:
        return None, [
            f"the installed checklist {cl.id} {cl.version} is not byte for byte the one the "
            "report was scored with (verified against the report's own copy)"
        ]
    return installed, []


@click.command("extract")
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output-dir",
    "output_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the embedded files are written to (created if missing).",
)
@click.option("--force", is_flag=True, help="Replace files that exist.")
def extract_command(report: Path, output_dir: Path, force: bool) -> None:
    """Write the files REPORT (a gapcheck PDF or HTML report) embeds into DIR: the
    assessment and checklist it was made from, its score.json and gapcheck-report.json.

    Names are made safe (no folders, no leading dot); an existing file is never replaced
    without --force.

    Exit status: 0 written, 1 a file exists (nothing written), 2 no embedded files.
    """
    from gapcheck.output.files import write_atomic
    from gapcheck.output.names import safe_file_name

    read = _read(report)
    if not read.files:
        common.echo(f"{report}: embeds no files", err=True)
        sys.exit(common.EXIT_USAGE)
    targets: dict[Path, bytes] = {}
    for n, (name, data) in enumerate(read.files.items(), 1):
        clean = safe_file_name(name, f"embedded-{n}.bin")
        while output_dir / clean in targets:
            clean = f"{n}-{clean}"
        targets[output_dir / clean] = data
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        for p in existing:
            common.echo(f"{p} exists; use --force to replace it", err=True)
        sys.exit(common.EXIT_PROBLEMS)
    for path, data in targets.items():
        try:
            write_atomic(path, data, overwrite=force)
        except FileExistsError:
            raise click.ClickException(f"{path} exists; use --force to replace it") from None
        except OSError as e:
            raise click.ClickException(f"cannot write {path}: {e.strerror}") from None
        common.echo(f"Wrote {path}")
