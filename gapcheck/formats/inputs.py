"""Finding the input files a command is given (files as named, YAML files in folders), and
reading them safely: regular files only, never more than a limit."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

YAML_SUFFIXES = (".yaml", ".yml")


def expand(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files as given, and `*.yaml`/`*.yml` files found recursively in folders (sorted),
    with what was skipped in folders: a `.yaml` name that is a dangling or looping link
    or not a file, a folder that cannot be read. Nothing is skipped without a word: a
    facilitator told "all valid" must be able to trust that every file was read."""
    out: list[str] = []
    skipped: list[str] = []
    for p in paths:
        if not os.path.isdir(p or "."):  # (as Path(p): "" is "."); no `pathlib` for a file
            out.append(p)
            continue
        from pathlib import Path

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


class NotRegularError(OSError):
    """A folder, FIFO, device or socket where a file was expected."""


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most `limit` bytes of a regular file. A FIFO, `/dev/stdin`, a device or a folder
    raises NotRegularError at once: opened without blocking and checked before reading,
    since reading a FIFO waits forever for a writer (a CI job would stall)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "is a directory" if stat.S_ISDIR(mode) else "is not a regular file"
            raise NotRegularError(f"{what} (gapcheck reads only ordinary files)")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(limit)
    finally:
        os.close(fd)
