"""The Synchronisation section: where this laptop stands with its territory server,
enrolment, the sync button with its progress and cancel, and the conflict inbox."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.services.sync_desk import SyncProgress

from ..feedback import InlineMessage
from ..i18n import tr
from ..window_context import WindowContext
from .auto_sync import AutoSync
from .conflict_inbox import ConflictInbox
from .conflict_model import ConflictModel
from .sync_model import DEMO_FR, SyncModel, progress_text

TITLE_FR = "Synchronisation"


def section_title(conflicts: int) -> str:
    """« Synchronisation (3) » when conflicts wait for a person."""
    return tr("{title} ({n})", title=tr(TITLE_FR), n=conflicts) if conflicts else tr(TITLE_FR)


class SyncSection(QScrollArea):
    title_changed = Signal(str)  # the navigation entry follows the conflict count

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.model = SyncModel(context, self)
        self.conflicts = ConflictModel(context, self)
        self.auto = AutoSync(self.model, self)
        body = QWidget(self)
        self.setWidget(body)

        self.revoked = InlineMessage(body)
        self.demo = QLabel(tr(DEMO_FR), body)
        self.demo.setWordWrap(True)
        self.last_sync = QLabel(body)
        self.pending = QLabel(body)
        self.server = QLabel(body)
        self.enrolment = QLabel(body)
        facts = QFormLayout()
        facts.addRow(tr("Dernière synchronisation :"), self.last_sync)
        facts.addRow(tr("Modifications en attente :"), self.pending)
        facts.addRow(tr("Serveur :"), self.server)
        facts.addRow(tr("Inscription :"), self.enrolment)

        self.enrol_box = QGroupBox(tr("Inscrire cet appareil"), body)
        self.server_url = QLineEdit(self.enrol_box)
        self.server_url.setPlaceholderText("https://spie.territoire.fr")
        self.code = QLineEdit(self.enrol_box)
        self.code.setAccessibleName(tr("Code d'inscription"))
        self.passphrase = QLineEdit(self.enrol_box)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.enrol_button = QPushButton(tr("Inscrire l'appareil"), self.enrol_box)
        self.enrol_error = InlineMessage(self.enrol_box)
        self.fingerprint_box = QGroupBox(tr("Vérifiez le certificat du territoire"), self.enrol_box)
        self.fingerprint = QLabel(self.fingerprint_box)
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_same = QPushButton(
            tr("Identique : inscrire l'appareil"), self.fingerprint_box
        )
        self.fingerprint_different = QPushButton(
            tr("Différente : annuler l'inscription"), self.fingerprint_box
        )
        check = QVBoxLayout(self.fingerprint_box)
        check.addWidget(self.fingerprint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fingerprint_same)
        buttons.addWidget(self.fingerprint_different)
        check.addLayout(buttons)
        form = QFormLayout(self.enrol_box)
        form.addRow(tr("Adresse du serveur :"), self.server_url)
        form.addRow(tr("Code d'inscription :"), self.code)
        form.addRow(tr("Votre phrase de passe :"), self.passphrase)
        form.addRow(self.enrol_error)
        form.addRow(self.enrol_button)
        form.addRow(self.fingerprint_box)

        self.sync_button = QPushButton(tr("Synchroniser"), body)
        self.cancel_button = QPushButton(tr("Annuler"), body)
        self.progress = QProgressBar(body)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel(body)
        self.progress_label.setWordWrap(True)
        self.summary = InlineMessage(body, error=False)
        self.error = InlineMessage(body)
        self.auto_sync = QCheckBox(
            tr("Synchroniser automatiquement quand le serveur est joignable"), body
        )
        run_row = QHBoxLayout()
        run_row.addWidget(self.sync_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)

        self.inbox = ConflictInbox(self.conflicts, body)
        layout = QVBoxLayout(body)
        layout.addWidget(self.revoked)
        layout.addWidget(self.demo)
        layout.addLayout(facts)
        layout.addWidget(self.enrol_box)
        layout.addLayout(run_row)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.auto_sync)
        layout.addWidget(self.inbox, 1)

        self.enrol_button.clicked.connect(self._enrol)
        self.passphrase.returnPressed.connect(self._enrol)
        self.fingerprint_same.clicked.connect(lambda: self.model.confirm_ca(True))
        self.fingerprint_different.clicked.connect(lambda: self.model.confirm_ca(False))
        self.sync_button.clicked.connect(self.model.sync)
        self.cancel_button.clicked.connect(self.model.cancel)
        self.auto_sync.toggled.connect(self.auto.set_enabled)
        self.model.changed.connect(self._render)
        self.model.progressed.connect(self._on_progress)
        self.conflicts.changed.connect(self._render_title)
        self._title = ""
        self._render()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.model.refresh_if_stale()  # answers typed meanwhile: the count waiting moved
        super().showEvent(event)

    def current_title(self) -> str:
        return self._title or section_title(0)

    def _enrol(self) -> None:
        if self.model.enrol(self.server_url.text(), self.code.text(), self.passphrase.text()):
            self.passphrase.clear()

    def _on_progress(self, item: SyncProgress) -> None:
        total = item.items_total
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(item.items_done, total))
        else:
            self.progress.setRange(0, 0)  # not known yet: a moving bar
        self.progress_label.setText(progress_text(item))
        self.progress_label.setVisible(True)

    def _render(self) -> None:
        model = self.model
        known = model.overview is not None
        demo = model.demo_store
        self.demo.setVisible(demo)
        self.revoked.show_message(
            tr(
                "Cet appareil a été révoqué par l'administrateur : il ne peut plus se "
                "synchroniser. Vos données locales restent consultables."
            )
            if model.revoked
            else ""
        )
        self.last_sync.setText(model.last_sync_text)
        self.pending.setText(model.pending_text)
        overview = model.overview
        self.server.setText(overview.server_url if overview and overview.server_url else "—")
        if overview and overview.server_url and not self.server_url.text():
            self.server_url.setText(overview.server_url)
        self.enrolment.setText(model.enrolment_text)
        self.enrol_box.setVisible(known and not demo and not model.enrolled)
        self.enrol_button.setEnabled(not model.enrolling)
        self.enrol_error.show_message(model.enrol_error)
        fingerprint = model.fingerprint_to_confirm
        self.fingerprint_box.setVisible(bool(fingerprint))
        self.fingerprint.setText(
            tr(
                "Empreinte SHA-256 du certificat envoyé par le serveur :\n{fingerprint}\n"
                "Comparez-la caractère par caractère avec celle que vous a donnée "
                "l'administrateur de votre territoire.",
                fingerprint=fingerprint,
            )
            if fingerprint
            else ""
        )
        syncing = model.syncing
        self.sync_button.setVisible(known and not demo and model.enrolled)
        self.sync_button.setEnabled(model.can_sync)
        self.cancel_button.setVisible(syncing)
        self.progress.setVisible(syncing)
        self.progress_label.setVisible(syncing and bool(self.progress_label.text()))
        if not syncing:
            self.progress_label.clear()
        self.summary.show_message("\n".join([model.summary, *model.warnings]).strip())
        self.error.show_message(model.sync_error)
        self.auto_sync.setVisible(known and not demo and model.enrolled)
        self.auto_sync.blockSignals(True)
        self.auto_sync.setChecked(self.auto.enabled)
        self.auto_sync.blockSignals(False)
        self.inbox.setVisible(not demo)
        self._render_title()

    def _render_title(self) -> None:
        title = section_title(len(self.conflicts.lines))
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)
