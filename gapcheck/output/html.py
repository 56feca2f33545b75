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

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from babel import Locale
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from gapcheck.formats.model import Assessment, Checklist
from gapcheck.output import archive
from gapcheck.output.archive import EmbeddedFile
from gapcheck.output.assets import TEMPLATES_DIR, RenderError, assets, page_assets
from gapcheck.pages.bidi import isolate
from gapcheck.pages.common import direction
from gapcheck.pages.i18n import SOURCE_LANGUAGE, choose_locale, shared_locale, translations
from gapcheck.pages.report import Report
from gapcheck.pages.wording import separators

__all__ = [
    "TEMPLATES_DIR",
    "RenderError",
    "assets",
    "choose_locale",
    "render_casefile",
    "render_class",
    "render_comparison",
    "render_diff",
    "render_grid",
    "render_html",
    "render_page",
    "render_reports",
    "render_worksheet",
    "translations",
]

if TYPE_CHECKING:
    from gapcheck.analysis.agreement import ClassAgreement
    from gapcheck.analysis.compare import Matrix
    from gapcheck.analysis.diff import Diff
    from gapcheck.pages.wording import Frame


def _isolated(value: object) -> object:
    """Every value a template prints that holds direction controls is bidi-isolated (see
    pages.bidi), in text, attributes and the <title> alike: an unterminated U+202E must not
    reverse the words after it. (Values set into sentences are isolated where the sentence
    is made; the templates set RTL values in <bdi>.) Our markup and links are left alone."""
    if type(value) is str and not value.startswith(("http://", "https://", "#", "data:")):
        return isolate(value, only_controls=True)
    return value


def checklist_edition(cl: Checklist, locale: Locale) -> Checklist:
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
        finalize=_isolated,
    )
    env.filters["direction"] = direction
    # between the items of a list in a sentence (`;` in most languages, `؛` in Arabic)
    env.globals["semicolon"] = separators(Locale.parse(locale_id).language)[1]
    env.install_gettext_translations(translations(locale_id), newstyle=True)  # type: ignore[attr-defined]
    return env


def render_html(context: Report, files: tuple[EmbeddedFile, ...] = ()) -> str:
    """The report as one self-contained HTML page, carrying `files` in a JSON data block."""
    template = environment(context.locale).get_template("report/report.html")
    data = archive.html_block(files) if files else ""
    return template.render(r=context, assets=assets(), data=data)


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
    edition: str = "full",
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
    a = replace(a, checklist=checklist_edition(a.checklist, locale))
    s = scoring.score_assessment(a)
    context = report.build(
        a,
        s,
        locale=locale,
        translations=translations(str(locale)),
        generated=generated,
        edition=edition,
    )
    files = archive.report_files(
        a, s, locale=str(locale), generated=generated, figures=context.summary.figures
    )
    meta = (context.title, a.assessors, context.lang, context.subject, context.generator)
    outputs = _outputs(
        lambda html: render_html(context, files if html else ()), formats, meta, files, generated
    )
    return Rendered(outputs, str(locale), exact)


Meta = tuple[str, tuple[str, ...], str, str, str]
"""The PDF's (title, authors, lang, subject, generator)."""


def _outputs(
    page: Callable[[bool], str],
    formats: Iterable[str],
    meta: Meta,
    files: tuple[EmbeddedFile, ...] = (),
    day: date | None = None,
    *,
    forms: bool = False,
) -> dict[str, bytes]:
    """The page as html and/or pdf bytes; `page(True)` is the HTML for the HTML file,
    `page(False)` the HTML WeasyPrint lays out (the PDF embeds `files` as PDF files).
    `forms`: the page's form fields become PDF form fields; such a PDF is a working copy
    to fill in, not an archival document, so it is not made PDF/A."""
    outputs: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "html":
            outputs[fmt] = page(True).encode("utf-8")
        elif fmt == "pdf":
            from gapcheck.output import pdf  # WeasyPrint is slow to import: only when a PDF is made

            outputs[fmt] = pdf.write_pdf(
                page(False),
                pdf.Metadata(*meta, day=day),
                files=files,
                forms=forms,
                archival=not forms,
            )
        else:
            raise ValueError(f"unknown format {fmt!r}")
    return outputs


