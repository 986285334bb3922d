"""« Effacer le dossier (droit à l'effacement)… »: the reason (required), the consequence said
plainly, a box to tick, and a button that stays disabled until both are given."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from .dialog_body import scrolling_body
from .erase_model import EraseModel
from .feedback import InlineMessage
from .i18n import tr
from .setup_pages import heading, paragraph
from .wrapped_check_box import WrappedCheckBox


class EraseDialog(QDialog):
    def __init__(self, model: EraseModel, person_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Effacer le dossier — {name}", name=person_name))
        self.setMinimumWidth(560)
        layout, footer = scrolling_body(self)
        layout.addWidget(heading(tr("Effacer le dossier de {name}", name=person_name), self))
        layout.addWidget(paragraph(model.consequence, self))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(tr("Motif de la demande (obligatoire)"))
        self.reason.setAccessibleName(tr("Motif de la demande"))
        layout.addWidget(self.reason)
        confirm = WrappedCheckBox(
            tr("J'ai compris : le dossier sera effacé partout, sans retour possible."), self
        )
        self.confirm = confirm.box
        layout.addWidget(confirm)
        layout.addStretch(1)
        self.message = InlineMessage(self)
        footer.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(tr("Annuler"), self)
        self.erase_button = QPushButton(tr("Effacer définitivement"), self)
        self.erase_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.erase_button)
        footer.addLayout(buttons)

        self.reason.textChanged.connect(model.set_reason)
        self.confirm.toggled.connect(model.set_confirmed)
        self.cancel_button.clicked.connect(self.reject)
        self.erase_button.clicked.connect(model.submit)
        model.changed.connect(self._render)
        model.erased.connect(lambda _person: self.accept())
        self._render()

    def _render(self) -> None:
        self.erase_button.setEnabled(self.model.can_submit)
        self.reason.setEnabled(not self.model.busy)
        self.confirm.setEnabled(not self.model.busy)
        self.message.show_message(self.model.message)
