"""The "Point de situation" section: filters, the summary strip, the table, the exports.

Widgets only; state lives in :class:`.situation_model.SituationModel`. A double-click (or
Entrée) on a row asks for the person's file (:attr:`SituationPage.person_opened`).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.situation import AlertKind, Stage

from .case_flag_dialog import flag_row_action
from .feedback import BusyIndicator, InlineMessage
from .flow_layout import FlowLayout
from .i18n import tr
from .setup_pages import heading
from .situation_chart import SituationChart
from .situation_model import SituationModel
from .situation_rows import (
    ALERTS,
    COUNSELLORS,
    LAST_CONTACT,
    NAME,
    NEXT_DAY,
    NEXT_STEP,
    STAGE,
    STRUCTURE,
    WAITING,
    SituationFilter,
)

#: Short columns sized on what they hold, in the current font (so presentation mode
#: widens them); the name, the next step and the alerts share the rest of the width.
SIZED_ON = {
    STRUCTURE: "Conseil dép.",
    COUNSELLORS: "Nadia B. ,",
    STAGE: "Diagnostic réalisé",
    LAST_CONTACT: "Dernier contact",
    NEXT_DAY: "00/00/0000 ",
    WAITING: "Attente (j)",
}
STRETCHED = (NAME, NEXT_STEP, ALERTS)
CELL_PADDING_PX = 18


def _median(value: float | None) -> str:
    return tr("—") if value is None else tr("{n} j", n=f"{value:.0f}")


class SituationPage(QWidget):
    person_opened = Signal(object)  # uuid.UUID

    def __init__(self, model: SituationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title = heading(tr("Point de situation"), self)
        self.day = QLabel(self)
        self.count = QLabel(self)
        self.busy = BusyIndicator(self)
        self.error = InlineMessage(self)
        self.note = InlineMessage(self, error=False)

        # -- filters --------------------------------------------------------------------------
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Rechercher un nom, une structure, un conseiller…"))
        self.search.setClearButtonEnabled(True)
        self.structure = QComboBox(self)
        self.counsellor = QComboBox(self)
        self.stage = QComboBox(self)
        self.stage.addItem(tr("Toutes les étapes"), None)
        for stage in Stage:
            self.stage.addItem(tr(stage.label), stage.value)
        self.alert = QComboBox(self)
        self.alert.addItem(tr("Toutes les alertes"), None)
        for kind in AlertKind:
            self.alert.addItem(tr(kind.label), kind.value)
        for combo in (self.structure, self.counsellor, self.stage, self.alert):
            # As wide as the room allows, never wider than the window: long structure names
            # and alert labels are cut in the closed box, whole in its list.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.waiting = QSpinBox(self)
        self.waiting.setRange(0, 3650)
        self.waiting.setSpecialValueText(tr("indifférent"))
        self.waiting.setSuffix(tr(" jours"))
        self.waiting.setAccessibleName(tr("En attente depuis plus de"))
        self.alerts_only = QCheckBox(tr("A&vec une alerte seulement"), self)
        self.reset_button = QPushButton(tr("Effa&cer les filtres"), self)
        self.reset_button.setAutoDefault(False)
        self._fill_choices()

        # -- summary --------------------------------------------------------------------------
        self.without_contact = QLabel(self)
        self.medians = QLabel(self)
        for label in (self.without_contact, self.medians):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
        self.chart = SituationChart(self)

        # -- table and exports ----------------------------------------------------------------
        self.table = QTableView(self)
        self.table.setModel(model.table)
        self.table.setAccessibleName(tr("Personnes du point de situation"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0") * 6)
        self.fit_columns()
        self.csv_button = QPushButton(tr("E&xporter en CSV…"), self)
        self.pdf_button = QPushButton(tr("Liste &PDF pour l'équipe…"), self)
        for button in (self.csv_button, self.pdf_button):
            button.setAutoDefault(False)

        top = FlowLayout(spacing=12)  # on two lines when the text is large
        top.addWidget(self.title)
        top.addWidget(self.day)
        top.addWidget(self.count)
        top.addWidget(self.csv_button)
        top.addWidget(self.pdf_button)
        # The filters, each with its label, on as many lines as the width needs (text at
        # 200 %: a grid of six columns was twice as wide as the window).
        filters = FlowLayout(spacing=12)
        filters.addWidget(self._unit(tr("&Rechercher :"), self.search, QHBoxLayout))
        filters.addWidget(self._unit(tr("En attente depuis plus &de :"), self.waiting, QHBoxLayout))
        filters.addWidget(self.reset_button)
        labelled = (
            (tr("&Structure :"), self.structure),
            (tr("C&onseiller :"), self.counsellor),
            (tr("É&tape :"), self.stage),
            (tr("A&lerte :"), self.alert),
        )
        for text, combo in labelled:
            filters.addWidget(self._unit(text, combo, QVBoxLayout))
        filters.addWidget(self.alerts_only)
        figures = QVBoxLayout()
        figures.addWidget(self.without_contact)
        figures.addWidget(self.medians)
        figures.addStretch(1)
        summary = QHBoxLayout()
        summary.addLayout(figures, 1)
        summary.addSpacing(16)
        summary.addWidget(self.chart, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addLayout(summary)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.nobody = QLabel(tr("Personne ne correspond à ces filtres."), self)
        self.nobody.setVisible(False)
        layout.addWidget(self.nobody)

        self.search.textChanged.connect(self._apply)
        for combo in (self.structure, self.counsellor, self.stage, self.alert):
            combo.currentIndexChanged.connect(self._apply)
        self.waiting.valueChanged.connect(self._apply)
        self.alerts_only.toggled.connect(self._apply)
        self.reset_button.clicked.connect(self.reset_filters)
        self.flag_action = flag_row_action(model.context, self.table, model.table.row_at)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.csv_button.clicked.connect(self._ask_csv)
        self.pdf_button.clicked.connect(self._ask_pdf)
        model.changed.connect(self._render)
        model.filtered.connect(self._render_count)
        self._render()

    def fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column, sample in SIZED_ON.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + CELL_PADDING_PX)
        for column in STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode
            self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_on_screen(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_on_screen(False)

    def _render_count(self) -> None:
        self.count.setText(self.model.count_text)
        empty = self.model.report is not None and not self.model.table.rowCount()
        self.nobody.setVisible(empty and self.model.table.total > 0)

    # -- filters ------------------------------------------------------------------------------

    def _unit(
        self, text: str, field: QWidget, kind: type[QHBoxLayout] | type[QVBoxLayout]
    ) -> QWidget:
        """A filter and its label, kept together when the filters go on several lines."""
        unit = QWidget(self)
        box = kind(unit)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self._label(text, field))
        box.addWidget(field, 1)
        return unit

    def _label(self, text: str, field: QWidget) -> QLabel:
        """A filter's label: its Alt+letter puts the keyboard in ``field``."""
        label = QLabel(text, self)
        label.setBuddy(field)
        return label

    def current_filter(self) -> SituationFilter:
        return SituationFilter(
            structure=self.structure.currentData() or "",
            counsellor=self.counsellor.currentData() or "",
            # Qt hands a StrEnum back as its text: read it back as the enum.
            stage=Stage(self.stage.currentData()) if self.stage.currentData() else None,
            alert=AlertKind(self.alert.currentData()) if self.alert.currentData() else None,
            alerts_only=self.alerts_only.isChecked(),
            waiting_over=self.waiting.value(),
            text=self.search.text(),
        )

    def reset_filters(self) -> None:
        for combo in (self.structure, self.counsellor, self.stage, self.alert):
            combo.setCurrentIndex(0)
        self.waiting.setValue(0)
        self.alerts_only.setChecked(False)
        self.search.clear()

    def _apply(self, *_changed: object) -> None:
        self.model.set_filter(self.current_filter())

    def _fill_choices(self) -> None:
        for combo, everyone, values in (
            (self.structure, tr("Toutes les structures"), self.model.structures()),
            (self.counsellor, tr("Tous les conseillers"), self.model.counsellors()),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, "")
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.blockSignals(False)

    # -- actions ------------------------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        row = self.model.table.row_at(index.row())
        if row is not None:
            self.person_opened.emit(row.person_id)

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Exporter le point de situation (CSV)"),
            "point-de-situation.csv",
            tr("Fichier CSV (*.csv)"),
        )
        if path:
            self.model.export_csv(Path(path))

    def _ask_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Liste pour la réunion d'équipe (PDF)"),
            "point-de-situation.pdf",
            tr("Document PDF (*.pdf)"),
        )
        if path:
            self.model.export_pdf(Path(path))

    def open_person(self, person_id: uuid.UUID) -> None:
        self.person_opened.emit(person_id)

    # -- rendering ----------------------------------------------------------------------------

    def _render(self) -> None:
        model = self.model
        report = model.report
        self.error.show_message(model.error)
        self.note.show_message(model.note)
        if model.loading and report is None:
            self.busy.start(tr("Calcul du point de situation…"))
        else:
            self.busy.stop()
        self.day.setText(model.day_text)
        self._render_count()
        self.csv_button.setEnabled(report is not None and not model.exporting)
        self.pdf_button.setEnabled(report is not None and not model.exporting)
        self._fill_choices()
        summary = report.summary if report else None
        self.chart.set_summary(summary)
        if summary is None:
            self.without_contact.setText("")
            self.medians.setText("")
            return
        w = summary.without_contact
        self.without_contact.setText(
            tr(
                "<b>{alerts}</b> personne(s) avec au moins une alerte<br>"
                "Sans contact depuis 30 jours : <b>{a}</b> · 60 jours : <b>{b}</b> · "
                "90 jours : <b>{c}</b>",
                alerts=summary.with_alerts,
                a=w.get(30, 0),
                b=w.get(60, 0),
                c=w.get(90, 0),
            )
        )
        self.medians.setText(
            tr(
                "Délais médians : orientation → diagnostic <b>{a}</b><br>"
                "diagnostic → première action <b>{b}</b> · entre deux étapes <b>{c}</b>",
                a=_median(summary.median_orientation_to_diagnostic),
                b=_median(summary.median_diagnostic_to_first_action),
                c=_median(summary.median_between_steps),
            )
        )
