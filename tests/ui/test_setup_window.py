"""The first-run wizard, driven from the keyboard through every page, on a real store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from spie_desktop.config import DeviceConfig, keyslots_path, load_config, save_config, store_path
from spie_desktop.domain.organisation import StructureKind
from spie_desktop.services.device import DeviceStatus, device_state
from spie_desktop.services.setup_wizard import SetupView
from spie_desktop.storage.keyslots import KeySlots
from spie_desktop.storage.session import Session
from spie_desktop.ui.setup_model import SetupModel
from spie_desktop.ui.setup_window import SetupWindow
from spie_desktop.ui.tasks import TaskRunner

from .conftest import press_enter, type_text

GOOD = "la pirogue remonte le fleuve"


def open_wizard(qtbot: QtBot, runner: TaskRunner, data_dir: Path) -> tuple[SetupModel, SetupWindow]:
    model = SetupModel(data_dir, runner)
    window = SetupWindow(model)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return model, window


def fill_identity(window: SetupWindow, name: str = "Kévin T.") -> None:
    page = window.identity
    page.territory.lineEdit().clear()
    type_text(page.territory.lineEdit(), "Guyane")
    page.structure_kind.setCurrentIndex(page.structure_kind.findData(StructureKind.MISSION_LOCALE))
    type_text(page.structure_name, "Mission locale de l'Ouest guyanais")
    type_text(page.counsellor_name, name)
    page.field.emploi.setChecked(True)


def type_passphrases(window: SetupWindow, passphrase: str, confirmation: str) -> None:
    fields = window.passphrase.fields
    fields.passphrase.clear()
    fields.confirmation.clear()
    type_text(fields.passphrase, passphrase)
    type_text(fields.confirmation, confirmation)


def test_wizard_sets_up_the_device_and_shows_a_working_recovery_key(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    model, window = open_wizard(qtbot, runner, data_dir)
    assert window.choice.configure.hasFocus()
    qtbot.keyClick(window.choice.configure, Qt.Key.Key_Space)
    assert model.page is SetupView.IDENTITY

    fill_identity(window)
    press_enter(window.identity.counsellor_name)  # Enter advances
    assert model.page is SetupView.PASSPHRASE
    assert window.passphrase.fields.passphrase.hasFocus()

    type_passphrases(window, GOOD, GOOD)
    assert window.passphrase.fields.meter.value() >= 3
    press_enter(window.passphrase.fields.confirmation)
    qtbot.waitUntil(
        lambda: model.page is SetupView.RECOVERY_KEY or bool(model.errors), timeout=15_000
    )
    assert model.errors == {}

    key = window.recovery.key.text()
    assert len(key.replace("-", "")) >= 32
    assert not window.next_button.isEnabled()  # the checkbox is required
    qtbot.mouseClick(window.recovery.copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == key
    window.recovery.kept.setChecked(True)
    assert window.next_button.isEnabled()
    with qtbot.waitSignal(window.finished_setup, timeout=5000) as finished:
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    session = finished.args[0]
    assert isinstance(session, Session) and session.is_open
    assert QGuiApplication.clipboard().text() == ""  # the key does not linger there

    state = device_state(data_dir)
    assert state.status is DeviceStatus.READY
    assert [(a.display_name, a.field) for a in state.accounts] == [("Kévin T.", "emploi")]
    cfg = load_config(data_dir)
    assert cfg is not None and cfg.territory_code == "CTG"
    assert cfg.structure_kind == StructureKind.MISSION_LOCALE.value
    # the key shown unwraps the very data key the store was opened with
    assert KeySlots.load(keyslots_path(data_dir)).unlock_with_recovery(key) == session.data_key
    session.close()


def test_weak_or_mismatched_passphrase_is_refused_in_place(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    model, window = open_wizard(qtbot, runner, data_dir)
    model.choose(model.form.mode)
    fill_identity(window)
    window.next_button.click()
    fields = window.passphrase.fields

    type_passphrases(window, "motdepasse", "motdepasse")
    assert "courants" in fields.hint.text()
    press_enter(fields.confirmation)
    assert model.page is SetupView.PASSPHRASE
    assert fields.error.isVisible()
    assert fields.error.text().startswith("Phrase de passe trop faible.")

    type_passphrases(window, "court", "court")
    press_enter(fields.confirmation)
    assert "Trop courte : au moins 10 caractères." in fields.error.text()

    type_passphrases(window, GOOD, GOOD + " ")
    press_enter(fields.confirmation)
    assert fields.error.text() == "Les deux phrases de passe ne sont pas identiques."
    assert model.page is SetupView.PASSPHRASE and not model.busy
    assert not store_path(data_dir).exists() and not keyslots_path(data_dir).exists()
    assert device_state(data_dir).status is DeviceStatus.NEW


def test_identity_is_checked_before_leaving_the_page(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    model, window = open_wizard(qtbot, runner, data_dir)
    model.choose(model.form.mode)
    window.identity.territory.lineEdit().clear()
    type_text(window.identity.territory.lineEdit(), "Atlantide")
    press_enter(window.identity.counsellor_name)
    assert model.page is SetupView.IDENTITY
    assert (
        window.identity.errors["territory_code"].text() == "Choisissez un territoire dans la liste."
    )
    assert window.identity.errors["structure_name"].isVisible()
    assert window.identity.errors["counsellor_name"].isVisible()
    window.back_button.click()
    assert model.page is SetupView.CHOICE


def test_provisioned_territory_is_prefilled_and_locked(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    save_config(
        data_dir,
        DeviceConfig(
            "62", "Département du Pas-de-Calais", "conseil_departemental", territory_locked=True
        ),
    )
    model, window = open_wizard(qtbot, runner, data_dir)
    qtbot.keyClick(window.choice.configure, Qt.Key.Key_Space)
    assert window.identity.territory.currentText() == "Pas-de-Calais (62)"
    assert not window.identity.territory.isEnabled()
    assert window.identity.territory_note.isVisible()
    assert window.identity.structure_name.text() == "Département du Pas-de-Calais"
    assert window.identity.counsellor_name.hasFocus() or window.identity.structure_name.hasFocus()


def test_demo_path_creates_a_store_full_of_people(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    from spie_desktop.services.people import PeopleService

    model, window = open_wizard(qtbot, runner, data_dir)
    qtbot.mouseClick(window.choice.demo, Qt.MouseButton.LeftButton)
    assert not window.identity.structure_name.isVisible()
    assert window.identity.territory.currentText() == "Aveyron (12)"
    type_text(window.identity.counsellor_name, "Élodie")
    press_enter(window.identity.counsellor_name)
    type_passphrases(window, GOOD, GOOD)
    steps: list[str] = []
    model.changed.connect(lambda: steps.append(model.step) if model.step else None)
    press_enter(window.passphrase.fields.confirmation)
    assert window.passphrase.busy.isVisible()
    qtbot.waitUntil(
        lambda: model.page is SetupView.RECOVERY_KEY or bool(model.errors), timeout=60_000
    )
    assert model.errors == {}
    assert "Création de 200 personnes de démonstration…" in steps
    assert model.outcome is not None
    session = model.outcome.session
    assert session.territory.code == "12"
    assert len(PeopleService(session).list_summaries()) == 200
    session.close()
