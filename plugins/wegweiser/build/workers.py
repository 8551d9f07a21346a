"""Do many independent tasks on all cores: read and check content files, render pages.

Where ``os.fork`` exists, worker processes are forked when the tasks are known: they share
everything loaded so far with the parent (copy-on-write: the catalog is not pickled) and
each does every n-th task. Only the results travel back, pickled through a pipe. The tasks
are deterministic, so the output equals that of one process (``tests/test_parallel.py``).
:class:`Pending` computes one result in a forked process meanwhile; :class:`Standby` gets
ready for work known only later (frictionless for a rebuild's few changed rows).

Settings: ``WEGWEISER_WORKERS`` (processes; default: the number of cores) and
``WEGWEISER_PARALLEL_MIN`` (fewer tasks than this: one process; default 16: starting a
worker takes milliseconds, a list page of a large guide a tenth of a second).
"""

from __future__ import annotations

import os
import pickle
import select
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


def run(tasks: Sequence, render: Callable, workers: int, done: Callable[[int], None], share: bool = True) -> list:
    """``render(task)`` for every task, on ``workers`` processes; the results in task order.

    ``done(n)`` is called in this process whenever n more tasks are finished. A failing task
    raises :class:`TaskFailed`, and the other workers stop. This process takes its share of the
    tasks unless ``share`` is false: then all ``workers`` are forked and it only collects the
    results (for results that live on: made elsewhere, they arrive here without the garbage of
    making them between them, and memory stays compact).
    """
    if workers <= 1 or len(tasks) <= 1:
        results = []
        for position, task in enumerate(tasks):
            results.append(_local(render, tasks, position))
            done(1)
        return results
    children = []  # (pid, result pipe, progress pipe)
    try:
        for number in range(1 if share else 0, workers):
            children.append(_worker(tasks, render, number, workers))
        results: dict[int, object] = {}
        for position in range(0, len(tasks), workers) if share else ():  # every n-th task here too
            results[position] = _local(render, tasks, position)
            done(1 + _drain(children))
        while children:
            results.update(_collect(children.pop(0), done))
        return [results[position] for position in range(len(tasks))]
    finally:
        for child in children:  # only after a failure: stop the others
            _stop(*child)


def _local(render, tasks, position):
    try:
        return render(tasks[position])
    except Exception as exc:
        raise TaskFailed(position, exc) from exc


def _fork(compute: Callable[[], object]) -> tuple[int, int]:
    """Run ``compute()`` in a forked process: its pid and the pipe its pickled outcome comes through."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: compute, send, leave without running the parent's exit handlers
        code = 0
        try:
            os.close(read)
            try:
                out = ("done", compute())
            except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
                out, code = _failure(exc), 1
            with os.fdopen(write, "wb") as fh:
                pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - a worker never returns into the parent's code
            code = 2
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


def _outcome(pid: int, data: bytes):
    """What a forked process computed, once it has ended; TaskFailed if it failed or died."""
    _, status = os.waitpid(pid, 0)
    return _result(pickle.loads(data) if data else ("failed", -1, "WorkerDied", _status(status), None))


def _failure(exc: Exception) -> tuple:
    """What a forked process sends back when its work failed (see :func:`_result`)."""
    failed = exc if isinstance(exc, TaskFailed) else TaskFailed(-1, exc)
    error = failed.error
    return "failed", failed.position, type(error).__name__, str(error), _pickled(error)


def _result(out: tuple):
    """The value a forked process sent back, or its failure raised as TaskFailed."""
    if out[0] == "failed":
        raise TaskFailed(out[1], pickle.loads(out[4]) if out[4] else _remote(out[2], out[3]))
    return out[1]


def _pickled(error: BaseException) -> bytes | None:
    """The error itself if it survives pickling (with what it carries, e.g. findings); else only its
    type's name and message travel."""
    try:
        data = pickle.dumps(error, protocol=pickle.HIGHEST_PROTOCOL)
        again = pickle.loads(data)
    except Exception:  # noqa: BLE001 - many exceptions cannot be pickled
        return None
    return data if type(again) is type(error) and str(again) == str(error) else None


def _stop(pid: int, *pipes: int) -> None:
    for pipe in pipes:
        try:
            os.close(pipe)
        except OSError:
            pass  # already closed
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass


def _worker(tasks, render, number: int, workers: int):
    """A forked process doing every ``workers``-th task from ``number`` on, reporting each done."""
    progress_read, progress_write = os.pipe()

    def work() -> list:
        os.close(progress_read)
        out = []
        for position in range(number, len(tasks), workers):
            out.append((position, _local(render, tasks, position)))
            os.write(progress_write, b".")
        return out

    pid, result_read = _fork(work)
    os.close(progress_write)
    os.set_blocking(progress_read, False)
    return pid, result_read, progress_read


def _drain(children) -> int:
    """Tasks the workers finished since the last look (without waiting)."""
    count = 0
    for _, _, progress in children:
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
    """A worker's results; its progress is read meanwhile (either pipe may fill up first)."""
    pid, result_read, progress_read = child
    # one buffer grown in place (not a list of 64 KB pieces: at 20,000 offers they left 50 MB of holes
    # in this process's heap, between the objects unpickled from them)
    received, reading = bytearray(), {result_read, progress_read}
    while reading:
        for pipe in select.select(list(reading), [], [])[0]:
            try:
                data = os.read(pipe, 65536)
            except BlockingIOError:
                continue
            if not data:
                reading.discard(pipe)
                os.close(pipe)
            elif pipe == progress_read:
                done(len(data))
            else:
                received += data
    return dict(_outcome(pid, received))


