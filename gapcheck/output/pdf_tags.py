"""The PDF structure tree: which element each piece of page content belongs to.

WeasyPrint 70 (`pdf_tags=True`) draws every text fragment inside marked content and builds
the tree in `weasyprint.pdf.tags`; this module replaces that tree builder (adapted from
WeasyPrint's `_build_box_tree`, BSD-3-Clause, © Kozea) to write a smaller tree that says the
same, and to add what it leaves out:
- a text fragment's marked content goes straight into its element's /K: WeasyPrint wraps
  each one in a /Span element of its own (6,414 of the 12,617 elements of the Veridia report);
- a box with no meaning of its own (/NonStruct: anonymous boxes, unknown tags; /Span: a
  <span>) gives its content to its parent instead of a wrapper element, unless it carries a
  language, a link or a form field — as a screen reader would read it anyway;
- `q` is a /Quote and `code` a /Code (WeasyPrint: /NonStruct);
- per-element language: an element with a `lang` attribute gets /Lang;
- chart text alternatives: a chart is an HTML block with role="img" whose aria-label states
  its numbers: it becomes one /Figure with that /Alt, and its decorative SVG bars
  (aria-hidden) are content of that figure, not figures of their own; an SVG figure gets
  /Alt from its <title> and <desc>;
- the page reference is computed once per page (WeasyPrint recomputes the list of all pages
  for every element).

Running headers and footers (margin boxes: title, page number) are pagination artifacts
(`/Artifact <</Type /Pagination>>` in the page's content, as PDF/UA asks): WeasyPrint marks
them as content and maps them to elements no other element lists.

tests/test_pdfa.py checks the result with pikepdf, so a WeasyPrint upgrade that changes the
internals fails there, not silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import pydyf
from weasyprint import document as weasy_document
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.logger import LOGGER
from weasyprint.pdf import tags as weasy_tags
from weasyprint.pdf.stream import Stream as WeasyStream

SVG = "{http://www.w3.org/2000/svg}"
FLAT = {"NonStruct", "Span"}
"""Structure types that add nothing when their element has no language, link or field."""
TAGS = {"q": "Quote", "code": "Code"}

Kid: TypeAlias = "pydyf.Dictionary | int | bytes"
"""What a structure element lists in /K: a child element, a marked-content id, or the
reference of an annotation's object reference (a link or a form field)."""


@dataclass
class _Page:
    pdf: pydyf.PDF
    page: bytes  # the page's reference
    nums: dict[int, bytes]  # marked-content id → the element it belongs to
    annotations: list[tuple[bytes, Any]]
    tags: dict[Any, dict[str, Any]]  # box → its marked content, popped when placed
    inline: dict[Any, pydyf.Dictionary] = field(default_factory=dict)
    """The element made for an inline HTML element, for its fragments on the next lines."""
    terms: set[int] = field(default_factory=set)
    """The list items made for a dt (by id): the dd after it joins them."""

    def element(self, tag: str, parent: pydyf.Dictionary) -> pydyf.Dictionary:
        element = pydyf.Dictionary(
            {"Type": "/StructElem", "S": f"/{tag}", "K": pydyf.Array([]), "Pg": self.page}
        )
        element["P"] = parent.reference
        self.pdf.add_object(element)
        return element

    def content(self, box: Any, owner: pydyf.Dictionary) -> int:
        mcid: int = self.tags.pop(box)["mcid"]
        self.nums[mcid] = owner.reference
        return mcid

    def annotation(self, annotation: Any, owner: pydyf.Dictionary) -> bytes:
        """The object reference that puts a link or form-field annotation in `owner`."""
        reference = pydyf.Dictionary(
            {"Type": "/OBJR", "Obj": annotation.reference, "Pg": self.page}
        )
        self.pdf.add_object(reference)
        self.annotations.append((owner.reference, annotation))
        result: bytes = reference.reference
        return result


def build_box_tree(
    box: Any, parent: Any, pdf: Any, page_number: int, nums: Any, annotations: Any, tags: Any
) -> Iterator[pydyf.Dictionary]:
    """WeasyPrint's entry point (`weasyprint.pdf.tags._build_box_tree`): the elements a page
    adds under the document element."""
    page = _Page(pdf, pdf.page_references[page_number], nums, annotations, tags)
    for kid in _kids(box, parent, page):
        if not isinstance(kid, pydyf.Dictionary):  # nothing is flattened into the document
            raise AssertionError("content right under the document element")
        yield kid


