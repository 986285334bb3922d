"""The people page: search box, filters, and the table of everyone followed on this device."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.situation import Stage

from .feedback import BusyIndicator, InlineMessage
from .flow_layout import FlowLayout
from .i18n import format_date, tr
from .people_model import LastContact, PeopleList

#: Columns that share the room left (Nom, Commune: the long, varying texts).
STRETCHED = (0, 3)
#: At the least, a name and a commune show this much (text at 200 %: the table scrolls
#: sideways inside the page rather than showing « … » for every name).
STRETCHED_FLOOR = "BERNARD-DUVAL"
#: Texts as wide as the widest a column shows, for the others (Prénom, dates, Étape).
SAMPLES: dict[int, tuple[str, ...]] = {
    1: ("Marie-Christine", "Jean-Baptiste"),
    2: (format_date(date(2000, 12, 28)),),
    4: tuple(tr(stage.label) for stage in Stage),
    5: (format_date(date(2000, 12, 28)),),
}
CELL_PADDING = 16  # px: the cell's margins and a little air


class PeoplePage(QWidget):
    person_opened = Signal(object)  # uuid.UUID
    new_person_requested = Signal()
    import_requested = Signal()

    def __init__(self, people: PeopleList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = people
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            tr("Rechercher par nom ou date de naissance (ex. « mart 1979 »)")
        )
        self.search.setClearButtonEnabled(True)
        # A name and a year stay readable as typed, whatever the text size (at 200 % the
        # filters and buttons beside it had squeezed it to two letters).
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 16)
        search_label = QLabel(tr("&Rechercher :"), self)
        search_label.setBuddy(self.search)
        self.stage_filter = QComboBox(self)
        self.stage_filter.setAccessibleName(tr("Filtrer par étape"))
        self.stage_filter.addItem(tr("Toutes les étapes"), None)
        for stage in Stage:
            self.stage_filter.addItem(tr(stage.label), stage)
        self.contact_filter = QComboBox(self)
        self.contact_filter.setAccessibleName(tr("Filtrer par dernier contact"))
        for wanted in LastContact:
            self.contact_filter.addItem(wanted.label, wanted)
        for combo in (self.stage_filter, self.contact_filter):
            # Its whole text when there is room, narrower rather than a window wider than the
            # screen (150 % scaling, presentation mode); the list still opens whole.
            combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * 12)
            combo.setToolTip(combo.currentText())  # the whole choice, when it is cut (200 %)
            combo.currentTextChanged.connect(combo.setToolTip)
        self.new_button = QPushButton(tr("&Nouvelle personne…"), self)
        self.import_button = QPushButton(tr("&Importer une liste…"), self)
        self.import_button.setToolTip(tr("Liste d'orientation reçue en CSV ou Excel (.xlsx)"))
        self.count = QLabel(self)
        self.busy = BusyIndicator(self)
        self.error = InlineMessage(self)
        self.table = QTableView(self)
        self.table.setModel(people.table)
        self.table.setAccessibleName(tr("Personnes suivies"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.size_columns()

        # One line when there is room; at 200 % the filters and buttons go on the next lines
        # rather than making the page wider than the window.
        searching = QWidget(self)
        search_row = QHBoxLayout(searching)
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_label.setParent(searching)
        self.search.setParent(searching)
        top = FlowLayout(spacing=8)
        for widget in (
            searching,
            self.stage_filter,
            self.contact_filter,
            self.new_button,
            self.import_button,
        ):
            top.addWidget(widget)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy, 1)
        bottom.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._resume: tuple[uuid.UUID | None, int] | None = None
        self.search.textChanged.connect(people.search)
        self.search.returnPressed.connect(self._on_search_entered)
        self.stage_filter.currentIndexChanged.connect(
            lambda _i: people.set_stage(self.stage_filter.currentData())
        )
        self.contact_filter.currentIndexChanged.connect(
            lambda _i: people.set_last_contact(self.contact_filter.currentData())
        )
        self.new_button.clicked.connect(self.new_person_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.table.activated.connect(self._on_activated)  # Enter, or double-click
        people.changed.connect(self._render)
        people.loaded.connect(self._restore_position)
        self._render()

    # -- column widths ------------------------------------------------------------------------

    def size_columns(self) -> None:
        """Short columns as wide as their header or their widest possible value, in the
        current font; names and communes share the rest.

        Measured from known samples (a date, the status labels, a long first name), never
        from the rows: sizing to the contents of 10,000 rows would cost more than the load.
        """
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column, samples in SAMPLES.items():
            title = header.sectionSizeHint(column)  # text, sort arrow, margins
            widest = max(metrics.horizontalAdvance(text) for text in samples) + CELL_PADDING
            self.table.setColumnWidth(column, max(title, widest))
        floor = metrics.horizontalAdvance(STRETCHED_FLOOR) + CELL_PADDING
        fixed = sum(self.table.columnWidth(column) for column in SAMPLES)
        edges = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        self._floor, self._fixed = floor, fixed + edges
        self._fit_names()

    def _fit_names(self) -> None:
        """Names and communes share the room left when it holds ``STRETCHED_FLOOR`` each;
        else they keep that width and the table, not the page, scrolls sideways."""
        header = self.table.horizontalHeader()
        fits = self.table.width() >= self._fixed + len(STRETCHED) * self._floor
        mode = QHeaderView.ResizeMode.Stretch if fits else QHeaderView.ResizeMode.Interactive
        for column in STRETCHED:
            if header.sectionResizeMode(column) != mode:
                header.setSectionResizeMode(column, mode)
            if not fits:
                self.table.setColumnWidth(column, self._floor)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_names()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode: the text grows
            self.size_columns()

    # -- keeping the place across a lock ------------------------------------------------------

    def remember_position(self) -> None:
        """Note the selected person and the scroll, to come back to them after a reload."""
        self._resume = (self.selected_person(), self.table.verticalScrollBar().value())

    def _restore_position(self) -> None:
        if self._resume is None:
            return
        person_id, scroll = self._resume
        self._resume = None
        if person_id is not None:
            self.select_person(person_id)
        self.table.verticalScrollBar().setValue(scroll)

    def selected_person(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.people.person_id_at(index.row()) if index.isValid() else None

    def select_person(self, person_id: uuid.UUID) -> None:
        row = self.people.table.view_row_of(person_id)
        if row is not None:
            self.table.selectRow(row)

    # -- from the person to the model ---------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        person_id = self.people.person_id_at(index.row())
        if person_id is not None:
            self.person_opened.emit(person_id)

    def _on_search_entered(self) -> None:
        if self.people.table.rowCount() == 1:
            self._on_activated(self.people.table.index(0, 0))
        elif self.people.table.rowCount() > 1:
            self.table.setFocus()
            self.table.selectRow(0)

    # -- from the model to the screen ---------------------------------------------------------

    def _render(self) -> None:
        self.count.setText(self.people.summary)
        self.error.show_message(self.people.error)
        if self.people.loading:
            self.busy.start(tr("Chargement de la liste…"))
        else:
            self.busy.stop()
