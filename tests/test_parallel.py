"""Pages rendered on several processes are byte for byte those rendered on one."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time

import pytest
from conftest import FIXTURES, make_project, site_tree

from wegweiser.build.run import build
from wegweiser.build import workers as parallel

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


@pytest.fixture
def project(editable_project):
    return editable_project


def _pages(folder):
    return json.loads((folder / ".buildinfo.json").read_text())["pages"]


def test_three_workers_write_what_one_writes(project, tmp_path):
    settings = project / "pelicanconf.py"
    calls = []
    many = build(settings, tmp_path / "many", {"WEGWEISER_WORKERS": 3, "WEGWEISER_PARALLEL_MIN": 1},
                 progress=lambda done, total: calls.append((done, total)))
    shutil.rmtree(project / ".cache", ignore_errors=True)
    one = build(settings, tmp_path / "one", {"WEGWEISER_WORKERS": 1})
    assert many.ok and one.ok, (many.error, one.error)
    assert many.pages == one.pages > 20 and many.written == one.written
    assert site_tree(tmp_path / "many") == site_tree(tmp_path / "one")
    assert _pages(tmp_path / "many") == _pages(tmp_path / "one")  # fingerprints and catalog reads too
    total = calls[-1][1]
    assert total == len(_pages(tmp_path / "one"))  # the pages (the other files are written beside them)
    assert [done for done, _ in calls] == list(range(1, total + 1)) and calls[-1] == (total, total)


def test_a_page_failing_in_a_worker_names_its_file_and_publishes_nothing(project, tmp_path):
    settings, out = project / "pelicanconf.py", tmp_path / "out"
    assert build(settings, out).ok
    before = site_tree(out)
    template = project.parent / "theme" / "templates" / "offer.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% block content %}", "{% block content %}"
                                     "{% if offer.id == 'online-englisch' %}{{ 1 // 0 }}{% endif %}", 1),
                        encoding="utf-8")
    # as many workers as pages: every page but the first is rendered in a worker process
    result = build(settings, out, {"WEGWEISER_WORKERS": 1000, "WEGWEISER_PARALLEL_MIN": 1})
    assert not result.ok
    assert any(f.file == "content/offers/online-englisch.md" and "ZeroDivisionError" in f.as_text()
               for f in result.findings), [f.as_text() for f in result.findings]
    assert site_tree(out) == before
    assert not (tmp_path / ".out.next").exists()  # the half-made site is removed


def test_files_read_and_checked_by_three_workers_give_the_same_findings(tmp_path):
    from conftest import core_settings

    from wegweiser.catalog.project import Project

    project = make_project(tmp_path / "project", FIXTURES / "invalid")
    many = Project.from_settings({**core_settings(project), "WEGWEISER_WORKERS": 3, "WEGWEISER_PARALLEL_MIN": 1})
    one = Project.from_settings({**core_settings(project), "WEGWEISER_WORKERS": 1})
    assert many.parallel and one.parallel
    in_parallel = many.validate()
    shutil.rmtree(project / ".cache")
    alone = one.validate()
    assert len(alone.errors) > 30  # the fixture's broken files

    def seen(validation):
        return [(f.file, f.field, f.code, f.line, f.message) for f in validation.findings]

    assert seen(in_parallel) == seen(alone)
    for kind in ("offer", "provider"):
        assert [(s.rel, s.values, s.body, s.derived) for s in in_parallel.sources[kind]] == \
            [(s.rel, s.values, s.body, s.derived) for s in alone.sources[kind]]


def _square(n):
    return n * n


def test_run_returns_results_in_task_order_and_counts_every_task():
    counted = []
    assert parallel.run(list(range(50)), _square, 3, counted.append) == [n * n for n in range(50)]
    assert sum(counted) == 50


def _made_by(n):
    return n, os.getpid()


def test_run_without_a_share_here_does_every_task_in_forked_workers():
    counted = []
    results = parallel.run(list(range(40)), _made_by, 2, counted.append, share=False)
    assert [n for n, _ in results] == list(range(40)) and sum(counted) == 40
    makers = {pid for _, pid in results}
    assert len(makers) == 2 and os.getpid() not in makers
    assert os.getpid() in {pid for _, pid in parallel.run(list(range(40)), _made_by, 2, counted.append)}


def test_a_build_process_never_imports_frictionless(tmp_path):
    """Rows, vocabularies and indicators are checked in other processes: the build process, and
    every process forked from it later, are spared frictionless's memory."""
    import subprocess
    import sys

    from conftest import core_settings

    project = make_project(tmp_path / "project", FIXTURES / "invalid")
    settings = {**core_settings(project), "WEGWEISER_WORKERS": 2, "WEGWEISER_PARALLEL_MIN": 1}
    script = (
        "import json, sys\n"
        "from wegweiser.catalog.project import Project\n"
        "validation = Project.from_settings(json.loads(sys.argv[1])).validate()\n"
        "print(len(validation.errors), 'frictionless' in sys.modules)\n")
    for _ in range(2):  # files read and checked, then from the cache
        out = subprocess.run([sys.executable, "-c", script, json.dumps(settings, default=str)],
                             capture_output=True, text=True, check=True).stdout.split()
        assert int(out[0]) > 30 and out[1] == "False", out
    assert (project / ".cache").is_dir()


