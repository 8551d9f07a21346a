"""Values computed from one entry are kept across builds, and only while they still fit."""

from __future__ import annotations

from types import SimpleNamespace

from wegweiser.core.entry_store import EntryStore


def _entry(source, digest, provider_digest=None):
    provider = SimpleNamespace(digest=provider_digest) if provider_digest else None
    return SimpleNamespace(source=source, digest=digest, provider_entry=provider)


def test_values_are_reused_only_for_the_same_entry_provider_and_key(tmp_path):
    path = tmp_path / "entries.pickle"
    calls = []

    def compute(name):
        return lambda: calls.append(name) or name.upper()

    store = EntryStore(path, "k1")
    assert store.get("csv", _entry("a.md", "1", "p1"), compute("a")) == "A"
    assert store.get("csv", _entry("b.md", "1"), compute("b")) == "B"
    store.save()
    again = EntryStore(path, "k1")
    assert again.get("csv", _entry("a.md", "1", "p1"), compute("x")) == "A"  # kept
    assert again.get("csv", _entry("a.md", "2", "p1"), compute("changed")) == "CHANGED"  # the file changed
    assert again.get("csv", _entry("a.md", "1", "p2"), compute("provider")) == "PROVIDER"  # its provider changed
    assert again.get("search", _entry("a.md", "1", "p1"), compute("other")) == "OTHER"  # another kind of value
    assert calls == ["a", "b", "changed", "provider", "other"]
    assert EntryStore(path, "k2").get("csv", _entry("a.md", "1", "p1"), compute("new key")) == "NEW KEY"


def test_the_store_keeps_what_the_last_build_used_and_is_written_only_on_change(tmp_path):
    path = tmp_path / "entries.pickle"
    store = EntryStore(path, "k")
    store.get("csv", _entry("a.md", "1"), lambda: "A")
    store.get("csv", _entry("b.md", "1"), lambda: "B")
    store.save()
    written = path.stat().st_mtime_ns
    same = EntryStore(path, "k")
    same.get("csv", _entry("a.md", "1"), lambda: "?")
    same.get("csv", _entry("b.md", "1"), lambda: "?")
    same.save()
    assert path.stat().st_mtime_ns == written
    fewer = EntryStore(path, "k")
    fewer.get("csv", _entry("a.md", "1"), lambda: "?")  # b.md was deleted
    fewer.save()
    assert list(EntryStore(path, "k").values) == [("csv", "a.md", "1", "")]


def test_values_of_entries_a_build_did_not_need_are_kept_until_the_entry_changes(tmp_path):
    """A build that reuses the previous search data computes no search terms; they are kept."""
    path = tmp_path / "entries.pickle"
    a, b = _entry("a.md", "1", "p1"), _entry("b.md", "1")
    store = EntryStore(path, "k")
    for entry in (a, b):
        store.get("search", entry, lambda: "terms")
        store.get("csv", entry, lambda: "row")
    store.save([a, b])
    warm = EntryStore(path, "k")
    warm.get("csv", a, lambda: "?")
    warm.get("csv", b, lambda: "?")
    warm.save([a, b])
    assert sorted(EntryStore(path, "k").values) == sorted(
        (kind, *identity) for kind in ("search", "csv") for identity in (("a.md", "1", "p1"), ("b.md", "1", "")))
    changed_a = _entry("a.md", "2", "p1")  # a.md changed, b.md was deleted
    later = EntryStore(path, "k")
    later.get("csv", changed_a, lambda: "new row")
    later.save([changed_a])
    assert EntryStore(path, "k").values == {("csv", "a.md", "2", "p1"): "new row"}


def test_a_broken_store_is_ignored(tmp_path):
    path = tmp_path / "entries.pickle"
    path.write_bytes(b"kein pickle")
    assert EntryStore(path, "k").get("csv", _entry("a.md", "1"), lambda: "A") == "A"
