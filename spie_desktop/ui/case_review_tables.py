"""The two editable tables of the « Revues de situation » section: the participants of a
session (name, structure, role) and the decisions for a case (what, who, by when); and the
small helpers its lists share (a tree, a caption, the id of the chosen row).

Widgets only: they hand their lines to the page as domain values; checking them is the
domain's (``domain.case_review``), except a due date's writing (JJ/MM/AAAA).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.case_review import Decision, Participant

from .i18n import format_date, tr
from .parcours_texts import parse_event_day

ID_ROLE = Qt.ItemDataRole.UserRole


def tree(headers: list[str], parent: QWidget) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(True)
    return tree


def caption(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def qt_moment(local: datetime) -> QDateTime:
    """The editor's value for a moment already in the territory's time."""
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def selected_id(tree: QTreeWidget) -> uuid.UUID | None:
    item = tree.currentItem()
    value = item.data(0, ID_ROLE) if item is not None else None
    return uuid.UUID(value) if value else None


class LinesTable(QWidget):
    """A table of text lines with « Ajouter » and « Retirer » under it."""

    def __init__(
        self, headers: Sequence[str], add_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton(tr("Retirer la ligne"), self)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)

    def add_line(self, values: Sequence[str] = ()) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(self.table.columnCount()):
            text = values[column] if column < len(values) else ""
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setCurrentCell(row, 0)
        return row

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_lines(self, lines: Sequence[Sequence[str]]) -> None:
        self.table.setRowCount(0)
        for values in lines:
            self.add_line(values)

    def lines(self) -> list[list[str]]:
        return [
            [self._text(row, column) for column in range(self.table.columnCount())]
            for row in range(self.table.rowCount())
        ]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


class ParticipantsTable(LinesTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [tr("Nom"), tr("Structure"), tr("Rôle")], tr("Ajouter un participant"), parent
        )
        self.table.setAccessibleName(tr("Participants"))

    def set_participants(self, participants: Sequence[Participant]) -> None:
        self.set_lines([(p.name, p.structure, p.role) for p in participants])

    def participants(self) -> list[Participant]:
        return [Participant(name, structure, role) for name, structure, role in self.lines()]


class DecisionsTable(LinesTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [tr("Ce qui est décidé"), tr("Qui"), tr("Échéance (JJ/MM/AAAA)")],
            tr("Ajouter une décision"),
            parent,
        )
        self.table.setAccessibleName(tr("Décisions"))

    def set_decisions(self, decisions: Sequence[Decision]) -> None:
        self.set_lines([(d.what, d.who, format_date(d.due_on)) for d in decisions])

    def decisions(self) -> tuple[list[Decision], str]:
        """The decisions, or the French problem with a due date's writing."""
        found: list[Decision] = []
        for what, who, due in self.lines():
            day = None
            if due.strip():
                day, problem = parse_event_day(due)
                if day is None:
                    return [], tr("Échéance de « {what} » : {problem}", what=what, problem=problem)
            found.append(Decision(what, who, day))
        return found, ""
