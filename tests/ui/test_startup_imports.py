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

from .conftest import NADIA_PASSPHRASE

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

#: What only rendering, signing or showing a PDF needs: neither an unlock nor the main window
#: on a store imports them (pyHanko alone, with aiohttp under it, is some 40 MB).
ONLY_FOR_A_PDF = ("pyhanko", "aiohttp", "reportlab", "pypdfium2", "fontTools", "arabic_reshaper")

#: What only a sync talking to the server needs (requests and urllib3: some 15 MB): the sync
#: section names the client, the first exchange loads its HTTP stack.
ONLY_FOR_THE_SERVER = ("requests", "urllib3")

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


def child_report(code: str, args: list[str], prefix: str, **env: str) -> object:
    """Run ``code`` in a fresh interpreter (offscreen Qt) and read back the JSON it printed
    after ``prefix``."""
    child_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env)
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=child_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = next(s for s in result.stdout.splitlines() if s.startswith(prefix))
    return json.loads(line.split(": ", 1)[1])


def loaded_at_first_paint(data_dir: Path) -> dict[str, object]:
    seen = child_report(
        CHILD, [str(data_dir)], "loaded at first paint: ", SPIE_BENCH_EXIT_ON_SHOW="1"
    )
    assert isinstance(seen, dict)
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
    for name in ("sqlalchemy", "sqlcipher3", "cryptography", "argon2"):
        assert under(name, modules), name
    for name in ONLY_FOR_A_PDF + ONLY_FOR_THE_SERVER:  # an unlock signs and sends nothing
        assert not under(name, modules), name


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


#: The main window on an unlocked store, its people list loaded, as bench/bench_memory.py
#: opens it; reports ``sys.modules`` once the window is painted and the lanes are idle.
MAIN_WINDOW_CHILD = """
import importlib, json, sys, time, uuid
from pathlib import Path
from PySide6.QtWidgets import QApplication
from tests.cheap_kdf import DERIVING_MODULES, cheap_hash_secret_raw
for name in DERIVING_MODULES:
    importlib.import_module(name).hash_secret_raw = cheap_hash_secret_raw
from spie_desktop.services import device
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner

app = QApplication([])
session = device.unlock(Path(sys.argv[1]), uuid.UUID(sys.argv[2]), sys.argv[3])
runner = TaskRunner(app)
window = MainWindow(session, runner)
window.show()
people = window.people_section.people
while people.loading or not runner.idle:
    app.processEvents()
    time.sleep(0.01)
window.repaint()
app.processEvents()
print("loaded with the main window: " + json.dumps(sorted(sys.modules)))
runner.shutdown()
session.close()
"""


def test_the_main_window_on_a_store_imports_no_pdf_or_http_stack(
    ready_device: tuple[Path, SetupResult],
) -> None:
    """Signing and rendering a PDF load pyHanko, reportlab and pdfium when they happen, a sync
    its HTTP client: a counsellor opening the application to look at their people does not
    pay for them."""
    data_dir, setup = ready_device
    args = [str(data_dir), str(setup.counsellor_id), NADIA_PASSPHRASE]
    modules = child_report(MAIN_WINDOW_CHILD, args, "loaded with the main")
    assert isinstance(modules, list)
    assert "spie_desktop.ui.main_window" in modules and "sqlalchemy" in modules
    loaded = {name: under(name, modules)[:3] for name in ONLY_FOR_A_PDF + ONLY_FOR_THE_SERVER}
    assert {name: found for name, found in loaded.items() if found} == {}


def test_importing_the_main_window_leaves_the_plan_service_for_later() -> None:
    """The check-in and case-review dialogs reach the plan service (the forms engine, the
    signer) only when a check-in or a decision really adds an action: importing the main
    window's module, which names them, loads neither it nor pydantic, yaml or cryptography
    (some 20 MB, which otherwise sit under the 64 MiB of a key derivation that follows)."""
    code = "import sys\nimport spie_desktop.ui.main_window\nprint(' '.join(sorted(sys.modules)))\n"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    modules = result.stdout.split()
    assert "spie_desktop.ui.check_in_dialog" in modules
    assert "spie_desktop.ui.case_summary_dialog" in modules
    later = (
        "spie_desktop.services.plans",
        "spie_desktop.forms",
        "pydantic",
        "yaml",
        "cryptography",
    )
    loaded = {name: under(name, modules)[:3] for name in later + ONLY_FOR_A_PDF}
    assert {name: found for name, found in loaded.items() if found} == {}
