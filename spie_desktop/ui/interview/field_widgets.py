"""One editor per question type, built from a definition's :class:`FieldSpec`.

Every editor shows its label, the editor itself and an in-place error line. It emits
``edited(key, value)`` for each change the person makes (never for :meth:`set_value`) and
``finished(key)`` when editing of a text ends (focus out, Enter), the moment to show a format
error such as an invalid date. Values are the engine's input values: texts, choice slugs,
booleans, 0–4 integers, lists.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.forms import FieldSpec, QuestionType

from ..feedback import InlineMessage
from ..flow_layout import FlowLayout
from ..i18n import tr
from .choice_rows import WrappedChoice
from .ordered_choice import OrderedChoiceEditor

MAX_RADIOS = 5
SIDE_BY_SIDE_CHARS = 20  # the longest option shown beside the others
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class FieldEditor(QWidget):
    edited = Signal(str, object)  # key, value
    finished = Signal(str)  # key

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = spec.key
        self.spec = spec
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self._layout.setSpacing(2)
        question = spec.question
        text = question.label + (" *" if question.required else "")
        if spec.sensitive:
            text += " " + tr("(sensible)")
        self.title = QLabel(text, self)
        self.title.setWordWrap(True)
        if question.help:
            self.title.setToolTip(question.help)
        self._layout.addWidget(self.title)
        self.error = InlineMessage(self)

    def _finish_layout(self, editor: QWidget | None = None) -> None:
        if editor is not None:
            self._layout.addWidget(editor)
            self.title.setBuddy(editor)
        self._layout.addWidget(self.error)

    # Each kind of editor below provides these two (Qt's metaclass rules out abc.ABC here).
    @abstractmethod
    def set_value(self, value: Any) -> None:
        """Show ``value`` without emitting ``edited``."""

    @abstractmethod
    def focus_widgets(self) -> list[QWidget]:
        """The widgets that take focus, in tab order."""

    def focus_editor(self) -> None:
        widgets = self.focus_widgets()
        checked = [w for w in widgets if isinstance(w, QAbstractButton) and w.isChecked()]
        (checked or widgets)[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, message: str) -> None:
        self.error.show_message(message)

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.focus_widgets():
            widget.setEnabled(not read_only)


class LineEditor(FieldEditor):
    """Short text, date (JJ/MM/AAAA) and number: a line with its error beside it."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit(self)
        kind = spec.question.type
        if kind == QuestionType.DATE:
            self.line.setPlaceholderText(tr("JJ/MM/AAAA"))
            self.line.setMaximumWidth(160)
        elif kind == QuestionType.NUMBER:
            self.line.setMaximumWidth(160)
        self.line.textEdited.connect(lambda text: self.edited.emit(self.key, text))
        self.line.editingFinished.connect(lambda: self.finished.emit(self.key))
        self._finish_layout(self.line)

    def set_value(self, value: Any) -> None:
        self.line.setText(_display_text(self.spec.question.type, value))

    def focus_widgets(self) -> list[QWidget]:
        return [self.line]


class TextEditor(FieldEditor):
    """Long text, or a list of short texts (one per line). Tab leaves the box."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QPlainTextEdit(self)
        self.box.setTabChangesFocus(True)
        self.box.setFixedHeight(self.box.fontMetrics().lineSpacing() * 4 + 12)
        self.is_list = spec.question.type == QuestionType.TEXT_LIST
        if self.is_list:
            self.box.setPlaceholderText(tr("Un élément par ligne"))
        self.box.textChanged.connect(self._changed)
        self._finish_layout(self.box)

    def _changed(self) -> None:
        text = self.box.toPlainText()
        self.edited.emit(self.key, text.splitlines() if self.is_list else text)

    def set_value(self, value: Any) -> None:
        text = (
            "\n".join(value) if isinstance(value, list) else ("" if value is None else str(value))
        )
        self.box.blockSignals(True)
        self.box.setPlainText(text)
        self.box.blockSignals(False)

    def focus_widgets(self) -> list[QWidget]:
        return [self.box]

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802
        self.finished.emit(self.key)
        super().focusOutEvent(event)


class RadioEditor(FieldEditor):
    """Single choice with few options, yes/no, 0–4 scale, barrier weight."""

    def __init__(
        self,
        spec: FieldSpec,
        options: list[tuple[Any, str]],
        parent: QWidget | None = None,
        *,
        horizontal: bool = True,
    ) -> None:
        super().__init__(spec, parent)
        # Short options flow onto a second line when the pane is narrow; long ones are one
        # under the other, their labels wrapped.
        row = QWidget(self)
        layout: FlowLayout | QVBoxLayout = FlowLayout(row) if horizontal else QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        self.values: list[Any] = []
        for index, (value, label) in enumerate(options):
            if horizontal:
                button = QRadioButton(label, row)
                layout.addWidget(button)
            else:
                button = QRadioButton(row)
                layout.addWidget(WrappedChoice(button, label, row))
            # A screen reader says the option ("Oui"); the question is said after it.
            button.setAccessibleDescription(spec.question.label)
            self.group.addButton(button, index)
            self.buttons.append(button)
            self.values.append(value)
        self.group.idToggled.connect(self._toggled)
        self._finish_layout(row)
        self.title.setBuddy(self.buttons[0])
        self._tab_to_the_chosen()

    def _toggled(self, index: int, checked: bool) -> None:
        self._tab_to_the_chosen()
        if checked:
            self.edited.emit(self.key, self.values[index])

    def _tab_to_the_chosen(self) -> None:
        """Tab enters the choice on the option chosen (the first when none is), so a screen
        reader says the answer; the arrows move between the options."""
        chosen = self.group.checkedButton() or self.buttons[0]
        for button in self.buttons:
            tab = button is chosen
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if tab else Qt.FocusPolicy.ClickFocus)
        self.title.setBuddy(chosen)

    def set_value(self, value: Any) -> None:
        self.group.blockSignals(True)
        self.group.setExclusive(False)
        for button, option in zip(self.buttons, self.values, strict=True):
            button.setChecked(value is not None and option == value and type(option) is type(value))
        self.group.setExclusive(True)
        self.group.blockSignals(False)
        self._tab_to_the_chosen()

    def button_for(self, value: Any) -> QRadioButton:
        return self.buttons[self.values.index(value)]

    def focus_widgets(self) -> list[QWidget]:
        return list(self.buttons)


class ComboEditor(FieldEditor):
    """Single choice with many options."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self)
        # As wide as the pane gives (the list opens wider): never wider than a half screen.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(16)
        self.combo.addItem("—", None)
        for value, label in spec.choice_labels.items():
            self.combo.addItem(label, value)
        self.combo.activated.connect(
            lambda index: self.edited.emit(self.key, self.combo.itemData(index))
        )
        self._finish_layout(self.combo)

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))

    def focus_widgets(self) -> list[QWidget]:
        return [self.combo]


