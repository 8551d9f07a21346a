"""The cycle collector is paused while objects that live on are made (reading the caches), and
its state is restored afterwards."""

from __future__ import annotations

import gc

import pytest
from conftest import core_settings

from wegweiser.content import parse_cache as source_cache
from wegweiser.build.gc_pause import cycle_collection_paused
from wegweiser.catalog.project import Project


def test_the_collector_is_paused_inside_and_restored_after_even_on_errors():
    assert gc.isenabled()
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("kaputt")
    assert gc.isenabled()
    gc.disable()
    try:
        with cycle_collection_paused():
            pass
        assert not gc.isenabled()  # paused by someone else before: stays so
    finally:
        gc.enable()


def test_the_parse_cache_is_read_with_the_collector_paused(minimal_project, monkeypatch):
    settings = core_settings(minimal_project)
    Project.from_settings(settings).validate()  # writes the cache
    states = []
    load = source_cache.pickle.load
    monkeypatch.setattr(source_cache.pickle, "load", lambda fh: states.append(gc.isenabled()) or load(fh))
    Project.from_settings(settings).validate()
    assert states and not any(states)
    assert gc.isenabled()
