"""The HTML report: Jinja2 templates with autoescape, the i18n extension and Babel catalogues.

The HTML is one self-contained file (inline CSS, SVG and script, no request of any kind),
locked down by a Content-Security-Policy that allows only our own style and script by
hash. The same HTML is what WeasyPrint lays out for the PDF. The worksheet, diff and
comparison pages (`render_page`) extend the same base template and reuse its CSS.

Fixed words are marked for translation in the templates (`{% trans %}`, `_()`) and in
the modules that build contexts; extract them with `make messages` (see babel.cfg). The
catalogues are found by `gapcheck.pages.i18n`; the CSS, script and CSP by `assets`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from babel import Locale
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from gapcheck.formats.model import Assessment, Checklist
from gapcheck.output.assets import TEMPLATES_DIR, RenderError, assets, page_assets
from gapcheck.pages.common import direction
from gapcheck.pages.i18n import SOURCE_LANGUAGE, choose_locale, shared_locale, translations
from gapcheck.pages.report import Report

__all__ = [
    "TEMPLATES_DIR",
    "RenderError",
    "assets",
    "choose_locale",
    "render_comparison",
    "render_diff",
    "render_html",
    "render_page",
    "render_reports",
    "render_worksheet",
    "translations",
]

if TYPE_CHECKING:
    from gapcheck.analysis.compare import Matrix
    from gapcheck.analysis.diff import Diff
    from gapcheck.pages.wording import Frame


def edition(cl: Checklist, locale: Locale) -> Checklist:
    """The checklist in the page's language where it has an overlay (formats/overlay.py)."""
    from gapcheck.formats.overlay import localized

    return localized(cl, locale.language)


@lru_cache(maxsize=8)
def environment(locale_id: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["direction"] = direction
    env.install_gettext_translations(translations(locale_id), newstyle=True)  # type: ignore[attr-defined]
    return env


def render_html(context: Report) -> str:
    """The report as one self-contained HTML page."""
    template = environment(context.locale).get_template("report/report.html")
    return template.render(r=context, assets=assets())


@dataclass(frozen=True)
class Rendered:
    """The reports of one assessment, by format, ready to write."""

    outputs: dict[str, bytes]
    locale: str
    exact_locale: bool
    """False when the assessment's language has no catalogue and English was used."""


def render_reports(
    a: Assessment,
    formats: Iterable[str],
    *,
    generated: date | None = None,
    language: str | None = None,
) -> Rendered:
    """Score `a` and render its report in `formats` (html, pdf), in `language` (default: the
    assessment's): fixed words from the catalogue, the checklist from its edition.

    Raises RenderError when a report cannot be made properly (missing glyphs).
    """
    from dataclasses import replace

    from gapcheck.analysis import scoring
    from gapcheck.pages import report

    locale, exact = choose_locale(language or a.language)
    a = replace(a, checklist=edition(a.checklist, locale))
    context = report.build(
        a,
        scoring.score(a.checklist, a.statuses()),
        locale=locale,
        translations=translations(str(locale)),
        generated=generated,
    )
    html = render_html(context)
    meta = (context.title, a.assessors, context.lang, context.subject, context.generator)
    return Rendered(_outputs(html, formats, meta), str(locale), exact)


def _outputs(
    html: str, formats: Iterable[str], meta: tuple[str, tuple[str, ...], str, str, str]
) -> dict[str, bytes]:
    """The page as html and/or pdf bytes; `meta` is the PDF's (title, authors, lang,
    subject, generator)."""
    outputs: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "html":
            outputs[fmt] = html.encode("utf-8")
        elif fmt == "pdf":
            from gapcheck.output import pdf  # WeasyPrint is slow to import: only when a PDF is made

            outputs[fmt] = pdf.write_pdf(html, pdf.Metadata(*meta))
        else:
            raise ValueError(f"unknown format {fmt!r}")
    return outputs


# ---------------------------------------------------------------- the pages beside the report


class PageContext(Protocol):
    """A worksheet, diff or comparison context: its frame, and the content its template shows."""

    @property
    def frame(self) -> Frame: ...


def render_page(
    template: str, stylesheet: str, context: PageContext, formats: Iterable[str]
) -> dict[str, bytes]:
    """`context` through `template` (which extends base.html), as html and/or pdf bytes.

    Raises RenderError when the PDF cannot be made properly (missing glyphs).
    """
    frame = context.frame
    html = (
        environment(frame.locale)
        .get_template(template)
        .render(r=frame, c=context, assets=page_assets(stylesheet))
    )
    authors = (frame.author,) if frame.author else ()
    return _outputs(
        html, formats, (frame.title, authors, frame.lang, frame.subject, frame.generator)
    )


def render_worksheet(
    cl: Checklist, formats: Iterable[str], language: str = SOURCE_LANGUAGE
) -> dict[str, bytes]:
    """The blank checklist as a printable worksheet (html and/or pdf) in `language`."""
    from gapcheck.pages import worksheet

    locale = choose_locale(language)[0]
    context = worksheet.build(
        edition(cl, locale), locale=locale, translations=translations(str(locale))
    )
    return render_page("worksheet/worksheet.html", "worksheet/worksheet.css", context, formats)


def render_diff(d: Diff, before_name: str, after_name: str, language: str | None = None) -> str:
    """The differences between two assessments as one self-contained HTML page, in
    `language` (default: the assessments' shared language, else English)."""
    from dataclasses import replace

    from gapcheck.pages import diff as diff_report

    if language:
        locale = choose_locale(language)[0]
    else:
        locale = shared_locale((d.before.language, d.after.language))
    from gapcheck.analysis.diff import compare

    cl = edition(d.before.checklist, locale)
    if cl is not d.before.checklist:  # the same diff, worded from the edition
        d = compare(replace(d.before, checklist=cl), replace(d.after, checklist=cl))
    context = diff_report.build(
        d, before_name, after_name, locale=locale, translations=translations(str(locale))
    )
    return render_page("diff/diff.html", "diff/diff.css", context, ["html"])["html"].decode("utf-8")


def render_comparison(
    m: Matrix, formats: Iterable[str], language: str | None = None
) -> dict[str, bytes]:
    """Many States side by side (html and/or pdf), in `language` (default: the assessments'
    shared language, else English)."""
    from dataclasses import replace

    from gapcheck.pages import comparison as compare_report

    if language:
        locale = choose_locale(language)[0]
    else:
        locale = shared_locale(r.assessment.language for r in m.rows)
    m = replace(m, checklist=edition(m.checklist, locale))
    context = compare_report.build(m, locale=locale, translations=translations(str(locale)))
    return render_page("compare/compare.html", "compare/compare.css", context, formats)
