"""Random YAML and random bytes never make `validate` show a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcheck.formats.assessment import validate_file

from .conftest import MINI

SETTINGS = settings(
    max_examples=int(os.environ.get("GAPCHECK_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["yes", "no", "n/a", "partial", "unknown", "2026-02-30", "age", "produce"]),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["status", "evidence", "notes", "instrument", "url", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "checklist": st.one_of(st.just("mini.yaml"), scalars),
        "country": st.one_of(st.fixed_dictionaries({"name": scalars}), values),
        "as_of": scalars,
        "answers": st.one_of(
            st.dictionaries(
                st.sampled_from(["age", "produce", "attempt", "nope"]), values, max_size=4
            ),
            values,
        ),
    },
)


def _check(path: Path) -> None:
    # the checklist beside the assessment (an assessment names files only in its folder)
    if not (path.parent / "mini.yaml").exists():
        (path.parent / "mini.yaml").write_bytes(MINI.read_bytes())
    result = validate_file(path)
    for p in result.problems:
        assert str(p).startswith(str(path))


@SETTINGS
@given(doc=documents)
def test_random_yaml_documents(doc, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "a.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _check(path)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes(data, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "a.yaml"
    path.write_bytes(data)
    _check(path)


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@`,?<=0")), max_size=120))
def test_random_yaml_like_text(text, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "a.yaml"
    path.write_text("checklist: mini.yaml\n" + text, encoding="utf-8")
    _check(path)


# Issue 14: tags, huge numbers, control and bidi characters, and names that are not UTF-8.
TAGS = ["!!int", "!!float", "!!bool", "!!null", "!!str", "!!timestamp", "!!binary", "!!python/none"]
NASTY = st.one_of(
    st.sampled_from(["\x1b]0;x\x07", "\x0b", "\u202e", "\u2066", "\u200b", "\u2028", "\x85", "\r"]),
    st.characters(categories=["Cc", "Cf", "Zl", "Zp"]),
)
plain_words = st.text(alphabet=st.sampled_from(list("abc019 .-/")), min_size=1, max_size=12)


@SETTINGS
@given(
    tag=st.sampled_from(TAGS),
    word=plain_words,
    digits=st.integers(min_value=1, max_value=6000),
)
def test_tags_and_huge_numbers(tag, word, digits, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "a.yaml"
    path.write_text(
        f"checklist: mini.yaml\nsummary: {tag} {word}\nreviewer: {'9' * digits}\n",
        encoding="utf-8",
    )
    _check(path)


@SETTINGS
@given(text=st.lists(st.one_of(NASTY, st.text(max_size=5)), max_size=8).map("".join))
def test_control_and_bidi_characters_in_every_place(text, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "mini.yaml").write_bytes(MINI.read_bytes())
    doc = {
        "checklist": "mini.yaml",
        "country": {"name": text or "x"},
        "as_of": "2026-01-01",
        "summary": text,
        "answers": {"age": {"status": "no", "notes": text}, text or "y": {"status": "no"}},
    }
    path = folder / "a.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _check(path)
    for p in validate_file(path).problems:  # a message never carries a raw control
        assert not any(ch in p.message for ch in "\x1b\x07\x0b\u202e\u2066\u200b")


@SETTINGS
@given(name=st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\0" not in b))
def test_file_names_that_are_not_utf8(name, tmp_path_factory):
    from click.testing import CliRunner

    from gapcheck.cli import cli

    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "mini.yaml").write_bytes(MINI.read_bytes())
    body = 'checklist: mini.yaml\ncountry: {name: X}\nas_of: "2026-01-01"\n'
    path = folder / os.fsdecode(name + b".yaml")
    path.write_text(body, encoding="utf-8")
    other = folder / "b.yaml"
    other.write_text(body, encoding="utf-8")
    for args in (
        ["validate", str(path)],
        ["diff", str(other), str(path)],
        ["compare", str(path), str(other)],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert result.exit_code in (0, 1), (args, result.output)