def _kids(box: Any, owner: pydyf.Dictionary, page: _Page) -> list[Kid]:
    """What `box` puts in the /K of `owner`, the nearest element above it: its own element,
    or (when it has no meaning of its own) its content."""
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    element_tag = None if box.element is None else box.element_tag
    if element_tag in ("html", "body") or isinstance(box, boxes.PageBox):
        if isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
            return [kid for child in box.children for kid in _kids(child, owner, page)]
    elif isinstance(box, boxes.MarginBox):
        return []  # drawn as pagination artifacts (`_draw_page`): not content of the tree
    tag = _tag(box, element_tag, owner)
    html = box.element
    if (
        tag in FLAT
        and owner["S"] != "/Document"
        and not (html is not None and html.get("lang"))
        and (not box.link_annotation or owner["S"] == "/Link")
        and not box.widget_annotation
    ):
        # WeasyPrint gives each box inside a link an annotation of its own: the link lists it
        links = [page.annotation(box.link_annotation, owner)] if box.link_annotation else []
        kids, after = _content(box, owner, owner, page)
        return [*links, *kids, *after]
    if tag in ("Lbl", "LBody") and owner["S"] != "/LI":
        # a dt, a dd, or an li without a bullet: wrapped in a list item (a dd joins the item
        # of the dt before it, in `_content`)
        item = page.element("LI", owner)
        item["K"].extend(_refs(_element(box, tag, item, page)))
        if tag == "Lbl":
            page.terms.add(id(item))
        return [item]
    return _element(box, tag, owner, page)


def _tag(box: Any, element_tag: str | None, owner: pydyf.Dictionary) -> str:
    """The structure type of `box`, by WeasyPrint's rules and ours (charts, q, code, dt)."""
    html = box.element
    if html is not None and html.get("role") == "img" and html.get("aria-label"):
        return "Figure"  # a chart drawn in HTML, described as a whole by its aria-label
    tag = TAGS.get(element_tag or "") or weasy_tags._get_pdf_tag(element_tag)
    if tag == "Figure" and html is not None and html.get("aria-hidden") == "true":
        return "Span"  # a bar or an axis inside a figure described above
    if tag in ("TD", "TH") and owner["S"] in ("/TD", "/TH"):
        return "NonStruct"  # an anonymous block inside a table cell
    if tag == "LI":
        if owner["S"] == "/LI":
            return "LBody"  # the anonymous block of a list item
        if owner["S"] in ("/LBody", "/Lbl"):
            return "NonStruct"  # an anonymous block inside those
        if element_tag == "dt":
            return "Lbl"  # a term labels its definitions
        if element_tag == "dd" or (
            element_tag == "li"
            and ("list-item" not in box.style["display"] or box.style["list_style_type"] == "none")
        ):
            return "LBody"
    return tag


def _element(box: Any, tag: str, owner: pydyf.Dictionary, page: _Page) -> list[Kid]:
    """The element of `box`, and what follows it in `owner` (see `_content`)."""
    element = page.element(tag, owner)
    html = box.element
    if html is not None and html.get("lang"):
        element["Lang"] = pydyf.String(html.get("lang"))
    if html is not None and isinstance(box, boxes.InlineBox):
        page.inline[html] = element  # its fragments on the next lines join it (`_content`)
    if tag == "Figure":
        _describe(box, element)
    elif tag in ("TH", "TD"):
        element["A"] = pydyf.Dictionary({"O": "/Table"})
        if box.colspan != 1:
            element["A"]["ColSpan"] = box.colspan
        if box.rowspan != 1:
            element["A"]["RowSpan"] = box.rowspan
        box.mark = element  # found again by _link_headers
    elif tag == "Table" and box.is_table_wrapper and box.get_wrapped_table():
        # the wrapped table is the tagged box, with its captions in it
        wrapper, table = box, box.get_wrapped_table()
        box = table.copy_with_children([])
        for child in wrapper.children:
            box.children.extend(child.children if child is table else [child])
    after = _fill(box, element, owner, page)
    if tag == "Table":
        _link_headers(box, element)
    return [element, *after]


def _fill(box: Any, element: pydyf.Dictionary, owner: pydyf.Dictionary, page: _Page) -> list[Kid]:
    """Put the annotations and content of `box` in `element`; what follows `element` in
    `owner` is returned."""
    if box.link_annotation:
        element["K"].append(page.annotation(box.link_annotation, element))
    if box.widget_annotation:
        form = page.element("Form", element)
        form["K"].append(page.annotation(box.widget_annotation, form))
        element["K"].append(form.reference)
    kids, after = _content(box, element, owner, page)
    element["K"].extend(_refs(kids))
    return after


def _content(
    box: Any, owner: pydyf.Dictionary, above: pydyf.Dictionary, page: _Page
) -> tuple[list[Kid], list[Kid]]:
    """The kids of `box`'s content, placed in `owner`, and those placed after `owner` in
    `above`, the element above it: in PDF a list nested in a list item follows the item."""
    kids: list[Kid] = []
    after: list[Kid] = []
    for child in box.children:
        for grandchild in child.children if isinstance(child, boxes.LineBox) else [child]:
            last = kids[-1] if kids else None
            if isinstance(grandchild, boxes.TextBox):
                kids.append(page.content(grandchild, owner))
            elif grandchild.element_tag in ("ul", "ol") and owner["S"] == "/LI":
                after.extend(_kids(grandchild, above, page))
            elif (
                isinstance(grandchild, boxes.InlineBox)
                and grandchild.element is not None
                and last is not None
                and page.inline.get(grandchild.element) is last
            ):  # the next line's fragment of the inline element just before: one element
                kids.extend(_fill(grandchild, last, owner, page))
            elif (
                grandchild.element_tag == "dd"
                and isinstance(last, pydyf.Dictionary)
                and id(last) in page.terms
            ):  # a definition: in the list item of its term
                last["K"].extend(_refs(_element(grandchild, "LBody", last, page)))
            else:
                kids.extend(_kids(grandchild, owner, page))
    if isinstance(box, boxes.ReplacedBox):
        kids.append(page.content(box, owner))
    return kids, after


