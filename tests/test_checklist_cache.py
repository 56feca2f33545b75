"""The checklist cache: reused when the file is the same, ignored when it changes or is broken."""

from __future__ import annotations

import json

import pytest

from gapcheck.formats import checklist as checklists

from .conftest import MINI


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(MINI.read_text("utf-8"), "utf-8")
    checklists._cached.cache_clear()
    return path


def _cache_files(tmp_path_factory):
    return sorted((tmp_path_factory.getbasetemp() / "cache" / "gapcheck").glob("checklist-*.json"))


def test_cache_is_written_and_reused(copy, tmp_path_factory):
    first = checklists.get(str(copy))
    cache = checklists._cache_file(copy.read_bytes())
    assert cache.exists()
    entry = json.loads(cache.read_text("utf-8"))
    data = json.loads(entry["data"])
    data["title"] = "From the cache"
    payload = json.dumps(data)  # an entry as gapcheck writes one: data and its hash
    cache.write_text(json.dumps({"sha256": checklists._digest(payload), "data": payload}), "utf-8")
    checklists._cached.cache_clear()
    assert checklists.get(str(copy)).title == "From the cache"
    assert first.title == "Mini checklist"
    cache.unlink()  # the mini checklist's entry is shared with the other tests
    checklists._cached.cache_clear()


def test_an_entry_edited_by_hand_is_not_used(copy):
    cache = checklists._cache_file(copy.read_bytes())
    cache.unlink(missing_ok=True)
    checklists._cached.cache_clear()
    checklists.get(str(copy))
    entry = json.loads(cache.read_text("utf-8"))
    entry["data"] = entry["data"].replace('"Mini checklist"', '"Edited"')
    cache.write_text(json.dumps(entry), "utf-8")
    checklists._cached.cache_clear()
    assert checklists.get(str(copy)).title == "Mini checklist"


def test_changed_file_is_parsed_and_linted_again(copy):
    checklists.get(str(copy))
    copy.write_text(copy.read_text("utf-8").replace("theme: juris", "theme: nowhere", 1), "utf-8")
    checklists._cached.cache_clear()
    with pytest.raises(checklists.ChecklistError, match="unknown theme 'nowhere'"):
        checklists.get(str(copy))


def test_broken_cache_falls_back_to_the_file(copy):
    checklists._cache_file(copy.read_bytes()).parent.mkdir(parents=True, exist_ok=True)
    checklists._cache_file(copy.read_bytes()).write_text("{not json", "utf-8")
    assert checklists.get(str(copy)).title == "Mini checklist"


def test_cache_can_be_turned_off(copy, monkeypatch):
    monkeypatch.setenv("GAPCHECK_NO_CACHE", "1")
    copy.write_text("# never seen before\n" + copy.read_text("utf-8"), "utf-8")
    checklists.get(str(copy))
    assert not checklists._cache_file(copy.read_bytes()).exists()