_PARENT = os.getpid()


def _slow_in_a_worker(n):
    if os.getpid() != _PARENT:
        time.sleep(0.00002)
    return n


def test_a_worker_far_behind_the_build_does_not_block_on_its_progress_reports():
    """More reports than a pipe holds arrive after the build has done its own share."""
    counted = []
    tasks = list(range(2 * 70_000))
    assert parallel.run(tasks, _slow_in_a_worker, 2, counted.append) == tasks
    assert sum(counted) == len(tasks)


def _fails_at_seven(n):
    if n == 7:
        raise ValueError("sieben")
    return n


def _dies_at_seven(n):
    if n == 7:
        os._exit(9)
    return n


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_a_failing_task_is_reported_with_its_position(workers):
    with pytest.raises(parallel.TaskFailed) as failed:
        parallel.run(list(range(20)), _fails_at_seven, workers, lambda n: None)
    assert failed.value.position == 7
    assert type(failed.value.error).__name__ == "ValueError" and str(failed.value.error) == "sieben"


def test_a_worker_that_dies_fails_the_run():
    with pytest.raises(parallel.TaskFailed) as failed:
        parallel.run(list(range(20)), _dies_at_seven, 2, lambda n: None)
    assert failed.value.position == -1 and "9" in str(failed.value.error)


def test_small_builds_and_systems_without_fork_use_one_process(monkeypatch):
    assert parallel.worker_count({}, parallel.PARALLEL_MIN - 1) == 1
    assert parallel.worker_count({"WEGWEISER_WORKERS": 3}, 1000) == 3
    assert parallel.worker_count({"WEGWEISER_WORKERS": 3, "WEGWEISER_PARALLEL_MIN": 1}, 2) == 2
    monkeypatch.delattr(os, "fork")
    assert parallel.worker_count({"WEGWEISER_WORKERS": 3}, 1000) == 1


@pytest.mark.parametrize("workers", [{"WEGWEISER_WORKERS": 1000, "WEGWEISER_PARALLEL_MIN": 1},
                                     {"WEGWEISER_WORKERS": 1}])
def test_a_file_made_from_one_entry_failing_in_a_worker_names_the_entry(project, tmp_path, monkeypatch, workers):
    from wegweiser.outputs import ical

    original = ical.calendar

    def broken(catalog, offers, *args, **kwargs):
        if [o.id for o in offers] == ["deutschkurs-a1"]:
            raise OSError("Kalender kaputt (eingeschleuster Fehler)")
        return original(catalog, offers, *args, **kwargs)

    monkeypatch.setattr(ical, "calendar", broken)
    result = build(project / "pelicanconf.py", tmp_path / "out", workers)
    assert not result.ok
    assert [f.file for f in result.findings if "Kalender kaputt" in f.as_text()] == ["content/offers/deutschkurs-a1.md"]
    assert not (tmp_path / "out").exists()


def _ready_then_pid(request):
    if request == "stirb":
        os._exit(3)
    if request == "fehler":
        raise ValueError("kaputt")
    return os.getpid(), request * 2


