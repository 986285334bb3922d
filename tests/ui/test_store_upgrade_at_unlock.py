"""Unlocking a device whose store the previous release made, with a passphrase or with the
recovery key: the window says, in French, that the encrypted folder is being updated and how
far it is, then the main window opens with everything in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.storage.keyslots import KeySlots
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.unlock_window import UnlockWindow
from tests.fixtures.store_0012_content import PASSPHRASE, copy_device, data_key

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
    _shows_the_three_people(qtbot, navigator.window)


def test_the_recovery_key_on_a_0012_store_shows_its_upgrade_then_the_main_window(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    """A counsellor who forgot their passphrase on the day the new release arrives: the
    dialog says the same as the unlock window while the store is converted, never
    « Vérification de la clé de secours… » alone for minutes."""
    folder = copy_device(tmp_path / "device")
    recovery_key = KeySlots.load(folder / "keyslots.json").add_recovery_slot(data_key())
    navigator = start(qtbot, runner, folder)
    window = navigator.window
    assert isinstance(window, UnlockWindow)
    dialog = window.open_recovery()
    shown: list[tuple[str, int]] = []

    def seen() -> None:
        if dialog.busy.isVisible():
            shown.append((dialog.busy.label.text(), dialog.busy.bar.maximum()))

    dialog.model.changed.connect(seen)
    qtbot.keyClicks(dialog.recovery_key, recovery_key)
    type_text(dialog.new_passphrase.passphrase, "une autre phrase sur le Causse noir")
    type_text(dialog.new_passphrase.confirmation, "une autre phrase sur le Causse noir")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(navigator.window, MainWindow), timeout=60_000)

    texts = [text for text, _maximum in shown]
    assert texts[0] == "Vérification de la clé de secours…"
    updates = [text for text in texts if text.startswith(UPDATING)]
    assert updates, texts
    assert all(" sur 4 : " in text and text.endswith(("…", "%")) for text in updates)
    assert " étape 4 sur 4 : " in updates[-1], updates  # the last step is always heard
    _shows_the_three_people(qtbot, navigator.window)


def _shows_the_three_people(qtbot: QtBot, main: object) -> None:
    assert isinstance(main, MainWindow)
    section = people_of(main)
    qtbot.waitUntil(lambda: not section.people.loading, timeout=15_000)
    assert section.people.table.rowCount() == 3
