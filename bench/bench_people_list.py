"""The people list with 10,000 people: open (read the store + model reset), filter per key.

Targets (bench/targets.toml): open < 100 ms, filter < 16 ms per keystroke. The store is filled with
people only (names, birth dates, statuses and contacts from the demo builder): what the list
reads. "Open" is the read of everyone plus the preparation of their rows (both on the database
lane in the application) plus the model reset and first paint (GUI thread). A keystroke is the
filter plus the view's repaint. Prints figures, asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

PEOPLE = 10_000
PASSPHRASE = "banc d'essai du Lévézou"
ROUNDS_OPEN = 7
ROUNDS_TYPING = 10


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"


MEASURES = ("people_list.open_10000_ms", "people_list.filter_keystroke_ms")


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bench.devices import add_people, bench_device
    from spie_desktop.ui.gui_gc import GuiThreadCollector
    from spie_desktop.ui.people_model import PeopleList, load_rows
    from spie_desktop.ui.people_page import PeoplePage

    app = QApplication.instance() or QApplication([])
    # As in the application (spie_desktop.app.run_gui): cyclic garbage is collected from a
    # GUI-thread timer, not in the middle of whatever allocates (here: the 10,000 rows).
    collector = GuiThreadCollector(app)
    collector.start()
    with tempfile.TemporaryDirectory(prefix="spie-bench-people-") as tmp:
        started = time.perf_counter()
        _setup, session = bench_device(Path(tmp), PASSPHRASE)
        people = add_people(session, PEOPLE)
        print(f"set-up: {PEOPLE} people written in {time.perf_counter() - started:.1f} s")

        model = PeopleList(None)
        page = PeoplePage(model)
        page.resize(1100, 700)
        page.show()
        app.processEvents()

        reads, resets, cpu_opens = [], [], []
        for _ in range(ROUNDS_OPEN):
            model.table.set_rows([])
            app.processEvents()
            t0, c0 = time.perf_counter(), time.thread_time()
            rows = load_rows(session)  # database lane in the application
            t1 = time.perf_counter()
            model.table.set_rows(rows)  # GUI thread
            page.repaint()
            app.processEvents()
            t2, c2 = time.perf_counter(), time.thread_time()
            reads.append((t1 - t0) * 1000)
            resets.append((t2 - t1) * 1000)
            cpu_opens.append((c2 - c0) * 1000)
        opens = [r + m for r, m in zip(reads, resets, strict=True)]
        print(f"open {PEOPLE} (read + rows + reset + paint), wall: {_percentiles(opens)}")
        print(f"  same, CPU time of this thread: {_percentiles(cpu_opens)}")
        print(f"  store read + row preparation (database lane), wall: {_percentiles(reads)}")
        print(f"  model reset + first paint (GUI thread), wall: {_percentiles(resets)}")

        birth = people[1234].birth_date
        assert birth is not None
        queries = ("martin", birth.strftime("%d/%m/%Y"), "mart 19")
        for query in queries:
            samples: list[float] = []
            cpu: list[float] = []
            for _ in range(ROUNDS_TYPING):
                model.search("")
                app.processEvents()
                for end in range(1, len(query) + 1):
                    t0, c0 = time.perf_counter(), time.thread_time()
                    model.search(query[:end])
                    page.table.viewport().repaint()
                    app.processEvents()
                    samples.append((time.perf_counter() - t0) * 1000)
                    cpu.append((time.thread_time() - c0) * 1000)
            print(f"filter per keystroke (filter + repaint), typing {query!r}:")
            print(f"  wall: {_percentiles(samples)}")
            print(f"  CPU:  {_percentiles(cpu)}")
        print(f"(load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
        session.close()
        collector.stop()


if __name__ == "__main__":
    main()
