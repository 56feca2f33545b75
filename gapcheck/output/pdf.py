"""The PDF report: WeasyPrint lays out the report HTML on A4.

Safety and quality gates:
- the URL fetcher serves only files inside gapcheck's own templates folder and refuses
  everything else (other files, http(s), data:); a refused request stops the render, as
  it can only mean a template bug or injected markup;
- a missing glyph (WeasyPrint logs ".notdef glyph rendered…") stops the render, so a
  report never goes out with boxes in place of letters.

Every PDF is tagged PDF/A-3u and embeds the files it was made from (see `pdfa` and
`archive`); `archival=False` gives the plain PDF of earlier versions (`make bench`
measures what archiving costs).

WeasyPrint is imported here only, and this module only when a PDF is written.
"""

from __future__ import annotations

import logging
import mimetypes
import warnings as py_warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint import __version__ as weasyprint_version
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from gapcheck.output import pdfa
from gapcheck.output.archive import EmbeddedFile
from gapcheck.output.assets import TEMPLATES_DIR, RenderError

NOTDEF = ".notdef glyph"


class PdfError(RenderError):
    """The PDF cannot be made as it should be (missing glyphs, refused resources)."""


@dataclass(frozen=True)
class Metadata:
    title: str
    authors: tuple[str, ...]
    lang: str
    subject: str
    generator: str
    day: date | None = None
    """The report date; embedded files are dated with it (now when None)."""


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serves files inside `root` only; refuses and records everything else."""

    def __init__(self, root: Path = TEMPLATES_DIR) -> None:
        super().__init__(
            timeout=5, allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True
        )
        self.root = root.resolve()
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        self.requested.append(url)
        path = self._path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"gapcheck serves only its own template files; refused {url[:200]}")
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
        )

    def _path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None


class _GlyphWatch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.warnings.append(message)
        if message.startswith(NOTDEF):
            self.missing.append(message.split(": ", 1)[-1])


@contextmanager
def _watch() -> Iterator[_GlyphWatch]:
    logger = logging.getLogger("weasyprint")
    handler = _GlyphWatch()
    level = logger.level
    if not logger.isEnabledFor(logging.WARNING):
        logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def write_pdf(
    html: str,
    meta: Metadata,
    *,
    files: tuple[EmbeddedFile, ...] = (),
    archival: bool = True,
    fetcher: AssetFetcher | None = None,
    warnings: list[str] | None = None,
    forms: bool = False,
) -> bytes:
    """The PDF of a report page, tagged PDF/A-3 with `files` embedded (unless not
    `archival`). Raises PdfError on a missing glyph or a refused resource.

    WeasyPrint's log messages (CSS it ignored, for instance) are appended to `warnings`.
    """
    fetcher = fetcher or AssetFetcher()
    with _watch() as watch:
        try:
            document = HTML(
                string=html, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=fetcher
            ).render(pdf_forms=forms)  # form fields are laid out at render time
        except FatalURLFetchingError as e:
            raise PdfError(
                f"the report asked for a resource gapcheck does not serve: "
                f"{', '.join(fetcher.refused) or e}"
            ) from None
        document.metadata.title = meta.title
        document.metadata.authors = list(meta.authors)
        document.metadata.description = meta.subject
        document.metadata.lang = meta.lang
        document.metadata.generator = f"{meta.generator} (WeasyPrint {weasyprint_version})"
        if archival:
            when = datetime.combine(meta.day, time(), UTC) if meta.day else datetime.now(UTC)
            with py_warnings.catch_warnings():
                # WeasyPrint 70 opens its sRGB profile for the PDF/A output intent and
                # never closes it (a ResourceWarning when the file object is freed).
                py_warnings.simplefilter("ignore", ResourceWarning)
                data: bytes = document.write_pdf(
                    pdf_variant=pdfa.VARIANT,
                    pdf_tags=True,
                    attachments=pdfa.attachments(files, when),
                    finisher=pdfa.finisher(meta.lang, files),
                )
        else:
            data = document.write_pdf()
    if warnings is not None:
        warnings.extend(watch.warnings)
    if watch.missing:
        chars = ", ".join(dict.fromkeys(watch.missing))
        raise PdfError(
            f"no installed font has a glyph for {chars}; install a font covering it "
            "(see scripts/system-deps.sh) and name it in templates/shared/report.css"
        )
    return data
