"""Start-up: what is imported before the unlock window is shown, and what is loaded after.

The unlock window needs Qt, the key slot file, the configuration and the interface texts;
the store, the wire messages, the cipher, the key derivation, the PDF and signing stack, the
forms engine and the sync client all wait until it has been painted. A child process starts
the application as the bench does (``SPIE_BENCH_EXIT_ON_SHOW=1``) and reports ``sys.modules``
at the window's first paint: counting modules, not seconds, so the test does not depend on
the machine's load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spie_desktop.services.device import SetupResult
from spie_desktop.ui import unlock_model
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.unlock_model import UnlockModel
from spie_desktop.ui.unlock_window import UnlockWindow

ROOT = Path(__file__).resolve().parents[2]

#: What the unlock window must not wait for: each name, or any module under it.
NOT_BEFORE_SHOWN = (
    "sqlalchemy",
    "sqlcipher3",
    "alembic",
    "pydantic",
    "cryptography",
    "argon2",
    "reportlab",
    "pyhanko",
    "requests",
    "yaml",
    "spie_desktop.storage.store",
    "spie_desktop.storage.models",
    "spie_desktop.forms",
    "spie_desktop.plan",
    "spie_desktop.sync",
    "spie_protocol.messages",
)

#: The application as the bench starts it, reporting what was loaded at its first paint.
CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
import spie_desktop.app as app

seen = {}

class AtFirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen["window"] = type(watched).__name__
            seen["modules"] = sorted(sys.modules)
            texts = sys.modules.get("spie_desktop.domain.person_texts")
            seen["person_texts_read"] = bool(texts and texts.french_file.cache_info().currsize)
        return False

bench_hook = app._exit_once_shown

def watch_then_exit(application, window):
    window.installEventFilter(AtFirstPaint(window))
    bench_hook(application, window)

app._exit_once_shown = watch_then_exit
status = app.run_gui(Path(sys.argv[1]))
print("loaded at first paint: " + json.dumps(seen))
sys.exit(status)
"""


def loaded_at_first_paint(data_dir: Path) -> dict[str, object]:
    env = dict(os.environ, SPIE_BENCH_EXIT_ON_SHOW="1", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = next(s for s in result.stdout.splitlines() if s.startswith("loaded at first paint: "))
    seen: dict[str, object] = json.loads(line.split(": ", 1)[1])
    return seen


def under(name: str, modules: list[str]) -> list[str]:
    return [m for m in modules if m == name or m.startswith(name + ".")]


def test_the_unlock_window_is_shown_before_any_heavy_module_is_imported(
    ready_device: tuple[Path, SetupResult],
) -> None:
    data_dir, _ = ready_device
    seen = loaded_at_first_paint(data_dir)
    assert seen["window"] == "UnlockWindow"
    modules = seen["modules"]
    assert isinstance(modules, list)
    assert "PySide6.QtWidgets" in modules and "spie_desktop.storage.keyslots" in modules
    too_early = {name: under(name, modules)[:3] for name in NOT_BEFORE_SHOWN}
    assert {name: found for name, found in too_early.items() if found} == {}
    assert seen["person_texts_read"] is False  # the person-facing language files: later


def test_the_warm_up_loads_what_an_unlock_needs() -> None:
    """What the window defers, :func:`load_unlock_modules` brings in, so the unlock is not
    slower: in a fresh interpreter, every heavy library an unlock uses is loaded by it."""
    code = (
        "import sys\n"
        "from spie_desktop.services.unlock_warmup import load_unlock_modules\n"
        "load_unlock_modules()\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    modules = result.stdout.split()
    for name in ("sqlalchemy", "sqlcipher3", "cryptography", "argon2", "pyhanko", "requests"):
        assert under(name, modules), name


def test_the_unlock_window_starts_the_warm_up_on_the_database_lane_once_painted(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir, _ = ready_device
    threads: list[str] = []
    monkeypatch.setattr(
        unlock_model, "load_unlock_modules", lambda: threads.append(threading.current_thread().name)
    )
    model = UnlockModel(data_dir, runner)
    model.refresh()
    window = UnlockWindow(model)
    qtbot.addWidget(window)
    assert threads == []  # not while the window is being built
    window.show()
    qtbot.waitUntil(lambda: bool(threads), timeout=15_000)
    window.repaint()
    QApplication.processEvents()  # a second warm-up would be queued by now
    qtbot.waitUntil(lambda: runner.idle, timeout=15_000)
    assert len(threads) == 1  # once, however often it is painted
    assert threads[0].startswith("spie-db")  # the lane the unlock itself runs on, after it
