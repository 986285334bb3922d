"""The main window's status bar: one label per fact, so each can be read on its own."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from .i18n import tr
from .status_model import StatusModel
from .theme import current


class StatusBar(QStatusBar):
    alerts_clicked = Signal()  # open the point de situation

    def __init__(self, model: StatusModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.who = QLabel(self)
        self.territory = QLabel(self)
        self.lock_state = QLabel(self)
        self.pending = QLabel(self)
        self.last_sync = QLabel(self)
        self.alerts = QPushButton(self)
        self.alerts.setFlat(True)
        self.alerts.setAutoDefault(False)
        self.alerts.setStyleSheet(
            f"QPushButton {{ color: {current().alert}; font-weight: bold; border: none; "
            "padding: 0 4px; }"
        )  # no taller than the labels beside it: the status bar keeps its height
        self.alerts.setToolTip(tr("Ouvrir le point de situation"))
        self.alerts.clicked.connect(self.alerts_clicked)
        self.alerts.setMinimumWidth(1)  # like the labels: never a window wider than the screen
        for label in (self.who, self.territory, self.lock_state, self.pending, self.last_sync):
            # Its whole text when there is room; never a window wider than the screen (150 %
            # scaling, larger text): the full text is also in the tooltip.
            label.setMinimumWidth(1)
        self.addWidget(self.who)
        self.addWidget(self.territory)
        self.addPermanentWidget(self.alerts)
        self.addPermanentWidget(self.lock_state)
        self.addPermanentWidget(self.pending)
        self.addPermanentWidget(self.last_sync)
        model.changed.connect(self._render)
        self._render()

    def texts(self) -> list[str]:
        labels = (
            self.who,
            self.territory,
            self.alerts,
            self.lock_state,
            self.pending,
            self.last_sync,
        )
        return [label.text() for label in labels if label.text()]

    def _render(self) -> None:
        model = self.model
        self.who.setText(model.who_text)
        self.territory.setText(model.territory)
        self.lock_state.setText(model.lock_text)
        facts = [model.pending_text, model.conflicts_text]
        self.pending.setText("" if model.locked else " · ".join(t for t in facts if t))
        self.last_sync.setText(model.sync_text)
        self.alerts.setText(model.alerts_text)
        # « 24 alertes » whole, whatever the text size: the other facts give way (their
        # tooltips keep their whole text), never the number of alerts.
        self.alerts.setMinimumWidth(self.alerts.sizeHint().width() if model.alerts_text else 1)
        for label in (self.alerts, self.pending, self.last_sync):
            label.setVisible(bool(label.text()))  # no empty slot between the facts
        for label in (self.who, self.territory, self.lock_state, self.pending, self.last_sync):
            label.setToolTip(label.text())