# ---------------------------------------------------------------- the pages beside the report


class PageContext(Protocol):
    """A worksheet, diff or comparison context: its frame, and the content its template shows."""

    @property
    def frame(self) -> Frame: ...


def render_page(
    template: str,
    stylesheet: str,
    context: PageContext,
    formats: Iterable[str],
    files: tuple[EmbeddedFile, ...] = (),
    *,
    forms: bool = False,
) -> dict[str, bytes]:
    """`context` through `template` (which extends base.html), as html and/or pdf bytes.

    Raises RenderError when the PDF cannot be made properly (missing glyphs).
    """
    frame = context.frame
    html = (
        environment(frame.locale)
        .get_template(template)
        .render(r=frame, c=context, assets=page_assets(stylesheet), data="")
    )
    authors = (frame.author,) if frame.author else ()
    meta = (frame.title, authors, frame.lang, frame.subject, frame.generator)
    return _outputs(lambda _html: html, formats, meta, files, forms=forms)


def render_worksheet(
    cl: Checklist,
    formats: Iterable[str],
    language: str = SOURCE_LANGUAGE,
    *,
    only: Collection[str] | None = None,
    fillable: bool = False,
) -> dict[str, bytes]:
    """The blank checklist (or the items `only`) as a printable worksheet (html and/or pdf)
    in `language`; `fillable`: a PDF form to fill in on screen."""
    from gapcheck.pages import worksheet

    locale = choose_locale(language)[0]
    context = worksheet.build(
        checklist_edition(cl, locale),
        locale=locale,
        translations=translations(str(locale)),
        only=only,
        fillable=fillable,
    )
    return render_page(
        "worksheet/worksheet.html",
        "worksheet/worksheet.css",
        context,
        formats,
        archive.source_files([], cl),
        forms=fillable,
    )


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

    cl = checklist_edition(d.before.checklist, locale)
    if cl is not d.before.checklist:  # the same diff, worded from the edition
        d = compare(
            replace(d.before, checklist=cl),
            replace(d.after, checklist=cl),
            only=d.scope,
            model=d.model,
        )
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
    m = replace(m, checklist=checklist_edition(m.checklist, locale))
    context = compare_report.build(m, locale=locale, translations=translations(str(locale)))
    files = archive.source_files([r.assessment for r in m.rows], m.checklist)
    return render_page("compare/compare.html", "compare/compare.css", context, formats, files)


def render_class(
    c: ClassAgreement, formats: Iterable[str], scope: str = "", language: str | None = None
) -> dict[str, bytes]:
    """A room of participants against the model answer (html and/or pdf), in `language`
    (default: the model answer's)."""
    from dataclasses import replace

    from gapcheck.pages import class_view

    locale = choose_locale(language or c.model.language)[0]
    model = replace(c.model, checklist=checklist_edition(c.model.checklist, locale))
    c = replace(c, model=model)
    context = class_view.build(
        c, scope=scope, locale=locale, translations=translations(str(locale))
    )
    return render_page("class/class.html", "class/class.css", context, formats)


def render_casefile(
    a: Assessment,
    formats: Iterable[str],
    only: Collection[str] | None = None,
    scope: str = "",
    language: str | None = None,
) -> dict[str, bytes]:
    """The participants' handout of `a` (html and/or pdf): facts and provisions, no answers."""
    from dataclasses import replace

    from gapcheck.pages import casefile

    locale, _exact = choose_locale(language or a.language)
    a = replace(a, checklist=checklist_edition(a.checklist, locale))
    context = casefile.build(
        a, only=only, scope=scope, locale=locale, translations=translations(str(locale))
    )
    # The handout embeds nothing: the assessment file holds the answers it must not give away.
    return render_page("casefile/casefile.html", "casefile/casefile.css", context, formats)


def render_grid(m: Matrix, formats: Iterable[str]) -> dict[str, bytes]:
    """Every item, State by State (html and/or pdf)."""
    from gapcheck.pages import comparison_grid

    locale = shared_locale(r.assessment.language for r in m.rows)
    context = comparison_grid.build(m, locale=locale, translations=translations(str(locale)))
    files = archive.source_files([r.assessment for r in m.rows], m.checklist)
    return render_page("compare/grid.html", "compare/grid.css", context, formats, files)
