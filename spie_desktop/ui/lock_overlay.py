"""The lock screen inside the main window: nothing personal shown, the passphrase asked again.

It replaces the window's content while locked (the content is hidden, not merely painted
over, so neither the eye nor a screen reader finds it). Unlocking runs on the database lane
through :class:`UnlockModel`, like the unlock window; another account may unlock too. A
colleague's account can be added from here too (the store is closed: the vouching colleague's
passphrase opens it for the time of the addition); once unlocked, the interview that was on
screen offers the new account to join.
"""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .add_counsellor_dialog import AddCounsellorDialog
from .add_counsellor_model import AddCounsellorModel
from .feedback import BusyIndicator, InlineMessage
from .i18n import tr
from .setup_pages import heading, paragraph
from .unlock_model import UnlockModel, account_label, unexpected_error

log = logging.getLogger(__name__)


class LockOverlay(QWidget):
    unlocked = Signal(object)  # Session
    counsellor_added = Signal(object)  # Counsellor

    def __init__(self, model: UnlockModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAutoFillBackground(True)  # opaque
        self.accounts = QComboBox(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = InlineMessage(self)
        self.busy = BusyIndicator(self)
        self.unlock_button = QPushButton(tr("&Déverrouiller"), self)
        self.unlock_button.setDefault(True)
        self.add_button = QPushButton(tr("&Ajouter un·e conseiller·ère…"), self)
        self.add_button.setAutoDefault(False)
        self.note = InlineMessage(self, error=False)

        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(560)
        form = QFormLayout()
        account_label_widget = QLabel(tr("&Compte :"), card)
        account_label_widget.setBuddy(self.accounts)
        passphrase_label = QLabel(tr("&Phrase de passe :"), card)
        passphrase_label.setBuddy(self.passphrase)
        form.addRow(account_label_widget, self.accounts)
        form.addRow(passphrase_label, self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.addWidget(heading(tr("Session verrouillée"), card))
        inner.addWidget(
            paragraph(
                tr("Saisissez votre phrase de passe pour reprendre là où vous en étiez."), card
            )
        )
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addWidget(self.note)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.accounts.currentIndexChanged.connect(
            lambda _i: model.select(self.accounts.currentData())
        )
        self.passphrase.textChanged.connect(lambda _t: self._render())
        self.passphrase.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.add_button.clicked.connect(self.open_add_counsellor)
        model.changed.connect(self._render)
        model.failed.connect(self._on_failed)
        model.unlocked.connect(self._on_unlocked)

    def start(self, account_id: uuid.UUID | None) -> None:
        """Show the accounts of this device, ``account_id`` selected, and an empty field."""
        self.passphrase.clear()
        self.note.clear_message()
        self.model.message = ""
        try:
            self.model.refresh(select=account_id)
        except Exception as exc:  # the key file went missing: say so, in place
            log.warning("accounts unreadable at lock: %s", type(exc).__name__)
            self.model.message = unexpected_error(exc, self.model.data_dir)
        self._render_accounts()
        self.passphrase.setFocus()

    def _render_accounts(self) -> None:
        self.accounts.blockSignals(True)
        self.accounts.clear()
        ids = [account.account_id for account in self.model.accounts]
        for account in self.model.accounts:
            self.accounts.addItem(account_label(account), account.account_id)
        # By value: findData compares the Python objects by identity.
        self.accounts.setCurrentIndex(
            ids.index(self.model.selected) if self.model.selected in ids else 0
        )
        self.accounts.blockSignals(False)
        self._render()

    def open_add_counsellor(self) -> AddCounsellorDialog:
        """Add a colleague's account while locked (non-blocking, like the unlock window's)."""
        model = AddCounsellorModel(self.model.data_dir, self.model.runner)
        dialog = AddCounsellorDialog(model, self.model.accounts, self.model.selected, self)
        dialog.added.connect(self._on_counsellor_added)
        dialog.open()
        return dialog

    def _on_counsellor_added(self, counsellor: object) -> None:
        name = getattr(counsellor, "display_name", "")
        self.model.refresh(select=self.model.selected)  # the one unlocking stays chosen
        self._render_accounts()
        self.note.show_message(
            tr(
                "{name} a maintenant un compte sur ce poste : après le déverrouillage, {name} "
                "pourra rejoindre l'entretien avec sa propre phrase de passe.",
                name=name,
            )
        )
        self.passphrase.setFocus()
        self.counsellor_added.emit(counsellor)

    def _submit(self) -> None:
        self.model.submit(self.passphrase.text())

    def _on_failed(self) -> None:
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _on_unlocked(self, session: object) -> None:
        self.passphrase.clear()
        self.unlocked.emit(session)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.passphrase.clear()
            return
        super().keyPressEvent(event)

    def _render(self) -> None:
        model = self.model
        self.message.show_message(model.message)
        self.unlock_button.setEnabled(model.can_submit(self.passphrase.text()))
        self.accounts.setEnabled(not model.busy and self.accounts.count() > 1)
        self.passphrase.setEnabled(not model.busy)
        self.add_button.setEnabled(not model.busy)
        if model.busy:
            self.busy.start(tr("Déverrouillage…"))
        else:
            self.busy.stop()
