"""Correcting a person's identity from the file, and the right-of-access export from it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.domain.events import AuditAction
from spie_desktop.services import device
from spie_desktop.services.device import SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.ui import people_section
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.new_person_dialog import NewPersonDialog
from spie_desktop.ui.people_section import PeopleSection
from spie_desktop.ui.tasks import TaskRunner

from .conftest import NADIA_PASSPHRASE, type_text
from .main_helpers import people_of, unlock_to_main, wait_idle
from .test_person_flow import open_new_person


def open_file_of_marie(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> tuple[MainWindow, PeopleSection]:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    person = PeopleService(session).create_person(
        "Marie", "Dupont", date(1988, 6, 3), "Rodez", "06 12 34 56 78"
    )
    session.close()
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    section.open_person(person.id)
    qtbot.waitUntil(lambda: section.file_page.identity_button.isEnabled(), timeout=5000)
    return main, section


def retype(widget: object, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    type_text(widget, text)  # type: ignore[arg-type]


def test_identity_is_corrected_from_the_file_audited_and_journalled(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    main, section = open_file_of_marie(qtbot, runner, ready_device)
    page = section.file_page
    qtbot.mouseClick(page.identity_button, Qt.MouseButton.LeftButton)
    dialog = section.dialogs[-1]
    assert isinstance(dialog, NewPersonDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Modifier l'identité"
    assert (dialog.first_name.text(), dialog.last_name.text()) == ("Marie", "Dupont")
    assert (dialog.birth_date.text(), dialog.phone.text()) == ("03/06/1988", "06 12 34 56 78")

    retype(dialog.last_name, "Dupont-Moreau")
    retype(dialog.phone, "06 12")
    retype(dialog.email, "marie@")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.phone_error.isVisible()
    assert dialog.phone_error.text().startswith("Numéro de téléphone incomplet ou erroné")
    message = dialog.phone_error
    qtbot.waitUntil(lambda: message.height() >= message.heightForWidth(message.width()))
    assert dialog.focusWidget() is dialog.phone  # the field to fix has the focus
    assert dialog.isVisible() and dialog in section.dialogs  # nothing typed is lost
    assert (dialog.last_name.text(), dialog.phone.text(), dialog.email.text()) == (
        "Dupont-Moreau",
        "06 12",
        "marie@",
    )
    retype(dialog.phone, "+594 694 12 34 56")
    assert not dialog.phone_error.isVisible()  # typing again clears the message
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.email_error.text().startswith("Adresse électronique incomplète")
    assert dialog.isVisible()
    retype(dialog.email, "marie.dupont@example.fr")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not section.dialogs, timeout=5000)
    qtbot.waitUntil(lambda: page.title.text() == "Marie DUPONT-MOREAU", timeout=5000)
    identity = dict(section.person_file.identity())
    assert identity["Téléphone"] == "06 94 12 34 56"
    assert identity["Courriel"] == "marie.dupont@example.fr"
    wait_idle(qtbot, runner)
    session = main.context.session
    assert session is not None and section.person_file.person_id is not None
    person_id = section.person_file.person_id
    with session.uow(read_only=True) as uow:
        audit = [(a.action, a.entity, a.entity_id) for a in uow.audit.list()]
        journal = [e.fields for e in uow.outbox.pending() if e.entity_id == person_id]
    assert (AuditAction.CHANGED, "person", person_id) in audit
    assert {"last_name": "Dupont-Moreau", "phone": "06 94 12 34 56"}.items() <= journal[-1].items()
    assert journal[-1]["email"] == "marie.dupont@example.fr"


def test_access_export_from_the_file_writes_the_pdf_and_the_json(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main, section = open_file_of_marie(qtbot, runner, ready_device)
    out = tmp_path / "cle-usb"
    out.mkdir()
    asked: list[str] = []

    def choose_folder(_parent: object, caption: str) -> str:
        asked.append(caption)
        return str(out)

    monkeypatch.setattr(people_section.QFileDialog, "getExistingDirectory", choose_folder)
    page = section.file_page
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.export_note.isVisible(), timeout=10_000)
    assert asked == ["Dossier où écrire l'export (droit d'accès)"]
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and all(
        re.fullmatch(r"acces-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.(json|pdf)", n) for n in names
    )
    assert not any("marie" in n.lower() or "dupont" in n.lower() for n in names)
    assert all(n in page.export_note.text() for n in names)
    assert (out / names[1]).read_bytes().startswith(b"%PDF-")
    assert not page.error.isVisible()
    wait_idle(qtbot, runner)
    main.close()


def test_creation_dialog_shows_the_contact_errors_next_to_their_field(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    dialog = open_new_person(qtbot, main)
    type_text(dialog.first_name, "Hélène")
    type_text(dialog.last_name, "Lefèvre")
    type_text(dialog.phone, "06 12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.phone_error.isVisible() and "téléphone" in dialog.phone_error.text()
    retype(dialog.phone, "0694 12 34 56")
    type_text(dialog.email, "marie@")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.email_error.isVisible()
    assert dialog.email_error.text().startswith("Adresse électronique incomplète")
    assert dialog.email.text() == "marie@" and dialog.isVisible()
    retype(dialog.email, "marie.dupont@example.fr")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog not in section.dialogs, timeout=5000)
    qtbot.waitUntil(lambda: section.person_file.file is not None, timeout=5000)
    assert dict(section.person_file.identity())["Téléphone"] == "06 94 12 34 56"
    for open_dialog in list(section.dialogs):
        open_dialog.reject()  # the consent dialog that follows a creation
    wait_idle(qtbot, runner)
