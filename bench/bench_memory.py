"""Peak memory of the application with 10,000 people open (outreach laptops have 4 GB).

Target (bench/targets.toml): peak RSS < 200 MB (a bare PySide6 window: ~50 MB). The store is
filled here (people only: what the list holds), then a fresh process does what a counsellor
does — the real main window on the unlocked store, the people list loaded and painted, the
list filtered — and reports its own peak RSS (``ru_maxrss``), so nothing of the set-up counts.
Returns figures (bench/figures.py), asserts nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from bench.figures import Figure, figure, print_figures

PEOPLE = 10_000
PASSPHRASE = "banc d'essai du Causse"

PROBE = textwrap.dedent(
    """
    import os, resource, sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from spie_desktop.services import device
    from spie_desktop.ui.gui_gc import GuiThreadCollector
    from spie_desktop.ui.main_window import MainWindow
    from spie_desktop.ui.tasks import TaskRunner

    def peak_mb():
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would count the
        # parent's pages (the benchmark holding 10,000 people) at fork time.
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def wait(app, condition, timeout=60.0):
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.005)

    app = QApplication([])
    collector = GuiThreadCollector(app)
    collector.start()
    print(f"qt started: {peak_mb():.0f} MB", flush=True)
    data_dir, account = Path(sys.argv[1]), sys.argv[2]
    import uuid
    session = device.unlock(data_dir, uuid.UUID(account), os.environ["SPIE_BENCH_PASSPHRASE"])
    print(f"store unlocked (Argon2id takes 64 MiB while it runs): {peak_mb():.0f} MB", flush=True)
    runner = TaskRunner(app)
    window = MainWindow(session, runner)
    window.resize(1366, 768)
    window.show()
    section = window.people_section
    wait(app, lambda: not section.people.loading and section.people.table.rowCount() > 0)
    window.repaint()
    app.processEvents()
    print(f"list of {section.people.table.rowCount()} people shown: {peak_mb():.0f} MB", flush=True)
    for query in ("m", "ma", "mar", "mart", ""):
        section.people.search(query)
        window.repaint()
        app.processEvents()
    print(f"after filtering: {peak_mb():.0f} MB", flush=True)
    wait(app, lambda: runner.idle)
    runner.shutdown()
    session.close()
    """
)


MEASURES = ("memory.peak_rss_10000_people_mb",)


def figures(quick: bool) -> list[Figure]:
    """The probe's peak RSS after the list is filtered, once per repeat (a fresh process
    each time, on the same store)."""
    from bench.devices import add_people, bench_device

    repeats = 1 if quick else 3
    peaks: list[float] = []
    with tempfile.TemporaryDirectory(prefix="spie-bench-memory-") as tmp:
        setup, session = bench_device(Path(tmp), PASSPHRASE)
        data_dir = session.data_dir
        add_people(session, PEOPLE)
        session.close()
        env = dict(os.environ, SPIE_BENCH_PASSPHRASE=PASSPHRASE)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for _ in range(repeats):
            done = subprocess.run(
                [sys.executable, "-c", PROBE, str(data_dir), str(setup.counsellor_id)],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(f"the probe failed (exit {done.returncode})")
            last = done.stdout.strip().splitlines()[-1]  # "after filtering: N MB"
            peaks.append(float(last.rsplit(":", 1)[1].split()[0]))
    return [
        figure(
            "memory.peak_rss_10000_people_mb",
            "MB",
            peaks,
            note="peak RSS of a fresh process: main window, list shown, then filtered",
        )
    ]


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
