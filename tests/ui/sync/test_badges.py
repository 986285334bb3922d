"""The people list shows each person's sync badge: pending before a sync, sent after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.main_helpers import people_of

from .conftest import WAIT_MS

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def test_badges_show_pending_then_sent(qtbot: QtBot, make_laptop, open_window) -> None:
    laptop = make_laptop("a")
    person = laptop.add_person("Lucie", "Martin")
    window, section = open_window(laptop)
    people = people_of(window).people
    qtbot.waitUntil(lambda: people.table.rowCount() == 1, timeout=WAIT_MS)
    table = people.table

    def badge_text() -> object:
        return table.data(table.index(0, 0), TOOLTIP)

    qtbot.waitUntil(lambda: badge_text() == "En attente d'envoi", timeout=WAIT_MS)
    assert table.data(table.index(0, 0), Qt.ItemDataRole.DecorationRole) is not None
    assert table.data(table.index(0, 1), TOOLTIP) is None  # one badge per row, by the name

    qtbot.mouseClick(section.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not section.model.syncing, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: badge_text() == "Envoyé", timeout=WAIT_MS)

    # The person's file says the same.
    section_people = people_of(window)
    section_people.open_person(person.id)
    badge = section_people.file_page.sync_badge
    qtbot.waitUntil(lambda: badge.text() == "Envoyé", timeout=WAIT_MS)
