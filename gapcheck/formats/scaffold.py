"""A blank, commented assessment for a checklist: what `gapcheck init` writes."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from datetime import date

from gapcheck.formats.model import Checklist


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str, indent: str, width: int = 92) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width - len(indent) - 2) or [""]
    return [f"{indent}# {line}" for line in lines]


def _identity(message: str) -> str:
    return message


def blank_assessment(
    checklist: Checklist,
    country: str,
    *,
    checklist_ref: str | None = None,
    schema: str | None = None,
    today: date | None = None,
    language: str = "en",
    gettext: Callable[[str], str] = _identity,
) -> str:
    """YAML text of an assessment with every item `unknown`, its reference and question as
    comments: in `language` when `checklist` is that language's edition and `gettext` its
    catalogue (the keys and statuses stay as the format requires)."""
    _ = gettext
    today = today or date.today()
    out: list[str] = []
    if schema:
        out.append(f"# yaml-language-server: $schema={schema}")
    out += [
        "# "
        + _("gapcheck assessment: {title} (version {version})").format(
            title=checklist.title, version=checklist.version
        ),
        *_comment(checklist.treaty.name, ""),
        "#",
        "# " + _("For each item set `status` to one of:"),
        "#   yes      " + _("the national law fully implements the obligation (cite the evidence)"),
        "#   partial  " + _("it does in part (cite the evidence; add `reasons` codes)"),
        "#   no       " + _("it does not"),
        "#   n/a      "
        + _("the item does not apply to this State (a `justification` is required)"),
        "#   unknown  " + _("not assessed yet (scores 0, as not demonstrated)"),
        '# Evidence: - {instrument: Penal Code 2011, provision: "s. 212(1)", excerpt: "...",'
        ' in_force: "2012-01-01", url: "https://..."}',
        "# " + _("Check your work with: gapcheck validate FILE"),
        "",
        f"checklist: {_q(checklist_ref or checklist.id)}",
        f"checklist_version: {_q(checklist.version)}",
        "country:",
        f"  name: {_q(country)}",
        "  # code: XX            # " + _("ISO 3166-1 alpha-2 code of a real State"),
        f"as_of: {_q(today.isoformat())}   # " + _("date of the law assessed"),
        f"language: {_q(language)}      # " + _("language of the report: en, fr, es or ar"),
        "assessors: []         # " + _("e.g. [A. Consultant]"),
        "report_status: draft  # " + _("draft or final"),
        '# ratification: {status: ratified, date: "YYYY-MM-DD"}',
        "# reservations: []",
        "",
        "answers:",
    ]
    if checklist.reason_codes:
        out.insert(
            out.index("answers:"),
            "# " + _("Reason codes for `partial`:") + " " + ", ".join(checklist.reason_codes),
        )
    current = None
    for item in checklist.items:
        heading = (item.article, item.obligation.value == "recommended")
        if heading != current:
            current = heading
            label = (
                _("Article {number}").format(number=item.article)
                if item.article is not None
                else _("Other items")
            )
            if heading[1]:
                label += _(": recommended practice (scored separately)")
            out += ["", f"  # ── {label} " + "─" * max(3, 70 - len(label))]
        ref = item.ref or _("good practice")
        out.append("")
        out += _comment(f"{ref} · {item.obligation.value} · {item.title}", "  ")
        out += _comment(_("Q: {question}").format(question=item.question), "  ")
        out += [
            f"  {item.id}:",
            "    status: unknown",
            "    evidence: []",
            '    notes: ""',
        ]
    return "\n".join(out) + "\n"
