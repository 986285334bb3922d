"""« Présenter la séance »: one window for the shared screen of a multi-agency case review.

The session's cases by reference only (left); the case chosen as the group sees it —
reference, age band, département, household, the question, the barriers by theme (the
chart) — and, right under it, the group's decisions for that case, editable and recorded
into the person's next plan by « Enregistrer les décisions ». The decisions take the
window's whole width: beside a two-column chart they were cut on a 1366-pixel screen. Nothing in this window names the
person or gives their details: it is built from ``services.case_presentation`` only.

Widgets only; state and writes live in :class:`.case_presentation_model.CasePresentationModel`.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.case_review import Decision
from spie_desktop.services.case_presentation import PresentedCase

from .case_presentation_model import CasePresentationModel
from .case_review_tables import DecisionsTable
from .feedback import BusyIndicator, InlineMessage
from .i18n import format_datetime, tr
from .interview.barrier_chart import BarrierChart
from .window_context import WindowContext

ID_ROLE = Qt.ItemDataRole.UserRole
Stretch = QHeaderView.ResizeMode.Stretch
ResizeToContents = QHeaderView.ResizeMode.ResizeToContents


def _value(parent: QWidget, *, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class CasePresentationWindow(QWidget):
    def __init__(self, model: CasePresentationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.model = model
        self.setWindowTitle(tr("Revue de situation — présentation"))
        self.busy = BusyIndicator(self)
        self.error = InlineMessage(self)

        self.cases = QListWidget(self)
        self.cases.setAccessibleName(tr("Situations de la séance"))
        self.cases.setMaximumWidth(170)
        big = QFont(self.cases.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.cases.setFont(big)

        self.card = QGroupBox(self)
        self.reference = _value(self.card)
        self.reference.setFont(_bold(self.reference.font(), 1.6))
        self.age_band = _value(self.card)
        self.departement = _value(self.card)
        self.household = _value(self.card, wrap=True)
        self.question = _value(self.card, wrap=True)
        self.question.setFont(_bold(self.question.font(), 1.15))
        self.chart = BarrierChart(self.card)
        self.no_chart = QLabel(tr("Freins non encore évalués."), self.card)
        facts = QFormLayout()
        facts.addRow(tr("Âge :"), self.age_band)
        facts.addRow(tr("Département :"), self.departement)
        facts.addRow(tr("Foyer :"), self.household)
        card_layout = QVBoxLayout(self.card)
        card_layout.addWidget(self.reference)
        card_layout.addLayout(facts)
        card_layout.addWidget(QLabel(tr("Question posée au groupe :"), self.card))
        card_layout.addWidget(self.question)
        card_layout.addWidget(QLabel(tr("Freins par thème :"), self.card))
        card_layout.addWidget(self.chart)
        card_layout.addWidget(self.no_chart)

        self.decisions_box = QGroupBox(tr("Décisions du groupe"), self)
        self.decisions = DecisionsTable(self.decisions_box)
        header = self.decisions.table.horizontalHeader()
        for column, mode in enumerate((Stretch, ResizeToContents, ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.decisions_button = QPushButton(tr("Enregistrer les &décisions"), self.decisions_box)
        self.decisions_button.setAutoDefault(False)
        self.decisions_button.setToolTip(
            tr("Les décisions deviennent des actions du prochain plan (un brouillon à signer)")
        )
        self.decisions_error = InlineMessage(self.decisions_box)
        self.note = InlineMessage(self.decisions_box, error=False)
        decisions_layout = QVBoxLayout(self.decisions_box)
        decisions_layout.addWidget(self.decisions, 1)
        decisions_layout.addWidget(self.decisions_error)
        decisions_layout.addWidget(self.note)
        decisions_layout.addWidget(self.decisions_button, 0, Qt.AlignmentFlag.AlignRight)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.card)
        self.splitter.addWidget(self.decisions_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        body = QHBoxLayout()
        body.addWidget(self.cases)
        body.addWidget(self.splitter, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addLayout(body, 1)

        self.cases.currentItemChanged.connect(self._case_chosen)
        self.decisions_button.clicked.connect(self.record_decisions)
        model.changed.connect(self._render)
        model.context.locked.connect(self.close)
        #: What the decisions table was last filled from: typing is never overwritten by a
        #: render, only by another case or a stored version.
        self._decisions_from: tuple[uuid.UUID | None, tuple[Decision, ...]] | None = None
        self._render()

    # -- actions ------------------------------------------------------------------------------

    def record_decisions(self) -> None:
        self.decisions_error.clear_message()
        case = self.current_case()
        if case is None:
            return
        decisions, problem = self.decisions.decisions()
        if problem:
            self.decisions_error.show_message(problem)
            return
        self.model.record_decisions(
            case.case_id,
            decisions,
            lambda message, _field: self.decisions_error.show_message(message),
        )

    def current_case(self) -> PresentedCase | None:
        item = self.cases.currentItem()
        presentation = self.model.presentation
        if item is None or presentation is None:
            return None
        chosen = item.data(ID_ROLE)
        return next((c for c in presentation.cases if str(c.case_id) == chosen), None)

    def _case_chosen(self) -> None:
        self.decisions_error.clear_message()
        self._render_case()

    # -- rendering ----------------------------------------------------------------------------

    def _render(self) -> None:
        model = self.model
        presentation = model.presentation
        self.error.show_message(model.error)
        if model.loading and presentation is None:
            self.busy.start(tr("Préparation de la présentation…"))
        else:
            self.busy.stop()
        if presentation is not None:
            self.setWindowTitle(
                tr(
                    "Revue de situation du {when} — présentation",
                    when=format_datetime(presentation.starts_at, model.timezone),
                )
            )
        chosen = self.cases.currentItem()
        chosen_id = chosen.data(ID_ROLE) if chosen is not None else None
        self.cases.blockSignals(True)
        self.cases.clear()
        for case in presentation.cases if presentation else ():
            item = QListWidgetItem(case.reference, self.cases)
            item.setData(ID_ROLE, str(case.case_id))
            if str(case.case_id) == chosen_id:
                self.cases.setCurrentItem(item)
        if self.cases.currentItem() is None and self.cases.count():
            self.cases.setCurrentRow(0)
        self.cases.blockSignals(False)
        self.note.show_message(model.note)
        self._render_case()

    def _render_case(self) -> None:
        case = self.current_case()
        self.card.setVisible(case is not None)
        self.decisions_box.setEnabled(case is not None and not self.model.saving)
        self.decisions_button.setEnabled(case is not None and not self.model.saving)
        if case is None:
            self._fill_decisions(None)
            return
        self.reference.setText(case.reference)
        self.age_band.setText(case.age_band)
        self.departement.setText(case.departement)
        self.household.setText(case.household)
        self.question.setText(case.question)
        self.chart.set_barriers(case.barriers)
        self.chart.setVisible(bool(case.barriers))
        self.no_chart.setVisible(not case.barriers)
        self._fill_decisions(case)

    def _fill_decisions(self, case: PresentedCase | None) -> None:
        source = (case.case_id, case.decisions) if case else (None, ())
        if source != self._decisions_from:
            self._decisions_from = source
            self.decisions.set_decisions(source[1])


def _bold(font: QFont, scale: float) -> QFont:
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * scale)
    bigger.setBold(True)
    return bigger


def open_presentation(
    context: WindowContext, review_id: uuid.UUID, parent: QWidget
) -> CasePresentationWindow | None:
    """The presentation of this session, in its own window; ``None`` while locked."""
    if context.is_locked:
        return None
    model = CasePresentationModel(context, review_id)
    window = CasePresentationWindow(model, parent)
    model.setParent(window)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    model.load()
    window.showMaximized()  # the whole shared screen, whatever its size
    return window
