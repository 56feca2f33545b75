"""What an assessment's answers must make sense of, beyond their shape: n/a needs a reason,
links must be http(s), a final report must be complete, and what an answer names (its cap,
a reservation, reason codes) must exist. Problems are collected on the `Checker`."""

from __future__ import annotations

from typing import Any

from gapcheck.formats.model import Checklist
from gapcheck.formats.problems import quote
from gapcheck.formats.spec import Checker, is_date

# What one report can cost is bounded (docs/limits.md): 3,000 evidence entries made a
# 440-page PDF in 84 s at 753 MB. These bounds keep a report within some 150 pages.
MAX_EVIDENCE = 20
"""Evidence entries per answer."""
MAX_EVIDENCE_TOTAL = 240
"""Evidence entries in one assessment."""
MAX_TOTAL_TEXT = 250_000
"""Characters of text in all answers together."""


def check(c: Checker, data: dict[str, Any], cl: Checklist) -> None:
    as_of = data.get("as_of")
    if not is_date(as_of):  # already reported once; comparing as text would cascade
        as_of = None
    version = data.get("checklist_version")
    if isinstance(version, str) and version != cl.version:
        c.warning(
            ("checklist_version",),
            f"answers were written for version {quote(version)}; the checklist is version {cl.version}",
        )
    answers = data.get("answers")
    if not isinstance(answers, dict):
        answers = {}
    _totals(c, answers)
    if isinstance(version, str) and version != cl.version:
        _changed_since(c, answers, cl, version)
    _final(c, data, cl, answers)
    reservation_ids = _reservation_ids(c, data)
    known = set(cl.item_ids)
    for item_id, ans in answers.items():
        if item_id not in known or not isinstance(ans, dict):
            continue
        path = ("answers", item_id)
        status = ans.get("status")
        _answer_links(c, cl, item_id, ans, reservation_ids)
        if status == "n/a" and not (
            isinstance(ans.get("justification"), str) and ans["justification"].strip()
        ):
            c.error(
                (*path, "status"), "n/a needs a `justification` saying why the item does not apply"
            )
        if status in ("yes", "partial") and not ans.get("evidence"):
            c.warning(
                (*path, "evidence"), f"'{status}' without evidence: cite the national provision"
            )
        if ans.get("reasons") and status != "partial":
            c.warning(
                (*path, "reasons"), "reasons explain a partial answer; the status is not partial"
            )
        evidence = ans.get("evidence")
        for k, ev in enumerate(evidence if isinstance(evidence, list) else []):
            if not isinstance(ev, dict):
                continue
            url = ev.get("url")
            if isinstance(url, str) and not url.lower().startswith(("http://", "https://")):
                c.warning(
                    (*path, "evidence", k, "url"), "only http and https links are printed as links"
                )
            in_force = ev.get("in_force")
            if as_of and is_date(in_force) and in_force > as_of:
                c.warning(
                    (*path, "evidence", k, "in_force"),
                    f"in force from {in_force}, after the date of the law assessed ({as_of})",
                )


def _version_key(version: str) -> tuple[int, ...] | None:
    parts = version.strip().split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def _changed_since(c: Checker, answers: dict[str, Any], cl: Checklist, version: str) -> None:
    """Warn on each answered item whose meaning or tier changed after `version`, so the
    assessor re-checks it (the checklist's `history` says what changed; a change of weight
    or of wording alone needs no re-check)."""
    since = _version_key(version)
    for item in cl.items:
        ans = answers.get(item.id)
        if not isinstance(ans, dict) or ans.get("status") in (None, "unknown"):
            continue
        for changed_in, kind, change in item.history:
            key = _version_key(changed_in)
            if kind not in ("meaning", "tier"):
                continue
            if since is None or key is None or key > since:
                c.warning(
                    ("answers", item.id),
                    f"changed in checklist {changed_in} (answer written for {quote(version)}): "
                    f"{change} Re-check this answer, then set checklist_version.",
                )


def _texts(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_texts(v) for v in value.values())
    if isinstance(value, list):
        return sum(_texts(v) for v in value)
    return 0


def _totals(c: Checker, answers: dict[str, Any]) -> None:
    """The bounds on a whole assessment (each value has its own bound in the spec)."""
    lists = [a.get("evidence") for a in answers.values() if isinstance(a, dict)]
    entries = sum(len(e) for e in lists if isinstance(e, list))
    if entries > MAX_EVIDENCE_TOTAL:
        c.error(
            ("answers",),
            f"{entries} evidence entries in all; at most {MAX_EVIDENCE_TOTAL} make one report "
            "(see docs/limits.md)",
        )
    if (chars := _texts(answers)) > MAX_TOTAL_TEXT:
        c.error(
            ("answers",),
            f"{chars:,} characters of text in the answers; at most {MAX_TOTAL_TEXT:,} make one "
            "report (see docs/limits.md)",
        )


def _final(c: Checker, data: dict[str, Any], cl: Checklist, answers: dict[str, Any]) -> None:
    """A final report with unassessed scored items says less than it seems to."""
    if data.get("report_status") != "final":
        return
    open_items = [
        i.id
        for i in cl.items
        if i.tier is not None
        and (not isinstance(answers.get(i.id), dict) or answers[i.id].get("status") == "unknown")
    ]
    if open_items:
        c.warning(
            ("report_status",),
            f"the report is final but {len(open_items)} scored item(s) are not assessed "
            f"(unknown or missing), e.g. {', '.join(open_items[:3])}; assess them or keep "
            "the report a draft",
        )


def _reservation_ids(c: Checker, data: dict[str, Any]) -> set[str]:
    entries = data.get("reservations")
    ids: set[str] = set()
    for k, r in enumerate(entries if isinstance(entries, list) else []):
        rid = r.get("id") if isinstance(r, dict) else None
        if isinstance(rid, str):
            if rid in ids:
                c.error(("reservations", k, "id"), f"duplicate reservation id '{rid}'")
            ids.add(rid)
    return ids


def _answer_links(
    c: Checker, cl: Checklist, item_id: str, ans: dict[str, Any], reservation_ids: set[str]
) -> None:
    """What an answer names must exist: the item's cap, the reservation, the reason codes."""
    item, path = cl.item(item_id), ("answers", item_id)
    why = ans.get("not_capped")
    if isinstance(why, str):
        if not item.capped_by:
            c.error(
                (*path, "not_capped"),
                "this item has no cap (`capped_by` in the checklist): nothing to waive",
            )
        elif not why.strip():
            c.error((*path, "not_capped"), "say why the cap does not apply")
    rid = ans.get("reservation")
    if isinstance(rid, str):
        from gapcheck.formats.spec import suggest

        if item.tier is None or item.ref is None:
            c.error(
                (*path, "reservation"),
                "a reservation limits a treaty obligation; this item is not one",
            )
        elif rid not in reservation_ids:
            known = sorted(reservation_ids)
            c.error(
                (*path, "reservation"),
                f"no reservation has the id '{rid}'"
                + (f" (ids: {', '.join(known)}){suggest(rid, known)}" if known else "")
                + "; write the reservation as `- id: …` and `text: …` under `reservations`",
            )
    reasons = ans.get("reasons")
    if item.reasons and isinstance(reasons, list):
        for k, code in enumerate(reasons):
            if isinstance(code, str) and code in cl.reason_codes and code not in item.reasons:
                c.warning(
                    (*path, "reasons", k),
                    f"the checklist does not list '{code}' for this item "
                    f"(it lists {', '.join(item.reasons)})",
                )
