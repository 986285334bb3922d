"""Collect cyclic garbage on the GUI thread only.

Python's cycle collector runs on whichever thread happens to allocate past the threshold. The
database lane allocates a lot (10,000 people, a demo store, a sync batch), so collections ran
there, and a cycle holding the Python wrapper of a Qt object (a closed window, its model) was
then destroyed on the worker thread while the GUI thread was dispatching events to it: the
interpreter crashed later, at random, in the GUI thread's own collection (seen in the UI tests,
core dump: an application event filter called on a freed wrapper).

:class:`GuiThreadCollector` switches the automatic collector off and does the same work from a
GUI-thread timer, with the interpreter's own thresholds, so generation 0 stays cheap and
frequent and Qt objects are only ever destroyed where they live.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 200


class GuiThreadCollector(QObject):
    """While alive and started, the only place cyclic garbage is collected is the GUI thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self.collections = 0

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Give collection back to the interpreter (at exit, or when a test is done)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> None:
        """The generations the interpreter would have collected by now, youngest first."""
        count0, count1, count2 = gc.get_count()
        threshold0, threshold1, threshold2 = self._thresholds
        if count0 <= threshold0:
            return
        generation = 0
        if count1 > threshold1:
            generation = 2 if count2 > threshold2 else 1
        gc.collect(generation)
        self.collections += 1
