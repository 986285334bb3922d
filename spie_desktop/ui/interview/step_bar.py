"""The method's steps as a row of buttons, with each step's progress."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from spie_desktop.forms import InterviewState

from ..i18n import tr
from .text_style import set_text


class StepBar(QWidget):
    step_clicked = Signal(str)

    def __init__(self, state: InterviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for step in state.definition.steps:
            button = QPushButton(self)
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, s=step.id: self.step_clicked.emit(s))
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[step.id] = button
        self.refresh(state)

    def refresh(self, state: InterviewState) -> None:
        current = state.current_step.id
        for number, step in enumerate(state.definition.steps, start=1):
            button = self.buttons[step.id]
            progress = state.step_progress(step.id)
            counted = bool(step.questions or step.panes)
            text = tr("{n}. {title}", n=number, title=step.title)
            set_text(button, text + (tr(" · {p} %", p=progress) if counted else ""))
            button.setChecked(step.id == current)
            button.setAccessibleName(
                tr("Étape {n} : {title}, {p} % renseigné", n=number, title=step.title, p=progress)
            )
