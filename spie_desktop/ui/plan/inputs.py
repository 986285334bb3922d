"""The plan editor's small inputs: a free text with suggestions, a JJ/MM/AAAA date with its
error beside it, a choice among labelled values, and a confirmation that never blocks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from ..feedback import InlineMessage
from ..i18n import format_date, tr

_COMPLETE_DATE = re.compile(r"^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\s*$|^\s*\d{4}-\d{2}-\d{2}\s*$")


class SuggestedText(QComboBox):
    """Free text with suggestions to pick from; ``text_edited`` for the person's changes only."""

    text_edited = Signal(str)

    def __init__(
        self, suggestions: Iterable[str], text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.addItems(list(suggestions))
        self.setEditText(text)
        line = self.lineEdit()
        assert line is not None
        line.textEdited.connect(self.text_edited)
        self.textActivated.connect(self.text_edited)

    def text(self) -> str:
        return self.currentText()

    def set_text(self, text: str) -> None:
        """Replace the text as if typed (tests, and picking from elsewhere)."""
        self.setEditText(text)
        self.text_edited.emit(text)


class DateInput(QWidget):
    """A JJ/MM/AAAA line; ``edited(text)`` on each change. The error shows at once for a
    complete date (31/02/2026, or a due date before the start) and when typing ends."""

    edited = Signal(str)

    def __init__(self, day: Any, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(format_date(day), self)
        self.line.setPlaceholderText(tr("JJ/MM/AAAA"))
        self.line.setAccessibleName(accessible_name)
        self.line.setMaxLength(10)
        self.line.setMaximumWidth(140)
        self.error = InlineMessage(self)
        self._pending = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.line)
        layout.addWidget(self.error)
        self.line.textEdited.connect(self.edited)
        self.line.editingFinished.connect(self._finished)
        self.setFocusProxy(self.line)

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        """Type ``text`` over what is there (tests)."""
        self.line.setText(text)
        self.edited.emit(text)
        self._finished()

    def show_result(self, error: str) -> None:
        """What the model said about the last edit: shown now if the date is complete."""
        self._pending = error
        complete = bool(_COMPLETE_DATE.match(self.line.text()))
        self.error.show_message(error if complete else "")  # no nagging while typing

    def _finished(self) -> None:
        self.error.show_message(self._pending)

    def set_read_only(self, value: bool) -> None:
        self.line.setReadOnly(value)


class EnumChoice(QComboBox):
    """A choice among an enum's values shown by their French labels."""

    chosen = Signal(object)  # the enum value

    def __init__(
        self,
        values: Iterable[Enum],
        label: Callable[[Any], str],
        current: Enum,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Kept here, not as item data: Qt would hand a StrEnum back as a plain str.
        self._values = list(values)
        for value in self._values:
            self.addItem(label(value))
        # As wide as the form gives (the list opens wider): a long contract name never makes
        # the plan wider than a laptop screen at 150 % scaling.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(min(16, max(len(label(v)) for v in self._values)))
        self.set_value(current)
        self.activated.connect(lambda index: self.chosen.emit(self._values[index]))

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if index >= 0 else None

    def set_value(self, value: Enum) -> None:
        self.setCurrentIndex(self._values.index(value) if value in self._values else 0)

    def choose(self, value: Enum) -> None:
        """Pick ``value`` as the person would (tests)."""
        self.set_value(value)
        self.activated.emit(self.currentIndex())


def confirm(parent: QWidget, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Ask before removing something; ``on_yes`` runs if the person says yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("Confirmer"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    yes.setText(tr("Retirer"))
    box.button(QMessageBox.StandardButton.No).setText(tr("Garder"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    yes.clicked.connect(on_yes)
    box.open()
    return box
