"""What makes the PDF archival and accessible, on top of WeasyPrint's own PDF/A-3 and tags.

WeasyPrint 70 writes PDF/A-3 (`pdf_variant="pdf/a-3u"`), the structure tree
(`pdf_tags=True`; gapcheck builds it with `pdf_tags`: smaller, with /Lang per element and
charts as figures), /Lang, DisplayDocTitle, and embedded files with their /AFRelationship in
the catalogue's /AF. What it leaves out is added here by a finisher: dc:language in the XMP
metadata (WeasyPrint writes /Lang in the catalogue only), the MIME type of each embedded
file, and /AF listing each file once.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

import pydyf
from weasyprint import Attachment

from gapcheck.output import pdf_tags  # noqa: F401  (installs gapcheck's structure tree)
from gapcheck.output.archive import EmbeddedFile

VARIANT = "pdf/a-3u"


def attachments(files: tuple[EmbeddedFile, ...], when: datetime) -> list[Attachment]:
    """WeasyPrint attachments; dated `when` (the report date), so a report made twice from
    the same files is the same PDF."""
    return [
        Attachment(
            file_obj=io.BytesIO(f.data),
            name=f.name,
            description=f.description,
            relationship=f.relationship,
            created=when,
            modified=when,
        )
        for f in files
    ]


def finisher(lang: str, files: tuple[EmbeddedFile, ...]) -> Callable[[Any, pydyf.PDF], None]:
    """A WeasyPrint finisher: dc:language in the XMP metadata, each embedded file's MIME
    type (WeasyPrint guesses from the name and knows no .yaml), and /AF listing each file
    once (WeasyPrint 70 lists each twice)."""
    mimes = {f.name: f.mime for f in files}

    def finish(document: Any, pdf: pydyf.PDF) -> None:
        for obj in pdf.objects:
            if isinstance(obj, dict) and obj.get("Type") == "/Filespec":
                mime = mimes.get(getattr(obj.get("UF"), "string", ""))
                if mime:
                    pdf.objects[_number(obj["EF"]["F"])].extra["Subtype"] = "/" + mime.replace(
                        "/", "#2f"
                    )
        if "AF" in pdf.catalog:
            pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))
        if "Metadata" in pdf.catalog and lang:
            _add_language(pdf.objects[_number(pdf.catalog["Metadata"])], lang)

    return finish


def _number(reference: object) -> int:
    """The object number of a pydyf reference (`b"12 0 R"` or `"12 0 R"`)."""
    text = reference.decode("ascii") if isinstance(reference, bytes) else str(reference)
    return int(text.split()[0])


def _add_language(stream: pydyf.Stream, lang: str) -> None:
    described = (
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description></rdf:RDF>"
    ).encode()
    stream.stream = [
        chunk.replace(b"</rdf:RDF>", described, 1) if isinstance(chunk, bytes) else chunk
        for chunk in stream.stream
    ]
