"""The conflict inbox: the open conflicts on the left, both versions side by side on the
right (this computer | the server), and the three ways to settle one; below, the received
records this laptop had to set aside."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.services.sync_desk import ConflictLine

from ..feedback import InlineMessage
from ..i18n import tr
from .conflict_model import ConflictModel, show_value
from .set_aside_list import SetAsideList


def line_title(line: ConflictLine) -> str:
    parts = [tr(line.view.entity_label_fr), tr(line.field_label_fr)]  # tables' labels
    if line.person_name:
        parts.append(line.person_name)
    return " — ".join(parts)


#: Row of the conflicts (list and detail) in the inbox's layout, under the messages.
BODY_ROW = 2


class ConflictInbox(QGroupBox):
    def __init__(self, model: ConflictModel, parent: QWidget | None = None) -> None:
        super().__init__(tr("Conflits à examiner"), parent)
        self.model = model
        self.empty = QLabel(tr("Aucun conflit : rien n'attend votre décision."), self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Conflits à examiner"))
        self.error = InlineMessage(self)
        self.set_aside = SetAsideList(self)

        self.detail = QWidget(self)
        self.heading = QLabel(self.detail)
        self.heading.setWordWrap(True)
        self.local = QPlainTextEdit(self.detail)
        self.server = QPlainTextEdit(self.detail)
        for box, name in ((self.local, tr("Ma version")), (self.server, tr("Version du serveur"))):
            box.setReadOnly(True)
            box.setAccessibleName(name)
            box.setMaximumHeight(120)
        self.keep_mine = QPushButton(tr("Garder la mienne"), self.detail)
        self.keep_server = QPushButton(tr("Garder celle du serveur"), self.detail)
        self.combine = QPushButton(tr("Combiner"), self.detail)
        self.editor = QPlainTextEdit(self.detail)
        self.editor.setAccessibleName(tr("Version combinée"))
        self.editor.setMaximumHeight(120)
        self.save_combined = QPushButton(tr("Enregistrer la version combinée"), self.detail)

        sides = QGridLayout()
        sides.addWidget(QLabel(tr("Sur cet ordinateur"), self.detail), 0, 0)
        sides.addWidget(QLabel(tr("Sur le serveur"), self.detail), 0, 1)
        sides.addWidget(self.local, 1, 0)
        sides.addWidget(self.server, 1, 1)
        buttons = QHBoxLayout()
        for button in (self.keep_mine, self.keep_server, self.combine):
            buttons.addWidget(button)
        buttons.addStretch(1)
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.heading)
        detail.addLayout(sides)
        detail.addLayout(buttons)
        detail.addWidget(self.editor)
        detail.addWidget(self.save_combined, 0, Qt.AlignmentFlag.AlignLeft)

        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addWidget(self.detail, 2)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.error)
        layout.addLayout(body, 1)
        layout.addWidget(self.set_aside)

        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.keep_mine.clicked.connect(lambda: self._act(self.model.keep_mine))
        self.keep_server.clicked.connect(lambda: self._act(self.model.keep_server))
        self.combine.clicked.connect(self._start_combining)
        self.save_combined.clicked.connect(self._save_combined)
        model.changed.connect(self._render)
        self._render()

    def current_id(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _render(self) -> None:
        model, keep = self.model, self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for line in model.lines:
            item = QListWidgetItem(line_title(line))
            item.setData(Qt.ItemDataRole.UserRole, line.view.id)
            self.list.addItem(item)
            if line.view.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        has = bool(model.lines)
        self.empty.setVisible(not has and not model.set_aside)
        self.list.setVisible(has)
        # With no conflict, the records set aside take the room instead of an empty gap.
        self._layout.setStretch(BODY_ROW, 1 if has else 0)
        self.set_aside.show_views(model.set_aside)
        self.error.show_message(model.error)
        self._show_current()

    def _show_current(self) -> None:
        conflict_id = self.current_id()
        line = self.model.line(conflict_id) if conflict_id is not None else None
        self.detail.setVisible(line is not None)
        self.editor.setVisible(False)
        self.save_combined.setVisible(False)
        if line is None:
            return
        view = line.view
        self.heading.setText(
            tr(
                "{what} : les deux versions ont changé depuis la dernière synchronisation.",
                what=line_title(line),
            )
        )
        self.local.setPlainText(show_value(view.local_value))
        self.server.setPlainText(show_value(view.server_value))
        self.combine.setVisible(line.combinable)
        for button in (self.keep_mine, self.keep_server, self.combine):
            button.setEnabled(not self.model.busy)

    def _act(self, action: object) -> None:
        conflict_id = self.current_id()
        if conflict_id is not None and callable(action):
            action(conflict_id)

    def _start_combining(self) -> None:
        conflict_id = self.current_id()
        line = self.model.line(conflict_id) if conflict_id is not None else None
        if line is None:
            return
        both = [v for v in (line.view.local_value, line.view.server_value) if v]
        self.editor.setPlainText("\n".join(str(v) for v in both))
        self.editor.setVisible(True)
        self.save_combined.setVisible(True)
        self.editor.setFocus()

    def _save_combined(self) -> None:
        conflict_id = self.current_id()
        if conflict_id is not None:
            self.model.combine(conflict_id, self.editor.toPlainText().strip())
