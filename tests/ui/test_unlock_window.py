"""Unlocking: right and wrong passphrase, the wait after too many, a second account, recovery."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.domain.organisation import Field
from spie_desktop.services.device import SetupResult
from spie_desktop.storage.errors import UnlockThrottled
from spie_desktop.storage.session import Session
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.unlock_model import UnlockModel
from spie_desktop.ui.unlock_window import UnlockWindow

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE, press_enter, type_text


def open_unlock(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path, **model_args: object
) -> UnlockWindow:
    model = UnlockModel(data_dir, runner, **model_args)  # type: ignore[arg-type]
    model.refresh()
    window = UnlockWindow(model, "Conseil départemental — Aveyron (12)")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def unlock_as(qtbot: QtBot, window: UnlockWindow, passphrase: str) -> Session:
    type_text(window.passphrase, passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=15_000) as unlocked:
        press_enter(window.passphrase)
    session = unlocked.args[0]
    assert isinstance(session, Session) and session.is_open
    return session


def test_right_passphrase_unlocks(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    window = open_unlock(qtbot, runner, data_dir)
    assert window.accounts.count() == 1
    assert window.accounts.item(0).text() == "Nadia B. — Volet social"
    assert window.passphrase.hasFocus()
    assert not window.unlock_button.isEnabled()  # nothing typed yet
    session = unlock_as(qtbot, window, NADIA_PASSPHRASE)
    assert session.counsellor.id == setup.counsellor_id
    assert session.territory.code == "12"
    assert window.passphrase.text() == ""  # the passphrase does not stay in the widget
    session.close()


def test_wrong_passphrase_says_so_in_place(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    window = open_unlock(qtbot, runner, data_dir)
    unlocked: list[object] = []
    window.unlocked.connect(unlocked.append)
    type_text(window.passphrase, "la tortue court lentement")
    press_enter(window.passphrase)
    assert window.busy.isVisible() and not window.passphrase.isEnabled()
    qtbot.waitUntil(lambda: not window.model.busy, timeout=15_000)
    assert window.message.isVisible()
    assert window.message.text() == "Phrase de passe incorrecte."
    assert window.isVisible() and unlocked == []
    assert (
        window.passphrase.hasFocus()
        and window.passphrase.selectedText() == "la tortue court lentement"
    )


def test_throttled_attempts_wait_with_a_countdown(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    now = [1000.0]
    account = uuid.uuid4()

    def refuse(
        _data_dir: Path, _account: uuid.UUID, _passphrase: str, *, on_upgrade: object = None
    ) -> Session:
        raise UnlockThrottled(4.2)

    from spie_desktop.services.device import DeviceState, DeviceStatus
    from spie_desktop.storage.keyslots import SlotInfo

    state = DeviceState(DeviceStatus.READY, [SlotInfo(account, "Kévin T.", "emploi")])
    window = open_unlock(
        qtbot, runner, data_dir, unlock=refuse, state=lambda _d: state, clock=lambda: now[0]
    )
    type_text(window.passphrase, "nimporte quoi")
    press_enter(window.passphrase)
    qtbot.waitUntil(lambda: window.model.retry_in_s > 0, timeout=5000)
    assert window.message.text() == "Trop d'essais : réessayez dans 5 secondes."
    assert not window.unlock_button.isEnabled()
    now[0] += 2.5
    qtbot.waitUntil(
        lambda: window.message.text() == "Trop d'essais : réessayez dans 2 secondes.", timeout=3000
    )
    assert not window.unlock_button.isEnabled()
    now[0] += 2
    qtbot.waitUntil(lambda: window.unlock_button.isEnabled(), timeout=3000)
    assert window.message.text() == "Vous pouvez réessayer."


def test_second_counsellor_gets_an_account_and_unlocks_with_it(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    window = open_unlock(qtbot, runner, data_dir)
    dialog = window.open_add_counsellor()
    qtbot.addWidget(dialog)
    # the new account's passphrase is weak: refused before any key derivation
    type_text(dialog.colleague_passphrase, NADIA_PASSPHRASE)
    type_text(dialog.display_name, "Julien R.")
    dialog.field.emploi.setChecked(True)
    type_text(dialog.new_passphrase.passphrase, "julien2024")
    type_text(dialog.new_passphrase.confirmation, "julien2024")
    dialog.add_button.click()
    assert dialog.new_passphrase.error.text().startswith("Phrase de passe trop faible.")
    assert not dialog.model.busy

    dialog.new_passphrase.clear()
    type_text(dialog.new_passphrase.passphrase, JULIEN_PASSPHRASE)
    type_text(dialog.new_passphrase.confirmation, JULIEN_PASSPHRASE)
    with qtbot.waitSignal(dialog.added, timeout=20_000):
        dialog.add_button.click()
    assert [window.accounts.item(i).text() for i in range(window.accounts.count())] == [
        "Nadia B. — Volet social",
        "Julien R. — Volet professionnel",
    ]
    assert window.accounts.currentRow() == 1  # the new account is selected
    # the name's own full stop ends the sentence: no "Julien R.." (finding 7)
    assert window.note.text().startswith("Compte ajouté : Julien R. Il peut"), window.note.text()
    assert ".." not in window.note.text()
    session = unlock_as(qtbot, window, JULIEN_PASSPHRASE)
    assert session.counsellor.display_name == "Julien R."
    assert session.counsellor.field is Field.EMPLOI
    session.close()


def test_adding_needs_the_colleague_passphrase(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    window = open_unlock(qtbot, runner, data_dir)
    dialog = window.open_add_counsellor()
    qtbot.addWidget(dialog)
    type_text(dialog.colleague_passphrase, "pas la bonne phrase")
    type_text(dialog.display_name, "Julien R.")
    type_text(dialog.new_passphrase.passphrase, JULIEN_PASSPHRASE)
    type_text(dialog.new_passphrase.confirmation, JULIEN_PASSPHRASE)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: not dialog.model.busy, timeout=15_000)
    assert dialog.colleague_error.text() == "Phrase de passe incorrecte."
    assert dialog.isVisible()
    assert window.model.refresh().accounts[0].display_name == "Nadia B."
    assert len(window.model.accounts) == 1


def test_recovery_key_sets_a_new_passphrase(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    window = open_unlock(qtbot, runner, data_dir)
    dialog = window.open_recovery()
    qtbot.addWidget(dialog)
    new_passphrase = "une nouvelle phrase bien longue"

    qtbot.keyClicks(dialog.recovery_key, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    type_text(dialog.new_passphrase.passphrase, new_passphrase)
    type_text(dialog.new_passphrase.confirmation, new_passphrase)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.model.busy, timeout=15_000)
    assert dialog.key_error.text() == "Clé de secours incorrecte."

    dialog.recovery_key.clear()
    qtbot.keyClicks(dialog.recovery_key, setup.recovery_key.lower())
    with qtbot.waitSignal(window.unlocked, timeout=20_000) as unlocked:
        dialog.ok_button.click()
    session = unlocked.args[0]
    assert session.counsellor.id == setup.counsellor_id
    session.close()
    # the old passphrase no longer opens the store; the new one does
    from spie_desktop.services.device import unlock
    from spie_desktop.storage.errors import WrongPassphrase

    try:
        unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE).close()
        raise AssertionError("the old passphrase still works")
    except WrongPassphrase:
        pass
    unlock(data_dir, setup.counsellor_id, new_passphrase).close()


def test_escape_clears_but_never_closes(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    window = open_unlock(qtbot, runner, data_dir)
    type_text(window.passphrase, "abc")
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Escape)
    assert window.isVisible() and window.passphrase.text() == ""


def test_the_forgotten_passphrase_link_says_passphrase(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    """It leads to the recovery key: it is the passphrase that was forgotten, not the key."""
    window = open_unlock(qtbot, runner, ready_device[0])
    assert window.recovery_button.text().replace("&", "") == "Phrase de passe oubliée ?"
