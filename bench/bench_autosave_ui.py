"""The interview workspace: build the diagnostic step, and one keystroke until it is on disk.

"Build" is the diagnostic page with its two panes and 16 collapsed themes, then one theme
expanded (its body is built on first expansion). "Keystroke" is a character typed into a
theme's notes until ``answer_saved`` reports the answer committed on the database lane
(engine, ORM, outbox, audit, fsync); bench/targets.toml asks p95 < 2 ms for the store part.
Prints figures, asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

PASSPHRASE = "banc d'essai du Ségala"
KEYSTROKES = 300


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms, max {ordered[-1]:.2f} ms"


# The targets of bench/targets.toml this module measures (none: its figures are informational).
MEASURES: tuple[str, ...] = ()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bench.devices import bench_device
    from spie_desktop.domain.people import ConsentScope
    from spie_desktop.services.people import PeopleService
    from spie_desktop.ui.interview import InterviewWorkspace, open_workspace
    from spie_desktop.ui.interview.diagnostic_page import DiagnosticPage
    from spie_desktop.ui.tasks import TaskRunner
    from spie_desktop.ui.window_context import WindowContext

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="spie-bench-interview-") as tmp:
        _setup, session = bench_device(Path(tmp), PASSPHRASE)
        people = PeopleService(session)
        person = people.create_person("Josiane", "Vernhes", date(1979, 3, 14), "Rodez")
        people.record_consent(person.id, {ConsentScope.RECORD})
        runner = TaskRunner()
        context = WindowContext(session, runner)
        workspace = open_workspace(None, context, person.id)  # type: ignore[arg-type]
        assert isinstance(workspace, InterviewWorkspace)
        workspace.resize(1400, 900)
        workspace.show()
        started = time.perf_counter()
        while not hasattr(workspace, "strip"):
            app.processEvents()
        print(
            f"   open the workspace (DB lane + header): {(time.perf_counter() - started) * 1e3:.0f} ms"
        )
        model = workspace.model
        started = time.perf_counter()
        model.go_to("situation")
        app.processEvents()
        print(
            f"   diagnostic step, 16 themes collapsed: {(time.perf_counter() - started) * 1e3:.0f} ms"
        )
        page = workspace.page("situation")
        assert isinstance(page, DiagnosticPage)
        mobilite = next(p for pane in page.panes for p in pane.panels if p.theme.id == "mobilite")
        started = time.perf_counter()
        mobilite.set_expanded(True)
        app.processEvents()
        print(f"   first expansion of a theme: {(time.perf_counter() - started) * 1e3:.0f} ms")

        box = mobilite.editors["mobilite.notes"].box  # type: ignore[attr-defined]
        done: list[float] = []
        model.answer_saved.connect(lambda _k, _t: done.append(time.perf_counter()))
        typed, saved = [], []
        for index in range(KEYSTROKES):
            count = len(done)
            typed.append(time.perf_counter())
            box.insertPlainText("abcdefghij"[index % 10])
            while len(done) == count:
                app.processEvents()
            saved.append(done[-1])
        latencies = [(s - t) * 1e3 for t, s in zip(typed, saved, strict=True)]
        print(
            f"   keystroke to committed ({KEYSTROKES} keys, one at a time): {_percentiles(latencies)}"
        )
        workspace.leave()
        runner.shutdown()
        session.close()


if __name__ == "__main__":
    main()
