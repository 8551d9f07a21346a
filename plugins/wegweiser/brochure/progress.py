"""Progress of the brochure's documents while WeasyPrint lays them out, also from worker processes.

A document's work is counted in its offers. While it is laid out, WeasyPrint's progress log names
each page it makes; the pages a document will have are estimated from its offers (about two offers
to an A4 page), so the bar moves with the layout, up to three quarters of the document; writing the
PDF is the rest. The workers, forked after the queue was made, send their pages through it.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import threading
from collections.abc import Callable
from contextlib import contextmanager

#: pages per offer, a little more than the example's (88 A4 pages, 129 A5 pages for 157 offers)
PAGES_PER_OFFER = {"A4": 0.6, "A5": 0.9}
LAYOUT_SHARE = 0.75
_PAGE = re.compile(r"Creating layout - Page (\d+)")


class Progress:
    """``report(done, total)`` as documents (given as (offers, paper)) are laid out and finished."""

    def __init__(self, documents: list[tuple[int, str]], report: Callable[[int, int], None] | None):
        self.documents, self.report = documents, report
        self.total = sum(max(offers, 1) for offers, _ in documents)
        self.done = [0.0] * len(documents)
        self.lock = threading.Lock()
        self.queue = multiprocessing.get_context("fork").SimpleQueue() if report else None

    def page(self, index: int, number: int) -> None:
        offers, paper = self.documents[index]
        pages = max(1.0, offers * PAGES_PER_OFFER.get(paper, 0.6))
        self._raise(index, LAYOUT_SHARE * max(offers, 1) * min(1.0, number / pages))

    def finished(self, index: int) -> None:
        self._raise(index, float(max(self.documents[index][0], 1)))

    def _raise(self, index: int, value: float) -> None:
        """A document's work done is at least ``value`` (pages may still arrive after it finished)."""
        with self.lock:
            self.done[index] = max(self.done[index], value)
            if self.report:
                self.report(int(sum(self.done)), self.total)

    @contextmanager
    def listening(self):
        """While inside, pages sent by :meth:`pages_of` (here or in a worker) move the bar."""
        if self.queue is None:
            yield
            return
        reader = threading.Thread(target=self._read, daemon=True)
        reader.start()
        try:
            yield
        finally:
            self.queue.put(None)
            reader.join()

    def _read(self) -> None:
        while (message := self.queue.get()) is not None:
            self.page(*message)

    @contextmanager
    def pages_of(self, index: int):
        """Send the pages WeasyPrint lays out for document ``index`` (in this process or a worker)."""
        if self.queue is None:
            yield
            return
        logger = logging.getLogger("weasyprint.progress")
        handler = _PageHandler(lambda number: self.queue.put((index, number)))
        level, propagate = logger.level, logger.propagate
        logger.setLevel(logging.INFO)
        logger.propagate = False  # not to the build's log
        logger.addHandler(handler)
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate


class _PageHandler(logging.Handler):
    def __init__(self, send: Callable[[int], None]):
        super().__init__(logging.INFO)
        self.send = send

    def emit(self, record: logging.LogRecord) -> None:
        found = _PAGE.search(record.getMessage())
        if found:
            self.send(int(found[1]))
