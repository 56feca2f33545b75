"""Reading a gapcheck report back: the files it embeds and the text it prints.

A report is untrusted like any file a user hands us: it is read only up to MAX_BYTES,
nothing in it is executed or fetched, and the names of its embedded files are data, not
paths (gapcheck extract makes them safe). A PDF's embedded files are read with pypdf; its
text with poppler's pdftotext (WeasyPrint draws charts in form XObjects, whose text pypdf
does not extract), in two reading orders: the content-stream order (`-raw`, the
document's order) and the layout order (which reaches the charts).
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 100 * 1024 * 1024
MAX_FILES = 64
DATA_BLOCK = re.compile(
    rb'<script type="application/json" id="gapcheck-data">(.*?)</script>', re.DOTALL
)
TIMEOUT = 120
"""Seconds pdftotext may take, all reading orders together."""


class ReportFileError(Exception):
    """Not a report gapcheck can read back (not a PDF or HTML report, no embedded data)."""


@dataclass(frozen=True)
class ReportFile:
    kind: str
    """`pdf` or `html`."""
    files: dict[str, bytes]
    """Embedded files by their (untrusted) name."""
    text: str
    """What the pages print, in reading orders the figures can be found in."""


def read(path: Path) -> ReportFile:
    """The embedded files and printed text of a PDF or HTML report.
    Raises ReportFileError (or OSError when the file cannot be read)."""
    with path.open("rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ReportFileError(f"larger than {MAX_BYTES // 1024 // 1024} MiB")
    if data.startswith(b"%PDF-"):
        return ReportFile("pdf", _pdf_files(data), _pdf_text(path))
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return ReportFile("html", _html_files(data), _html_text(data))
    raise ReportFileError("neither a PDF nor an HTML file")


def _pdf_files(data: bytes) -> dict[str, bytes]:
    """The embedded files, read one by one: at most MAX_FILES of them and MAX_BYTES in all
    once decompressed (a small PDF can hold files that inflate a thousandfold; pypdf stops
    each at 75 MB, not their sum)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    files: dict[str, bytes] = {}
    total = 0
    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
        for n, name in enumerate(attachments):
            if n >= MAX_FILES:
                raise ReportFileError(f"it embeds more than {MAX_FILES} files")
            contents = attachments[name]
            if contents:
                files[name] = contents[0]
                total += len(contents[0])
            if total > MAX_BYTES:
                raise ReportFileError(
                    f"its embedded files come to more than {MAX_BYTES // 1024 // 1024} MiB"
                )
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        raise ReportFileError(f"cannot read the PDF's embedded files: {e}") from None
    return files


def _pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise ReportFileError(
            "reading a PDF's text needs pdftotext (Debian package poppler-utils; "
            "see scripts/system-deps.sh)"
        )
    texts = []
    deadline = time.monotonic() + TIMEOUT
    for mode in (["-raw"], [], ["-layout"]):  # a figure is found in whichever keeps it whole
        try:
            done = subprocess.run(
                # the path made absolute: a file named `-layout.pdf` is not an option
                [tool, *mode, "-enc", "UTF-8", "-q", os.path.abspath(path), "-"],
                capture_output=True,
                timeout=max(1.0, deadline - time.monotonic()),
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ReportFileError(f"pdftotext took more than {TIMEOUT} s") from None
        if done.returncode != 0:
            raise ReportFileError("pdftotext cannot read it: not a readable PDF")
        if len(done.stdout) > MAX_BYTES:
            raise ReportFileError(f"it prints more than {MAX_BYTES // 1024 // 1024} MiB of text")
        texts.append(done.stdout.decode("utf-8", "replace"))
    return "\n\f\n".join(texts)


def _html_files(data: bytes) -> dict[str, bytes]:
    match = DATA_BLOCK.search(data)
    if match is None:
        return {}
    try:
        block = json.loads(match.group(1))
        return {
            str(f["name"]): base64.b64decode(f["base64"], validate=True) for f in block["files"]
        }
    except (ValueError, KeyError, TypeError, RecursionError) as e:
        raise ReportFileError(f"the report's data block is damaged: {e}") from None


def _html_text(data: bytes) -> str:
    """The page's text: scripts and styles left out, tags removed, entities decoded."""
    text = data.decode("utf-8", "replace")
    text = re.sub(r"<(script|style|title|desc)\b.*?</\1>", " ", text, flags=re.DOTALL | re.I)
    return html.unescape(re.sub(r"<[^>]*>", "", text))
