"""The method's steps as a row of compact buttons, each with its progress as a thin bar.

The percentage is in the tooltip and the accessible name; the bar says it at a glance
without widening the button, so the row fits a 13-inch laptop next to the navigation; on a
narrower window (150 % scaling, larger text) the buttons go on two rows.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QButtonGroup, QPushButton, QWidget

from spie_desktop.forms import InterviewState

from ..flow_layout import FlowLayout
from ..i18n import tr
from ..theme import current
from .text_style import set_text

BAR_HEIGHT = 3


class StepButton(QPushButton):
    """A step: its number and title, and a thin bar along the bottom for its progress."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.progress: int | None = None  # None: a step with nothing to count (plan, signature)

    def set_progress(self, progress: int | None) -> None:
        if progress != self.progress:
            self.progress = progress
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(hint.width(), hint.height() + BAR_HEIGHT + 2)  # the bar clears the text

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.progress is None:
            return
        inset = max(6.0, self.height() * 0.2)
        track = QRectF(inset, self.height() - BAR_HEIGHT - 4, self.width() - 2 * inset, BAR_HEIGHT)
        painter = QPainter(self)
        painter.fillRect(track, QColor(current().step_track))
        done = QRectF(track)
        done.setWidth(track.width() * min(max(self.progress, 0), 100) / 100)
        painter.fillRect(done, QColor(current().step_done))
        painter.end()


class StepBar(QWidget):
    step_clicked = Signal(str)

    def __init__(self, state: InterviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self, spacing=6)  # a second row rather than a wider window
        self.group = QButtonGroup(self)
        self.buttons: dict[str, StepButton] = {}
        for step in state.definition.steps:
            button = StepButton(self)
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
            set_text(button, tr("{n}. {title}", n=number, title=step.title))
            button.set_progress(progress if counted else None)
            button.setChecked(step.id == current)
            described = (
                tr("Étape {n} : {title}, {p} % renseigné", n=number, title=step.title, p=progress)
                if counted
                else tr("Étape {n} : {title}", n=number, title=step.title)
            )
            button.setAccessibleName(described)
            button.setToolTip(described)
