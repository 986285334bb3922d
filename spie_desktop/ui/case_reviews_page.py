"""The « Revues de situation » section: the sessions and the cases waiting for one (left);
the session being prepared or held, its participants, its cases and what the group decided
for each (right).

Widgets only; state and writes live in :class:`.case_reviews_model.CaseReviewsModel`. The
cases are named by the person's name: this is the counsellor's own screen. What is shown to
the group is the anonymised summary, made elsewhere from the case's reference.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.case_review import PLACE_MAX, Decision, ReviewStatus
from spie_desktop.services.case_reviews import CaseLine

from .case_presentation_window import open_presentation
from .case_review_tables import (
    ID_ROLE,
    DecisionsTable,
    ParticipantsTable,
    caption,
    qt_moment,
    selected_id,
    tree,
)
from .case_reviews_model import CaseReviewsModel
from .case_summary_dialog import open_case_summary
from .feedback import BusyIndicator, InlineMessage
from .i18n import format_date, format_datetime, tr
from .reflow_box import ReflowSplitter
from .setup_pages import heading


class CaseReviewsPage(QWidget):
    def __init__(self, model: CaseReviewsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title = heading(tr("Revues de situation"), self)
        self.new_button = QPushButton(tr("&Nouvelle revue"), self)
        self.new_button.setAutoDefault(False)
        self.busy = BusyIndicator(self)
        self.error = InlineMessage(self)
        self.note = InlineMessage(self, error=False)

        # -- left: sessions, and the cases waiting for one ------------------------------------
        left = QWidget(self)
        self.sessions = tree([tr("Date"), tr("Lieu"), tr("Situations"), tr("Statut")], left)
        self.sessions.setAccessibleName(tr("Revues"))
        self.waiting = tree(
            [tr("Référence"), tr("Personne"), tr("Proposée le"), tr("Question")], left
        )
        self.waiting.setAccessibleName(tr("Situations en attente d'une revue"))
        self.no_waiting = QLabel(tr("Aucune situation en attente."), left)
        self.schedule_button = QPushButton(tr("&Inscrire à la revue affichée"), left)
        self.schedule_button.setAutoDefault(False)
        self.waiting_summary_button = QPushButton(tr("Résumé anonymisé…"), left)
        self.waiting_summary_button.setAutoDefault(False)
        waiting_buttons = QHBoxLayout()
        waiting_buttons.addWidget(self.schedule_button)
        waiting_buttons.addWidget(self.waiting_summary_button)
        waiting_buttons.addStretch(1)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(caption(tr("Revues"), left))
        left_layout.addWidget(self.sessions, 1)
        left_layout.addWidget(caption(tr("Situations en attente d'une revue"), left))
        left_layout.addWidget(self.no_waiting)
        left_layout.addWidget(self.waiting, 1)
        left_layout.addLayout(waiting_buttons)

        # -- right: the session, its participants, its cases and decisions --------------------
        right = QWidget(self)
        self.editor_box = QGroupBox(right)
        self.starts_at = QDateTimeEdit(self.editor_box)
        self.starts_at.setCalendarPopup(True)
        self.starts_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.place = QLineEdit(self.editor_box)
        self.place.setMaxLength(PLACE_MAX)
        self.status = QComboBox(self.editor_box)
        for status in ReviewStatus:
            self.status.addItem(tr(status.label), status.value)
        self.participants = ParticipantsTable(self.editor_box)
        self.save_button = QPushButton(tr("&Enregistrer la revue"), self.editor_box)
        self.save_button.setAutoDefault(False)
        self.editor_error = InlineMessage(self.editor_box)
        when = QHBoxLayout()
        when.addWidget(self.starts_at)
        when.addWidget(QLabel(tr("Statut :"), self.editor_box))
        when.addWidget(self.status)
        when.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("Date et heure :"), when)
        form.addRow(tr("Lieu :"), self.place)
        editor_layout = QVBoxLayout(self.editor_box)
        editor_layout.addLayout(form)
        editor_layout.addWidget(
            QLabel(tr("Participants (nom, structure, rôle) :"), self.editor_box)
        )
        editor_layout.addWidget(self.participants, 1)
        editor_layout.addWidget(self.editor_error)
        editor_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

        self.cases_box = QGroupBox(tr("Situations de cette revue"), right)
        self.cases = tree([tr("Référence"), tr("Personne"), tr("Question")], self.cases_box)
        self.cases.setAccessibleName(tr("Situations de cette revue"))
        self.unschedule_button = QPushButton(tr("Retirer de la revue"), self.cases_box)
        self.unschedule_button.setAutoDefault(False)
        self.summary_button = QPushButton(tr("Résumé &anonymisé…"), self.cases_box)
        self.summary_button.setAutoDefault(False)
        self.present_button = QPushButton(tr("&Présenter la séance"), self)
        self.present_button.setAutoDefault(False)
        self.present_button.setToolTip(
            tr("Une fenêtre pour l'écran partagé : les situations sous leur seule référence")
        )
        self.decisions = DecisionsTable(self.cases_box)
        self.decisions_button = QPushButton(tr("Enregistrer les &décisions"), self.cases_box)
        self.decisions_button.setAutoDefault(False)
        self.decisions_button.setToolTip(
            tr("Les décisions deviennent des actions du prochain plan (un brouillon à signer)")
        )
        self.decisions_error = InlineMessage(self.cases_box)
        case_buttons = QHBoxLayout()
        case_buttons.addWidget(self.unschedule_button)
        case_buttons.addWidget(self.summary_button)
        case_buttons.addStretch(1)
        case_buttons.addWidget(self.decisions_button)
        cases_layout = QVBoxLayout(self.cases_box)
        self.decisions_caption = QLabel(
            tr("Décisions du groupe pour la situation choisie :"), self.cases_box
        )
        cases_layout.addWidget(self.cases, 1)
        cases_layout.addWidget(self.decisions_caption)
        cases_layout.addWidget(self.decisions, 1)
        cases_layout.addWidget(self.decisions_error)
        cases_layout.addLayout(case_buttons)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor_box, 1)
        right_layout.addWidget(self.cases_box, 1)

        self.splitter = ReflowSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.present_button)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addWidget(self.splitter, 1)

        self.new_button.clicked.connect(self.new_review)
        self.sessions.currentItemChanged.connect(self._session_chosen)
        self.save_button.clicked.connect(self.save_review)
        self.schedule_button.clicked.connect(self.schedule_selected)
        self.unschedule_button.clicked.connect(self.unschedule_selected)
        self.cases.currentItemChanged.connect(self._case_chosen)
        self.waiting.currentItemChanged.connect(self._render_buttons)
        self.decisions_button.clicked.connect(self.record_decisions)
        self.summary_button.clicked.connect(lambda: self.open_summary(self.cases))
        self.waiting_summary_button.clicked.connect(lambda: self.open_summary(self.waiting))
        self.present_button.clicked.connect(self.present)
        model.changed.connect(self._render)
        #: What the editor and the decisions table were last filled from: typing is never
        #: overwritten by a render, only by another session, case or stored version.
        self._editor_from: tuple[uuid.UUID | None, int] | None = None
        self._decisions_from: tuple[uuid.UUID | None, tuple[Decision, ...]] | None = None
        self._render()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_on_screen(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_on_screen(False)

    # -- actions ------------------------------------------------------------------------------

    def new_review(self) -> None:
        self.sessions.setCurrentIndex(QModelIndex())
        self.model.select(None)
        self._fill_editor()

    def save_review(self) -> None:
        self.editor_error.clear_message()
        local = self.starts_at.dateTime().toPython()
        assert isinstance(local, datetime)
        starts_at = local.replace(tzinfo=ZoneInfo(self.model.timezone)).astimezone(UTC)
        status = ReviewStatus(self.status.currentData())
        self.model.save_review(
            starts_at,
            self.place.text(),
            self.participants.participants(),
            status,
            lambda message, _field: self.editor_error.show_message(message),
        )

    def schedule_selected(self) -> None:
        case_id = selected_id(self.waiting)
        if case_id is not None and self.model.selected_id is not None:
            self.model.schedule(case_id, self.model.selected_id)

    def unschedule_selected(self) -> None:
        case_id = selected_id(self.cases)
        if case_id is not None:
            self.model.schedule(case_id, None)

    def record_decisions(self) -> None:
        self.decisions_error.clear_message()
        case_id = selected_id(self.cases)
        if case_id is None:
            return
        decisions, problem = self.decisions.decisions()
        if problem:
            self.decisions_error.show_message(problem)
            return
        self.model.record_decisions(
            case_id,
            decisions,
            lambda message, _field: self.decisions_error.show_message(message),
        )

    def open_summary(self, tree: QTreeWidget) -> None:
        """The redaction step of the case chosen in ``tree`` (a session's or a waiting one)."""
        case_id = selected_id(tree)
        overview, detail = self.model.overview, self.model.detail
        lines = [*(overview.unscheduled if overview else ()), *(detail.cases if detail else ())]
        case = next((c for c in lines if c.case_id == case_id), None)
        if case is not None:
            open_case_summary(self.model.context, case, self.window())

    def present(self) -> None:
        if self.model.detail is not None:
            open_presentation(self.model.context, self.model.detail.review.id, self)

    def _session_chosen(self) -> None:
        review_id = selected_id(self.sessions)
        if review_id is not None:
            self.model.select(review_id)

    def _case_chosen(self) -> None:
        self._fill_decisions()
        self.decisions_error.clear_message()
        self._render_buttons()

    def _current_case(self) -> CaseLine | None:
        case_id = selected_id(self.cases)
        detail = self.model.detail
        if case_id is None or detail is None:
            return None
        return next((c for c in detail.cases if c.case_id == case_id), None)

    # -- rendering ----------------------------------------------------------------------------

    def _render(self) -> None:
        model = self.model
        self.error.show_message(model.error)
        self.note.show_message(model.note)
        if model.loading and model.overview is None:
            self.busy.start(tr("Lecture des revues…"))
        else:
            self.busy.stop()
        self._render_sessions()
        self._render_waiting()
        detail = model.detail
        shown = (model.selected_id, detail.review.version if detail else 0)
        if shown != self._editor_from:
            self._fill_editor()
        self._render_cases()
        self._render_buttons()

    def _render_sessions(self) -> None:
        overview, timezone = self.model.overview, self.model.timezone
        self.sessions.blockSignals(True)
        self.sessions.clear()
        for line in overview.reviews if overview else ():
            item = QTreeWidgetItem(
                self.sessions,
                [
                    format_datetime(line.starts_at, timezone),
                    line.place,
                    str(line.case_count),
                    tr(line.status.label),
                ],
            )
            item.setData(0, ID_ROLE, str(line.review_id))
            if line.review_id == self.model.selected_id:
                self.sessions.setCurrentItem(item)
        self.sessions.blockSignals(False)

    def _render_waiting(self) -> None:
        overview = self.model.overview
        chosen = selected_id(self.waiting)
        lines = overview.unscheduled if overview else []
        self.waiting.blockSignals(True)
        self.waiting.clear()
        for case in lines:
            item = QTreeWidgetItem(
                self.waiting,
                [case.reference, case.person_name, format_date(case.flagged_at), case.question],
            )
            item.setData(0, ID_ROLE, str(case.case_id))
            item.setToolTip(3, case.reason)
            if case.case_id == chosen:
                self.waiting.setCurrentItem(item)
        self.waiting.blockSignals(False)
        self.no_waiting.setVisible(overview is not None and not lines)

    def _fill_editor(self) -> None:
        detail = self.model.detail
        self._editor_from = (self.model.selected_id, detail.review.version if detail else 0)
        if detail is None:
            self.editor_box.setTitle(tr("Nouvelle revue"))
            start = datetime.now(ZoneInfo(self.model.timezone)) + timedelta(days=7)
            start = start.replace(hour=14, minute=0, second=0, microsecond=0)
            self.starts_at.setDateTime(qt_moment(start))
            self.place.clear()
            self.status.setCurrentIndex(0)
            self.participants.set_participants([])
            return
        review = detail.review
        local = review.starts_at.astimezone(ZoneInfo(self.model.timezone))
        self.editor_box.setTitle(
            tr("Revue du {when}", when=format_datetime(review.starts_at, self.model.timezone))
        )
        self.starts_at.setDateTime(qt_moment(local))
        self.place.setText(review.place)
        self.status.setCurrentIndex(max(self.status.findData(review.status.value), 0))
        self.participants.set_participants(review.participants)

    def _render_cases(self) -> None:
        detail = self.model.detail
        chosen = selected_id(self.cases)
        self.cases.blockSignals(True)
        self.cases.clear()
        for case in detail.cases if detail else ():
            item = QTreeWidgetItem(self.cases, [case.reference, case.person_name, case.question])
            item.setData(0, ID_ROLE, str(case.case_id))
            item.setToolTip(2, case.reason)
            if case.case_id == chosen:
                self.cases.setCurrentItem(item)
        self.cases.blockSignals(False)
        self.cases_box.setEnabled(detail is not None)
        self._fill_decisions()

    def _fill_decisions(self) -> None:
        current = self._current_case()
        source = (current.case_id, current.decisions) if current else (None, ())
        if source != self._decisions_from:
            self._decisions_from = source
            self.decisions.set_decisions(source[1])

    def _render_buttons(self) -> None:
        saving = self.model.saving
        self.save_button.setEnabled(not saving and self.model.context.session is not None)
        waiting = selected_id(self.waiting) is not None
        self.schedule_button.setEnabled(not saving and self.model.detail is not None and waiting)
        self.waiting_summary_button.setEnabled(waiting)
        has_case = selected_id(self.cases) is not None
        self.summary_button.setEnabled(has_case)
        detail = self.model.detail
        self.present_button.setEnabled(detail is not None and bool(detail.cases))
        self.unschedule_button.setEnabled(not saving and has_case)
        self.decisions_button.setEnabled(not saving and has_case)
        self.decisions.setEnabled(has_case)
