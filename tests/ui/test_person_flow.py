"""Scenario 1 in the window: create Mme L., warn about her namesake, record consent, reopen."""

from __future__ import annotations

import sys
import types
import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.people import CONSENT_WORDING_VERSION, ConsentScope
from spie_desktop.services import device
from spie_desktop.services.device import SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.ui.consent_dialog import ConsentDialog
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.new_person_dialog import NewPersonDialog
from spie_desktop.ui.people_section import PeopleSection
from spie_desktop.ui.tasks import TaskRunner

from .conftest import NADIA_PASSPHRASE, type_text
from .main_helpers import people_of, unlock_to_main, wait_idle


def open_new_person(qtbot: QtBot, main: MainWindow) -> NewPersonDialog:
    with qtbot.waitActive(main):
        main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = people_of(main).dialogs[-1]
    assert isinstance(dialog, NewPersonDialog) and dialog.isVisible()
    return dialog


def fill(qtbot: QtBot, dialog: NewPersonDialog, first: str, last: str, born: str) -> None:
    type_text(dialog.first_name, first)  # accents typed key by key
    dialog.last_name.setText(last)
    qtbot.keyClicks(dialog.birth_date, born)
    qtbot.keyClicks(dialog.commune, "Rodez")


def consent_dialog(section: PeopleSection) -> ConsentDialog:
    dialog = section.dialogs[-1]
    assert isinstance(dialog, ConsentDialog) and dialog.isVisible()
    return dialog


def test_create_consent_and_find_it_all_again_after_reopening(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    dialog = open_new_person(qtbot, main)
    assert not dialog.save_button.isEnabled()  # names are required
    type_text(dialog.first_name, "Hélène")
    dialog.last_name.setText("Lefèvre")
    qtbot.keyClicks(dialog.birth_date, "31/02/1979")
    assert (
        dialog.birth_error.isVisible() and dialog.birth_error.text() == "Cette date n'existe pas."
    )
    assert not dialog.save_button.isEnabled()
    dialog.birth_date.clear()
    qtbot.keyClicks(dialog.birth_date, "12/03/1979")
    assert not dialog.birth_error.isVisible() and dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.phone, "06 12 34 56 78")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: bool(section.dialogs) and isinstance(section.dialogs[-1], ConsentDialog),
        timeout=5000,
    )
    consent = consent_dialog(section)
    assert section.currentWidget() is section.file_page
    assert consent.windowTitle() == "Consentement — Hélène LEFÈVRE"
    assert any(CONSENT_WORDING_VERSION in w.text() for w in consent.findChildren(QLabel))
    assert all(not box.isChecked() for box in consent.boxes.values())  # nothing pre-ticked
    assert consent.note.isVisible()  # without RECORD, no interview
    qtbot.waitUntil(lambda: section.person_file.file is not None)
    assert not section.file_page.interview_button.isEnabled()
    assert section.file_page.interview_hint.isVisible()

    consent.boxes[ConsentScope.RECORD].setChecked(True)
    consent.boxes[ConsentScope.SHARE_CONSORTIUM].setChecked(True)
    assert not consent.note.isVisible()
    qtbot.mouseClick(consent.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not section.dialogs, timeout=5000)
    page = section.file_page
    qtbot.waitUntil(lambda: page.interview_button.isEnabled(), timeout=5000)
    assert page.interview_button.text() == "Démarrer l'entretien"
    assert page.title.text() == "Hélène LEFÈVRE"
    assert f"version {CONSENT_WORDING_VERSION}" in page.consent_text.text()
    assert "✓ Partager mon dossier" in page.consent_scopes.text()
    assert "✗ Écrire dans mon plan les informations sur ma santé" in page.consent_scopes.text()
    assert page.consent_button.text() == "Modifier le consentement"
    timeline = [
        page.timeline.topLevelItem(i).text(1) for i in range(page.timeline.topLevelItemCount())
    ]
    assert timeline == [f"Consentement (version {CONSENT_WORDING_VERSION})"]
    qtbot.waitUntil(lambda: section.people.table.rowCount() == 1, timeout=5000)

    # close everything, start again, unlock: the person and the consent are there
    main.navigator.shutdown()  # type: ignore[attr-defined]
    main.close()
    runner2 = TaskRunner()
    try:
        again = unlock_to_main(qtbot, runner2, data_dir, NADIA_PASSPHRASE)
        section2 = people_of(again)
        assert section2.people.table.rowCount() == 1
        assert section2.people.table.row_at(0).texts[:3] == ("LEFÈVRE", "Hélène", "12/03/1979")
        section2.list_page.table.selectRow(0)
        qtbot.keyClick(section2.list_page.table, Qt.Key.Key_Return)
        assert section2.currentWidget() is section2.file_page
        qtbot.waitUntil(lambda: section2.file_page.interview_button.isEnabled(), timeout=5000)
        assert "✓ Conserver mon dossier" in section2.file_page.consent_scopes.text()
        identity = section2.person_file.identity(date(2026, 11, 27))
        assert ("Téléphone", "06 12 34 56 78") in identity
        assert ("Date de naissance", "12/03/1979 (47 ans)") in identity
        qtbot.keyClick(section2.file_page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        assert section2.currentWidget() is section2.list_page
        again.navigator.shutdown()  # type: ignore[attr-defined]
    finally:
        runner2.shutdown(wait=True)


@pytest.mark.parametrize("typed_last_name", ["Lefèvre", "Lefevre"])
def test_likely_duplicate_is_shown_in_place_and_can_be_created_anyway(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    typed_last_name: str,
) -> None:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    cousin = PeopleService(session).create_person("Hélène", "Lefèvre", date(1979, 3, 12), "Rodez")
    session.close()

    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    dialog = open_new_person(qtbot, main)
    fill(qtbot, dialog, "Hélène", typed_last_name, "12/03/1979")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.duplicates.isVisible(), timeout=5000)
    assert dialog.duplicate_text.text() == (
        "Une fiche proche existe déjà : LEFÈVRE Hélène, né(e) le 12/03/1979 — Rodez."
    )
    assert dialog.candidates.count() == 1
    assert not dialog.save_button.isEnabled()  # the choice is explicit
    qtbot.mouseClick(dialog.create_anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog not in section.dialogs, timeout=5000)
    consent = consent_dialog(section)
    consent.reject()
    qtbot.waitUntil(lambda: section.people.table.rowCount() == 2, timeout=5000)
    assert section.person_file.person_id != cousin.id


