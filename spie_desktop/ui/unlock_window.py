"""The unlock window: choose your account, type your passphrase, press Enter."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.organisation import Counsellor
from spie_desktop.domain.sentences import end_sentence

if TYPE_CHECKING:
    from .add_counsellor_dialog import AddCounsellorDialog
    from .recovery_dialog import RecoveryDialog

from .feedback import BusyIndicator, InlineMessage
from .i18n import tr
from .setup_pages import heading, paragraph
from .theme import current
from .unlock_model import UnlockModel, account_label

ACCOUNT_ROLE = Qt.ItemDataRole.UserRole


class UnlockWindow(QDialog):
    """Mirrors :class:`UnlockModel`; opens the add-account and recovery dialogs."""

    unlocked = Signal(object)  # Session

    def __init__(
        self, model: UnlockModel, subtitle: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._painted = False
        self.setWindowTitle(tr("spie-desktop — Déverrouiller"))
        self.setMinimumWidth(520)
        self.accounts = QListWidget(self)
        self.accounts.setMaximumHeight(150)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = InlineMessage(self)
        self.note = InlineMessage(self, error=False)
        self.busy = BusyIndicator(self)
        self.unlock_button = QPushButton(tr("&Déverrouiller"), self)
        self.unlock_button.setDefault(True)
        self.add_button = QPushButton(tr("&Ajouter un·e conseiller·ère sur ce poste"), self)
        self.recovery_button = QPushButton(tr("Phrase de passe &oubliée ?"), self)
        for link in (self.add_button, self.recovery_button):
            link.setFlat(True)
            link.setAutoDefault(False)
            link.setStyleSheet(
                f"text-decoration: underline; color: {current().link}; text-align: left;"
            )

        form = QFormLayout()
        account_label_widget = QLabel(tr("&Compte :"), self)
        account_label_widget.setBuddy(self.accounts)
        passphrase_label = QLabel(tr("&Phrase de passe :"), self)
        passphrase_label.setBuddy(self.passphrase)
        form.addRow(account_label_widget, self.accounts)
        form.addRow(passphrase_label, self.passphrase)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        links = QVBoxLayout()
        links.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        links.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Déverrouiller le coffre"), self))
        if subtitle:
            layout.addWidget(paragraph(subtitle, self))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addLayout(links)
        QWidget.setTabOrder(self.accounts, self.passphrase)
        QWidget.setTabOrder(self.passphrase, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.add_button)
        QWidget.setTabOrder(self.add_button, self.recovery_button)

        self.accounts.currentItemChanged.connect(self._on_account_chosen)
        self.accounts.itemActivated.connect(lambda _item: self.passphrase.setFocus())
        self.passphrase.textChanged.connect(self._on_typing)
        self.unlock_button.clicked.connect(self._submit)
        self.add_button.clicked.connect(self.open_add_counsellor)
        self.recovery_button.clicked.connect(self.open_recovery)
        model.changed.connect(self._render)
        model.failed.connect(self._on_failed)
        model.unlocked.connect(self._on_unlocked)
        self._render_accounts()
        self._render()
        self.passphrase.setFocus()

    # -- from the person to the model ---------------------------------------------------------

    def _submit(self) -> None:
        self.note.clear_message()
        self.model.submit(self.passphrase.text())

    def _on_typing(self) -> None:
        self._render()

    def _on_account_chosen(self, item: QListWidgetItem | None) -> None:
        self.model.select(item.data(ACCOUNT_ROLE) if item is not None else None)

    def open_add_counsellor(self) -> AddCounsellorDialog:
        """Open the dialog (non-blocking, so tests and screen readers can drive it)."""
        from .add_counsellor_dialog import AddCounsellorDialog
        from .add_counsellor_model import AddCounsellorModel

        model = AddCounsellorModel(self.model.data_dir, self.model.runner)
        dialog = AddCounsellorDialog(model, self.model.accounts, self.model.selected, self)
        dialog.added.connect(self._on_counsellor_added)
        dialog.open()
        return dialog

    def open_recovery(self) -> RecoveryDialog:
        from .recovery_dialog import RecoveryDialog
        from .recovery_model import RecoveryModel

        model = RecoveryModel(self.model.data_dir, self.model.runner)
        dialog = RecoveryDialog(model, self.model.accounts, self.model.selected, self)
        dialog.recovered.connect(self._on_unlocked)
        dialog.open()
        return dialog

    def _on_counsellor_added(self, counsellor: Counsellor) -> None:
        self.model.refresh(select=counsellor.id)
        self._render_accounts()
        self.passphrase.clear()
        self.passphrase.setFocus()
        self.note.show_message(
            tr(
                "Compte ajouté : {name} Il peut maintenant être déverrouillé avec sa propre "
                "phrase de passe.",
                name=end_sentence(counsellor.display_name),
            )
        )

    def _on_failed(self) -> None:
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _on_unlocked(self, session: object) -> None:
        self.passphrase.clear()
        self.unlocked.emit(session)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self._painted:  # shown at last: load what the unlock needs while they type
            self._painted = True
            QTimer.singleShot(0, self.model, self.model.warm_up)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.passphrase.clear()  # Escape clears the field, never closes the window
            return
        super().keyPressEvent(event)

    # -- from the model to the screen ---------------------------------------------------------

    def _render_accounts(self) -> None:
        self.accounts.blockSignals(True)
        self.accounts.clear()
        for account in self.model.accounts:
            item = QListWidgetItem(account_label(account), self.accounts)
            item.setData(ACCOUNT_ROLE, account.account_id)
            if account.account_id == self.model.selected:
                self.accounts.setCurrentItem(item)
        self.accounts.blockSignals(False)

    def _render(self) -> None:
        model = self.model
        self.message.show_message(model.message)
        self.unlock_button.setEnabled(model.can_submit(self.passphrase.text()))
        for widget in (self.accounts, self.passphrase, self.add_button, self.recovery_button):
            widget.setEnabled(not model.busy)
        if model.busy:
            self.busy.start(model.busy_text)
            if model.upgrade is not None:
                self.busy.show_percent(model.upgrade.percent)
        else:
            self.busy.stop()

    def select_account(self, account_id: uuid.UUID) -> None:
        for row in range(self.accounts.count()):
            item = self.accounts.item(row)
            if item.data(ACCOUNT_ROLE) == account_id:
                self.accounts.setCurrentItem(item)