class Pending:
    """A result being computed in a forked process (or, with ``fork=False``, when asked for)."""

    def __init__(self, compute: Callable[[], object], fork: bool = True):
        self._compute = compute
        self._child = _fork(compute) if fork and hasattr(os, "fork") else None

    def result(self):
        if self._child is None:
            return self._compute()
        (pid, read), self._child = self._child, None
        with os.fdopen(read, "rb") as fh:
            data = fh.read()
        try:
            value = _outcome(pid, data)
        except TaskFailed as failed:
            raise failed.error from None
        self._compute = lambda: value
        return value

    def cancel(self) -> None:
        """Stop the process if the result is no longer wanted (after a failure elsewhere)."""
        if self._child is not None:
            _stop(*self._child)
            self._child = None


class Standby:
    """A forked process that gets ready (say, imports a slow library) while this one goes on, and
    then answers requests known only later: ``ask(request)`` returns ``answer(request)`` as
    computed there. For work that is often tiny but whose set-up is not (frictionless needs
    0.25 s to import and warm up to check a single changed row). Without ``os.fork``, or when
    the process died, :meth:`ask` raises :class:`TaskFailed`; callers then do the work here.
    """

    def __init__(self, prepare: Callable[[], None], answer: Callable[[object], object]):
        self._pid = None
        if not hasattr(os, "fork"):
            return
        requests_read, requests_write = os.pipe()
        answers_read, answers_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the standby: get ready, then answer until the requests pipe closes
            code = 0
            try:
                os.close(requests_write)
                os.close(answers_read)
                with os.fdopen(requests_read, "rb") as requests, os.fdopen(answers_write, "wb") as answers:
                    _serve(prepare, answer, requests, answers)
            except BaseException:  # noqa: BLE001 - a standby never returns into the parent's code
                code = 2
            finally:
                os._exit(code)
        os.close(requests_read)
        os.close(answers_write)
        self._pid = pid
        self._requests, self._answers = requests_write, answers_read
        os.set_blocking(requests_write, False)  # see send()
        _widen(requests_write)
        self._received = bytearray()  # answers read so far, not yet taken by receive()

    def ask(self, request):
        self.send(request)
        return self.receive()

    def send(self, request) -> None:
        """Send a request and go on; :meth:`receive` its answer later (answers come in order).

        While the request does not fit into the pipe (the standby still works on an earlier one),
        the answers arriving meanwhile are read: the standby never waits for this process to read
        an answer while this process waits for it to read a request (a build with thousands of
        broken rows hung that way)."""
        if self._pid is None:
            raise TaskFailed(-1, RuntimeError("no standby process"))
        pending = memoryview(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
        try:
            while pending:
                readable, writable, _ = select.select([self._answers], [self._requests], [])
                if readable:
                    self._read_answers()
                if writable:
                    try:
                        pending = pending[os.write(self._requests, pending):]
                    except BlockingIOError:
                        continue
        except (OSError, EOFError) as exc:
            self.close()
            raise TaskFailed(-1, exc) from exc

    def _read_answers(self) -> None:
        data = os.read(self._answers, 1 << 16)
        if not data:
            raise EOFError("the standby process ended")
        self._received += data

    def receive(self):
        """The answer to the oldest request not yet answered (also if it arrived before the standby
        ended)."""
        try:
            while (end := _frame_end(self._received)) is None:
                if self._pid is None:
                    raise EOFError("no standby process")
                self._read_answers()
            out = pickle.loads(self._received[8:end])
            del self._received[:end]
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            self.close()
            raise TaskFailed(-1, exc) from exc
        return _result(out)

    def answer_later(self, request, fallback: Callable[[], object]) -> Callable[[], object]:
        """Send ``request`` now; the function returned waits for its answer — or, if this standby
        is gone, dies or fails on it, returns ``fallback()`` computed here."""
        try:
            self.send(request)
        except TaskFailed:
            return fallback

        def answer():
            try:
                return self.receive()
            except TaskFailed:
                return fallback()

        return answer

    def close(self) -> None:
        """End the standby process (at once: it may still be getting ready)."""
        if self._pid is not None:
            _stop(self._pid, self._requests, self._answers)
            self._pid = None


def _serve(prepare, answer, requests, answers) -> None:
    try:
        prepare()
    except Exception:  # noqa: BLE001 - not ready is only slower: answer() does what is missing
        pass
    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            return
        try:
            out = ("done", answer(request))
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
            out = _failure(exc)
        data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
        answers.write(len(data).to_bytes(8, "little") + data)  # its length first: see Standby.receive
        answers.flush()


def _widen(pipe: int) -> None:
    """Let the pipe hold 1 MB where the system allows (Linux; 64 KB otherwise): a build sends a few
    requests of 40 KB and more (they carry the schemas) while the standby still works on the first."""
    try:
        import fcntl

        if hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux only: elsewhere that number may mean another command
            fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, OSError):
        pass


def _frame_end(received: bytearray) -> int | None:
    """Where the first answer in ``received`` ends (its length comes first, in 8 bytes), or None
    while it has not arrived whole."""
    if len(received) < 8:
        return None
    end = 8 + int.from_bytes(received[:8], "little")
    return end if len(received) >= end else None
