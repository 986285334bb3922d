"""The person file: identity, consent in force, timeline, and the interview button."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .case_flag_dialog import flag_button
from .case_summary_dialog import open_latest_case_summary
from .feedback import BusyIndicator, InlineMessage
from .i18n import tr
from .parcours_view import ParcoursView
from .person_file_model import PersonFileModel
from .person_file_support_dialogs import CloseSupportDialog, ReasonDialog
from .reflow_box import ReflowBox
from .setup_pages import heading, paragraph
from .sync.badges import SyncBadgeLabel
from .theme import current

D = TypeVar("D", bound=QDialog)


class PersonFilePage(QWidget):
    back_requested = Signal()
    interview_requested = Signal(object)  # uuid.UUID
    consent_requested = Signal(object)  # uuid.UUID
    identity_edit_requested = Signal(object)  # uuid.UUID
    export_requested = Signal(object)  # uuid.UUID
    erase_requested = Signal(object)  # uuid.UUID

    def __init__(self, model: PersonFileModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        #: The interview button is to take the focus once the file allows an interview.
        self._interview_focus_wanted = False
        self.back_button = QPushButton(tr("← Personnes"), self)
        self.back_button.setToolTip(tr("Revenir à la liste (Alt+Gauche)"))
        self.back_button.setAutoDefault(False)
        self.title = heading("", self)
        self.sync_badge = SyncBadgeLabel(model.context, self)
        self.busy = BusyIndicator(self)
        self.error = InlineMessage(self)
        self._build_banner()
        self.dialogs: list[QDialog] = []

        identity_box = QGroupBox(tr("Identité"), self)
        self.identity = QFormLayout()
        self.identity_button = QPushButton(tr("Modifier l'&identité"), identity_box)
        self.identity_button.setAutoDefault(False)
        self.export_button = QPushButton(tr("E&xporter (droit d'accès)…"), identity_box)
        self.export_button.setAutoDefault(False)
        self.export_button.setToolTip(
            tr("Écrire tout ce que l'outil conserve sur cette personne (PDF lisible et JSON)")
        )
        self.erase_button = QPushButton(
            tr("Effacer le dossier (droit à l'effacement)…"), identity_box
        )
        self.erase_button.setAutoDefault(False)
        self.export_note = InlineMessage(identity_box, error=False)
        identity_buttons = QHBoxLayout()
        identity_buttons.addWidget(self.identity_button)
        identity_buttons.addWidget(self.export_button)
        self.summary_button = QPushButton(tr("Résumé a&nonymisé…"), identity_box)
        self.summary_button.setAutoDefault(False)
        self.summary_button.setToolTip(tr("Le résumé du dernier cas proposé en revue de situation"))
        self.summary_note = InlineMessage(identity_box, error=False)
        self.summary_button.clicked.connect(
            lambda: open_latest_case_summary(
                model.context, model.person_id, self, self.summary_note.show_message
            )
        )
        identity_buttons.addStretch(1)
        case_buttons = QHBoxLayout()  # the multi-agency case review
        self.review_button = flag_button(model, identity_box, case_buttons)
        case_buttons.addWidget(self.summary_button)
        case_buttons.addStretch(1)
        self.close_button = QPushButton(tr("&Clore l'accompagnement…"), identity_box)
        self.close_button.setAutoDefault(False)
        self.restrict_button = QPushButton(tr("&Limiter le traitement…"), identity_box)
        self.restrict_button.setAutoDefault(False)
        self.restrict_button.setToolTip(
            tr("RGPD, article 18 : geler le dossier (ni modification ni synchronisation)")
        )
        support_buttons = QHBoxLayout()
        support_buttons.addWidget(self.close_button)
        support_buttons.addWidget(self.restrict_button)
        support_buttons.addStretch(1)
        identity_layout = QVBoxLayout(identity_box)
        identity_layout.addLayout(self.identity)
        identity_layout.addLayout(identity_buttons)
        identity_layout.addLayout(support_buttons)
        identity_layout.addLayout(case_buttons)
        identity_layout.addWidget(self.summary_note)
        erase_row = QHBoxLayout()  # its own row: the file page fits a 910-pixel-wide window
        erase_row.addWidget(self.erase_button)
        erase_row.addStretch(1)
        identity_layout.addLayout(erase_row)
        identity_layout.addWidget(self.export_note)
        identity_layout.addStretch(1)
        consent_box = QGroupBox(tr("Consentement"), self)
        self.consent_text = paragraph("", consent_box)
        self.consent_scopes = paragraph("", consent_box)
        self.consent_button = QPushButton(consent_box)
        self.consent_button.setAutoDefault(False)
        consent_layout = QVBoxLayout(consent_box)
        consent_layout.addWidget(self.consent_text)
        consent_layout.addWidget(self.consent_scopes)
        consent_layout.addWidget(self.consent_button)
        consent_layout.addStretch(1)

        self.interview_button = QPushButton(self)
        self.interview_button.setDefault(True)
        self.interview_button.setMinimumHeight(40)
        self.interview_hint = InlineMessage(self, error=False)

        self.tabs = QTabWidget(self)
        self.parcours = ParcoursView(model.parcours, self.tabs)
        self.tabs.addTab(self.parcours, tr("&Parcours"))
        timeline_box = QWidget(self.tabs)
        self.tabs.addTab(timeline_box, tr("&Historique du dossier"))
        self.timeline = QTreeWidget(timeline_box)
        self.timeline.setHeaderLabels([tr("Date"), tr("Étape"), tr("Détail")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.header().setStretchLastSection(True)
        self.empty_timeline = QLabel(tr("Aucun entretien, plan ni suivi pour l'instant."), self)
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.addWidget(self.empty_timeline)
        timeline_layout.addWidget(self.timeline)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.sync_badge)
        top.addWidget(self.interview_button)
        boxes = ReflowBox()  # one under the other when the text is large
        boxes.addWidget(identity_box, 1)
        boxes.addWidget(consent_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.interview_hint)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addLayout(boxes)
        layout.addWidget(self.tabs, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.interview_button.clicked.connect(self._request_interview)
        self.consent_button.clicked.connect(self._request_consent)
        self.identity_button.clicked.connect(self._request_identity_edit)
        self.export_button.clicked.connect(self._request_export)
        self.close_button.clicked.connect(self.open_close_dialog)
        self.restrict_button.clicked.connect(self.open_restrict_dialog)
        self.reopen_button.clicked.connect(self.open_reopen_dialog)
        self.lift_button.clicked.connect(self.lift_restriction)
        self.erase_button.clicked.connect(self._request_erase)
        model.changed.connect(self._render)
        self.timeline.itemActivated.connect(self._open_plan)
        self._render()

    def _build_banner(self) -> None:
        """The read-only banner of a closed or restricted file, with what undoes it."""
        self.banner = QFrame(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        theme = current()
        self.banner.setStyleSheet(
            f"#readOnlyBanner {{ background: {theme.banner_background}; "
            f"border: 1px solid {theme.banner_border}; border-radius: 4px; }} "
            f"#readOnlyBanner QLabel {{ color: {theme.banner_text}; }}"
        )
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.reopen_button = QPushButton(tr("&Rouvrir l'accompagnement…"), self.banner)
        self.reopen_button.setAutoDefault(False)
        self.lift_button = QPushButton(tr("Lever la li&mitation"), self.banner)
        self.lift_button.setAutoDefault(False)
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.reopen_button)
        row.addWidget(self.lift_button)

    # -- end of support, restriction ----------------------------------------------------------

    def open_close_dialog(self) -> CloseSupportDialog | None:
        if self.model.file is None or self.model.frozen:
            return None
        today = self.model.parcours.today or date.today()
        return self._open_dialog(CloseSupportDialog(self.model, today, self))

    def open_reopen_dialog(self) -> ReasonDialog | None:
        if not self.model.closed:
            return None
        dialog = ReasonDialog(
            tr("Rouvrir l'accompagnement — {name}", name=self.model.title),
            tr("Pourquoi l'accompagnement reprend-il ? Le motif est gardé dans le parcours."),
            tr("Rouvrir l'accompagnement"),
            self.model.reopen_support,
            self,
        )
        return self._open_dialog(dialog)

    def open_restrict_dialog(self) -> ReasonDialog | None:
        if self.model.file is None or self.model.restricted:
            return None
        dialog = ReasonDialog(
            tr("Limiter le traitement — {name}", name=self.model.title),
            tr(
                "À la demande de la personne (RGPD, article 18) : tant que la limitation dure, "
                "le dossier n'est ni modifié ni envoyé au serveur."
            ),
            tr("Limiter le traitement"),
            self.model.restrict,
            self,
        )
        return self._open_dialog(dialog)

    def lift_restriction(self) -> None:
        if self.model.restricted:
            self.error.clear_message()
            self.model.lift_restriction(self.error.clear_message, self._show_refusal)

    def _show_refusal(self, message: str, _field: str | None) -> None:
        self.error.show_message(message)

    def _open_dialog(self, dialog: D) -> D:
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: QDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
        dialog.deleteLater()

    def _open_plan(self, item: QTreeWidgetItem) -> None:
        """A signed plan's row opens its PDF in the preview (read-only)."""
        plan_hex = item.data(0, Qt.ItemDataRole.UserRole)
        if plan_hex:
            from .plan import open_plan_preview  # pdfium and the signing stack: on first use

            open_plan_preview(
                self.model.context, uuid.UUID(plan_hex), self, on_error=self.error.show_message
            )

    def focus_interview(self) -> None:
        """Focus the interview button, now or as soon as the file allows an interview: a
        file still loading, or waiting for its consent, has the button disabled, and a
        disabled button refuses the focus (it then fell on « ← Personnes »)."""
        self._interview_focus_wanted = True
        self._give_interview_focus()

    def _give_interview_focus(self) -> None:
        if not self._interview_focus_wanted or not self.interview_button.isEnabled():
            return
        self._interview_focus_wanted = False
        focused = QApplication.focusWidget()
        # Not taken from a control of this window the counsellor has moved to meanwhile;
        # a dialog in front (the consent) keeps the focus until it closes.
        if focused is None or focused.window() is not self.window() or self.isAncestorOf(focused):
            self.interview_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _request_interview(self) -> None:
        if self.model.person_id is not None and self.model.may_interview:
            self.interview_requested.emit(self.model.person_id)

    def _request_consent(self) -> None:
        if self.model.person_id is not None and self.model.file is not None:
            self.consent_requested.emit(self.model.person_id)

    def _request_identity_edit(self) -> None:
        if self.model.person_id is not None and self.model.file is not None:
            self.identity_edit_requested.emit(self.model.person_id)

    def _request_export(self) -> None:
        if self.model.person_id is not None and self.model.file is not None:
            self.export_requested.emit(self.model.person_id)

    def _request_erase(self) -> None:
        if self.model.person_id is not None and self.model.file is not None:
            self.erase_requested.emit(self.model.person_id)

    def _render(self) -> None:
        model = self.model
        self.title.setText(model.title)
        self.sync_badge.show_for(model.person_id if model.file else None)
        self.error.show_message(model.error)
        if model.loading and model.file is None:
            self.busy.start(tr("Ouverture de la fiche…"))
        else:
            self.busy.stop()
        while self.identity.rowCount():
            self.identity.removeRow(0)
        for label, value in model.identity():
            self.identity.addRow(tr("{label} :", label=label), QLabel(value))
        self.consent_text.setText(model.consent_text if model.file else "")
        self.consent_scopes.setText("\n".join(model.consent_lines()))
        self.consent_button.setText(model.consent_button_text)
        editable = model.file is not None and not model.frozen
        self.consent_button.setEnabled(editable)
        self.identity_button.setEnabled(editable)
        self.close_button.setEnabled(editable)
        self.restrict_button.setEnabled(model.file is not None and not model.restricted)
        banner = model.banner_lines()
        self.banner.setVisible(bool(banner))
        self.banner_text.setText("\n".join(banner))
        self.reopen_button.setVisible(model.closed and not model.restricted)
        self.lift_button.setVisible(model.restricted)
        self.export_button.setEnabled(model.file is not None and not model.exporting)
        self.erase_button.setEnabled(model.file is not None)
        self.export_note.show_message(model.export_note)
        self.interview_button.setText(model.interview_button_text)
        self.interview_button.setEnabled(model.may_interview)
        self._give_interview_focus()
        self.interview_hint.show_message(model.interview_hint)
        rows = model.timeline()
        self.timeline.clear()
        for row in rows:
            item = QTreeWidgetItem(self.timeline, [row.when, row.what, row.detail])
            if row.plan_id is not None:
                item.setData(0, Qt.ItemDataRole.UserRole, row.plan_id.hex)
                item.setToolTip(1, tr("Entrée ou double-clic : voir le PDF signé"))
        self.timeline.setVisible(bool(rows))
        self.empty_timeline.setVisible(model.file is not None and not rows)
