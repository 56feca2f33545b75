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
        "checklist": st.one_of(st.just(str(MINI)), scalars),
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
    path.write_text(f"checklist: {MINI}\n" + text, encoding="utf-8")
    _check(path)
