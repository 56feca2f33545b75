"""The folder tree is the architecture: each stage imports only the stages below it.

formats ← analysis ← pages ← output ← cli. `gapcheck/__init__.py` and `resources.py` sit
under all of them. A stage may import itself; no module-level import cycle anywhere.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gapcheck"
LAYERS = {"": 0, "resources": 0, "formats": 1, "analysis": 2, "pages": 3, "output": 4, "cli": 5}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _layer(module: str) -> int:
    if module == "gapcheck.__main__":
        return LAYERS["cli"]
    parts = module.split(".")
    return LAYERS[parts[1] if len(parts) > 1 and parts[1] in LAYERS else ""]


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    """gapcheck modules imported by `path` (every import, or only those run at import time)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only:
            continue  # `if TYPE_CHECKING:` blocks do not run
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("gapcheck"))
        elif (
            isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gapcheck")
        ):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_lower_layers_never_import_higher_ones(module: str) -> None:
    mine = _layer(module)
    higher = sorted(
        m
        for m in _imports(MODULES[module], top_level_only=False)
        if m in MODULES and _layer(m) > mine
    )
    assert not higher, f"{module} (layer {mine}) imports {higher}"


def test_no_import_cycle_at_import_time() -> None:
    graph = {
        m: {i for i in _imports(p, top_level_only=True) if i in MODULES and i != m}
        for m, p in MODULES.items()
    }
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in graph[m]:
            if n in path:
                continue  # a package importing its own submodules through __init__
            if state.get(n) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path, m, n]))
            if not state.get(n):
                visit(n, [*path, m])
        state[m] = 2

    for m in graph:
        if not state.get(m):
            visit(m, [])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_readable_in_a_sitting(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by what it does"


def test_validate_imports_nothing_of_the_pages() -> None:
    """`gapcheck validate` must stay fast: its command module reaches no page or renderer."""
    seen: set[str] = set()
    todo = ["gapcheck.cli", "gapcheck.cli.assess"]
    while todo:
        m = todo.pop()
        if m in seen or m not in MODULES:
            continue
        seen.add(m)
        todo.extend(_imports(MODULES[m], top_level_only=True))
    assert not [m for m in seen if _layer(m) in (3, 4)], sorted(seen)
