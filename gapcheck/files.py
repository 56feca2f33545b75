"""Finding input files and writing output files safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def expand(paths: Iterable[str]) -> list[str]:
    """Files as given, and `*.yaml`/`*.yml` files found recursively in directories (sorted)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(
                str(f) for f in sorted(path.rglob("*")) if f.suffix in YAML_SUFFIXES and f.is_file()
            )
        else:
            out.append(p)
    return out


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` through a temporary file, so a reader never sees half a file.

    Without `overwrite`, an existing file is never replaced (FileExistsError), even if it
    appears while we write.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the target exists: no race with another writer
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
