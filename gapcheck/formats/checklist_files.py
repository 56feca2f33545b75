"""Where checklists are: the built-in ones, and the file a reference names (confined when
an assessment names it).

Paths are str here, spelt as pathlib spells them (`_norm`): `gapcheck validate` never loads
`pathlib` (~5 ms of its start-up); the public functions still give and take Paths.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from gapcheck.formats.problems import quote
from gapcheck.resources import data_folder

if TYPE_CHECKING:
    from pathlib import Path

_BUILTIN_FOLDER = data_folder("checklists")


def available() -> dict[str, Path]:
    """Built-in checklists by id (`<id>.<language>.yaml` beside one is its language overlay)."""
    from pathlib import Path

    return {cid: Path(file) for cid, file in _builtins().items()}


def _builtins() -> dict[str, str]:
    try:
        names = sorted(os.listdir(_BUILTIN_FOLDER))
    except OSError:
        return {}
    stems = [n[:-5] for n in names if n.endswith(".yaml")]
    return {s: os.path.join(_BUILTIN_FOLDER, f"{s}.yaml") for s in stems if s and "." not in s}


def resolve(ref: str, base: Path | None = None) -> Path | None:
    """The file a checklist reference names: a built-in id, or a path (relative to `base`)."""
    file = _locate(ref, None if base is None else os.fspath(base))
    if file is None:
        return None
    from pathlib import Path

    return Path(file)


def _locate(ref: str, base: str | None) -> str | None:
    builtin = _builtins()
    if ref in builtin:
        return builtin[ref]
    if "/" in ref or "\\" in ref or ref.endswith(SUFFIXES):
        return _norm(ref if base is None else os.path.join(base, ref))
    return None


def _norm(path: str) -> str:
    """`str(Path(path))`: repeated slashes, `.` parts and a final slash dropped (not `..`)."""
    if os.sep != "/":  # pragma: no cover - Windows: pathlib's own rules
        from pathlib import Path

        return str(Path(path))
    lead = (
        "//" if path.startswith("//") and not path.startswith("///") else "/" * path.startswith("/")
    )
    return lead + "/".join(p for p in path.split("/") if p not in ("", ".")) or "."


SUFFIXES = (".yaml", ".yml")


def named_by(
    ref: str, assessment: str | os.PathLike[str], trusted: Iterable[str | os.PathLike[str]] = ()
) -> str | None:
    """The checklist an assessment file names, only where an assessment may name one: a
    built-in id, a `.yaml` file in the assessment's own folder or below, or a file the user
    named on the command line (`trusted`). Anything else raises LookupError before it is
    read: an assessment from someone else must not make gapcheck open `~/.ssh/id_ed25519`."""
    folder = os.path.dirname(_norm(os.fspath(assessment))) or "."
    path = _locate(ref, folder)
    if path is None or ref in _builtins():
        return path
    target = os.path.realpath(path)  # as Path.resolve(): links followed, `..` resolved
    if any(target == os.path.realpath(os.fspath(t)) for t in trusted):
        return path
    inside = os.path.realpath(folder)
    if os.path.splitext(target)[1] not in SUFFIXES or not (
        target == inside or target.startswith(inside.rstrip("/") + "/")
    ):
        raise LookupError(
            f"checklist {quote(ref)} is not read: an assessment may name a built-in checklist "
            f"({', '.join(_builtins())}) or a .yaml checklist in its own folder or below; "
            "to use another file, give it on the command line with --checklist"
        )
    return path