def test_open_the_existing_file_instead_of_creating(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    cousin = PeopleService(session).create_person("Hélène", "Lefèvre", date(1979, 3, 12), "Rodez")
    session.close()

    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    dialog = open_new_person(qtbot, main)
    fill(qtbot, dialog, "Helene", "Lefebvre", "12/03/1979")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.duplicates.isVisible(), timeout=5000)
    dialog.last_name.setText("Lefebvres")  # typing again hides the stale warning
    assert not dialog.duplicates.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.duplicates.isVisible(), timeout=5000)
    qtbot.mouseClick(dialog.open_existing, Qt.MouseButton.LeftButton)
    assert not section.dialogs
    assert section.currentWidget() is section.file_page
    qtbot.waitUntil(lambda: section.person_file.file is not None, timeout=5000)
    assert section.person_file.person_id == cousin.id
    assert section.file_page.consent_button.text() == "Recueillir le consentement"
    wait_idle(qtbot, runner)
    assert section.people.table.rowCount() == 1


def test_interview_button_opens_the_workspace_and_resumes_after_a_lock(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    person = PeopleService(session).create_person("Paul", "Martin", date(1990, 1, 1))
    PeopleService(session).record_consent(person.id, {ConsentScope.RECORD})
    session.close()

    calls: list[tuple[QWidget, object, uuid.UUID]] = []

    class FakeWorkspace(QLabel):
        closed = Signal()

    def open_workspace(host: QWidget, context: object, person_id: uuid.UUID) -> QWidget:
        calls.append((host, context, person_id))
        label = FakeWorkspace("espace d'entretien", host)
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return label

    fake = types.ModuleType("spie_desktop.ui.interview")
    fake.open_workspace = open_workspace  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "spie_desktop.ui.interview", fake)

    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    section.open_person(person.id)
    qtbot.waitUntil(lambda: section.file_page.interview_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(section.file_page.interview_button, Qt.MouseButton.LeftButton)
    assert len(calls) == 1
    host, context, person_id = calls[0]
    assert host is section and context is main.context
    assert person_id == person.id
    workspace = section.currentWidget()
    assert isinstance(workspace, QLabel)

    main.lock_requested.emit()
    assert main.is_locked and section.indexOf(workspace) < 0
    overlay = main.lock_overlay
    type_text(overlay.passphrase, NADIA_PASSPHRASE)
    qtbot.mouseClick(overlay.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not main.is_locked, timeout=15_000)
    assert len(calls) == 2 and calls[1][1] is main.context and not main.context.is_locked
    assert isinstance(section.currentWidget(), QLabel)
    qtbot.keyClick(section.currentWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert section.currentWidget() is section.file_page
    wait_idle(qtbot, runner)
