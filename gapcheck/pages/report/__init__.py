"""The gap report's one context: plain data built from an assessment and its score.

Every number, label, percentage and date a report shows is made here (numbers from
`analysis.scoring` only, formatted with Babel for the report locale; words through the
report's translations), so the HTML and PDF templates only lay it out. No I/O.

The parts: `front` (cover, contents, summary), `findings` (synopsis, articles and items),
`back` (methodology, annexes, filters), all built from one `Builder`; `views` holds the
dataclasses the templates read.
"""

from __future__ import annotations

import gettext
from dataclasses import fields
from datetime import date

from babel import Locale

from gapcheck.analysis.scoring import Score
from gapcheck.formats.model import Assessment
from gapcheck.pages.bidi import isolate
from gapcheck.pages.common import direction, one_line
from gapcheck.pages.report import back, findings, front, recommendations
from gapcheck.pages.report.builder import Builder
from gapcheck.pages.report.views import Link, Report
from gapcheck.pages.wording import Frame

__all__ = ["EDITIONS", "Link", "Report", "build", "direction", "one_line"]

EDITIONS = ("full", "brief")


def build(
    a: Assessment,
    s: Score,
    *,
    locale: Locale | None = None,
    translations: gettext.NullTranslations | None = None,
    generated: date | None = None,
    edition: str = "full",
) -> Report:
    """The report context of one assessment. `generated` is printed as the report date
    (None prints none: golden files stay stable). `edition` is `full` or `brief` (cover,
    summary, recommendations, synopsis and a short method: what a committee reads)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; expected one of {', '.join(EDITIONS)}")
    b = Builder(
        a,
        s,
        locale or Locale("en"),
        translations or gettext.NullTranslations(),
        generated,
        edition,
    )
    return _report(b)


def _report(b: Builder) -> Report:
    _ = b._
    a, cl = b.a, b.cl
    title = _("Implementation of the {treaty}: gap analysis of {country}").format(
        treaty=isolate(cl.treaty.name), country=isolate(a.country.name)
    )
    articles = findings.articles(b)
    short_title = _("{country}: gap analysis ({symbol})").format(
        country=isolate(a.country.name), symbol=isolate(cl.treaty.symbol)
    )
    if a.country.fictional:  # every running header says so, not only the cover
        short_title = _("Fictional State — training material") + " · " + short_title
    frame = b.frame(
        title=title,
        short_title=short_title,
        author=", ".join(a.assessors),
        subject=_(
            "Gap analysis of the law of {country} as of {date} against the {treaty} ({symbol})"
        ).format(
            country=isolate(a.country.name),
            date=b.day(a.as_of),
            treaty=isolate(cl.treaty.name),
            symbol=isolate(cl.treaty.symbol),
        ),
    )
    return Report(
        **{f.name: getattr(frame, f.name) for f in fields(Frame)},
        edition=b.edition,
        cover=front.cover(b, title),
        toc=front.toc(b, articles),
        summary=front.summary(b),
        recommendations=recommendations.build(b),
        synopsis=findings.synopsis(b),
        articles=articles,
        methodology=back.methodology(b),
        annexes=back.annexes(b),
        filters=back.filters(b),
        colophon=front.colophon(b),
        source_lang=a.language if a.language.split("-")[0].lower() != b.loc.language else "",
    )
