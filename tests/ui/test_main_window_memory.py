"""The main window lets go of the module sources linecache kept while its modules were
imported (the memory of the application with 10,000 people open: bench/bench_memory.py)."""

from __future__ import annotations

import linecache
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from spie_desktop.services.device import SetupResult
from spie_desktop.ui.tasks import TaskRunner

from .conftest import NADIA_PASSPHRASE
from .main_helpers import unlock_to_main


def test_pyside_makes_linecache_keep_the_source_of_each_module_imported_after_it() -> None:
    """Why the window clears linecache: PySide's import hook reads every module's source."""
    code = "import linecache, PySide6.QtCore, wave\nprint(wave.__file__ in linecache.cache)\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_the_main_window_lets_go_of_the_sources_read_at_import(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    source = linecache.__file__
    linecache.getlines(source)  # as PySide's import hook does for each module
    assert source in linecache.cache
    unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    assert source not in linecache.cache
