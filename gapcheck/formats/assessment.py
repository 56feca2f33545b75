"""Assessments (what consultants write): their format, validation and loading."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gapcheck.formats import checklist as checklists
from gapcheck.formats import loader, semantics
from gapcheck.formats.model import (
    Answer,
    Assessment,
    Checklist,
    Country,
    Evidence,
    Reservation,
    Status,
)
from gapcheck.formats.problems import Level, Problem, has_errors, quote
from gapcheck.formats.record import Record
from gapcheck.formats.semantics import MAX_EVIDENCE
from gapcheck.formats.spec import Checker, Field, text

if TYPE_CHECKING:
    from pathlib import Path

STATUSES = tuple(s.value for s in Status)

RATIFICATION = ("ratified", "acceded", "succeeded", "signed", "not_signed")

EVIDENCE = Field(
    "map",
    "A national provision relied on.",
    fields={
        "instrument": text("The law, e.g. Penal Code 2011.", required=True),
        "provision": text("Pinpoint within the instrument, e.g. s. 212(1)."),
        "excerpt": text("The words of the national provision, verbatim."),
        "in_force": Field("date", "Date the provision entered into force (YYYY-MM-DD)."),
        "url": text("Official source (http or https)."),
    },
)


RESERVATION = Field(
    "map",
    "A reservation or declaration with an id that answers can name.",
    fields={
        "id": text(
            "Short name, e.g. adoption.",
            required=True,
            pattern=r"[a-z][a-z0-9_]*",
            pattern_hint="an id is lower-case letters, digits and _, starting with a letter",
        ),
        "text": text("The reservation or declaration, verbatim.", required=True),
    },
    unknown_keys=Level.ERROR,
)


def answer_spec(cl: Checklist, item_id: str) -> Field:
    item = cl.item(item_id)
    label = f"{item.ref or 'good practice'} · {item.obligation.value} · {item.title}"
    return Field(
        "map", f"{label}\n\n{item.question}", fields=_answer_fields(tuple(cl.reason_codes))
    )


@lru_cache(maxsize=8)
def _answer_fields(reason_codes: tuple[str, ...]) -> dict[str, Field]:
    """The keys of an answer, the same for every item of a checklist: built once, not
    once per item (a tenth of `validate`'s time went to building them)."""
    return {
        "status": Field(
            "choice",
            "yes | partial | no | n/a | unknown (unknown scores 0; n/a is left out and needs a justification)",
            required=True,
            choices=STATUSES,
        ),
        "reasons": Field(
            "list",
            "Reason codes explaining a partial answer.",
            of=Field("choice", choices=reason_codes) if reason_codes else text(),
        ),
        "evidence": Field(
            "list", "National provisions relied on.", of=EVIDENCE, max_items=MAX_EVIDENCE
        ),
        "notes": text("Analysis, doubts, case law (Markdown: paragraphs, lists, links)."),
        "gap": text("What is missing, in one sentence (else the first sentence of notes)."),
        "justification": text("Required when status is n/a: why the item does not apply."),
        "recommendation": text("Overrides the checklist's model recommendation."),
        "implementation": text("De facto evidence: cases, statistics, practice (Markdown)."),
        "not_capped": text(
            "Why the item's cap does not apply (e.g. the offence protects every person "
            "under 18); the cap is then waived. Only on items with `capped_by`."
        ),
        "reservation": text(
            "Id of the entry of `reservations` that limits this obligation; the item is "
            "then left out of the score, like n/a."
        ),
    }


def assessment_spec(cl: Checklist) -> Field:
    return Field(
        "map",
        f"gapcheck assessment against the checklist {cl.id} {cl.version}",
        fields={
            "checklist": text(
                "Checklist id (e.g. opsc) or path to a checklist file.", required=True
            ),
            "checklist_version": text("Version of the checklist the answers were written for."),
            "country": Field(
                "map",
                required=True,
                fields={
                    "name": text(required=True),
                    "code": text(
                        "ISO 3166-1 alpha-2 code.",
                        pattern=r"[A-Z]{2}",
                        pattern_hint="expected a two-letter ISO 3166-1 code such as FR",
                    ),
                    "fictional": Field("bool", "true for training and sample States."),
                },
            ),
            "as_of": Field("date", "Date of the law assessed (YYYY-MM-DD).", required=True),
            "assessors": Field("list", of=text()),
            "reviewer": text(),
            "report_status": Field(
                "choice", "draft (watermarked) or final.", choices=("draft", "final")
            ),
            "language": text(
                "Report language (BCP 47), e.g. en.",
                pattern=r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?",
                pattern_hint="expected a language code such as en or fr",
            ),
            "ratification": Field(
                "map",
                fields={"status": Field("choice", choices=RATIFICATION), "date": Field("date")},
            ),
            "reservations": Field(
                "list",
                "Reservations and declarations, verbatim; give one an `id` to name it in answers.",
                of=Field("either", options=(text(), RESERVATION)),
            ),
            "summary": text("Assessors' overall remarks, printed in the report (Markdown)."),
            "prepared_for": text("Who the report is for, e.g. a parliamentary committee."),
            "prepared_by": text("Who prepared it (organization)."),
            "contact": text("Where readers send comments."),
            "disclaimer": text("Printed on the back of the cover."),
            "answers": Field(
                "map",
                "Answers by item id; a missing answer counts as unknown.",
                fields={i.id: answer_spec(cl, i.id) for i in cl.items},
                unknown_keys=Level.ERROR,
                unknown_what="item id",
            ),
        },
    )


class Result(Record, frozen=False):
    """The outcome of validating one assessment file."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    assessment: Assessment | None = None
    unreadable: bool = False
    items: int = 0
    answered: int = 0
    """Items whose status is not unknown."""

    @property
    def errors(self) -> int:
        return sum(p.level is Level.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.level is Level.WARNING for p in self.problems)


def _reservation(r: str | dict[str, str]) -> Reservation:
    if isinstance(r, str):
        return Reservation(r.strip())
    return Reservation(r["text"].strip(), r["id"])


def _build(
    data: dict[str, Any], cl: Checklist, path: str | Path | None, raw: bytes = b""
) -> Assessment:
    answers = {}
    for item_id, a in (data.get("answers") or {}).items():
        answers[item_id] = Answer(
            status=Status(a["status"]),
            evidence=tuple(
                Evidence(
                    instrument=e["instrument"],
                    provision=e.get("provision") or "",
                    excerpt=e.get("excerpt") or "",
                    in_force=e.get("in_force"),
                    url=e.get("url"),
                )
                for e in a.get("evidence") or []
            ),
            notes=(a.get("notes") or "").strip(),
            justification=(a.get("justification") or "").strip(),
            recommendation=(a.get("recommendation") or "").strip(),
            reasons=tuple(a.get("reasons") or ()),
            implementation=(a.get("implementation") or "").strip(),
            gap=" ".join((a.get("gap") or "").split()),
            not_capped=(a.get("not_capped") or "").strip(),
            reservation=a.get("reservation") or "",
        )
    country = data["country"]
    return Assessment(
        checklist=cl,
        country=Country(
            country["name"], country.get("code"), bool(country.get("fictional", False))
        ),
        as_of=data["as_of"],
        assessors=tuple(data.get("assessors") or ()),
        answers=answers,
        reviewer=data.get("reviewer") or "",
        report_status=data.get("report_status") or "draft",
        language=data.get("language") or "en",
        ratification=dict(data.get("ratification") or {}),
        reservations=tuple(map(_reservation, data.get("reservations") or ())),
        summary=(data.get("summary") or "").strip(),
        path=path,
        source=raw,
        prepared_for=(data.get("prepared_for") or "").strip(),
        prepared_by=(data.get("prepared_by") or "").strip(),
        contact=(data.get("contact") or "").strip(),
        disclaimer=(data.get("disclaimer") or "").strip(),
    )


def check_data(c: Checker, data: dict[str, Any], cl: Checklist) -> None:
    """Check assessment data (from YAML or a workbook) against its checklist, into `c`."""
    c.check(data, assessment_spec(cl))
    semantics.check(c, data, cl)


def build(data: dict[str, Any], cl: Checklist, path: Path) -> Assessment:
    """The assessment of data that `check_data` found without errors."""
    return _build(data, cl, path)


def validate_file(
    path: str | Path, name: str | None = None, trusted: Iterable[Path] = ()
) -> Result:
    """Read, check and build one assessment, collecting every problem. The checklist it
    names must be built in, in its folder tree, or one of the `trusted` files (the user's
    `--checklist`): see `checklist.named_by`."""
    name = name or str(path)
    result = Result(name)
    try:
        doc = loader.load(path, name)
    except loader.UnreadableError as e:
        result.problems.append(e.problem)
        result.unreadable = True
        return result
    except loader.LoadError as e:
        result.problems.extend(e.problems)
        return result
    return _validate(doc, result, os.fspath(path), None, trusted)


def validate_source(raw: bytes, name: str, cl: Checklist) -> Result:
    """Check and build an assessment from bytes that are not a file (a report's embedded
    source), scored against `cl` whatever its `checklist:` names: nothing else is read."""
    result = Result(name)
    try:
        doc = loader.load_bytes(raw, name)
    except loader.LoadError as e:
        result.problems.extend(e.problems)
        return result
    return _validate(doc, result, None, cl)


def _validate(
    doc: loader.Document,
    result: Result,
    path: str | None,
    checklist: Checklist | None,
    trusted: Iterable[Path] = (),
) -> Result:
    c = Checker(doc)
    data = doc.data
    if not isinstance(data, dict):
        what = "empty" if data is None else "not a mapping"
        c.error(
            (),
            f"the file is {what}; an assessment starts with `checklist:`, `country:` and `answers:`",
        )
        result.problems = c.problems
        return result
    ref = data.get("checklist")
    if not isinstance(ref, str):
        c.check(
            data, Field("map", fields={"checklist": text(required=True)}, unknown_keys=Level.ERROR)
        )
        result.problems = [p for p in c.problems if p.path in ("", "checklist")]
        return result
    try:
        if checklist is not None:
            cl = checklist
        else:
            assert path is not None
            cl = checklists.get(ref, path=checklists.named_by(ref, path, trusted))
    except LookupError as e:
        c.error(("checklist",), str(e))
        result.problems = c.problems
        return result
    except checklists.ChecklistError as e:
        errors = sum(p.level is Level.ERROR for p in e.problems)
        c.error(
            ("checklist",),
            f"the checklist has {errors} error(s); run `gapcheck checklist lint {quote(ref)}`",
        )
        result.problems = c.problems + e.problems
        return result
    check_data(c, data, cl)
    result.problems = sorted(c.problems, key=lambda p: (p.line, p.col))
    result.items = len(cl.items)
    raw = data.get("answers")
    answers: dict[str, Any] = raw if isinstance(raw, dict) else {}
    given = [answers.get(i.id) for i in cl.items]
    statuses = [a.get("status") for a in given if isinstance(a, dict)]
    result.answered = sum(1 for s in statuses if s not in (None, "unknown"))
    if not has_errors(result.problems):
        result.assessment = _build(data, cl, path, doc.raw)
    return result


def load(path: str | Path) -> Assessment:
    """A valid assessment, or ValueError listing its errors."""
    result = validate_file(path)
    if result.assessment is None:
        raise ValueError("\n".join(str(p) for p in result.problems if p.level is Level.ERROR))
    return result.assessment
