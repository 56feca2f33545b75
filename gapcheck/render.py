"""The HTML report: Jinja2 templates with autoescape, the i18n extension and Babel catalogues.

The HTML is one self-contained file (inline CSS, SVG and script, no request of any kind),
locked down by a Content-Security-Policy that allows only our own style and script by
hash. The same HTML is what WeasyPrint lays out for the PDF. The worksheet, diff and
comparison pages (`render_page`) extend the same base template and reuse its CSS.

Fixed words are marked for translation in the templates (`{% trans %}`, `_()`) and in
the modules that build contexts; extract them with `make messages` (see babel.cfg). A language is offered when
`gapcheck/locale/<lang>/LC_MESSAGES/messages.mo` exists; English needs no catalogue.
"""

from __future__ import annotations

import base64
import gettext
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from babel import Locale, UnknownLocaleError
from babel.support import Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from gapcheck.model import Assessment, Checklist
from gapcheck.report import Report

if TYPE_CHECKING:
    from gapcheck.compare import Matrix
    from gapcheck.diff import Diff
    from gapcheck.wording import Frame

_HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = (
    _HERE / "templates" if (_HERE / "templates").is_dir() else _HERE.parent / "templates"
)
LOCALE_DIR = _HERE / "locale"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
STYLESHEETS = ("report.css", "print.css")
SCRIPT = "filters.js"


class RenderError(Exception):
    """A report cannot be made as it should be (for example a glyph no font has)."""


def choose_locale(language: str) -> tuple[Locale, bool]:
    """The report locale for an assessment's `language`, and whether it is the one asked for.

    A language without a catalogue falls back to English entirely (words, numbers, dates
    and direction), rather than print English words in, say, Arabic number format.
    """
    try:
        wanted = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(SOURCE_LANGUAGE), False
    if wanted.language == SOURCE_LANGUAGE or _has_catalogue(wanted):
        return wanted, True
    return Locale.parse(SOURCE_LANGUAGE), False


def _has_catalogue(locale: Locale) -> bool:
    return any(
        (LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
        for name in (str(locale), locale.language)
    )


@lru_cache(maxsize=8)
def translations(locale_id: str) -> gettext.NullTranslations:
    """The message catalogue of a locale (NullTranslations: the English source words)."""
    if Locale.parse(locale_id).language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return Translations.load(str(LOCALE_DIR), [locale_id], domain=DOMAIN)


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
    env.install_gettext_translations(translations(locale_id), newstyle=True)  # type: ignore[attr-defined]
    return env


def _csp_hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


@lru_cache(maxsize=1)
def assets() -> dict[str, Markup | str]:
    """Our own CSS and script, inlined, and the CSP that allows exactly them."""
    css = {name: (TEMPLATES_DIR / name).read_text(encoding="utf-8") for name in STYLESHEETS}
    script = (TEMPLATES_DIR / SCRIPT).read_text(encoding="utf-8")
    styles = " ".join(_csp_hash(text) for text in css.values())
    csp = (
        f"default-src 'none'; style-src {styles}; script-src {_csp_hash(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    # Our own files, not user text: inlined verbatim.
    return {
        "screen_css": Markup(css["report.css"]),
        "print_css": Markup(css["print.css"]),
        "script": Markup(script),
        "csp": csp,
    }


def render_html(context: Report) -> str:
    """The report as one self-contained HTML page."""
    template = environment(context.locale).get_template("report.html")
    return template.render(r=context, assets=assets())


@dataclass(frozen=True)
class Rendered:
    """The reports of one assessment, by format, ready to write."""

    outputs: dict[str, bytes]
    locale: str
    exact_locale: bool
    """False when the assessment's language has no catalogue and English was used."""


def render_reports(
    a: Assessment, formats: Iterable[str], *, generated: date | None = None
) -> Rendered:
    """Score `a` and render its report in `formats` (html, pdf).

    Raises RenderError when a report cannot be made properly (missing glyphs).
    """
    from gapcheck import report, scoring

    locale, exact = choose_locale(a.language)
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
            from gapcheck import pdf  # WeasyPrint is slow to import: only when a PDF is made

            outputs[fmt] = pdf.write_pdf(html, pdf.Metadata(*meta))
        else:
            raise ValueError(f"unknown format {fmt!r}")
    return outputs


# ---------------------------------------------------------------- the pages beside the report


class PageContext(Protocol):
    """A worksheet, diff or comparison context: its frame, and the content its template shows."""

    @property
    def frame(self) -> Frame: ...


@lru_cache(maxsize=8)
def page_assets(stylesheet: str) -> dict[str, Markup | str]:
    """The report's CSS and the page's own (`stylesheet` in templates/), inlined, and a CSP
    that allows exactly them and no script: these pages have none."""
    names = (*STYLESHEETS, stylesheet)
    css = {name: (TEMPLATES_DIR / name).read_text(encoding="utf-8") for name in names}
    styles = " ".join(_csp_hash(text) for text in css.values())
    csp = (
        f"default-src 'none'; style-src {styles}; script-src 'none'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return {
        "screen_css": Markup(css["report.css"]),
        "print_css": Markup(css["print.css"]),
        "page_css": Markup(css[stylesheet]),
        "csp": csp,
    }


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


def _shared_locale(languages: Iterable[str]) -> Locale:
    """The locale of assessments that share a language with a catalogue; English otherwise."""
    distinct = set(languages)
    if len(distinct) == 1:
        return choose_locale(distinct.pop())[0]
    return Locale.parse(SOURCE_LANGUAGE)


def render_worksheet(cl: Checklist, formats: Iterable[str]) -> dict[str, bytes]:
    """The blank checklist as a printable worksheet (html and/or pdf)."""
    from gapcheck import worksheet

    locale = Locale.parse(SOURCE_LANGUAGE)
    context = worksheet.build(cl, locale=locale, translations=translations(str(locale)))
    return render_page("worksheet.html", "worksheet.css", context, formats)


def render_diff(d: Diff, before_name: str, after_name: str) -> str:
    """The differences between two assessments as one self-contained HTML page."""
    from gapcheck import diff_report

    locale = _shared_locale((d.before.language, d.after.language))
    context = diff_report.build(
        d, before_name, after_name, locale=locale, translations=translations(str(locale))
    )
    return render_page("diff.html", "diff.css", context, ["html"])["html"].decode("utf-8")


def render_comparison(m: Matrix, formats: Iterable[str]) -> dict[str, bytes]:
    """Many States side by side (html and/or pdf)."""
    from gapcheck import compare_report

    locale = _shared_locale(r.assessment.language for r in m.rows)
    context = compare_report.build(m, locale=locale, translations=translations(str(locale)))
    return render_page("compare.html", "compare.css", context, formats)
