"""Unlocking a device whose store the previous release made: the unlock window says, in
French, that the encrypted folder is being updated and how far it is, then the main window
opens with everything in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.unlock_window import UnlockWindow
from tests.fixtures.store_0012_content import PASSPHRASE, copy_device

from .conftest import press_enter, type_text
from .main_helpers import people_of, start

# The fixture store was made by the previous release with its real Argon2id keys.
pytestmark = pytest.mark.real_kdf

UPDATING = "Mise à jour du dossier chiffré (3 personnes) — étape "


def test_unlocking_a_0012_store_shows_its_upgrade_then_the_main_window(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    navigator = start(qtbot, runner, copy_device(tmp_path / "device"))
    window = navigator.window
    assert isinstance(window, UnlockWindow)
    shown: list[tuple[str, int]] = []

    def seen() -> None:  # after the window has drawn the model (connected before this)
        if window.busy.isVisible():
            shown.append((window.busy.label.text(), window.busy.bar.maximum()))

    window.model.changed.connect(seen)
    type_text(window.passphrase, PASSPHRASE)
    press_enter(window.passphrase)
    qtbot.waitUntil(lambda: isinstance(navigator.window, MainWindow), timeout=60_000)

    texts = [text for text, _maximum in shown]
    assert texts[0] == "Déverrouillage…"  # the key derivation, before anything is known
    updates = [text for text in texts if text.startswith(UPDATING)]
    assert updates, texts
    assert all(" sur 4 : " in text and text.endswith(("…", "%")) for text in updates)
    main = navigator.window
    assert isinstance(main, MainWindow)
    section = people_of(main)
    qtbot.waitUntil(lambda: not section.people.loading, timeout=15_000)
    assert section.people.table.rowCount() == 3
