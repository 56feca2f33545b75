"""The case file: the participants' handout for an exercise on one (fictional) State.

The State's facts and the national provisions its assessment cites for the items of the
exercise, each once, grouped and ordered by instrument, with their excerpts, and nothing of
the assessors' work: no status, reason, note, recommendation or summary (the facilitator's
answer key is the report). Laid out by `templates/casefile/casefile.html`. No I/O.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Collection
from dataclasses import dataclass

from babel import Locale

from gapcheck.formats.model import Assessment, Evidence
from gapcheck.pages.common import Link, direction, safe_href
from gapcheck.pages.wording import Frame, Wording


@dataclass(frozen=True)
class ProvisionView:
    anchor: str
    provision: str
    """`art. 334-8`, or empty when the whole instrument is cited."""
    in_force: str
    excerpts: tuple[str, ...]
    """Every different excerpt quoted for this provision, in the order first met."""
    excerpt_dir: str
    url: Link | None


@dataclass(frozen=True)
class InstrumentView:
    anchor: str
    name: str
    provisions: tuple[ProvisionView, ...]


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class CaseFile:
    frame: Frame
    title: str
    fictional: str
    facts: tuple[Fact, ...]
    intro: str
    instruments: tuple[InstrumentView, ...]
    count: str


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _natural(text: str) -> list[tuple[int, str]]:
    """`art. 9` before `art. 10`: numbers compared as numbers."""
    return [(int(p), "") if p.isdigit() else (0, p) for p in re.split(r"(\d+)", _key(text)) if p]


def build(
    a: Assessment,
    *,
    only: Collection[str] | None = None,
    scope: str = "",
    locale: Locale | None = None,
    translations: gettext.NullTranslations | None = None,
) -> CaseFile:
    """The case file of `a` for the items `only` (None: all); `scope` says which, in words."""
    w = Wording(locale, translations)
    _ = w._
    cited: dict[str, dict[str, list[Evidence]]] = {}
    names: dict[str, str] = {}
    for item in a.checklist.items:
        if only is not None and item.id not in only:
            continue
        for e in a.answer(item.id).evidence:
            names.setdefault(_key(e.instrument), " ".join(e.instrument.split()))
            cited.setdefault(_key(e.instrument), {}).setdefault(_key(e.provision), []).append(e)
    instruments = []
    total = 0
    for n, ikey in enumerate(sorted(cited, key=_natural), start=1):
        provisions = []
        for m, pkey in enumerate(sorted(cited[ikey], key=_natural), start=1):
            found = cited[ikey][pkey]
            excerpts = tuple(dict.fromkeys(e.excerpt.strip() for e in found if e.excerpt.strip()))
            provisions.append(
                ProvisionView(
                    anchor=f"law-{n}-{m}",
                    provision=" ".join(found[0].provision.split()),
                    in_force=w.day(next((e.in_force for e in found if e.in_force), None)),
                    excerpts=excerpts,
                    excerpt_dir=direction(excerpts[0]) if excerpts else "ltr",
                    url=safe_href(next((e.url for e in found if e.url), None)),
                )
            )
        total += len(provisions)
        instruments.append(InstrumentView(f"law-{n}", names[ikey], tuple(provisions)))
    country = a.country.name
    title = _("{country}: case file").format(country=country)
    facts = [
        Fact(_("State"), country + (f" ({a.country.code})" if a.country.code else "")),
        Fact(_("Law as of"), w.day(a.as_of)),
        Fact(_("Treaty"), f"{a.checklist.treaty.name} ({a.checklist.treaty.symbol})"),
    ]
    if a.ratification:
        facts.append(
            Fact(
                _("Ratification"),
                w.semicolons(
                    f"{k}: {w.day(v) if k == 'date' else v}" for k, v in a.ratification.items()
                ),
            )
        )
    if a.reservations:
        facts.append(
            Fact(_("Reservations and declarations"), w.semicolons(r.text for r in a.reservations))
        )
    if scope:
        facts.append(Fact(_("Exercise"), scope))
    return CaseFile(
        frame=w.frame(
            title=title,
            short_title=title,
            subject=_("The national law of {country} cited for the exercise").format(
                country=country
            ),
        ),
        title=title,
        fictional=_(
            "{country} is a fictional State, made up for training. Its law is invented."
        ).format(country=country)
        if a.country.fictional
        else "",
        facts=tuple(facts),
        intro=_(
            "The national provisions below are the material for the exercise: each once, grouped by instrument, with the words of the law where they were recorded. Read them against the words of the Protocol; what they do or do not implement is for you to decide."
        ),
        instruments=tuple(instruments),
        count=_("{provisions} provisions from {instruments} instruments").format(
            provisions=w.num(total), instruments=w.num(len(instruments))
        ),
    )
