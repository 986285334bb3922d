"""Composition root of the desktop application: the Qt application and its first window.

``SPIE_BENCH_EXIT_ON_SHOW=1`` makes :func:`run_gui` print how long the first window took to
be shown after the process started, then quit (``bench/bench_startup.py`` uses it).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from spie_desktop import __version__
from spie_desktop.ui.qt_translations import install_qt_translations

BENCH_ENV = "SPIE_BENCH_EXIT_ON_SHOW"
BASE_POINT_SIZE = 11.0  # readable on small laptop screens without feeling loud


def run_gui(data_dir: Path | None = None, argv: list[str] | None = None) -> int:
    """Start the application on ``data_dir`` (default: the platform's data dir); exit status."""
    from spie_desktop.config import default_data_dir
    from spie_desktop.ui.display_settings import load_theme
    from spie_desktop.ui.interface_language import apply_interface_language

    data_dir = data_dir or default_data_dir()
    # before the window modules are imported: some build their titles at import
    language = apply_interface_language(data_dir)

    from spie_desktop.ui.gui_gc import GuiThreadCollector
    from spie_desktop.ui.navigator import Navigator
    from spie_desktop.ui.tasks import TaskRunner
    from spie_desktop.ui.theme import apply_theme
    from spie_desktop.ui.wheel_guard import install_wheel_guard

    app = _application(argv if argv is not None else sys.argv, language)
    apply_theme(app, load_theme(data_dir))  # before the first window: its colours follow
    install_wheel_guard(app)  # the wheel scrolls pages, never changes an unfocused answer
    collector = GuiThreadCollector(app)  # before any worker thread exists
    collector.start()
    runner = TaskRunner(app)
    navigator = Navigator(data_dir, runner, app)
    app.aboutToQuit.connect(navigator.shutdown)  # waits for the lanes to finish...
    app.aboutToQuit.connect(collector.stop)  # ...so automatic collection resumes after them
    window = navigator.start()
    if os.environ.get(BENCH_ENV) == "1":
        _exit_once_shown(app, window)
    return app.exec()


def _application(argv: list[str], language: str = "fr") -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName("spie-desktop")
    QApplication.setOrganizationName("SPIE")
    QApplication.setApplicationVersion(__version__)
    QApplication.setApplicationDisplayName("spie-desktop")
    app = QApplication(argv)
    install_qt_translations(app, language)
    font = app.font()
    if font.pointSizeF() < BASE_POINT_SIZE:
        font.setPointSizeF(BASE_POINT_SIZE)
        app.setFont(font)
    return app


class _FirstPaint(QObject):
    """Quits once the window has really been painted, printing the time since process start."""

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(window)
        self._app = app
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            print(f"first window shown after {process_age_s():.3f} s", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def _exit_once_shown(app: QApplication, window: QWidget) -> None:
    _FirstPaint(app, window)


def process_age_s() -> float:
    """Seconds since this process started (from the kernel on Linux, else since import)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat, counted after "pid (comm)"
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED_AT


_IMPORTED_AT = time.perf_counter()
