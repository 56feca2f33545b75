"""The checklist cache: reused when the file is the same, ignored when it changes or is broken."""

from __future__ import annotations

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
    return sorted((tmp_path_factory.getbasetemp() / "cache" / "gapcheck").glob("checklist-*"))


def test_cache_is_written_and_reused(copy, tmp_path_factory):
    first = checklists.get(str(copy))
    cache = checklists._cache_file(copy.read_bytes())
    assert cache.exists()
    data = checklists.unseal(cache.read_bytes())
    data["title"] = "From the cache"
    cache.write_bytes(checklists.seal(data))  # an entry as gapcheck writes one: data and its hash
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
    entry = cache.read_bytes()
    assert b"Mini checklist" in entry
    cache.write_bytes(entry.replace(b"Mini checklist", b"Mini Checklist"))  # its hash left as is
    checklists._cached.cache_clear()
    assert checklists.get(str(copy)).title == "Mini checklist"


def test_a_truncated_entry_is_not_used(copy):
    cache = checklists._cache_file(copy.read_bytes())
    cache.unlink(missing_ok=True)
    checklists._cached.cache_clear()
    checklists.get(str(copy))
    cache.write_bytes(cache.read_bytes()[:-10])
    checklists._cached.cache_clear()
    assert checklists.get(str(copy)).title == "Mini checklist"
    assert checklists.unseal(cache.read_bytes())["title"] == "Mini checklist"  # rewritten whole


def test_an_old_json_entry_is_ignored(copy):
    old = checklists._cache_file(copy.read_bytes()).with_suffix("").with_suffix(".json")
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text('{"sha256": "0", "data": "{}"}', "utf-8")
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
    checklists._cache_file(copy.read_bytes()).write_bytes(b"{not a cache entry")
    assert checklists.get(str(copy)).title == "Mini checklist"


def test_cache_can_be_turned_off(copy, monkeypatch):
    monkeypatch.setenv("GAPCHECK_NO_CACHE", "1")
    copy.write_text("# never seen before\n" + copy.read_text("utf-8"), "utf-8")
    checklists.get(str(copy))
    assert not checklists._cache_file(copy.read_bytes()).exists()