def test_a_standby_gets_ready_in_another_process_and_answers_requests():
    prepared = []
    standby = parallel.Standby(lambda: prepared.append(1), _ready_then_pid)
    try:
        pid, doubled = standby.ask(21)
        assert pid != os.getpid() and doubled == 42
        assert standby.ask("ab") == (pid, "abab")  # the same process, ready once
        with pytest.raises(parallel.TaskFailed) as failed:
            standby.ask("fehler")
        assert type(failed.value.error).__name__ == "ValueError" and str(failed.value.error) == "kaputt"
        assert standby.ask(1) == (pid, 2)  # a failed request does not end it
        standby.send(3)
        standby.send(4)
        assert (standby.receive(), standby.receive()) == ((pid, 6), (pid, 8))  # in order
    finally:
        standby.close()
    assert prepared == []  # prepared there, not here
    with pytest.raises(OSError):
        os.kill(pid, 0)  # gone once closed


def test_a_standby_that_died_fails_the_request_and_every_later_one():
    standby = parallel.Standby(lambda: None, _ready_then_pid)
    with pytest.raises(parallel.TaskFailed):
        standby.ask("stirb")
    with pytest.raises(parallel.TaskFailed):
        standby.ask(1)


def _echo(request):
    return request


def _timeout(signum, frame):
    raise TimeoutError("the standby and this process wait for each other")


def test_large_requests_and_answers_in_flight_block_neither_side():
    """Answers larger than a pipe holds while further requests are sent (a build with a thousand
    broken rows hung: the standby waited to write its answer, the build to write the next request)."""
    standby = parallel.Standby(lambda: None, _echo)
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(60)
    try:
        big = [bytes([n]) * 300_000 for n in range(4)]
        for item in big:
            standby.send(item)
        assert [standby.receive() for _ in big] == big
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        standby.close()


def test_an_answer_that_arrived_before_the_standby_died_is_received():
    standby = parallel.Standby(lambda: None, _ready_then_pid)
    try:
        standby.send(1)
        standby.send("stirb")
        pid, doubled = standby.receive()
        assert pid != os.getpid() and doubled == 2
        with pytest.raises(parallel.TaskFailed):
            standby.receive()
    finally:
        standby.close()


def test_an_answer_asked_for_later_falls_back_to_this_process_when_the_standby_is_gone():
    standby = parallel.Standby(lambda: None, _ready_then_pid)
    try:
        later = standby.answer_later(5, lambda: "hier")
        pid, doubled = later()
        assert pid != os.getpid() and doubled == 10
        assert standby.answer_later("fehler", lambda: "hier")() == "hier"  # failed there
        dying = standby.answer_later("stirb", lambda: "hier")
        assert dying() == "hier"
        assert standby.answer_later(1, lambda: "auch hier")() == "auch hier"  # gone
    finally:
        standby.close()


@pytest.mark.parametrize("minimum", [10_000, 1])  # checked there; in chunks there and in a process it forks
def test_rows_checked_by_the_standby_give_the_findings_of_this_process(tmp_path, monkeypatch, minimum):
    """A rebuild's few changed rows, and the data folder's tables, are checked by a process that
    imported frictionless meanwhile."""
    from conftest import core_settings

    from wegweiser.checks import validate
    from wegweiser.catalog.project import Project

    project = make_project(tmp_path / "project", FIXTURES / "invalid")
    asked = []
    send = parallel.Standby.send
    monkeypatch.setattr(parallel.Standby, "send", lambda self, request: asked.append(request) or send(self, request))
    monkeypatch.setattr(validate, "_frictionless_loaded", lambda: False)  # as in a new process
    standby = Project.from_settings({**core_settings(project), "WEGWEISER_WORKERS": 2,
                                     "WEGWEISER_PARALLEL_MIN": minimum}).validate()
    assert [check.__name__ for check, args in asked] == ["_check_chunks", "_check_vocabularies", "validate_indicators"]
    kinds = [kind for kind, _ in asked[0][1][1]]  # the chunks of both kinds in one request
    assert kinds == (["offer", "provider"] if minimum == 10_000 else ["offer", "offer", "provider", "provider"])
    shutil.rmtree(project / ".cache")
    here = Project.from_settings({**core_settings(project), "WEGWEISER_WORKERS": 1}).validate()
    assert len(here.errors) > 30  # the fixture's broken files

    def seen(validation):
        return [(f.file, f.field, f.code, f.line, f.message) for f in validation.findings]

    assert seen(standby) == seen(here)
