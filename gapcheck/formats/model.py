"""The plain, typed data gapcheck works on: checklists, assessments and their parts."""

from __future__ import annotations

from dataclasses import field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, overload

from gapcheck.formats.record import Record

if TYPE_CHECKING:
    import os
    from pathlib import Path


class Status(StrEnum):
    """A consultant's answer to one checklist item."""

    YES = "yes"
    PARTIAL = "partial"
    NO = "no"
    NA = "n/a"
    UNKNOWN = "unknown"


class Obligation(StrEnum):
    """How strongly the treaty (or good practice) asks for an item, from the treaty's own verb."""

    MANDATORY = "mandatory"
    """"shall", unqualified."""
    QUALIFIED = "qualified"
    """"shall", limited by "subject to national law", "as appropriate", "in appropriate cases"…"""
    OPTIONAL = "optional"
    """"may"."""
    RECOMMENDED = "recommended"
    """Good practice from outside the treaty text (Committee guidelines, model laws)."""
    INFORMATIONAL = "informational"
    """Recorded, never scored (saving clauses)."""


class Tier(StrEnum):
    """Scoring tier: obligations are never mixed with good practice in one number."""

    CORE = "core"
    OPTIONAL = "optional"
    RECOMMENDED = "recommended"


TIER_OF: dict[Obligation, Tier | None] = {
    Obligation.MANDATORY: Tier.CORE,
    Obligation.QUALIFIED: Tier.CORE,
    Obligation.OPTIONAL: Tier.OPTIONAL,
    Obligation.RECOMMENDED: Tier.RECOMMENDED,
    Obligation.INFORMATIONAL: None,
}


class LazyPath:
    """The `path` field of a Checklist or an Assessment (default None): given as a str or a
    Path, read as a Path, made on first reading. `gapcheck validate` gives a str and never
    reads it: importing `pathlib` (which loads `urllib.parse`) cost ~5 ms of its start-up."""

    name = "path"

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: Any = None) -> None: ...
    @overload
    def __get__(self, obj: object, owner: Any = None) -> Path | None: ...
    def __get__(self, obj: object | None, owner: Any = None) -> Path | None:
        if obj is None:  # the class's attribute: the field's default, for `dataclass`
            return None
        value = obj.__dict__[self.name]
        if not isinstance(value, str):
            return value  # type: ignore[no-any-return]
        from pathlib import Path

        obj.__dict__[self.name] = path = Path(value)  # as a cached_property does
        return path

    def __set__(self, obj: object, value: str | os.PathLike[str] | None) -> None:
        obj.__dict__[self.name] = value  # (a frozen Record refuses before this is reached)


class Source(Record):
    """A document an item relies on; `pinpoint` only where it was verified."""

    document: str
    pinpoint: str | None = None
    url: str | None = None
    quote: str | None = None
    note: str | None = None
    read_at: str | None = None
    """Where the words were actually read, when that was a copy rather than `url`."""


class Theme(Record):
    """A group of items, in the order a report presents them."""

    id: str
    title: str


class Treaty(Record):
    """The treaty a checklist measures against."""

    name: str
    symbol: str
    adopted: str
    """ISO date of adoption."""


class Item(Record):
    """One question of a checklist, tied to one legal element of the treaty."""

    id: str
    ref: str | None
    """Canonical treaty reference, e.g. `3(1)(a)(i)(a)`; None for good practice."""
    article: int | None
    theme: str
    obligation: Obligation
    title: str
    question: str
    provision: str = ""
    """The treaty's words, verbatim; `…` marks omitted words."""
    guidance: str = ""
    recommendation: str = ""
    sources: tuple[Source, ...] = ()
    weight: float = 1.0
    capped_by: tuple[str, ...] = ()
    obligation_note: str = ""
    history: tuple[tuple[str, str, str], ...] = ()
    """(checklist version, kind, what changed): kind is meaning, tier, weight, wording or new."""
    reasons: tuple[str, ...] = ()
    """Reason codes that may explain a partial answer (empty: the checklist lists none)."""
    fingerprint: str = ""
    """Of the English title, question, guidance, recommendation and obligation note: a
    translation records the fingerprint it was made from (formats/overlay.py)."""
    language: str = ""
    """Language of the item's own words when it differs from its checklist's (an edition
    shows English for an item whose translation is missing or stale); empty otherwise."""
    provision_language: str = ""
    """Language of `provision` when it differs from its checklist's: the English authentic
    text, shown where the edition's authentic text is not verified; empty otherwise."""

    @property
    def tier(self) -> Tier | None:
        return TIER_OF[self.obligation]


