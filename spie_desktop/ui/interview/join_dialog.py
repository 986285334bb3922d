"""The second counsellor joins the interview with their own passphrase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..feedback import InlineMessage
from ..i18n import tr
from .workspace_model import WorkspaceModel

if TYPE_CHECKING:
    from spie_desktop.services.device import SlotInfo


class JoinDialog(QDialog):
    def __init__(
        self, model: WorkspaceModel, accounts: list[SlotInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Rejoindre l'entretien"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Chaque conseiller saisit sa propre phrase de passe : les réponses écrites dans "
                "son volet lui sont ensuite attribuées, jusqu'au verrouillage."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.account = QComboBox(self)
        for account in accounts:
            self.account.addItem(account.display_name, account.account_id)
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
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Rejoindre"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))
        buttons.accepted.connect(self._join)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        model.owners_changed.connect(self.accept)
        model.join_failed.connect(self._failed)
        if not accounts:
            self.message.show_message(
                tr("Aucun autre compte sur cet appareil : ajoutez-le depuis le menu Fichier.")
            )
            self._ok.setEnabled(False)
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
        self.message.show_message(message)
        self._ok.setEnabled(True)
