"""No two visible controls of one window answer the same Alt+letter.

Each window is walked: its buttons, the labels that lead to a field (buddies), and the menu
titles of its menu bar; the letter after '&' is collected and must be unique. The plan
editor sits in the main window's workspace, so it is checked with that window's menus.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.plan.plan_editor import PlanEditor
from spie_desktop.ui.plan.plan_model import PlanModel
from spie_desktop.ui.tasks import TaskRunner
from tests.services.plan_fixtures import Room

from ..test_setup_window import open_wizard
from ..test_unlock_window import open_unlock


def _mnemonic(text: str) -> str:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found[1].casefold() if found else ""


def _texts(window: QWidget, menus_of: QMainWindow | None = None) -> list[str]:
    """The texts that carry an Alt+letter in ``window``: visible buttons, labels with a
    buddy, and the menu bar's titles (of ``menus_of`` when the window sits inside it)."""
    texts = [b.text() for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    texts += [
        label.text()
        for label in window.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(window)
    ]
    holder = menus_of or (window if isinstance(window, QMainWindow) else None)
    if holder is not None:
        texts += [action.text() for action in holder.menuBar().actions()]
    return texts


def _clashes(texts: Iterable[str]) -> dict[str, list[str]]:
    """Letters claimed by two different texts. The same text repeated is one control kind
    repeated (each objective's "Ajouter une a&ction"): Alt cycles through them, as meant."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text in dict.fromkeys(texts):
        letter = _mnemonic(text)
        if letter:
            by_letter[letter].append(text)
    return {letter: found for letter, found in by_letter.items() if len(found) > 1}


def test_no_window_gives_one_alt_letter_to_two_controls(
    qtbot: QtBot, runner: TaskRunner, plan_model: PlanModel, room: Room
) -> None:
    checked: dict[str, dict[str, list[str]]] = {}

    main = MainWindow(room.session, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main_texts = _texts(main)
    assert "&Fichier" in main_texts and "&Aide" in main_texts  # the walk sees the menus
    checked["main window"] = _clashes(main_texts)

    editor = PlanEditor(plan_model)
    qtbot.addWidget(editor)
    editor.resize(1100, 800)
    editor.show()
    qtbot.waitExposed(editor)
    adding = [b for b in editor.findChildren(QAbstractButton) if b.text() == "Ajouter une a&ction"]
    adding[0].click()  # an objective with an action shows every field of the editor
    qtbot.waitUntil(lambda: "Act&ion :" in _texts(editor), timeout=5000)
    editor_texts = _texts(editor, menus_of=main)
    assert "Act&ion :" in editor_texts, editor_texts  # an action form is walked too
    checked["workspace (plan editor)"] = _clashes(editor_texts)

    unlock = open_unlock(qtbot, runner, room.session.data_dir)
    checked["unlock window"] = _clashes(_texts(unlock))

    fresh = room.session.data_dir.parent / "fresh"
    model, setup = open_wizard(qtbot, runner, fresh)
    checked["set-up: welcome"] = _clashes(_texts(setup))
    model.choose(model.form.mode)
    checked["set-up: identity"] = _clashes(_texts(setup))

    assert {name: found for name, found in checked.items() if found} == {}
