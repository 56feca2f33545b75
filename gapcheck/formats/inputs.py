"""Finding the input files a command is given: files as named, YAML files in folders."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def expand(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files as given, and `*.yaml`/`*.yml` files found recursively in folders (sorted),
    with what was skipped in folders: a `.yaml` name that is a dangling or looping link
    or not a file, a folder that cannot be read. Nothing is skipped without a word: a
    facilitator told "all valid" must be able to trust that every file was read."""
    out: list[str] = []
    skipped: list[str] = []
    for p in paths:
        if not Path(p).is_dir():
            out.append(p)
            continue

        def unreadable(e: OSError) -> None:
            skipped.append(f"{e.filename}: skipped: folder cannot be read ({e.strerror})")

        found: list[Path] = []
        for folder, dirs, files in os.walk(p, onerror=unreadable):
            dirs.sort()
            for name in files + dirs:
                f = Path(folder) / name
                if f.suffix not in YAML_SUFFIXES:
                    continue
                if f.is_file():
                    found.append(f)
                elif f.is_symlink() and not f.exists():
                    skipped.append(f"{f}: skipped: a link to nothing (dangling or looping)")
                elif name in files:
                    skipped.append(f"{f}: skipped: not a regular file")
        out.extend(str(f) for f in sorted(found))
    return out, skipped