class Checklist(Record):
    """The questions an assessment answers, one per legal element of the treaty."""

    id: str
    version: str
    title: str
    treaty: Treaty
    themes: tuple[Theme, ...]
    items: tuple[Item, ...]
    reason_codes: dict[str, str] = field(default_factory=dict)
    path: LazyPath = LazyPath()
    """The file read (a Path; see `LazyPath`)."""
    source: bytes = field(default=b"", repr=False, compare=False)
    """The checklist file's bytes as read (reports embed them)."""
    language: str = "en"
    """The language of the checklist's words: `en`, or an edition's (formats/overlay.py)."""

    def item(self, item_id: str) -> Item:
        return self._by_id[item_id]

    @property
    def item_ids(self) -> list[str]:
        return [i.id for i in self.items]

    @cached_property
    def _by_id(self) -> dict[str, Item]:
        # built once per checklist (a frozen dataclass may cache: cached_property writes
        # to __dict__ directly); rebuilt per lookup, validation was quadratic in items
        return {i.id: i for i in self.items}

    def theme_title(self, theme_id: str) -> str:
        return next((t.title for t in self.themes if t.id == theme_id), theme_id)


class Evidence(Record):
    """A national provision relied on for an answer."""

    instrument: str
    provision: str = ""
    """Pinpoint within the instrument, e.g. `s. 212(1)`."""
    excerpt: str = ""
    in_force: str | None = None
    url: str | None = None


class Answer(Record):
    """A consultant's answer to one item, with the national law it relies on."""

    status: Status = Status.UNKNOWN
    evidence: tuple[Evidence, ...] = ()
    notes: str = ""
    justification: str = ""
    """Why an item is n/a (required then)."""
    recommendation: str = ""
    """Overrides the checklist's model recommendation in the report."""
    reasons: tuple[str, ...] = ()
    """Reason codes explaining a `partial` answer."""
    implementation: str = ""
    """De facto evidence (cases, statistics, practice), kept apart from the law."""
    gap: str = ""
    """What is missing, in the assessor's words (else the first sentence of `notes`)."""
    not_capped: str = ""
    """Why the item's cap does not apply; the cap is then waived."""
    reservation: str = ""
    """Id of the reservation or declaration that limits the obligation."""


class Reservation(Record):
    """A reservation or declaration of the State, verbatim; `id` lets answers name it."""

    text: str
    id: str = ""


class Country(Record):
    """The State assessed (`fictional` for training and sample States)."""

    name: str
    code: str | None = None
    fictional: bool = False


class Assessment(Record):
    """A country's answers to a checklist."""

    checklist: Checklist
    country: Country
    as_of: str
    assessors: tuple[str, ...] = ()
    answers: dict[str, Answer] = field(default_factory=dict)
    reviewer: str = ""
    report_status: str = "draft"
    language: str = "en"
    ratification: dict[str, str] = field(default_factory=dict)
    reservations: tuple[Reservation, ...] = ()
    summary: str = ""
    path: LazyPath = LazyPath()
    """The file read (a Path; see `LazyPath`)."""
    source: bytes = field(default=b"", repr=False, compare=False)
    """The assessment file's bytes exactly as read (reports embed them as their source)."""
    prepared_for: str = ""
    prepared_by: str = ""
    contact: str = ""
    disclaimer: str = ""

    def reservation(self, rid: str) -> Reservation | None:
        return next((r for r in self.reservations if rid and r.id == rid), None)

    def answer(self, item_id: str) -> Answer:
        """The answer to an item; a missing answer is `unknown`."""
        return self.answers.get(item_id, Answer())

    def statuses(self) -> dict[str, Status]:
        return {i.id: self.answer(i.id).status for i in self.checklist.items}
