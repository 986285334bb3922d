"""Dialog: the recovery key lets an account choose a new passphrase."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from spie_desktop.services.device import SlotInfo

from .account_combo import AccountCombo
from .dialog_body import scrolling_body
from .feedback import BusyIndicator, InlineMessage
from .i18n import tr
from .passphrase_fields import NewPassphraseFields
from .recovery_model import RecoveryModel
from .setup_pages import paragraph


class RecoveryDialog(QDialog):
    recovered = Signal(object)  # Session

    def __init__(
        self,
        model: RecoveryModel,
        accounts: list[SlotInfo],
        selected: uuid.UUID | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self.setWindowTitle(tr("Clé de secours"))
        self.setMinimumWidth(560)
        self.account = AccountCombo(accounts, selected, self)
        self.recovery_key = QLineEdit(self)
        self.recovery_key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-…")
        self.key_error = InlineMessage(self)
        self.new_passphrase = NewPassphraseFields(self, label=tr("&Nouvelle phrase de passe :"))
        self.general_error = InlineMessage(self)
        self.busy = BusyIndicator(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton(
            tr("&Valider et déverrouiller"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))

        form = QFormLayout()
        for text, widget in (
            (tr("C&ompte :"), self.account),
            (tr("Clé de &secours :"), self.recovery_key),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.key_error)
        layout, footer = scrolling_body(self)  # scrolls down with text at 200 %
        layout.addWidget(
            paragraph(
                tr(
                    "Saisissez la clé de secours remise lors de la configuration du poste "
                    "(l'administrateur·rice de votre structure la conserve), puis choisissez "
                    "une nouvelle phrase de passe pour ce compte."
                ),
                self,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.new_passphrase)
        layout.addStretch(1)
        footer.addWidget(self.general_error)
        footer.addWidget(self.busy)
        footer.addWidget(self.buttons)

        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        model.changed.connect(self._render)
        model.recovered.connect(self._on_recovered)
        self.recovery_key.setFocus()

    def _submit(self) -> None:
        passphrase, confirmation = self.new_passphrase.texts()
        self.model.submit(
            self.account.account_id(), self.recovery_key.text(), passphrase, confirmation
        )

    def _on_recovered(self, session: object) -> None:
        self.accept()
        self.recovered.emit(session)

    def reject(self) -> None:
        if not self.model.busy:
            super().reject()

    def _render(self) -> None:
        model, errors = self.model, self.model.errors
        self.key_error.show_message(errors.get("recovery_key", "") or errors.get("account", ""))
        self.new_passphrase.show_error(errors.get("passphrase", ""))
        self.general_error.show_message(errors.get("general", ""))
        for widget in (self.account, self.recovery_key, self.new_passphrase, self.buttons):
            widget.setEnabled(not model.busy)
        if model.busy:
            self.busy.start(model.busy_text)
            if model.upgrade is not None:
                self.busy.show_percent(model.upgrade.percent)
        else:
            self.busy.stop()
