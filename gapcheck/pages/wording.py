"""Words, numbers and dates of one locale, for the pages beside the gap report.

The worksheet, the diff page and the comparison page build their contexts from these, as
`report.py` does for the gap report: fixed words through the catalogue (`_()`), numbers
and dates formatted with Babel. Each page context starts with a `Frame`, the fields
`templates/base.html` and the PDF metadata need. No I/O.
"""

from __future__ import annotations

import gettext
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, parse_pattern

from gapcheck import __version__
from gapcheck.analysis.scoring import Group
from gapcheck.formats.model import Checklist, Item, Obligation, Status, Tier

TIER_KEYS = ("core", "optional", "recommended", "informational")
FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"
"""Unicode isolates: a Latin run (a statute number, `3(1)(a)`) inside Arabic keeps its own
order. As characters, not `<bdi>`: WeasyPrint ignores `<bdi>` and `unicode-bidi`, but
Pango applies the isolates, in the PDF as in a browser."""
MINUS = "\u2212"
"""The minus sign, not the hyphen: `−5.0` reads as a negative number in print."""


@dataclass(frozen=True)
class Badge:
    """A status shown as a word on a coloured chip (never colour alone)."""

    value: str
    """Status value as written in assessments: yes, partial, no, n/a, unknown."""
    css: str
    """Class-safe form of the value (n/a → na)."""
    label: str


@dataclass(frozen=True)
class Run:
    """Text in another language than the page's (English checklist words or treaty text in
    a French or Arabic page): the `lang` and `dir` its element carries; empty when none."""

    lang: str = ""
    dir: str = ""


@dataclass(frozen=True)
class PageStrings:
    """Pieces of "Page {page} of {pages}" around the two numbers, for the PDF footer."""

    before: str
    between: str
    after: str


@dataclass(frozen=True)
class Frame:
    """What every page shows around its content: `<html lang dir>`, title, metadata and the
    strings of the PDF's running header and footer."""

    locale: str
    """Babel locale id (en, fr, ar…)."""
    lang: str
    """BCP 47 tag for `<html lang>`."""
    dir: str
    """ltr or rtl."""
    title: str
    short_title: str
    """For the running header."""
    author: str
    subject: str
    generator: str
    page: PageStrings


SEPARATORS = {"ar": ("\u060c ", "\u061b ")}
"""List separators (comma, semicolon) where the language has its own; others: `, ` `; `."""


def separators(language: str) -> tuple[str, str]:
    """The comma and the semicolon that separate a list's items in a sentence."""
    return SEPARATORS.get(language, (", ", "; "))


