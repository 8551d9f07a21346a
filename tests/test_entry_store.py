"""Values computed from one entry are kept across builds, and only while they still fit."""

from __future__ import annotations

from types import SimpleNamespace

from wegweiser.catalog.entry_store import EntryStore


def _entry(source, digest, provider_digest=None):
    provider = SimpleNamespace(digest=provider_digest) if provider_digest else None
    return SimpleNamespace(source=source, digest=digest, provider_entry=provider)


def _key(source, digest, provider_digest=None):
    """How the store knows an entry (16 bytes made from these)."""
    return EntryStore._identity(_entry(source, digest, provider_digest))


def test_values_are_reused_only_for_the_same_entry_provider_and_key(tmp_path):
    folder = tmp_path / "entries"
    calls = []

    def compute(name):
        return lambda: calls.append(name) or name.upper()

    store = EntryStore(folder, "k1")
    assert store.get("csv", _entry("a.md", "1", "p1"), compute("a")) == "A"
    assert store.get("csv", _entry("b.md", "1"), compute("b")) == "B"
    store.save()
    again = EntryStore(folder, "k1")
    assert again.get("csv", _entry("a.md", "1", "p1"), compute("x")) == "A"  # kept
    assert again.get("csv", _entry("a.md", "2", "p1"), compute("changed")) == "CHANGED"  # the file changed
    assert again.get("csv", _entry("a.md", "1", "p2"), compute("provider")) == "PROVIDER"  # its provider changed
    assert again.get("search", _entry("a.md", "1", "p1"), compute("other")) == "OTHER"  # another kind of value
    assert calls == ["a", "b", "changed", "provider", "other"]
    assert EntryStore(folder, "k2").get("csv", _entry("a.md", "1", "p1"), compute("new key")) == "NEW KEY"


def test_the_store_keeps_what_the_last_build_used_and_is_written_only_on_change(tmp_path):
    folder = tmp_path / "entries"
    store = EntryStore(folder, "k")
    store.get("csv", _entry("a.md", "1"), lambda: "A")
    store.get("csv", _entry("b.md", "1"), lambda: "B")
    store.save()
    written = (folder / "csv.pickle").stat().st_mtime_ns
    same = EntryStore(folder, "k")
    same.get("csv", _entry("a.md", "1"), lambda: "?")
    same.get("csv", _entry("b.md", "1"), lambda: "?")
    same.save()
    assert (folder / "csv.pickle").stat().st_mtime_ns == written
    fewer = EntryStore(folder, "k")
    fewer.get("csv", _entry("a.md", "1"), lambda: "?")  # b.md was deleted
    fewer.save()
    assert list(EntryStore(folder, "k").stored("csv")) == [_key("a.md", "1")]


def test_values_of_entries_a_build_did_not_need_are_kept_until_the_entry_changes(tmp_path):
    """A build that reuses the previous search data reads no search terms; they are kept."""
    folder = tmp_path / "entries"
    a, b = _entry("a.md", "1", "p1"), _entry("b.md", "1")
    store = EntryStore(folder, "k")
    for entry in (a, b):
        store.get("search", entry, lambda: "terms")
        store.get("csv:offers", entry, lambda: "row")
    store.save([a, b])
    search_written = (folder / "search.pickle").stat().st_mtime_ns
    warm = EntryStore(folder, "k")
    warm.get("csv:offers", a, lambda: "?")
    warm.save([a])  # b.md was deleted
    assert (folder / "search.pickle").stat().st_mtime_ns == search_written  # not read: not touched
    later = EntryStore(folder, "k")
    assert set(later.stored("search")) == {_key("a.md", "1", "p1"), _key("b.md", "1")}
    assert later.stored("csv:offers") == {_key("a.md", "1", "p1"): "row"}
    changed_a = _entry("a.md", "2", "p1")  # a.md changed
    later.get("search", changed_a, lambda: "new terms")
    later.save([changed_a])
    assert EntryStore(folder, "k").stored("search") == {_key("a.md", "2", "p1"): "new terms"}  # b.md's dropped now
    assert EntryStore(folder, "k").stored("csv:offers") == {}  # a.md's old row: not for its new digest


def test_a_namespace_is_read_only_when_a_value_of_it_is_asked_for(tmp_path):
    folder = tmp_path / "entries"
    store = EntryStore(folder, "k")
    store.get("big", _entry("a.md", "1"), lambda: "x" * 1000)
    store.get("small", _entry("a.md", "1"), lambda: "y")
    store.save()
    later = EntryStore(folder, "k")
    assert later.get("small", _entry("a.md", "1"), lambda: "?") == "y"
    assert list(later._read) == ["small"]


def test_a_broken_store_is_ignored(tmp_path):
    folder = tmp_path / "entries"
    folder.mkdir()
    (folder / "csv.pickle").write_bytes(b"kein pickle")
    assert EntryStore(folder, "k").get("csv", _entry("a.md", "1"), lambda: "A") == "A"


def test_a_value_put_is_got_without_reading_its_namespace_and_kept_only_if_it_was_read(tmp_path):
    folder = tmp_path / "entries"
    a, b = _entry("a.md", "1"), _entry("b.md", "1")
    store = EntryStore(folder, "k")
    store.get("terms", a, lambda: "a terms")
    store.save()
    changed = EntryStore(folder, "k")
    changed.put("terms", b, "b terms")  # computed anyway, e.g. for a digest
    assert changed._read == {}
    changed.save()
    assert EntryStore(folder, "k").stored("terms") == {_key("a.md", "1"): "a terms"}  # not read: not written
    needed = EntryStore(folder, "k")
    needed.put("terms", b, "b terms")
    assert needed.get("terms", b, lambda: "computed again") == "b terms"
    assert needed.get("terms", a, lambda: "computed again") == "a terms"
    needed.save()
    assert EntryStore(folder, "k").stored("terms") == {_key("a.md", "1"): "a terms", _key("b.md", "1"): "b terms"}
