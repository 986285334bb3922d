"""A conflict made by two laptops appears in the inbox, and is settled with a click."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.services import conflicts
from tests.sync.conftest import Laptop

from .conftest import WAIT_MS


def edit_person(laptop: Laptop, person_id: uuid.UUID, **changes: object) -> None:
    service = laptop.people()
    person = service.get(person_id)
    for name, value in changes.items():
        setattr(person, name, value)
    service.update(person)


def make_conflict(a: Laptop, b: Laptop, **b_changes: object) -> uuid.UUID:
    """Cayenne (a) and upriver (b) both change the same person's field."""
    person = a.add_person("Lucie", "Martin", phone="0601010101", commune="Rodez")
    assert a.sync().ok and b.sync().ok
    edit_person(a, person.id, phone="0611111111", commune="Cayenne")
    edit_person(b, person.id, **b_changes)
    assert a.sync().ok
    return person.id


def test_keep_mine_removes_the_conflict_and_queues_the_change(
    qtbot: QtBot, make_laptop, open_window
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = make_conflict(a, b, phone="0622222222")
    window, section = open_window(b)
    qtbot.mouseClick(section.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not section.model.syncing, timeout=WAIT_MS)
    assert "1 conflit à examiner" in section.summary.text()

    inbox = section.inbox
    qtbot.waitUntil(lambda: inbox.list.count() == 1, timeout=WAIT_MS)
    assert inbox.list.item(0).text() == "Personne — Téléphone — Lucie Martin"
    assert (inbox.local.toPlainText(), inbox.server.toPlainText()) == ("0622222222", "0611111111")
    nav = window.navigation.item(window.pages.indexOf(section))
    assert nav.text() == "Synchronisation (1)"
    status = window.statusBar()
    qtbot.waitUntil(lambda: "1 conflit à examiner" in status.pending.text(), timeout=WAIT_MS)
    assert b.people().get(person).phone == "0611111111"  # the server's value stays meanwhile

    qtbot.mouseClick(inbox.keep_mine, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: inbox.list.count() == 0, timeout=WAIT_MS)
    assert inbox.empty.isVisible()
    assert nav.text() == "Synchronisation"
    assert conflicts.list_open(b.session) == []
    assert b.people().get(person).phone == "0622222222"
    assert b.pending() > 0  # Kévin's number goes out at the next sync
    qtbot.waitUntil(lambda: section.model.overview.pending_changes > 0, timeout=WAIT_MS)


def test_combine_writes_both_texts_for_a_text_field(qtbot: QtBot, make_laptop, open_window) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = make_conflict(a, b, commune="Maripasoula")
    _window, section = open_window(b)
    qtbot.mouseClick(section.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.inbox.list.count() == 1, timeout=WAIT_MS)
    inbox = section.inbox
    assert inbox.combine.isVisible()
    qtbot.mouseClick(inbox.combine, Qt.MouseButton.LeftButton)
    assert inbox.editor.toPlainText() == "Maripasoula\nCayenne"
    inbox.editor.setPlainText("Maripasoula puis Cayenne")
    qtbot.mouseClick(inbox.save_combined, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: inbox.list.count() == 0, timeout=WAIT_MS)
    assert b.people().get(person).commune == "Maripasoula puis Cayenne"
    assert b.pending() > 0


def test_a_record_the_laptop_cannot_store_is_listed_and_the_sync_succeeds(
    qtbot: QtBot, make_laptop, open_window, sync_admin, sync_territory
) -> None:
    from tests.sync.test_set_aside import _inject

    record = _inject(sync_admin, sync_territory, "people", {"first_name": "Seule"})
    b = make_laptop("b")
    _window, section = open_window(b)
    inbox = section.inbox
    assert not inbox.set_aside.isVisible()
    qtbot.mouseClick(section.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not section.model.syncing, timeout=WAIT_MS)
    assert section.model.sync_error == ""
    assert "mise de côté" in section.summary.text()
    qtbot.waitUntil(lambda: inbox.set_aside.list.count() == 1, timeout=WAIT_MS)
    text = inbox.set_aside.list.item(0).text()
    assert text.startswith(f"Personne (fiche {str(record)[:8]})") and "incomplète" in text
    assert inbox.set_aside.isVisible() and not inbox.empty.isVisible()
    # With no conflict to show, the list set aside takes the inbox's room (no empty gap).
    _window.resize(1366, 768)
    qtbot.waitUntil(lambda: inbox.set_aside.height() > inbox.height() * 3 // 4, timeout=WAIT_MS)
