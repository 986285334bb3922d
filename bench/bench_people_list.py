"""The people list with 10,000 people: open (read the store + model reset), filter per key.

Targets (bench/targets.toml): open < 100 ms, filter < 16 ms per keystroke. The store is filled with
people only (names, birth dates, statuses and contacts from the demo builder): what the list
reads. "Open" is the read of everyone plus the preparation of their rows (both on the database
lane in the application) plus the model reset and first paint (GUI thread). A keystroke is the
filter plus the view's repaint. The paint is the one the reset asks for, done by the event loop
(``processEvents``): an explicit ``repaint()`` before it painted the table a second time, which
the application never does. Returns figures (bench/figures.py), asserts nothing.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, figure, percentile, print_figures

PEOPLE = 10_000
PASSPHRASE = "banc d'essai du Lévézou"
ROUNDS_OPEN = 7
ROUNDS_TYPING = 10


MEASURES = ("people_list.open_10000_ms", "people_list.filter_keystroke_ms")


def figures(quick: bool) -> list[Figure]:
    """Open: one sample per round. Keystroke: the p95 of one round of typing all three
    queries letter by letter is one sample."""
    rounds_open, rounds_typing = (2, 2) if quick else (ROUNDS_OPEN, ROUNDS_TYPING)
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
        _setup, session = bench_device(Path(tmp), PASSPHRASE)
        people = add_people(session, PEOPLE)
        model = PeopleList(None)
        page = PeoplePage(model)
        page.resize(1100, 700)
        page.show()
        app.processEvents()

        reads, resets, open_cpu = [], [], []
        for _ in range(rounds_open):
            model.table.set_rows([])
            app.processEvents()
            c0, t0 = time.process_time(), time.perf_counter()
            rows = load_rows(session)  # database lane in the application
            t1 = time.perf_counter()
            model.table.set_rows(rows)  # GUI thread
            app.processEvents()  # the reset's layout and paint, as the event loop does them
            reads.append((t1 - t0) * 1000)
            resets.append((time.perf_counter() - t1) * 1000)
            open_cpu.append((time.process_time() - c0) * 1000)
        opens = [r + m for r, m in zip(reads, resets, strict=True)]

        birth = people[1234].birth_date
        assert birth is not None
        queries = ("martin", birth.strftime("%d/%m/%Y"), "mart 19")
        keystrokes: list[float] = []
        keystrokes_cpu: list[float] = []
        for _ in range(rounds_typing):
            samples: list[float] = []
            samples_cpu: list[float] = []
            for query in queries:
                model.search("")
                app.processEvents()
                for end in range(1, len(query) + 1):
                    c0, t0 = time.process_time(), time.perf_counter()
                    model.search(query[:end])
                    app.processEvents()  # one paint, as in the application
                    samples.append((time.perf_counter() - t0) * 1000)
                    samples_cpu.append((time.process_time() - c0) * 1000)
            keystrokes.append(percentile(samples, 95))
            keystrokes_cpu.append(percentile(samples_cpu, 95))
        session.close()
        collector.stop()
    return [
        figure("people_list.open_10000_ms", "ms", opens, note="read + rows + reset + paint"),
        figure("people_list.filter_keystroke_ms", "ms", keystrokes, note="p95 of each round"),
        figure("people_list.open_store_read_ms", "ms", reads, informational=True),
        figure("people_list.open_reset_and_paint_ms", "ms", resets, informational=True),
        # CPU time of this process: the honest figure on a shared machine, where the wall
        # clock also counts the time other processes held the cores.
        figure("people_list.open_10000_cpu_ms", "ms", open_cpu, informational=True),
        figure("people_list.filter_keystroke_cpu_ms", "ms", keystrokes_cpu, informational=True),
    ]


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
