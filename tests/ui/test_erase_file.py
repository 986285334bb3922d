"""« Effacer le dossier (droit à l'effacement)… » from the person's file: the reason and the
confirmation are required, the consequence is named, and once done the file is gone from the
store and from the screen, its tombstone waiting for the next sync."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.services import device
from spie_desktop.services.device import SetupResult
from spie_desktop.storage.entities import PURGES
from spie_desktop.ui.erase_dialog import EraseDialog
from spie_desktop.ui.tasks import TaskRunner

from .conftest import NADIA_PASSPHRASE, type_text
from .main_helpers import wait_idle
from .test_identity_edit import open_file_of_marie


def test_a_file_is_erased_on_request_from_its_page(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    main, section = open_file_of_marie(qtbot, runner, ready_device)
    page = section.file_page
    person_id = section.person_file.person_id
    assert page.erase_button.text() == "Effacer le dossier (droit à l'effacement)…"
    qtbot.mouseClick(page.erase_button, Qt.MouseButton.LeftButton)
    dialog = section.dialogs[-1]
    assert isinstance(dialog, EraseDialog) and dialog.isVisible()
    assert "irréversible" in dialog.model.consequence
    assert not dialog.erase_button.isEnabled()
    type_text(dialog.reason, "Demande écrite du 2 décembre")
    assert not dialog.erase_button.isEnabled()  # the consequence is not confirmed yet
    dialog.confirm.setChecked(True)
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.currentWidget() is section.list_page, timeout=5000)
    wait_idle(qtbot, runner)
    assert section.person_file.file is None
    data_dir, setup = ready_device
    main.close()
    wait_idle(qtbot, runner)
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    try:
        with session.uow(read_only=True) as uow:
            assert uow.people.find(person_id) is None
            waiting = [(e.entity, e.fields.get("person_id")) for e in uow.outbox.pending()]
        assert (PURGES, str(person_id)) in waiting  # the tombstone, for the next sync
    finally:
        session.close()
