"""Plain YAML values as YAML 1.2's core schema reads them (not YAML 1.1): no yes/no/on/off
booleans, no sexagesimal numbers, no timestamps; explicit tags checked against their form;
numbers of bounded length; NEL, LS and PS as ordinary characters."""

from __future__ import annotations

import re
from typing import Any

from gapcheck.formats.problems import quote

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


MAX_NUMBER = 100
"""Characters of a number: a longer one is refused (Python will not even convert a number
of more than 4,300 digits to text)."""

_INT_RE = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_RE = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_FORMS = {
    _INT: (_INT_RE, "a whole number such as 12"),
    _FLOAT: (_FLOAT_RE, "a number such as 1.5"),
    _BOOL: (re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "true or false"),
    _NULL: (re.compile(r"^(?:~|null|Null|NULL|)$"), "null"),
}


_SENTINELS = {"\x85": "\ufdd0", "\u2028": "\ufdd1", "\u2029": "\ufdd2"}
"""NEL, LS and PS are line breaks to libyaml (YAML 1.1) but ordinary characters in YAML 1.2,
which gapcheck reads: pasted from a PDF into unquoted text, they made a syntax error lines
later. They are swapped for noncharacters (one for one, so columns stay right) while
parsing."""
_BREAKS = str.maketrans({c: "\n" for c in (*_SENTINELS, *_SENTINELS.values())})
"""…and in the values read, they (and the noncharacters standing for them) are line
breaks, as the writer meant them (and no font has a glyph for them)."""


def scalar(tag: str, value: str, mark: Any) -> Any:
    if tag in (_STR, _TIMESTAMP):  # an explicit !!timestamp stays the text it is
        return value.translate(_BREAKS)
    if tag not in _FORMS:
        raise Refused(mark, f"unsupported tag '{_tag(tag)}'; write plain text instead")
    form, shape = _FORMS[tag]
    if not form.match(value):  # only an explicit tag can get here: `!!int abc`
        raise Refused(
            mark,
            f"{quote(value)} is not {shape}, as the tag '{_tag(tag)}' says; "
            "remove the tag (and put text in quotes)",
        )
    if tag in (_INT, _FLOAT) and len(value) > MAX_NUMBER:
        raise Refused(
            mark,
            f"a number of {len(value)} characters is too long; put it in quotes if it is text",
        )
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    low = value.lower().lstrip("+")
    if low in (".inf", "-.inf", ".nan"):
        return float(low.replace(".", ""))
    return float(value)


class Refused(Exception):
    """A value gapcheck will not read, with the mark of where it is."""

    def __init__(self, mark: Any, message: str) -> None:
        self.mark = mark
        self.message = message
