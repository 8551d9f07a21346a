"""Values computed from one entry are kept across builds, and only while they still fit."""

from __future__ import annotations

from types import SimpleNamespace

from wegweiser.catalog.entry_store import EntryStore


def _entry(source, digest, provider_digest=None):
    provider = SimpleNamespace(digest=provider_digest) if provider_digest else None
    return SimpleNamespace(source=source, digest=digest, provider_entry=provider)


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


def test_a_broken_store_is_ignored(tmp_path):
    folder = tmp_path / "entries"
    folder.mkdir()
    (folder / "csv.pickle").write_bytes(b"kein pickle")
    assert EntryStore(folder, "k").get("csv", _entry("a.md", "1"), lambda: "A") == "A"
