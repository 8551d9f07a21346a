"""Do many independent tasks on all cores: read and check content files, render pages.

Where ``os.fork`` exists, worker processes are forked when the tasks are known: they share
everything loaded so far with the parent (copy-on-write: the catalog is not pickled) and
each does every n-th task. Only the results travel back, pickled through a pipe. The tasks
are deterministic, so the output equals that of one process (``tests/test_parallel.py``).

Settings: ``WEGWEISER_WORKERS`` (processes; default: the number of cores) and
``WEGWEISER_PARALLEL_MIN`` (fewer tasks than this: one process; default 16: starting a
worker takes milliseconds, a list page of a large guide a tenth of a second).
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Sequence

PARALLEL_MIN = 16


class TaskFailed(Exception):
    """A task failed: its position and its error (from a worker: same type name and message)."""

    def __init__(self, position: int, error: BaseException):
        self.position, self.error = position, error
        super().__init__(f"{type(error).__name__}: {error}")


def _remote(name: str, message: str) -> Exception:
    return type(name, (Exception,), {})(message)


def worker_count(settings: dict, tasks: int) -> int:
    """Processes for ``tasks`` tasks, by the settings above (see the module's docstring)."""
    minimum = settings.get("WEGWEISER_PARALLEL_MIN")
    if not hasattr(os, "fork") or tasks < (PARALLEL_MIN if minimum is None else int(minimum)):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(int(settings.get("WEGWEISER_WORKERS") or cores), tasks))


def run(tasks: Sequence, render: Callable, workers: int, done: Callable[[int], None]) -> list:
    """``render(task)`` for every task, on ``workers`` processes; the results in task order.

    ``done(n)`` is called in this process whenever n more tasks are finished. A failing task
    raises :class:`TaskFailed`, and the other workers stop.
    """
    if workers <= 1 or len(tasks) <= 1:
        results = []
        for position, task in enumerate(tasks):
            results.append(_local(render, tasks, position))
            done(1)
        return results
    children = []  # (pid, result pipe, progress pipe)
    try:
        for number in range(1, workers):
            children.append(_fork(tasks, render, number, workers))
        results: dict[int, object] = {}
        for position in range(0, len(tasks), workers):  # this process takes every n-th task too
            results[position] = _local(render, tasks, position)
            done(1 + _drain(children))
        for child in children:
            results.update(_collect(child, done))
        children = []
        return [results[position] for position in range(len(tasks))]
    finally:
        for pid, *pipes in children:  # only after a failure: stop the others
            for pipe in pipes:
                try:
                    os.close(pipe)
                except OSError:
                    pass  # closed when the child's results were read
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass


def _local(render, tasks, position):
    try:
        return render(tasks[position])
    except Exception as exc:
        raise TaskFailed(position, exc) from exc


def _fork(tasks, render, number: int, workers: int):
    result_read, result_write = os.pipe()
    progress_read, progress_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: render, report, leave without running the parent's exit handlers
        code = 0
        try:
            os.close(result_read)
            os.close(progress_read)
            out = []
            for position in range(number, len(tasks), workers):
                try:
                    out.append((position, render(tasks[position])))
                except Exception as exc:  # noqa: BLE001 - sent to the parent, which reports it
                    out = ("failed", position, type(exc).__name__, str(exc))
                    code = 1
                    break
                os.write(progress_write, b".")
            with os.fdopen(result_write, "wb") as fh:
                pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - a worker never returns into the parent's code
            code = 2
        finally:
            os._exit(code)
    os.close(result_write)
    os.close(progress_write)
    os.set_blocking(progress_read, False)
    return pid, result_read, progress_read


def _drain(children) -> int:
    """Tasks the workers finished since the last look (without waiting)."""
    count = 0
    for _, _, progress, *_ in children:
        try:
            count += len(os.read(progress, 65536))
        except BlockingIOError:
            pass
    return count


def _status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"beendet durch Signal {os.WTERMSIG(status)}"
    return f"beendet mit Status {os.WEXITSTATUS(status)}"


def _collect(child, done) -> dict:
    pid, result_read, progress_read = child
    with os.fdopen(result_read, "rb") as fh:
        data = fh.read()
    os.set_blocking(progress_read, True)
    while chunk := os.read(progress_read, 65536):
        done(len(chunk))
    os.close(progress_read)
    _, status = os.waitpid(pid, 0)
    out = pickle.loads(data) if data else ("failed", -1, "WorkerDied", _status(status))
    if isinstance(out, tuple):
        raise TaskFailed(out[1], _remote(out[2], out[3]))
    return dict(out)


class Pending:
    """A result being computed in a forked process (or, with ``fork=False``, when asked for)."""

    def __init__(self, compute: Callable[[], object], fork: bool = True):
        self._compute, self._pid = compute, None
        if not (fork and hasattr(os, "fork")):
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: compute, send, leave without running the parent's exit handlers
            code = 0
            try:
                os.close(read)
                try:
                    out = ("done", compute())
                except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
                    out, code = ("failed", type(exc).__name__, str(exc)), 1
                with os.fdopen(write, "wb") as fh:
                    pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001
                code = 2
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self):
        if self._pid is None:
            return self._compute()
        with os.fdopen(self._read, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        out = pickle.loads(data) if data else ("failed", "WorkerDied", _status(status))
        if out[0] == "failed":
            raise _remote(out[1], out[2])
        self._compute = lambda: out[1]
        return out[1]

    def cancel(self) -> None:
        """Stop the process if the result is no longer wanted (after a failure elsewhere)."""
        if self._pid is not None:
            try:
                os.close(self._read)
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            self._pid = None
