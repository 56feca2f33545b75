"""YAML syntax errors in words a lawyer new to YAML can act on.

libyaml speaks parser jargon ("while parsing a block mapping, did not find expected key")
and often stops lines below the real mistake. Here the common failures are told plainly,
with the expected shape shown, at the line where the indentation went wrong; and since a
file may hold several independent mistakes, each top-level block and each answer is
parsed on its own after a failure, and in a block that fails, the keys after the failing
one (unless they begin inside a text left open above them), so that one run lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

LIST_SHAPE = "\n      reasons:\n        - first_code\n        - second_code"
MAP_SHAPE = '\n      status: partial\n      notes: "Text with: a colon, in quotes"'


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(lines: list[str], n: int) -> bool:
    """Whether line `n` (0-based) holds something other than blanks and comments."""
    return 0 <= n < len(lines) and bool(lines[n].strip()) and not lines[n].lstrip().startswith("#")


def _previous(lines: list[str], n: int) -> int | None:
    k = n - 1
    while k >= 0 and not _content(lines, k):
        k -= 1
    return k if k >= 0 else None


def _at(lines: list[str], n: int) -> str:
    return lines[n] if 0 <= n < len(lines) else ""


def explain(e: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, int, str]:
    """(line, column, message) of a libyaml error, 1-based, in plain words."""
    mark = e.problem_mark or e.context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)
    problem, context = e.problem or "", e.context or ""
    raw = f"{context}, {problem}" if context and problem else problem or "invalid YAML"
    here = _at(lines, line)
    if here[col : col + 1] == "\t" or (here[:col].strip() == "" and "\t" in here[:col]):
        return line + 1, col + 1, "a tab in the indentation: indent with spaces, not tabs"
    if (
        "found unexpected end of stream" in problem
        and "quoted scalar" in context
        and e.context_mark
    ):
        m = e.context_mark
        return (
            m.line + 1,
            m.column + 1,
            "this quotation mark is never closed: end the text with the same quotation mark",
        )
    if "while parsing a flow" in context and e.context_mark and "did not find" in problem:
        m = e.context_mark
        closer = "}" if "mapping" in context else "]"
        return (
            m.line + 1,
            m.column + 1,
            f"this {_at(lines, m.line)[m.column : m.column + 1]!r} is not closed: end it with "
            f"{closer!r} on the same entry, and separate its parts with ',', for example:"
            "\n      - {instrument: Penal Code, provision: s. 1}",
        )
    if "mapping values are not allowed" in problem:
        prev = _previous(lines, line)
        if prev is not None and _indent(here) > _indent(lines[prev]) and ":" in lines[prev]:
            key = lines[prev].strip().split(":")[0]
            return (
                line + 1,
                _indent(here) + 1,
                f"this line is indented more than `{key}:` on line {prev + 1}, so it is read as "
                f"part of that line's text: indent `{here.strip().split(':')[0]}:` exactly like "
                f"`{key}:`, for example:{MAP_SHAPE}",
            )
        return (
            line + 1,
            col + 1,
            "a colon followed by a space (': ') inside a text: put the whole text in quotes, "
            f"for example:{MAP_SHAPE}",
        )
    if "could not find expected ':'" in problem and e.context_mark:
        m = e.context_mark
        return (
            m.line + 1,
            m.column + 1,
            "this line is neither `key: value` nor a list entry: a list entry starts with "
            f"'- ', and a key ends with ':', for example:{LIST_SHAPE}",
        )
    if "expected '-' indicator" in problem or "did not find expected key" in problem:
        return _indentation(lines, line, col, "-" in problem)
    if "cannot start any token" in problem:
        char = here[col : col + 1]
        return (
            line + 1,
            col + 1,
            f"a text cannot start with {char!r} unquoted: put the text in quotes",
        )
    return line + 1, col + 1, raw


def _indentation(lines: list[str], line: int, col: int, in_list: bool) -> tuple[int, int, str]:
    """Where an indentation went wrong: the first line above the failure (within its
    block) that is indented less than the lines around it, if any; else the failing line."""
    here = _at(lines, line)
    indent = _indent(here)
    k = _previous(lines, line)
    while k is not None and _indent(lines[k]) >= indent:
        k = _previous(lines, k)
    shape = LIST_SHAPE if in_list else MAP_SHAPE
    if k is not None and _indent(lines[k]) < indent and k > 0:
        above = _previous(lines, k)
        if above is not None and _indent(lines[above]) > _indent(lines[k]) and line - k > 1:
            return (
                k + 1,
                _indent(lines[k]) + 1,
                f"this line is indented less than the lines around it (line {line + 1} is "
                f"where reading stopped): indent `{lines[k].strip()}` like its neighbours, "
                f"for example:{shape}",
            )
    what = "list entry ('- ')" if in_list else "key of the block above"
    return (
        line + 1,
        col + 1,
        f"the indentation of this line matches no {what}: line it up with the lines of its "
        f"block, for example:{shape}",
    )


MAX_BLOCKS = 500
"""Blocks parsed alone after a syntax error (each costs a parse of its lines)."""


def blocks(lines: list[str]) -> list[tuple[int, int, int | None]]:
    """The independent parts of a file, as (first, end, parent) 0-based line ranges: each
    top-level key with what follows it, and each answer under `answers:` (parent: the line
    of `answers:`)."""
    starts = [n for n, text in enumerate(lines) if _content(lines, n) and _indent(text) == 0]
    out: list[tuple[int, int, int | None]] = []
    for i, first in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(lines)
        if lines[first].rstrip() == "answers:":
            inner = [n for n in range(first + 1, end) if _content(lines, n)]
            if inner:
                step = _indent(lines[inner[0]])
                heads = [n for n in inner if _indent(lines[n]) == step]
                for j, head in enumerate(heads):
                    out.append((head, heads[j + 1] if j + 1 < len(heads) else end, first))
                continue
        out.append((first, end, None))
    return out


def recover(
    text: str, first_error: tuple[int, int], parse: Callable[[str], Any]
) -> list[tuple[int, int, str]]:
    """Every syntax error found by parsing each block alone (lines outside it blanked, so
    line numbers stay right), then, in a block that fails, the keys after the failure;
    `parse` raises yaml.MarkedYAMLError (or returns)."""
    lines = text.split("\n")
    found: dict[tuple[int, int], str] = {}
    budget = [MAX_BLOCKS]
    for first, end, parent in blocks(lines)[:MAX_BLOCKS]:
        keep = [first] if parent is None else [parent, first]
        error = _try(lines, keep, first, end, parse, budget)
        if error is None:
            continue
        if not first < first_error[0] <= end:  # else the first error itself, maybe moved
            line, col, message = explain(error, lines)
            found.setdefault((line, col), message)
        for line, col, message in _siblings(lines, keep, first, end, error, parse, budget):
            found.setdefault((line, col), message)
    found.pop(first_error, None)
    return [(line, col, message) for (line, col), message in sorted(found.items())]


def _try(
    lines: list[str],
    keep: list[int],
    first: int,
    end: int,
    parse: Callable[[str], Any],
    budget: list[int],
) -> yaml.MarkedYAMLError | None:
    """The error of lines first..end parsed alone with the lines `keep` (their parents)."""
    if budget[0] <= 0:
        return None
    budget[0] -= 1
    part = ["" for _ in range(first)]
    for n in keep:
        if n < first:
            part[n] = lines[n]
    try:
        parse("\n".join([*part, *lines[first:end]]))
    except yaml.MarkedYAMLError as e:
        return e
    except Exception:
        return None
    return None


_KEY = re.compile(r"[^\s#'\"\[\]{},&*!|>%@`-][^:#]*:(\s|$)")


def _siblings(
    lines: list[str],
    keep: list[int],
    first: int,
    end: int,
    error: yaml.MarkedYAMLError,
    parse: Callable[[str], Any],
    budget: list[int],
) -> list[tuple[int, int, str]]:
    """Errors in the keys of block `first` that come after `error`: the rest of the
    block from the next key is parsed alone, again after each failure. A rest that begins
    inside a quoted or flow text opened above it is skipped: it would only echo that."""
    if not re.fullmatch(r"\s*[^\s#][^#]*:\s*(#.*)?", lines[first]):
        return []  # the block's head holds a value, not keys
    inner = [n for n in range(first + 1, end) if _content(lines, n)]
    if not inner or _indent(lines[inner[0]]) <= _indent(lines[first]):
        return []
    step = _indent(lines[inner[0]])
    keys = [n for n in inner if _indent(lines[n]) == step and _KEY.match(lines[n], step)]
    out: list[tuple[int, int, str]] = []
    failed: yaml.MarkedYAMLError | None = error
    while failed is not None:
        mark = failed.problem_mark or failed.context_mark
        stop = max(mark.line if mark else end, explain(failed, lines)[0] - 1)
        later = [n for n in keys if n > stop]
        while later and _inside_text(lines, [*keep, first], later[0]):
            later = later[1:]
        if not later:
            break
        failed = _try(lines, [*keep, first], later[0], end, parse, budget)
        if failed is not None:
            out.append(explain(failed, lines))
    return out


def _inside_text(lines: list[str], keep: list[int], first: int) -> bool:
    """Whether line `first` begins inside a quoted text or a flow [..]/{..} opened on the
    lines above it (those of its block and `keep`); when the scanner stops at a mistake,
    it goes on after it, and when unsure the answer is yes."""
    text = "\n".join(lines[n] if n in keep or n >= keep[-1] else "" for n in range(first))
    depth = 0
    for _ in range(50):
        try:
            for token in yaml.scan(text):
                if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                    depth += 1
                elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                    depth -= 1
            return depth > 0
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark
            if mark is None or "end of stream" in (e.problem or ""):
                return True
            cut = mark.index + 1
            text = re.sub(r"[^\n]", " ", text[:cut]) + text[cut:]
        except Exception:
            return True
    return True
