"""The YAML loader: YAML 1.2 scalars, positions, and limits against hostile files."""

from __future__ import annotations

import pytest

from gapcheck.formats.loader import MAX_BYTES, LoadError, UnreadableError, load, parse


def test_yaml_1_2_booleans_only():
    doc = parse("a: no\nb: NO\nc: yes\nd: on\ne: true\nf: False\n", "x")
    assert doc.data == {"a": "no", "b": "NO", "c": "yes", "d": "on", "e": True, "f": False}


def test_dates_and_sexagesimal_stay_text():
    doc = parse("a: 2026-03-01\nb: 12:30\nc: 1.50\nd: 0x10\n", "x")
    assert doc.data == {"a": "2026-03-01", "b": "12:30", "c": 1.5, "d": 16}


def test_positions_are_one_based_line_and_column():
    doc = parse("answers:\n  art1:\n    status: done\n", "x")
    assert doc.positions[("answers", "art1", "status")] == (3, 13)
    assert doc.key_positions[("answers", "art1")] == (2, 3)


def test_duplicate_key_reported_at_the_duplicate():
    with pytest.raises(LoadError) as e:
        parse("a: 1\nb: 2\na: 3\n", "x")
    assert (e.value.problem.line, e.value.problem.col) == (3, 1)
    assert "first defined at line 1" in e.value.problem.message


def test_bom_is_accepted(tmp_path):
    p = tmp_path / "bom.yaml"
    p.write_bytes(b"\xef\xbb\xbfa: b\n")
    assert load(p).data == {"a": "b"}


def test_size_limit(tmp_path):
    p = tmp_path / "big.yaml"
    p.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(LoadError, match="larger than"):
        load(p)


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableError):
        load(tmp_path / "nope.yaml")


def test_global_pyyaml_loader_untouched():
    import yaml

    assert yaml.safe_load("a: no") == {"a": False}
