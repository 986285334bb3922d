"""Dialog: a colleague already on this device adds a new counsellor account."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from spie_desktop.services.colleagues import device_accounts
from spie_desktop.services.device import SlotInfo

from .account_combo import AccountCombo
from .add_counsellor_model import AddCounsellorInWindowModel, AddCounsellorModel
from .dialog_body import scrolling_body
from .feedback import BusyIndicator, InlineMessage
from .field_choice import FieldChoice
from .i18n import tr
from .passphrase_fields import NewPassphraseFields
from .setup_pages import paragraph

if TYPE_CHECKING:
    from .window_context import WindowContext


class AddCounsellorDialog(QDialog):
    added = Signal(object)  # Counsellor

    def __init__(
        self,
        model: AddCounsellorModel,
        accounts: list[SlotInfo],
        selected: uuid.UUID | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self.setWindowTitle(tr("Ajouter un·e conseiller·ère sur ce poste"))
        self.setMinimumWidth(560)
        self.colleague = AccountCombo(accounts, selected, self)
        self.colleague_passphrase = QLineEdit(self)
        self.colleague_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.colleague_error = InlineMessage(self)
        self.display_name = QLineEdit(self)
        self.display_name.setPlaceholderText(tr("ex. Julien R."))
        self.name_error = InlineMessage(self)
        self.field = FieldChoice(self)
        self.new_passphrase = NewPassphraseFields(self)
        self.general_error = InlineMessage(self)
        self.busy = BusyIndicator(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = self.buttons.addButton(
            tr("Ajou&ter le compte"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))

        colleague_box = QGroupBox(tr("Collègue déjà inscrit·e sur ce poste"), self)
        colleague_form = QFormLayout(colleague_box)
        self._row(colleague_form, tr("Co&mpte :"), self.colleague)
        self._row(colleague_form, tr("Sa p&hrase de passe :"), self.colleague_passphrase)
        colleague_form.addRow("", self.colleague_error)
        new_box = QGroupBox(tr("Nouveau compte"), self)
        new_form = QFormLayout(new_box)
        self._row(new_form, tr("&Nom :"), self.display_name)
        new_form.addRow("", self.name_error)
        new_form.addRow(tr("Volet :"), self.field)
        new_form.addRow(self.new_passphrase)
        layout, footer = scrolling_body(self)  # scrolls down with text at 200 %
        layout.addWidget(
            paragraph(
                tr(
                    "Chaque conseiller·ère a son propre compte et sa propre phrase de passe. "
                    "Pour ajouter un compte, un·e collègue déjà inscrit·e sur ce poste confirme "
                    "avec sa phrase de passe."
                ),
                self,
            )
        )
        layout.addWidget(colleague_box)
        layout.addWidget(new_box)
        layout.addStretch(1)
        footer.addWidget(self.general_error)
        footer.addWidget(self.busy)
        footer.addWidget(self.buttons)

        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        model.changed.connect(self._render)
        model.added.connect(self._on_added)
        self.colleague_passphrase.setFocus()

    def _row(self, form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        form.addRow(label, widget)

    def _submit(self) -> None:
        passphrase, confirmation = self.new_passphrase.texts()
        self.model.submit(
            self.colleague.account_id(),
            self.colleague_passphrase.text(),
            self.display_name.text(),
            self.field.value(),
            passphrase,
            confirmation,
        )

    def _on_added(self, counsellor: object) -> None:
        self.added.emit(counsellor)
        self.accept()

    def reject(self) -> None:
        if not self.model.busy:  # a key derivation under way must finish first
            super().reject()

    def close_for_lock(self) -> None:
        """Locked: nothing typed here stays on screen (a result in flight is dropped)."""
        self.colleague_passphrase.clear()
        self.new_passphrase.clear()
        self.done(QDialog.DialogCode.Rejected)

    def _render(self) -> None:
        model, errors = self.model, self.model.errors
        self.colleague_error.show_message(errors.get("colleague", ""))
        self.name_error.show_message(errors.get("display_name", ""))
        self.new_passphrase.show_error(errors.get("passphrase", ""))
        self.general_error.show_message(errors.get("general", ""))
        for widget in (
            self.colleague,
            self.colleague_passphrase,
            self.display_name,
            self.field,
            self.new_passphrase,
            self.buttons,
        ):
            widget.setEnabled(not model.busy)
        if model.busy:
            self.busy.start(tr("Ajout du compte…"))
        else:
            self.busy.stop()
        if "colleague" in errors:
            self.colleague_passphrase.selectAll()
            self.colleague_passphrase.setFocus()


def open_in_window(context: WindowContext, parent: QWidget) -> AddCounsellorDialog:
    """The dialog inside the unlocked window: the counsellor at the keyboard vouches (their
    account chosen), the account is added to the open store; a lock closes the dialog."""
    session = context.session
    if session is None:
        raise RuntimeError("the window is locked")
    model = AddCounsellorInWindowModel(context)
    dialog = AddCounsellorDialog(
        model, device_accounts(session.data_dir), session.counsellor.id, parent
    )
    context.locked.connect(dialog.close_for_lock)
    dialog.open()
    return dialog
