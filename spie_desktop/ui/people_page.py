"""The people page: a search box over the table of everyone followed on this device."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .feedback import BusyIndicator, InlineMessage
from .i18n import tr
from .people_model import PeopleList


class PeoplePage(QWidget):
    def __init__(self, people: PeopleList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = people
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            tr("Rechercher par nom ou date de naissance (ex. « mart 1979 »)")
        )
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(tr("&Rechercher :"), self)
        search_label.setBuddy(self.search)
        self.count = QLabel(self)
        self.busy = BusyIndicator(self)
        self.error = InlineMessage(self)
        self.table = QTableView(self)
        self.table.setModel(people.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        # fixed widths: measuring 10,000 rows' contents would cost more than the load
        for column, width in enumerate((190, 160, 150, 180, 180)):
            self.table.setColumnWidth(column, width)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)

        self.search.textChanged.connect(people.search)
        people.changed.connect(self._render)
        self._render()

    def _render(self) -> None:
        self.count.setText(self.people.summary)
        self.error.show_message(self.people.error)
        if self.people.loading:
            self.busy.start(tr("Chargement de la liste…"))
        else:
            self.busy.stop()
