"""Every labelled field of the parcours dialogs and of the point de situation's filters is
reached with Alt+letter: its label leads to it (a buddy) and carries a letter, and no two
controls of one window answer the same letter.

Each window is walked whole, fields shown for other kinds of event included (the event
dialog shows the contract only for a return to work): a letter must stay unique whichever
fields are on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spie_desktop.services.device import SetupResult
from spie_desktop.ui.alert_rules_dialog import AlertRulesDialog
from spie_desktop.ui.alert_rules_model import AlertRulesModel
from spie_desktop.ui.check_in_dialog import CheckInDialog
from spie_desktop.ui.event_dialog import EventDialog
from spie_desktop.ui.list_import_dialog import ListImportDialog
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.parcours_model import ParcoursModel
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .plan.test_mnemonics import _clashes, _mnemonic
from .situation_helpers import Cast, open_cast

FIELDS = (QLineEdit, QComboBox, QSpinBox, QPlainTextEdit)


@pytest.fixture
def cast_(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    yield from open_cast(ready_device)


def problems(window: QWidget, *, within: QWidget | None = None) -> list[str]:
    """What is wrong in ``window`` (for a page of the main window: ``within`` it, with only
    the controls on screen): a field no label leads to, a label leading to a field without
    a letter, a check box without a letter, a letter claimed twice."""
    part = within or window

    def counted(widget: QWidget) -> bool:
        return within is None or widget.isVisibleTo(window)

    found: list[str] = []
    labels = [w for w in window.findChildren(QLabel) if w.buddy() is not None and counted(w)]
    buddies = {id(label.buddy()): label.text() for label in labels}
    for field in part.findChildren(QWidget):
        if not isinstance(field, FIELDS) or isinstance(field.parent(), QSpinBox):
            continue  # (a spin box's own line edit is the spin box's)
        text = buddies.get(id(field))
        if text is None:
            found.append(f"no label leads to {type(field).__name__} {field.accessibleName()!r}")
        elif not _mnemonic(text):
            found.append(f"no Alt letter in {text!r}")
    for layout in part.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.text() and label.buddy() is None:
                found.append(f"label {label.text()!r} leads nowhere")
    texts = [label.text() for label in labels]
    for button in window.findChildren(QAbstractButton):
        if not counted(button):
            continue
        if isinstance(button, QCheckBox) and not _mnemonic(button.text()):
            found.append(f"no Alt letter in the box {button.text()!r}")
        texts.append(button.text())
    if isinstance(window, MainWindow):
        texts += [action.text() for action in window.menuBar().actions()]
    found += [f"{letter!r} claimed by {claims}" for letter, claims in _clashes(texts).items()]
    return found


def test_parcours_dialogs_and_situation_filters_give_each_field_its_own_alt_letter(
    qtbot: QtBot, runner: TaskRunner, cast_: Cast
) -> None:
    context = WindowContext(cast_.session, runner)
    parcours = ParcoursModel(context)
    found: dict[str, list[str]] = {}

    event = EventDialog(parcours, "Chloé MARTIN")
    qtbot.addWidget(event)
    found["event dialog"] = problems(event)
    check_in = CheckInDialog(parcours, 1, "Denis LEROY")
    qtbot.addWidget(check_in)
    found["check-in dialog"] = problems(check_in)
    rules = AlertRulesDialog(AlertRulesModel(context))
    qtbot.addWidget(rules)
    found["alert rules dialog"] = problems(rules)
    outcome: Any = SimpleNamespace(
        title="Liste importée",
        summary="1 ligne refusée",
        rejection_lines=["ligne 3 : date de naissance dans le futur"],
    )
    imported = ListImportDialog(cast(Any, outcome))
    qtbot.addWidget(imported)
    found["list import dialog"] = problems(imported)

    main = MainWindow(cast_.session, runner)
    qtbot.addWidget(main)
    page = main.show_situation()
    assert page is not None
    main.show()
    found["point de situation"] = problems(main, within=page)
    # The walk sees what it should: a field of each kind, and the menus' letters.
    assert any(label.buddy() is event.employer for label in event.findChildren(QLabel))
    assert page.alerts_only.text() and main.menuBar().actions()

    assert {window: listed for window, listed in found.items() if listed} == {}
