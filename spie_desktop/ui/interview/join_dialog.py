"""The second counsellor joins the interview with their own passphrase — or, having joined
before a lock, confirms it again before writing in their pane.

A colleague not yet on this device is added from here ("Ajouter un·e conseiller·ère…"), then
chosen in the list to join at once.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..feedback import InlineMessage
from ..i18n import tr
from .workspace_model import WorkspaceModel

if TYPE_CHECKING:
    from spie_desktop.domain.organisation import Counsellor
    from spie_desktop.services.device import SlotInfo

    from ..add_counsellor_dialog import AddCounsellorDialog


class JoinDialog(QDialog):
    def __init__(
        self,
        model: WorkspaceModel,
        accounts: list[SlotInfo],
        parent: QWidget | None = None,
        *,
        confirm: bool = False,
        selected: uuid.UUID | None = None,
    ) -> None:
        """``confirm``: the one account listed joined before a lock and confirms again."""
        super().__init__(parent)
        self.model = model
        self.confirm = confirm
        self.setWindowTitle(tr("Confirmer sa présence") if confirm else tr("Rejoindre l'entretien"))
        layout = QVBoxLayout(self)
        if confirm:
            text = tr(
                "L'application a été verrouillée : avant d'écrire de nouveau dans son volet, le "
                "ou la conseiller·ère confirme sa présence avec sa propre phrase de passe."
            )
        else:
            text = tr(
                "Chaque conseiller saisit sa propre phrase de passe : les réponses écrites dans "
                "son volet lui sont ensuite attribuées."
            )
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.account = QComboBox(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("&Compte"), self.account)
        form.addRow(tr("&Phrase de passe"), self.passphrase)
        layout.addLayout(form)
        self.message = InlineMessage(self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("Confirmer") if confirm else tr("Rejoindre")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))
        self.add_button = QPushButton(tr("&Ajouter un·e conseiller·ère…"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.setVisible(not confirm)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._join)
        buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_counsellor)
        layout.addWidget(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        model.owners_changed.connect(self.accept)
        model.join_failed.connect(self._failed)
        self._fill(accounts, selected)
        self.account.setEnabled(not confirm)
        self.passphrase.setFocus()

    def _fill(self, accounts: list[SlotInfo], selected: uuid.UUID | None) -> None:
        self.account.clear()
        for index, account in enumerate(accounts):
            self.account.addItem(account.display_name, account.account_id)
            if account.account_id == selected:  # (findData compares Python objects by identity)
                self.account.setCurrentIndex(index)
        if accounts:
            self.message.clear_message()
        else:
            self.message.show_message(
                tr(
                    "Aucun autre compte sur cet appareil : ajoutez-le avec « Ajouter "
                    "un·e conseiller·ère »."
                )
            )
        self._ok.setEnabled(bool(accounts))

    def add_counsellor(self) -> AddCounsellorDialog:
        """A colleague not yet on this device: add their account, then choose it here."""
        from ..add_counsellor_dialog import open_in_window

        dialog = open_in_window(self.model.context, self)
        dialog.added.connect(self._on_added)
        return dialog

    def _on_added(self, counsellor: Counsellor) -> None:
        self._fill(self.model.service.other_accounts(), counsellor.id)
        self.passphrase.clear()
        self.passphrase.setFocus()

    def _join(self) -> None:
        if not self.passphrase.text():
            self.message.show_message(tr("Saisissez la phrase de passe."))
            return
        self.message.show_message(tr("Vérification…"))
        self._ok.setEnabled(False)
        self.model.join(self.account.currentData(), self.passphrase.text())
        self.passphrase.clear()

    def _failed(self, message: str) -> None:
        if self.confirm:
            message = tr("{problem} Le volet reste en lecture seule.", problem=message)
        self.message.show_message(message)
        self._ok.setEnabled(True)
        self.passphrase.setFocus()
