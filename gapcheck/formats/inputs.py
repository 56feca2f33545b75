"""Finding the input files a command is given: files as named, YAML files in folders."""

from __future__ import annotations

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