def _refs(kids: list[Kid]) -> list[Any]:
    return [kid.reference if isinstance(kid, pydyf.Dictionary) else kid for kid in kids]


def _describe(box: Any, element: pydyf.Dictionary) -> None:
    """A figure's layout box and alternative text (a chart's aria-label; an SVG's title and
    description; an image's alt)."""
    x, y = box.content_box_x(), box.content_box_y()
    element["A"] = pydyf.Dictionary(
        {"O": "/Layout", "BBox": pydyf.Array((x, y, x + box.width, y + box.height))}
    )
    html = box.element
    if html.get("role") == "img" and html.get("aria-label"):
        alt = html.get("aria-label")
    elif html.tag == f"{SVG}svg":
        parts = [node.text for node in (html.find(f"{SVG}title"), html.find(f"{SVG}desc"))]
        alt = ". ".join(" ".join(p.split()) for p in parts if p and p.strip())
    else:
        alt = html.attrib.get("alt")
    if alt:
        element["Alt"] = pydyf.String(" ".join(alt.split()))
    elif html.tag != f"{SVG}svg":
        LOGGER.error('Image "%s" has no required alt description', html.get("src", "unknown"))


def _link_headers(table: Any, element: pydyf.Dictionary) -> None:
    """Give each TH an /ID and each TD the /Headers of its row and column headers
    (WeasyPrint's own algorithm, unchanged)."""

    def rows(box: Any) -> Iterator[Any]:
        for child in box.children:
            yield from [child] if child.element_tag == "tr" else rows(child)

    column_headers: dict[int, list[pydyf.String]] = defaultdict(list)
    row_headers: dict[int, list[pydyf.String]] = defaultdict(list)
    all_rows = tuple(rows(table))
    spans: dict[int, int] = defaultdict(int)
    for i, row in enumerate(all_rows):
        j = 0
        for cell in row.children:
            if cell.element is not None and cell.element_tag == "th":
                key = pydyf.String(f"{element.number}-{i}-{j}")
                cell.mark["ID"] = key
                if cell.element.attrib.get("scope") == "row":
                    row_headers[i].append(key)
                else:
                    column_headers[j].append(key)
            j = _advance(cell, j, spans)
    spans = defaultdict(int)
    for i, row in enumerate(all_rows):
        j = 0
        for cell in row.children:
            if cell.element is not None and cell.element_tag == "td":
                headers = [h for span in range(cell.rowspan) for h in row_headers[i + span]]
                headers += [h for span in range(cell.colspan) for h in column_headers[j + span]]
                cell.mark["A"]["Headers"] = pydyf.Array(headers)
            j = _advance(cell, j, spans)


def _advance(cell: Any, j: int, spans: dict[int, int]) -> int:
    for _ in range(cell.colspan):
        spans[j] = cell.rowspan - 1
        j += 1
    if spans[j]:
        j += 1
        spans[j] -= 1
    return j


def _draw_page(page: Any, stream: Any) -> None:
    """WeasyPrint's `draw_page`, with the boxes of the page's margins (running header and
    footer, page number) listed on the stream: `_marked` draws them as artifacts."""
    stream.gapcheck_artifacts = {
        id(box) for margin in page.children if isinstance(margin, boxes.MarginBox)
        for box in _descendants(margin)
    }  # fmt: skip
    _DRAW_PAGE(page, stream)


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


@contextmanager
def _marked(stream: Any, box: Any, tag: str) -> Iterator[None]:
    """WeasyPrint's `Stream.marked`: content in the tree, or a pagination artifact (PDF/UA:
    running headers and footers are artifacts, which a screen reader does not read)."""
    if stream._tags is None or id(box) not in getattr(stream, "gapcheck_artifacts", ()):
        with _MARKED(stream, box, tag):
            yield
        return
    stream.begin_marked_content("Artifact", pydyf.Dictionary({"Type": "/Pagination"}))
    try:
        yield
    finally:
        stream.end_marked_content()


_DRAW_PAGE = weasy_document.draw_page
_MARKED = WeasyStream.marked
_ORIGINAL = weasy_tags._build_box_tree
if getattr(_ORIGINAL, "__module__", "") != __name__:  # once, however often this is reloaded
    weasy_document.draw_page = _draw_page
    WeasyStream.marked = _marked
    weasy_tags._build_box_tree = build_box_tree
