"""Where gapcheck's own data lives: checklists, templates and message catalogues."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

PACKAGE_FOLDER = os.path.dirname(os.path.realpath(__file__))
"""The package's folder, a str: `gapcheck validate` never loads `pathlib` (start-up time)."""


def data_folder(name: str) -> str:
    """A data folder inside the installed package (wheel) or at the top of the repository."""
    inside = os.path.join(PACKAGE_FOLDER, name)
    return inside if os.path.isdir(inside) else os.path.join(os.path.dirname(PACKAGE_FOLDER), name)


def data_dir(name: str) -> Path:
    """`data_folder` as a Path."""
    from pathlib import Path

    return Path(data_folder(name))


def __getattr__(name: str) -> Path:
    if name == "PACKAGE_DIR":  # the package's folder as a Path, made when asked
        from pathlib import Path

        return Path(PACKAGE_FOLDER)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
