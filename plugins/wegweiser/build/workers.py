"""Independent tasks on all cores: reading and checking new content files, rendering pages.

The tasks run on worker processes forked from this one (``concurrent.futures`` with the fork
context): they share everything loaded so far copy-on-write, so the catalog is never pickled;
only the tasks travel to the workers and the results back. The tasks are deterministic, so the
output equals that of one process (``tests/test_parallel.py``). Without ``os.fork``, or for
fewer tasks than are worth a process, everything runs in this process.

Settings: ``WEGWEISER_WORKERS`` (processes; default: the cores this process may use) and
``WEGWEISER_PARALLEL_MIN`` (fewer tasks than this: no worker processes; default 16).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

PARALLEL_MIN = 16

class WorkerDied(RuntimeError):
    """A worker process ended without an answer (killed, out of memory)."""


#: in a worker process only: the function it applies to its tasks (set by its pool's initializer)
_function: Callable | None = None


def worker_count(settings: dict, tasks: int) -> int:
    """Processes for ``tasks`` tasks, by the settings above (see the module's docstring)."""
    minimum = settings.get("WEGWEISER_PARALLEL_MIN")
    if not hasattr(os, "fork") or tasks < (PARALLEL_MIN if minimum is None else int(minimum)):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(int(settings.get("WEGWEISER_WORKERS") or cores), tasks))


def run(function: Callable, tasks: Sequence, workers: int, done: Callable[[int], None] | None = None) -> list:
    """``function(task)`` for every task, on ``workers`` processes; the results in task order.

    The tasks stay where they are: the workers get their positions. ``done(1)`` is called here
    as each result arrives. A failing task raises its exception here.
    """
    with Workers(lambda position: function(tasks[position]), workers if len(tasks) > 1 else 1) as pool:
        return pool.map(range(len(tasks)), done)


def _start(function: Callable) -> None:
    global _function
    _function = function


def _apply(task):
    return _function(task)


class Workers:
    """``count`` processes forked from this one (on first use), each applying ``function`` to the
    tasks given to :meth:`submit` and :meth:`map`; ``function`` itself is not pickled (it may be a
    closure over the catalog), the tasks and results are. With ``count`` 1, everything is done here.
    Leaving the ``with`` block waits for the work given out (after a failure: for the work begun).
    """

    def __init__(self, function: Callable, count: int):
        self.function, self.count = function, count
        self._pool = None
        if count > 1:
            self._pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_start, initargs=(function,))

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=error is not None)
        if isinstance(error, BrokenProcessPool):
            raise WorkerDied("Ein Arbeitsprozess wurde unerwartet beendet (zu wenig Arbeitsspeicher?).") from error

    def submit(self, task) -> Future:
        """``function(task)`` computed by a worker meanwhile (here, right now, without workers)."""
        if self._pool is not None:
            return self._pool.submit(_apply, task)
        future: Future = Future()
        try:
            future.set_result(self.function(task))
        except Exception as exc:  # noqa: BLE001 - raised by future.result(), as from a worker
            future.set_exception(exc)
        return future

    def map(self, tasks: Sequence, done: Callable[[int], None] | None = None) -> list:
        """``function(task)`` for every task, in task order; ``done(1)`` as each result arrives."""
        if self._pool is None:
            results = map(self.function, tasks)
        else:  # a few handfuls per worker: few round trips, and no worker idles long at the end
            results = self._pool.map(_apply, tasks, chunksize=max(1, len(tasks) // (8 * self.count)))
        out = []
        for result in results:
            out.append(result)
            if done is not None:
                done(1)
        return out
