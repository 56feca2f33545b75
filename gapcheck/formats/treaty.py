"""The authentic treaty texts an edition quotes: `checklists/treaty/<checklist>-<lang>.txt`.

One block per unit of the treaty (a paragraph, subparagraph or lead-in), in treaty order:

    [3(1)(a)(i)]
    Le fait d'offrir, de remettre, ou d'accepter un enfant, quel que soit le moyen utilisé, aux fins:

Only units read in an official publication of the authentic text are in the file (their
provenance is in `<checklist>-<lang>.provenance.yaml`, which also lists every unit of the
treaty with its status). An item's provision in an edition is the chain of units its ref
names, lead-ins first (`3(1)`, `3(1)(a)`, `3(1)(a)(i)`, `3(1)(a)(i)(a)`), each quoted whole,
joined with ` … `. When one unit of the chain is missing, the edition shows the English
authentic text instead, with a note; so putting the complete authentic text into the file is
all it takes to complete an edition (`gapcheck checklist lint` then says what is left).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gapcheck.formats.problems import Level, Problem

BLOCK_HEAD = re.compile(r"^\[(\d+(?:\([a-z0-9]+\))*)\]$")
PART = re.compile(r"\([a-z0-9]+\)")
JOIN = " … "
"""Between the units of a chain, as the English provisions mark omitted words."""
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Units:
    """The verified units of one authentic text, by ref, and what was wrong in the file."""

    path: Path | None
    text: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    expected: tuple[str, ...] = ()
    """Every unit of the treaty (from the provenance file), verified or not."""
    statuses: dict[str, str] = field(default_factory=dict)
    """verified, conflict or missing, as the provenance file records them."""
    problems: tuple[Problem, ...] = ()


def text_path(checklist_path: Path, language: str) -> Path:
    return checklist_path.parent / "treaty" / f"{checklist_path.stem}-{language}.txt"


def read(path: Path) -> Units:
    """The units of `path` (none when it does not exist), with the file's problems."""
    problems: list[Problem] = []
    name = str(path)
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except FileNotFoundError:
        return Units(None)
    except OSError as e:
        return Units(None, problems=(Problem(name, 0, 0, Level.ERROR, "", e.strerror or str(e)),))
    if len(raw) > MAX_BYTES:
        problems.append(Problem(name, 0, 0, Level.ERROR, "", "larger than 1 MB; not read"))
        return Units(None, problems=tuple(problems))
    text: dict[str, str] = {}
    lines: dict[str, int] = {}
    ref: str | None = None
    body: list[str] = []

    def close() -> None:
        if ref is not None:
            words = " ".join(" ".join(body).split())
            if not words:
                problems.append(Problem(name, lines[ref], 1, Level.ERROR, ref, "unit without text"))
            text[ref] = words

    for n, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), 1):
        head = BLOCK_HEAD.match(line.strip())
        if head:
            close()
            ref, body = head.group(1), []
            if ref in lines:
                problems.append(
                    Problem(name, n, 1, Level.ERROR, ref, f"unit [{ref}] twice (line {lines[ref]})")
                )
            lines[ref] = n
        elif line.strip():
            if ref is None:
                problems.append(
                    Problem(name, n, 1, Level.ERROR, "", "text before the first [REF] line")
                )
            body.append(line.strip())
    close()
    expected, statuses = _provenance(path.with_suffix(".provenance.yaml"))
    for ref, n in lines.items():
        if expected and ref not in expected:
            problems.append(
                Problem(name, n, 1, Level.ERROR, ref, f"[{ref}] is not a unit of the treaty")
            )
        elif statuses.get(ref, "verified") != "verified":
            problems.append(
                Problem(
                    name,
                    n,
                    1,
                    Level.WARNING,
                    ref,
                    f"the provenance file says unit {ref} is {statuses[ref]}: record where "
                    "this text was read and set it to verified",
                )
            )
    return Units(path, text, lines, expected, statuses, tuple(problems))


def _provenance(path: Path) -> tuple[tuple[str, ...], dict[str, str]]:
    """Every unit and its recorded status, from the provenance file (read with our safe
    loader: a user's checklist folder is untrusted like any input)."""
    from gapcheck.formats import loader

    try:
        units = loader.load(path).data["units"]
        return tuple(map(str, units)), {str(k): str(v.get("status", "")) for k, v in units.items()}
    except (loader.LoadError, KeyError, TypeError, AttributeError):
        return (), {}


def chain(ref: str, expected: tuple[str, ...]) -> tuple[str, ...]:
    """The units an item with `ref` quotes: its lead-ins that are units, then itself."""
    parts = PART.findall(ref)
    article = ref[: len(ref) - sum(map(len, parts))]
    prefixes = [article + "".join(parts[:k]) for k in range(len(parts) + 1)]
    if not expected:
        return (ref,)
    return tuple(p for p in prefixes if p in expected) or (ref,)


def provision(ref: str, units: Units) -> tuple[str, tuple[str, ...]]:
    """The authentic text an item with `ref` quotes, and the units missing for it (then the
    text is empty: a partial chain is never shown)."""
    wanted = chain(ref, units.expected)
    missing = tuple(u for u in wanted if u not in units.text)
    if missing:
        return "", missing
    return JOIN.join(units.text[u] for u in wanted), ()