class Wording:
    """The fixed words, numbers and dates of one locale."""

    def __init__(
        self, locale: Locale | None = None, translations: gettext.NullTranslations | None = None
    ) -> None:
        self.loc = locale or Locale("en")
        self.t = translations or gettext.NullTranslations()
        _ = self._
        self.status_labels = {
            Status.YES: _("Implemented"),
            Status.PARTIAL: _("Partly implemented"),
            Status.NO: _("Not implemented"),
            Status.NA: _("Not applicable"),
            Status.UNKNOWN: _("Not assessed"),
        }
        self.obligation_labels = {
            Obligation.MANDATORY: _("Mandatory obligation (“shall”)"),
            Obligation.QUALIFIED: _("Qualified obligation (“shall”, within limits)"),
            Obligation.OPTIONAL: _("Optional measure (“may”)"),
            Obligation.RECOMMENDED: _("Recommended practice (not a treaty obligation)"),
            Obligation.INFORMATIONAL: _("Recorded, not scored"),
        }
        self.tier_labels = {
            "core": _("Treaty obligations"),
            "optional": _("Optional measures"),
            "recommended": _("Recommended practice"),
            "informational": _("Not scored"),
        }

    @property
    def rtl(self) -> bool:
        """Whether pages in this locale run from right to left (Arabic)."""
        return bool(self.loc.character_order == "right-to-left")

    def iso(self, text: str, *, ltr: bool = False) -> str:
        """`text` isolated from the sentence around it in a right-to-left page (its own
        direction, or left to right with `ltr`); unchanged in a left-to-right page."""
        if not self.rtl or not text:
            return text
        return f"{LRI if ltr else FSI}{text}{PDI}"

    def _(self, message: str) -> str:
        return self.t.gettext(message)

    def commas(self, parts: Iterable[str]) -> str:
        """`parts` as a list inside a sentence: `a, b, c`; Arabic writes `،`."""
        return separators(self.loc.language)[0].join(parts)

    def semicolons(self, parts: Iterable[str]) -> str:
        """`parts` that contain commas themselves: `a; b`; Arabic writes `؛`."""
        return separators(self.loc.language)[1].join(parts)

    def n_(self, singular: str, plural: str, n: int, **values: str) -> str:
        return self.t.ngettext(singular, plural, n).format(n=self.num(n), **values)

    def num(self, value: float) -> str:
        return format_decimal(value, format="#,##0.##", locale=self.loc)

    def pct(self, value: float | None) -> str:
        """`62.5%` in the locale's own pattern, one decimal; words when there is no value."""
        if value is None:
            return self._("not computable")
        pattern = parse_pattern(self.loc.percent_formats[None].pattern)
        pattern.frac_prec = (1, 1)
        return str(pattern.apply(value / 100, self.loc))

    def change(self, before: float | None, after: float | None) -> str:
        """The change in percentage points, signed and with one decimal: `+24.3`, `−5.0`, `0.0`;
        empty when either side has no value."""
        if before is None or after is None:
            return ""
        delta = round(after - before, 1)
        text = format_decimal(abs(delta), format="#,##0.0", locale=self.loc)
        return ("+" if delta > 0 else MINUS if delta < 0 else "") + text

    def day(self, iso: str | None) -> str:
        if not iso:
            return ""
        try:
            return self.date(date.fromisoformat(iso))
        except ValueError:
            return iso

    def date(self, d: date) -> str:
        """UN style in English (`11 February 2004`); the locale's long form elsewhere."""
        pattern = "d MMMM y" if self.loc.language == "en" else "long"
        return format_date(d, format=pattern, locale=self.loc)

    def group_pct(self, g: Group | None) -> str:
        """A group's score as printed: never 0 % for a group nobody assessed."""
        if g is None or g.state == "empty":
            return self._("not scored")
        if g.state == "not_assessed":
            return self._("not assessed")
        if g.state == "not_applicable":
            return self._("not applicable")
        return self.pct(g.score)

    def ref(self, item: Item) -> str:
        if item.ref:
            return self._("Art. {ref}").format(ref=self.iso(item.ref, ltr=True))
        return self._("Good practice")

    def badge(self, status: Status) -> Badge:
        return Badge(status.value, status.value.replace("/", ""), self.status_labels[status])

    def tier_key(self, item: Item) -> str:
        return item.tier.value if item.tier else "informational"

    def article_title(self, cl: Checklist, number: int) -> str:
        """`Article 3 — Criminalization`: the theme most of the article's obligations have."""
        items = [i for i in cl.items if i.article == number]
        core = [i for i in items if i.tier is Tier.CORE] or items
        title = self._("Article {number}").format(number=number)
        if not core:
            return title
        theme = Counter(i.theme for i in core).most_common(1)[0][0]
        return f"{title} — {cl.theme_title(theme)}"

    def run(self, language: str) -> Run:
        """The attributes of text written in `language`, in a page in this locale."""
        if not language or language == self.loc.language:
            return Run()
        try:
            rtl = Locale.parse(language).character_order == "right-to-left"
        except (ValueError, TypeError):
            rtl = False
        return Run(language, "rtl" if rtl else "ltr")

    def words(self, cl: Checklist, item: Item) -> Run:
        """Where an item's title, question and recommendation are in (English, when its
        translation is missing or stale)."""
        return self.run(item.language or cl.language)

    def provision(self, cl: Checklist, item: Item) -> tuple[Run, str]:
        """The language of an item's provision, and the note printed when it is not the
        page's: the authentic text in this language is not verified, the English is shown."""
        run = self.run(item.provision_language or cl.language)
        if not item.provision or not run.lang:
            return run, ""
        return run, self._(
            "The authentic text of this provision in this language is not yet verified; "
            "the English authentic text is shown."
        )

    def frame(self, *, title: str, short_title: str, subject: str, author: str = "") -> Frame:
        loc = self.loc
        return Frame(
            locale=str(loc),
            lang="-".join(p for p in (loc.language, loc.script, loc.territory) if p),
            dir="rtl" if self.rtl else "ltr",
            title=title,
            short_title=short_title,
            author=author,
            subject=subject,
            generator=f"gapcheck {__version__}",
            page=self.page_strings(),
        )

    def page_strings(self) -> PageStrings:
        before, _sep, rest = self._("Page {page} of {pages}").partition("{page}")
        between, _sep, after = rest.partition("{pages}")
        return PageStrings(before.strip(), between.strip(), after.strip())
