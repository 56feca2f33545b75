"""Writing output files safely: staged beside their destination, moved into place whole,
never replacing what should not be replaced."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def staged_name(run: str, middle: str) -> str:
    """`.gapcheck-<run>-<middle>.tmp`: the same short length whatever the final name (a
    temporary name longer than the final one could exceed the file-name limit), and marked
    with the run, so an interrupted run can find and remove its files."""
    return f".gapcheck-{run}-{middle}.tmp"


def stage(path: Path, data: bytes, *, run: str = "w") -> str:
    """Write `data` to a temporary file beside `path` (same file system, so it can be moved
    into place atomically) with the permissions a new file would have; return its name."""
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(100):
        tmp = str(path.parent / staged_name(run, secrets.token_hex(6)))
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 collisions of 48 random bits
        raise FileExistsError(f"cannot create a temporary file in {path.parent}")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # made 0600; reports are meant to be shared
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` through a temporary file, so a reader never sees half a file.

    Without `overwrite`, an existing file is never replaced (FileExistsError), even if it
    appears while we write.
    """
    tmp = stage(path, data)
    try:
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the target exists: no race with another writer
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def format_for(output: Path | None, fmt: str | None, formats: Iterable[str], default: str) -> str:
    """The output format: `fmt` when given, else the one `output`'s suffix names
    (`comparison.pdf` → pdf) if it is one of `formats`, else `default`."""
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output else ""
    suffix = "html" if suffix == "htm" else suffix
    return suffix if suffix in formats else default


def replaces_input(output: Path, inputs: Iterable[str | Path]) -> str | None:
    """The input file that writing `output` would replace, if any."""
    target = output.resolve()
    return next((str(p) for p in inputs if Path(p).resolve() == target), None)
