"""What a report carries about itself: its sources and its score, embedded as files.

A PDF report is PDF/A-3 and embeds them as associated files (`/AF`, with the
`/AFRelationship` each file has to the report); an HTML report carries the same files in
a `<script type="application/json" id="gapcheck-data">` block, which browsers never
execute. `gapcheck verify` reads them back (gapcheck.formats.report_file) and re-scores.

The files:
- the assessment YAML, byte for byte as gapcheck read it (Source);
- the checklist YAML it was scored with (Source);
- `score.json`, what `gapcheck score --format json` prints for the assessment (Data);
- `gapcheck-report.json`, the manifest: which file is which, their SHA-256, the
  checklist's id and version, the report's locale and date, and every figure the page
  prints with the words around it (Data).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from gapcheck import __version__
from gapcheck.analysis.scoring import Score
from gapcheck.formats.model import Assessment, Checklist
from gapcheck.output.text import score_json
from gapcheck.pages.report.views import PrintedFigure

MANIFEST = "gapcheck-report.json"
SCORE = "score.json"
FORMAT = "gapcheck-report/1"
DATA_ID = "gapcheck-data"


@dataclass(frozen=True)
class EmbeddedFile:
    name: str
    data: bytes
    mime: str
    relationship: str
    """PDF 2.0 /AFRelationship: Source (what the report was made from) or Data."""
    description: str


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_name(stem: str | None, fallback: str) -> str:
    """A plain file name for an embedded file (readers of the PDF see it)."""
    if stem and re.fullmatch(r"[\w.-]{1,100}", stem, re.ASCII) and not stem.startswith("."):
        return stem if stem.endswith((".yaml", ".yml")) else stem + ".yaml"
    return fallback


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def checklist_file(cl: Checklist) -> EmbeddedFile | None:
    if not cl.source:
        return None
    name = _file_name(cl.path.name if cl.path else None, "checklist.yaml")
    return EmbeddedFile(
        name,
        cl.source,
        "application/yaml",
        "Source",
        f"Checklist {cl.id} version {cl.version}, sha256 {sha256(cl.source)}",
    )


def report_files(
    a: Assessment,
    s: Score,
    *,
    locale: str,
    generated: date | None,
    figures: tuple[PrintedFigure, ...],
) -> tuple[EmbeddedFile, ...]:
    """The files a report of `a` embeds; none when `a` was not read from a file."""
    cl = a.checklist
    checklist = checklist_file(cl)
    if not a.source or checklist is None:
        return ()
    name = _file_name(a.path.name if a.path else None, "assessment.yaml")
    if name == checklist.name:
        name = "assessment-" + name
    assessment = EmbeddedFile(
        name,
        a.source,
        "application/yaml",
        "Source",
        f"Assessment of {a.country.name}, law as of {a.as_of}, as read by gapcheck",
    )
    manifest = {
        "format": FORMAT,
        "generator": f"gapcheck {__version__}",
        "assessment": {"file": assessment.name, "sha256": sha256(a.source)},
        "checklist": {
            "file": checklist.name,
            "id": cl.id,
            "version": cl.version,
            "sha256": sha256(cl.source),
        },
        "score": {"file": SCORE},
        "locale": locale,
        "generated": generated.isoformat() if generated else None,
        "figures": [
            {"key": f.key, "text": f.text, "before": f.before, "after": f.after} for f in figures
        ],
    }
    return (
        assessment,
        checklist,
        EmbeddedFile(
            SCORE,
            _json(score_json(assessment.name, a, s)),
            "application/json",
            "Data",
            "The score, as `gapcheck score --format json` prints it",
        ),
        EmbeddedFile(
            MANIFEST,
            _json(manifest),
            "application/json",
            "Data",
            "What gapcheck verify needs: which file is which, and the figures printed",
        ),
    )


def html_block(files: tuple[EmbeddedFile, ...]) -> Markup:
    """The files as a JSON data block for the HTML report. `<`, `>` and `&` are written as
    JSON escapes, so no text in it (a `</script>` in a note) can end the block."""
    data = {
        "format": FORMAT,
        "files": [
            {
                "name": f.name,
                "mime": f.mime,
                "relationship": f.relationship,
                "description": f.description,
                "base64": base64.b64encode(f.data).decode("ascii"),
            }
            for f in files
        ],
    }
    # ASCII only: no direction control or invisible character of a user's text reaches the
    # page, even inside a block that is never shown
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return Markup(f'<script type="application/json" id="{DATA_ID}">{text}</script>')


def source_files(assessments: list[Assessment], cl: Checklist | None) -> tuple[EmbeddedFile, ...]:
    """The files a comparison (its assessments and checklist) or a worksheet (its checklist)
    was made from, each name used once."""
    files = [f for f in (checklist_file(cl) if cl else None,) if f is not None]
    for a in assessments:
        if not a.source:
            continue
        name = _file_name(a.path.name if a.path else None, "assessment.yaml")
        taken = {f.name for f in files}
        n = 2
        stem = name.rsplit(".", 1)[0]
        while name in taken:
            name, n = f"{stem}-{n}.yaml", n + 1
        files.append(
            EmbeddedFile(
                name,
                a.source,
                "application/yaml",
                "Source",
                f"Assessment of {a.country.name}, law as of {a.as_of}, as read by gapcheck",
            )
        )
    return tuple(files)
