"""The parcours on a person's file: alerts with what to do, the in-work check-ins to do,
and the steps as a vertical timeline with the waiting time between them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .feedback import InlineMessage
from .i18n import tr
from .parcours_model import ParcoursModel
from .theme import current


class ParcoursView(QWidget):
    add_event_requested = Signal()
    check_in_requested = Signal(int)  # month

    def __init__(self, model: ParcoursModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.add_button = QPushButton(tr("Ajouter un &événement…"), self)
        self.check_in_button = QPushButton(tr("Suivi dans l'&emploi…"), self)
        for button in (self.add_button, self.check_in_button):
            button.setAutoDefault(False)
        self.error = InlineMessage(self)
        self.alerts = QLabel(self)
        self.alerts.setWordWrap(True)
        self.alerts.setStyleSheet(f"color: {current().alert};")
        self.alerts.setTextFormat(Qt.TextFormat.RichText)
        self.check_ins = QLabel(self)
        self.check_ins.setWordWrap(True)
        self.timeline = QListWidget(self)
        self.timeline.setAccessibleName(tr("Parcours"))
        self.timeline.setWordWrap(True)
        self.timeline.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.empty = QLabel(tr("Aucune étape enregistrée pour l'instant."), self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.check_in_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.alerts)
        layout.addWidget(self.check_ins)
        # One of the two is shown and takes the room left: the lines above stay at the top.
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.timeline, 1)

        self.add_button.clicked.connect(self.add_event_requested)
        self.check_in_button.clicked.connect(self._request_check_in)
        model.changed.connect(self._render)
        self._render()

    def first_check_in_month(self) -> int | None:
        """The month of the check-in to record first (a due one, else the next)."""
        lines = self.model.check_ins()
        due = [month for month, _text, is_due in lines if is_due]
        if due:
            return due[0]
        return lines[0][0] if lines else None

    def _request_check_in(self) -> None:
        month = self.first_check_in_month()
        if month is not None:
            self.check_in_requested.emit(month)

    def _render(self) -> None:
        model = self.model
        shown = model.parcours is not None
        self.error.show_message(model.error)
        self.add_button.setEnabled(shown)
        alerts = model.alerts()
        self.alerts.setText(
            "<br>".join(
                tr("⚠ <b>{what}</b> — {todo}", what=_html(text), todo=_html(todo))
                for text, todo in alerts
            )
        )
        self.alerts.setVisible(bool(alerts))
        check_ins = model.check_ins()
        self.check_ins.setText("\n".join(text for _month, text, _due in check_ins))
        self.check_ins.setVisible(bool(check_ins))
        self.check_in_button.setEnabled(shown and bool(check_ins))
        self.timeline.clear()
        lines = model.lines()
        for line in lines:
            if line.gap:
                item = QListWidgetItem(f"{' ' * 8}{line.label}", self.timeline)
                item.setForeground(QBrush(QColor(current().muted_text)))
                continue
            text = f"{line.day}   ●   {line.label}"
            if line.detail:
                text += f"\n{' ' * 17}{line.detail}"
            item = QListWidgetItem(text, self.timeline)
            font = QFont(item.font())
            font.setBold(not line.planned)
            font.setItalic(line.planned)
            item.setFont(font)
            if line.planned:
                item.setForeground(QBrush(QColor(current().planned_text)))
        self.timeline.setVisible(bool(lines))
        self.empty.setVisible(shown and not lines)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
