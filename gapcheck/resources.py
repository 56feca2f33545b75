"""Where gapcheck's own data lives: checklists, templates and message catalogues."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """A data folder inside the installed package (wheel) or at the top of the repository."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name
