"""Markdown in what consultants write (notes, analysis, implementation, remarks).

CommonMark through markdown-it-py, with raw HTML off (`<b>` prints as text), images off
(a report never fetches anything), headings off (the report's outline is its own) and links kept only when they are http or https; every
link opens nothing on its own (`rel="noopener noreferrer"`). The result is markup, safe to
print in HTML and PDF.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://"))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # headings would enter the PDF outline and the report's own heading levels
    md.disable(["image", "html_block", "html_inline", "heading", "lheading"])
    md.validateLink = _safe_link  # type: ignore[method-assign]

    def link_open(renderer, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        tokens[idx].attrSet("rel", "noopener noreferrer")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


def render(text: str) -> Markup:
    """`text` as HTML paragraphs, lists, emphasis and links; empty text gives empty markup."""
    if not text.strip():
        return Markup("")
    return Markup(_parser().render(text))
