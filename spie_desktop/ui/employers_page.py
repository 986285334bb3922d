"""« Entreprises accueillantes », the tab beside the services of « Offre locale »: the
companies of the territory that hosted or hired, searched as typed by name, trade, sector
and commune like the offer (layout; :class:`EmployersModel` reads)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.plan_problems import day_text

from .employers_model import EmployersModel
from .feedback import InlineMessage
from .i18n import tr

MAX_COLUMN = 220
#: Narrower caps for the wordy columns, so « Métiers » keeps room at 1366 pixels.
COLUMN_CAPS = {0: 200, 1: 160, 2: 160, 4: 170}
TRADES = 3  # the column that stretches
TRADES_LETTERS = 20
WORDY_FLOOR_LETTERS = 9
COLUMNS = (
    "Entreprise",
    "Secteur",
    "Commune",
    "Métiers",
    "Contact",
    "Immersions",
    "Embauches",
    "Dernière",
)


class EmployersPage(QWidget):
    def __init__(self, model: EmployersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        intro = QLabel(
            tr(
                "Les entreprises du territoire qui ont accueilli une immersion ou embauché "
                "une personne accompagnée : qui appeler dans un secteur."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setAccessibleName(tr("Rechercher une entreprise"))
        self.search.setPlaceholderText(tr("Chercher : nom, métier, secteur, commune…"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setAccessibleName(tr("Entreprises"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TRADES, QHeaderView.ResizeMode.Stretch)
        self.error = InlineMessage(self)

        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)

        # As the offer's box: every change searches, the clear button included.
        self.search.textChanged.connect(model.search)
        model.changed.connect(self._show)

    def _show(self) -> None:
        lines = self.model.lines
        self.error.show_message(self.model.error)
        self.count.setText(
            tr("{n} entreprise", n=len(lines))
            if len(lines) == 1
            else tr("{n} entreprises", n=len(lines))
        )
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            values = (
                line.name,
                line.sector,
                line.commune,
                ", ".join(line.trades),
                line.contact,
                str(line.immersions),
                str(line.hires),
                day_text(line.last) if line.last else "",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
            siret = self.table.item(row, 0)
            if siret is not None and line.siret:
                siret.setToolTip(tr("{name} — SIRET {siret}", name=line.name, siret=line.siret))
        self._fit_columns()

    def _fit_columns(self) -> None:
        table = self.table
        table.resizeColumnsToContents()
        for column in range(table.columnCount()):
            # Long names and contacts stay readable in their tooltip, not across the page.
            cap = COLUMN_CAPS.get(column, MAX_COLUMN)
            table.setColumnWidth(column, min(table.columnWidth(column), cap))
        # Larger text (presentation mode) widens the counts' headers: the wordy columns give
        # up room so that « Métiers » keeps about twenty letters.
        letter = table.fontMetrics().averageCharWidth()
        wordy = [c for c in COLUMN_CAPS if c != TRADES]
        others = sum(table.columnWidth(c) for c in range(table.columnCount()) if c != TRADES)
        missing = TRADES_LETTERS * letter - (table.viewport().width() - others)
        if missing <= 0:
            return
        header = table.horizontalHeader()
        floors = {  # a few letters of each value, and the whole header
            c: max(
                WORDY_FLOOR_LETTERS * letter,
                header.fontMetrics().horizontalAdvance(tr(COLUMNS[c])) + 2 * letter,
            )
            for c in wordy
        }
        spare = sum(max(0, table.columnWidth(c) - floors[c]) for c in wordy)
        for column in wordy if spare else []:
            width = table.columnWidth(column)
            give = max(0, width - floors[column]) * min(1.0, missing / spare)
            table.setColumnWidth(column, int(width - give))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.table.rowCount():
            self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode: headers and dates grew
            self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.model.set_on_screen(True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self.model.set_on_screen(False)