class CheckEditor(FieldEditor):
    """Multiple choice (situations too): one box per option, in the definition's order."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, columns: int = 1) -> None:
        super().__init__(spec, parent)
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        rows = -(-len(spec.choice_labels) // columns)
        for index, (value, label) in enumerate(spec.choice_labels.items()):
            box = QCheckBox(grid_host)
            box.toggled.connect(self._toggled)
            grid.addWidget(WrappedChoice(box, label, grid_host), index % rows, index // rows)
            self.boxes[value] = box
        self._finish_layout(grid_host)

    def _toggled(self) -> None:
        self.edited.emit(self.key, [v for v, box in self.boxes.items() if box.isChecked()])

    def set_value(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for option, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(option in chosen)
            box.blockSignals(False)

    def focus_widgets(self) -> list[QWidget]:
        return list(self.boxes.values())


class OrderedEditor(FieldEditor):
    """Ordered multiple choice (shared priorities)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.choices = OrderedChoiceEditor(list(spec.choice_labels.items()), self)
        self.choices.changed.connect(lambda values: self.edited.emit(self.key, values))
        self._finish_layout(self.choices)
        self.title.setBuddy(self.choices.list)

    def set_value(self, value: Any) -> None:
        self.choices.set_values(value if isinstance(value, list) else [])

    def focus_widgets(self) -> list[QWidget]:
        return self.choices.focus_widgets()


def make_editor(spec: FieldSpec, parent: QWidget | None = None) -> FieldEditor:
    """The editor for one answer key."""
    question = spec.question
    kind = question.type
    if kind in (QuestionType.SHORT_TEXT, QuestionType.DATE, QuestionType.NUMBER):
        return LineEditor(spec, parent)
    if kind in (QuestionType.LONG_TEXT, QuestionType.TEXT_LIST):
        return TextEditor(spec, parent)
    if kind == QuestionType.YES_NO:
        return RadioEditor(spec, [(True, tr("Oui")), (False, tr("Non"))], parent)
    if kind == QuestionType.SCALE:
        return RadioEditor(spec, [(n, str(n)) for n in range(5)], parent)
    if kind == QuestionType.SINGLE_CHOICE:
        options = list(spec.choice_labels.items())
        if len(options) <= MAX_RADIOS:
            # A radio button's text never wraps: options side by side only when each is a
            # few words (at 200 % text a longer one is wider than half the screen).
            short = (
                sum(len(label) for _v, label in options) < 70
                and max(len(label) for _v, label in options) <= SIDE_BY_SIDE_CHARS
            )
            return RadioEditor(spec, options, parent, horizontal=short)
        return ComboEditor(spec, parent)
    if question.ordered:
        return OrderedEditor(spec, parent)
    return CheckEditor(spec, parent)  # one column: long labels, panes side by side


def _display_text(kind: QuestionType, value: Any) -> str:
    if value is None:
        return ""
    if kind == QuestionType.DATE and isinstance(value, str) and (match := _ISO.match(value)):
        year, month, day = match.groups()
        return f"{day}/{month}/{year}"
    if (
        kind == QuestionType.NUMBER
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        return f"{value:g}".replace(".", ",")
    return str(value)
