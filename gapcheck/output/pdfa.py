"""What makes the PDF archival and accessible, on top of WeasyPrint's own PDF/A-3 and tags.

WeasyPrint 70 writes PDF/A-3 (`pdf_variant="pdf/a-3u"`), the structure tree
(`pdf_tags=True`: headings, lists, tables with TH, figures), /Lang, DisplayDocTitle, and
embedded files with their /AFRelationship in the catalogue's /AF. Three things it leaves
out are added here:
- per-element language: an element with a `lang` attribute (a quotation in another
  language) gets /Lang on its structure element;
- chart text alternatives: a chart is an HTML block with role="img" whose aria-label states
  its numbers: it becomes one /Figure with that /Alt, and its decorative SVG bars (aria-hidden)
  are not figures of their own; an SVG figure gets /Alt from its <title> and <desc>;
- dc:language in the XMP metadata (WeasyPrint writes /Lang in the catalogue only).

The first two hook WeasyPrint's structure-tree builder (`weasyprint.pdf.tags`), the only
place where a structure element still knows its HTML element; tests/test_pdfa.py checks
the result, so a WeasyPrint upgrade that changes the internals fails there, not silently.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

import pydyf
from weasyprint import Attachment
from weasyprint.pdf import tags as weasy_tags

from gapcheck.output.archive import EmbeddedFile

VARIANT = "pdf/a-3u"
SVG = "{http://www.w3.org/2000/svg}"
_ORIGINAL: Callable[..., Iterator[Any]] = weasy_tags._build_box_tree


def _build_box_tree(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
    for element in _ORIGINAL(box, parent, *args):
        source = getattr(box, "_box", box)  # absolutely positioned boxes are wrapped
        html = getattr(source, "element", None)
        # WeasyPrint yields the children of html and body (and of pages): not theirs.
        if html is not None and getattr(source, "element_tag", None) not in ("html", "body"):
            _annotate(element, html)
        yield element


def _annotate(element: Any, html: Any) -> None:
    """Add /Lang and a chart's /Alt to the structure element of `html`."""
    lang = html.get("lang")
    if lang:
        element["Lang"] = pydyf.String(lang)
    if html.get("role") == "img" and html.get("aria-label"):
        # a chart drawn in HTML (labels and values as text, bars as small SVGs): one figure,
        # described as a whole by its text alternative, which states every number
        element["S"] = "/Figure"
        element["Alt"] = pydyf.String(" ".join(html.get("aria-label").split()))
        return
    if element.get("S") == "/Figure" and html.get("aria-hidden") == "true":
        element["S"] = "/Span"  # a bar or an axis inside a figure described above
        return
    if element.get("S") == "/Figure" and html.tag == f"{SVG}svg":
        parts = [
            " ".join(node.text.split())
            for node in (html.find(f"{SVG}title"), html.find(f"{SVG}desc"))
            if node is not None and node.text and node.text.strip()
        ]
        if parts:
            element["Alt"] = pydyf.String(". ".join(parts))


if weasy_tags._build_box_tree is _ORIGINAL:  # once, however often this module is reloaded
    weasy_tags._build_box_tree = _build_box_tree


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
