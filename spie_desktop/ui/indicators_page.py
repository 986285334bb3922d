"""The « Indicateurs » section: scope, period and breakdown, one chart per figure (each
with its definition as tooltip), the table of every cell, and the exports.

Widgets only; state lives in :class:`.indicators_model.IndicatorsModel`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QDate, QIODevice, Qt
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.services.indicators import Breakdown, PeriodChoice, Scope
from spie_protocol.indicators.definitions import DEFINITIONS

from .feedback import BusyIndicator, InlineMessage
from .flow_layout import FlowLayout
from .i18n import format_date, tr
from .indicator_chart import IndicatorChart
from .indicator_texts import category_label, month_label, value_text
from .indicators_model import IndicatorsModel
from .setup_pages import heading

PERIODS = (
    (PeriodChoice.THIS_QUARTER, "Ce trimestre"),
    (PeriodChoice.LAST_QUARTER, "Le trimestre dernier"),
    (PeriodChoice.THIS_YEAR, "Cette année"),
    (PeriodChoice.CUSTOM, "Dates choisies"),
)
TABLE_HEADER = ("Indicateur", "Mois", "Structure", "Catégorie", "Valeur", "Unité", "Personnes")
EMPTY_FR = "Aucune donnée sur cette période"
#: Two charts side by side when each gets at least this width, else one under the other.
CHART_MIN_WIDTH_PX = 480


class IndicatorsPage(QWidget):
    def __init__(self, model: IndicatorsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title = heading(tr("Indicateurs"), self)
        self.period_text = QLabel(self)
        self.busy = BusyIndicator(self)
        self.error = InlineMessage(self)
        self.note = InlineMessage(self, error=False)
        self.png_button = QPushButton(tr("Exporter le &graphique (PNG)…"), self)
        self.csv_button = QPushButton(tr("Exporter le &tableau (CSV)…"), self)
        for button in (self.png_button, self.csv_button):
            button.setAutoDefault(False)

        # -- choices --------------------------------------------------------------------------
        self.mine = QRadioButton(tr("&Ma structure"), self)
        self.territory = QRadioButton(tr("Tout le te&rritoire (synchronisé)"), self)
        self.mine.setChecked(True)
        self.scope_group = QButtonGroup(self)
        for scope in (self.mine, self.territory):
            self.scope_group.addButton(scope)
        self.by_month = QRadioButton(tr("Par m&ois"), self)
        self.by_structure = QRadioButton(tr("Par str&ucture"), self)
        self.by_month.setChecked(True)
        self.breakdown_group = QButtonGroup(self)
        for breakdown in (self.by_month, self.by_structure):
            self.breakdown_group.addButton(breakdown)
        self.period = QComboBox(self)
        for choice, label in PERIODS:
            self.period.addItem(tr(label), choice.value)
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        for edit, label in ((self.start, tr("Du")), (self.end, tr("au"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(label)
        self._show_dates()

        # -- figures --------------------------------------------------------------------------
        self.empty = QLabel(tr(EMPTY_FR), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty.setFont(font)
        self.charts_panel = QWidget()
        self.charts_grid = QGridLayout(self.charts_panel)
        self.charts_grid.setHorizontalSpacing(24)
        self.charts_grid.setVerticalSpacing(16)
        self.charts: list[IndicatorChart] = []
        self.chart_columns = 2
        #: What the charts and the table show: (report, scope, breakdown).
        self._shown: tuple[object, ...] = ()
        self.charts_scroll = QScrollArea(self)
        self.charts_scroll.setWidgetResizable(True)
        self.charts_scroll.setWidget(self.charts_panel)
        self.table_model = QStandardItemModel(0, len(TABLE_HEADER), self)
        self.table_model.setHorizontalHeaderLabels([tr(h) for h in TABLE_HEADER])
        self.table = QTableView(self)
        self.table.setModel(self.table_model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.charts_scroll, tr("Graphiques"))
        self.tabs.addTab(self.table, tr("Tableau"))

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.period_text)
        top.addStretch(1)
        # Beside the tabs, where there is room even at 150 % scaling.
        exports = QWidget(self)
        exports_row = QHBoxLayout(exports)
        exports_row.setContentsMargins(0, 0, 0, 2)
        exports_row.addWidget(self.png_button)
        exports_row.addWidget(self.csv_button)
        choices = FlowLayout(spacing=12)  # on two lines when the text is large
        choices.addWidget(QLabel(tr("Périmètre :"), self))
        choices.addWidget(self.mine)
        choices.addWidget(self.territory)
        choices.addWidget(self.by_month)
        choices.addWidget(self.by_structure)
        period = QHBoxLayout()
        period_label = QLabel(tr("&Période :"), self)
        period_label.setBuddy(self.period)
        period.addWidget(period_label)
        period.addWidget(self.period)
        period.addWidget(QLabel(tr("du"), self))
        period.addWidget(self.start)
        period.addWidget(QLabel(tr("au"), self))
        period.addWidget(self.end)
        period.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(choices)
        layout.addLayout(period)
        layout.addWidget(exports, 0, Qt.AlignmentFlag.AlignRight)  # tabs keep their room
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.tabs, 1)

        self.territory.toggled.connect(self._scope_chosen)
        self.by_structure.toggled.connect(self._breakdown_chosen)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.start.dateChanged.connect(self._dates_typed)
        self.end.dateChanged.connect(self._dates_typed)
        self.png_button.clicked.connect(self._ask_png)
        self.csv_button.clicked.connect(self._ask_csv)
        model.changed.connect(self._render)
        self._render()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_on_screen(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_on_screen(False)

    # -- choices ------------------------------------------------------------------------------

    def _scope_chosen(self, territory: bool) -> None:
        self.model.set_scope(Scope.TERRITORY if territory else Scope.MINE)

    def _breakdown_chosen(self, by_structure: bool) -> None:
        self.model.set_breakdown(Breakdown.STRUCTURE if by_structure else Breakdown.MONTH)

    def _period_chosen(self, _index: int) -> None:
        self.model.choose_period(PeriodChoice(self.period.currentData()))
        self._show_dates()

    def _dates_typed(self, _day: QDate) -> None:
        if self.model.choice is PeriodChoice.CUSTOM:
            self.model.set_dates(self.start.date().toPython(), self.end.date().toPython())  # type: ignore[arg-type]

    def _show_dates(self) -> None:
        custom = self.model.choice is PeriodChoice.CUSTOM
        for edit, day in ((self.start, self.model.start), (self.end, self.model.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.setEnabled(custom)
            edit.blockSignals(False)

    # -- exports ------------------------------------------------------------------------------

    def chart_png(self) -> bytes:
        """The charts as they are drawn, as PNG bytes."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.charts_panel.grab().save(buffer, "PNG")
        return bytes(buffer.data().data())

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Exporter le graphique (PNG)"), "indicateurs.png", tr("Image PNG (*.png)")
        )
        if path:
            self.model.export_png(self.chart_png(), Path(path))

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Exporter le tableau (CSV)"), "indicateurs.csv", tr("Fichier CSV (*.csv)")
        )
        if path:
            self.model.export_csv(Path(path))

    # -- rendering ----------------------------------------------------------------------------

    def _render(self) -> None:
        model = self.model
        self.error.show_message(model.error)
        self.note.show_message(model.note)
        if model.loading and model.report is None:
            self.busy.start(tr("Calcul des indicateurs…"))
        else:
            self.busy.stop()
        self.period_text.setText(
            tr("du {a} au {b}", a=format_date(model.start), b=format_date(model.end))
        )
        ready = model.report is not None and not model.empty
        self.empty.setVisible(model.empty)
        self.tabs.setVisible(ready)
        self.csv_button.setEnabled(ready and not model.exporting)
        self.png_button.setEnabled(ready and not model.exporting)
        self.by_structure.setEnabled(model.scope is Scope.TERRITORY)
        shown = (model.report, model.scope, model.breakdown)
        if shown != self._shown:  # an export's progress redraws nothing
            self._shown = shown
            self._fill_charts()
            self._fill_table()

    def _fill_charts(self) -> None:
        for chart in self.charts:
            self.charts_grid.removeWidget(chart)
            chart.deleteLater()
        self.charts = []
        breakdown = self.model.breakdown if self.model.scope is Scope.TERRITORY else Breakdown.MONTH
        for series in self.model.series() if not self.model.empty else []:
            chart = IndicatorChart(series, breakdown, self.charts_panel)
            self.charts.append(chart)
        self._place_charts()

    def _place_charts(self) -> None:
        columns = self.chart_columns
        for i, chart in enumerate(self.charts):
            self.charts_grid.addWidget(chart, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.charts_scroll.viewport().width()
        columns = 2 if width >= 2 * CHART_MIN_WIDTH_PX else 1
        if columns != self.chart_columns:
            self.chart_columns = columns
            for chart in self.charts:
                self.charts_grid.removeWidget(chart)
            self._place_charts()

    def _fill_table(self) -> None:
        model = self.table_model
        model.removeRows(0, model.rowCount())
        if self.model.empty:
            return
        for cell in self.model.cells():
            definition = DEFINITIONS.get(cell.indicator)
            label = definition.label if definition else cell.indicator
            unit = definition.unit if definition else ""
            kind = definition.categories if definition else ""
            texts = (
                tr(label),
                month_label(cell.month),
                cell.structure or tr("toutes"),
                category_label(kind, cell.category),
                value_text(cell.value, unit, cell.suppressed),
                tr(unit),
                str(cell.people),
            )
            items = [QStandardItem(text) for text in texts]
            if definition is not None:
                items[0].setToolTip(tr(definition.how))
            model.appendRow(items)
