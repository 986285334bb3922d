"""« Entreprises accueillantes », the tab beside the services of « Offre locale »: the
companies of the territory that hosted or hired, searched as typed by name, trade, sector
and commune like the offer (layout; :class:`EmployersModel` reads)."""

from __future__ import annotations

from PySide6.QtGui import QHideEvent, QShowEvent
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
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
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
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            # Long names and contacts stay readable in their tooltip, not across the page.
            cap = COLUMN_CAPS.get(column, MAX_COLUMN)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.model.set_on_screen(True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self.model.set_on_screen(False)
