"""Language editions of a checklist: an overlay file of its words, and the authentic treaty text.

`opsc.fr.yaml` beside `opsc.yaml` translates the checklist's own words (title, theme titles,
reason codes, and each item's title, question, guidance, recommendation and obligation note),
keyed by item id; each item records `en`, the fingerprint of the English it was translated
from (`checklist.fingerprint`). The treaty's words never come from the overlay: an item's
provision is quoted from the authentic text in `treaty/opsc-fr.txt` (`formats/treaty.py`).

`edition(checklist, "fr")` is the checklist in French. Where a translation is missing or
stale (the English moved since it was made), the item keeps its English words and says so
(`Item.language`): a stale translation is never shown as if it were current. Where the
authentic text of a provision is not verified, the item keeps the English provision
(`Item.provision_language`), and pages print a note saying so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gapcheck.formats import loader, treaty
from gapcheck.formats.checklist import FINGERPRINTED
from gapcheck.formats.model import Checklist, Item, Theme
from gapcheck.formats.problems import Problem
from gapcheck.formats.spec import Checker, Field, text

SOURCE_LANGUAGE = "en"

ITEM_WORDS = Field(
    "map",
    fields={
        "en": text("Fingerprint of the English this translation was made from.", required=True),
        **{name: text() for name in FINGERPRINTED},
    },
)
ITEM_WORDS.fields["title"] = text(required=True)
ITEM_WORDS.fields["question"] = text(required=True)

OVERLAY = Field(
    "map",
    fields={
        "checklist": text("The id of the checklist translated.", required=True),
        "language": text("The language of the translation (en, fr, es…).", required=True),
        "title": text(required=True),
        "treaty_name": text("The treaty's official title in this language."),
        "themes": Field("map", required=True, values=text()),
        "reason_codes": Field("map", values=text()),
        "items": Field("map", values=ITEM_WORDS),
    },
)


@dataclass(frozen=True)
class Edition:
    """A checklist in one language, and what stopped parts of it from being in that language."""

    checklist: Checklist
    problems: tuple[Problem, ...]
    """Of the overlay and the authentic-text file (lint prints them)."""
    english_words: tuple[str, ...]
    """Items shown with their English words (translation missing or stale)."""
    english_provisions: dict[str, tuple[str, ...]]
    """Items shown with the English provision, with the units of the authentic text missing."""


def overlay_path(checklist_path: Path, language: str) -> Path:
    return checklist_path.with_name(f"{checklist_path.stem}.{language}.yaml")


def languages(cl: Checklist) -> tuple[str, ...]:
    """The languages a checklist has an overlay for, English first."""
    if cl.path is None:
        return (SOURCE_LANGUAGE,)
    found = sorted(p.name.split(".")[1] for p in cl.path.parent.glob(f"{cl.path.stem}.*.yaml"))
    return (SOURCE_LANGUAGE, *found)


def lint(cl: Checklist, doc: loader.Document, language: str) -> list[Problem]:
    """Every problem of an overlay of `cl`: shape, coverage, unknown ids, stale entries."""
    c = Checker(doc)
    data = doc.data
    if not c.check(data, OVERLAY):
        return c.problems
    if data["checklist"] != cl.id:
        c.error(("checklist",), f"this overlay is for '{data['checklist']}', not '{cl.id}'")
    if data["language"] != language:
        c.error(("language",), f"the file name says '{language}'; this says '{data['language']}'")
    _cover(c, "themes", "theme", [t.id for t in cl.themes], data["themes"])
    _cover(c, "reason_codes", "reason code", list(cl.reason_codes), data.get("reason_codes") or {})
    items: dict[str, Any] = data.get("items") or {}
    _cover(c, "items", "item", cl.item_ids, items)
    for item in cl.items:
        entry = items.get(item.id)
        if not isinstance(entry, dict):
            continue
        for name in FINGERPRINTED:
            english = getattr(item, name)
            if english and not entry.get(name):
                c.error(("items", item.id), f"`{name}` is not translated")
            elif entry.get(name) and not english:
                c.error(("items", item.id, name), f"the English item has no `{name}`")
        if entry.get("en") != item.fingerprint:
            c.warning(
                ("items", item.id, "en"),
                f"stale: the English of item {item.id} changed since this translation was "
                f"made (from {entry.get('en')}, now {item.fingerprint}); review the "
                "translation and update `en`. Until then the item is shown in English.",
            )
    return sorted(c.problems, key=lambda p: (p.line, p.col))


def _cover(c: Checker, key: str, what: str, ids: list[str], given: dict[str, Any]) -> None:
    from gapcheck.formats.spec import suggest

    for name in given:
        if name not in ids:
            c.error((key, name), f"unknown {what} '{name}'{suggest(name, ids)}", key=True)
    missing = [i for i in ids if i not in given]
    if missing:
        # a warning: a translation in progress is usable, the rest is shown in English
        c.warning(
            (key,) if key in c.doc.data else (),
            f"no translation yet for {len(missing)} {what}(s), shown in English: "
            + ", ".join(missing[:8])
            + (", …" if len(missing) > 8 else ""),
        )


def edition(cl: Checklist, language: str) -> Edition:
    """`cl` in `language`: its overlay's words where current, the authentic text's provisions
    where verified, English elsewhere. English, or a language without overlay, is `cl`."""
    if language == cl.language or cl.path is None:
        return Edition(cl, (), (), {})
    path = overlay_path(cl.path, language)
    try:
        stamp = (path.stat().st_mtime, treaty.text_path(cl.path, language).stat().st_mtime)
    except OSError:
        stamp = (0.0, 0.0)
    if not path.is_file():
        return Edition(cl, (), (), {})
    key = (id(cl), path, language, stamp)
    cached = _CACHE.get(key)
    if cached is None or cached[0] is not cl:
        if len(_CACHE) >= 16:
            _CACHE.clear()
        _CACHE[key] = cached = (cl, _edition(cl, path, language))
    return cached[1]


_CACHE: dict[tuple[object, ...], tuple[Checklist, Edition]] = {}
"""Editions by checklist object (itself cached by path and time) and file times."""


def _edition(cl: Checklist, path: Path, language: str) -> Edition:
    try:
        doc = loader.load(path)
    except loader.LoadError as e:
        return Edition(cl, (e.problem,), tuple(cl.item_ids), {})
    problems = lint(cl, doc, language)
    units = treaty.read(treaty.text_path(cl.path or path, language))
    problems += units.problems
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    words = _map(data, "items")
    items: list[Item] = []
    english_words: list[str] = []
    english_provisions: dict[str, tuple[str, ...]] = {}
    for item in cl.items:
        entry = words.get(item.id)
        current = (
            isinstance(entry, dict)
            and entry.get("en") == item.fingerprint
            and all(isinstance(entry.get(n) or "", str) for n in FINGERPRINTED)
            and all(bool(entry.get(n)) == bool(getattr(item, n)) for n in FINGERPRINTED)
        )
        if current:
            assert isinstance(entry, dict)
            changes = {n: entry[n].strip() for n in FINGERPRINTED if entry.get(n)}
            item = replace(item, **changes)
        else:
            english_words.append(item.id)
            item = replace(item, language=SOURCE_LANGUAGE)
        if item.ref and item.provision:
            quoted, missing = treaty.provision(item.ref, units)
            if quoted:
                item = replace(item, provision=quoted)
            else:
                english_provisions[item.id] = missing
                item = replace(item, provision_language=SOURCE_LANGUAGE)
        items.append(item)
    themes, codes = _map(data, "themes"), _map(data, "reason_codes")
    localized = replace(
        cl,
        title=_text(data.get("title"), cl.title),
        treaty=replace(cl.treaty, name=_text(data.get("treaty_name"), cl.treaty.name)),
        themes=tuple(Theme(t.id, _text(themes.get(t.id), t.title)) for t in cl.themes),
        reason_codes={k: _text(codes.get(k), v) for k, v in cl.reason_codes.items()},
        items=tuple(items),
        language=language,
    )
    return Edition(localized, tuple(problems), tuple(english_words), english_provisions)


def _map(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _text(value: object, default: str) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else default


def localized(cl: Checklist, language: str) -> Checklist:
    return edition(cl, language).checklist


def base_of(path: Path) -> tuple[Path, str] | None:
    """For an overlay file `opsc.fr.yaml`: its checklist `opsc.yaml` and its language."""
    parts = path.name.split(".")
    if len(parts) == 3 and parts[2] in ("yaml", "yml"):
        return path.with_name(f"{parts[0]}.{parts[2]}"), parts[1]
    return None


def summary(e: Edition) -> str:
    """One line on how complete an edition is, for `checklist lint`."""
    cl = e.checklist
    quoted = [i for i in cl.items if i.ref and i.provision]
    english = sorted({u for units in e.english_provisions.values() for u in units}, key=_order)
    line = (
        f"{cl.language}: {len(cl.items) - len(e.english_words)} of {len(cl.items)} items "
        f"translated; {len(quoted) - len(e.english_provisions)} of {len(quoted)} provisions "
        "quoted from the authentic text"
    )
    if english:
        line += (
            f"; {len(e.english_provisions)} shown in English until these units are verified: "
            + ", ".join(english)
        )
    return line


def _order(ref: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in ref.replace(")", "").split("("))
