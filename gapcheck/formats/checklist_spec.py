"""What a valid checklist looks like: the declarative description (spec.Field) that both
`gapcheck checklist lint` and the checklist's JSON Schema follow. See docs/checklist-format.md."""

from __future__ import annotations

import re

from gapcheck.formats.model import Obligation
from gapcheck.formats.spec import Field, text

ID_RE = r"[a-z][a-z0-9_]*"
HISTORY_KINDS = ("meaning", "tier", "weight", "wording", "new")
REF_RE = re.compile(r"^(\d+)((?:\([a-z0-9]+\))*)$")

SOURCE = Field(
    "map",
    "A document an item relies on.",
    fields={
        "document": text("Full name and symbol of the document.", required=True),
        "pinpoint": text("Article or paragraph, only where verified in the document."),
        "url": text("Where the document was read."),
        "read_at": text(
            "Where the words were actually read, when that is a copy rather than the issuing"
            " body's page."
        ),
        "quote": text("A short verbatim quotation."),
        "note": text(),
    },
)

ITEM = Field(
    "map",
    fields={
        "id": text(
            "Stable id; the key of the answer.",
            required=True,
            pattern=ID_RE,
            pattern_hint="an id is lower-case letters, digits and _, starting with a letter",
        ),
        "ref": text(
            "Treaty reference such as 3(1)(a)(i)(a), or null.",
            required=True,
            nullable=True,
            pattern=REF_RE.pattern[1:-1],
            pattern_hint="expected a reference such as 3(1)(a)(i)(a)",
        ),
        "article": Field("integer", "Article number, or null.", required=True, nullable=True),
        "theme": text("A theme id.", required=True),
        "obligation": Field("choice", required=True, choices=tuple(o.value for o in Obligation)),
        "obligation_note": text(),
        "weight": Field("number", minimum=0, exclusive_minimum=True),
        "capped_by": Field("list", of=text()),
        "title": text("Short label.", required=True),
        "provision": text("The treaty's words, verbatim."),
        "question": text(required=True),
        "guidance": text(),
        "recommendation": text(),
        "sources": Field("list", of=SOURCE),
        "history": Field(
            "list",
            of=Field(
                "map",
                fields={
                    "version": text(required=True),
                    "kind": Field(
                        "choice",
                        "meaning and tier changes make validate ask for a re-check",
                        choices=HISTORY_KINDS,
                    ),
                    "change": text(required=True),
                },
            ),
        ),
        "reasons": Field(
            "list",
            "Reason codes that may explain a partial answer; when absent, those the guidance "
            "names after `Reason codes:`.",
            of=text(),
        ),
    },
)

CHECKLIST = Field(
    "map",
    fields={
        "id": text(
            required=True,
            pattern=r"[a-z][a-z0-9_-]*",
            pattern_hint="a checklist id is lower-case letters, digits, _ and -",
        ),
        "version": text(required=True),
        "title": text(required=True),
        "treaty": Field(
            "map",
            required=True,
            fields={
                "name": text(required=True),
                "symbol": text(required=True),
                "adopted": Field("date", required=True),
                "text": text(),
            },
        ),
        "themes": Field(
            "list",
            required=True,
            of=Field(
                "map",
                fields={"id": text(required=True, pattern=ID_RE), "title": text(required=True)},
            ),
        ),
        "reason_codes": Field("map", values=text()),
        "items": Field("list", required=True, of=ITEM),
    },
)
