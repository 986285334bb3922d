"""« Bilan de fin d'immersion… »: the skills the person showed and the follow-up, recorded
once the immersion ended (its end then goes on the parcours)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .feedback import InlineMessage
from .i18n import tr
from .immersion_model import ImmersionModel


class AssessmentDialog(QDialog):
    def __init__(self, model: ImmersionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Bilan de fin d'immersion"))
        self.setMinimumWidth(460)
        self.skills = QPlainTextEdit(self)
        self.skills.setAccessibleName(tr("Compétences démontrées"))
        self.skills.setTabChangesFocus(True)
        self.follow_up = QPlainTextEdit(self)
        self.follow_up.setAccessibleName(tr("Suite donnée"))
        self.follow_up.setTabChangesFocus(True)
        self.follow_up.setPlaceholderText(tr("ex. embauche, formation, autre immersion"))
        current = model.immersion
        if current is not None and current.assessment is not None:
            self.skills.setPlainText(current.assessment.skills_shown)
            self.follow_up.setPlainText(current.assessment.follow_up)
        self.error = InlineMessage(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            tr("&Enregistrer le bilan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        form = QFormLayout()
        form.addRow(tr("Compétences &démontrées :"), self.skills)
        form.addRow(tr("&Suite donnée :"), self.follow_up)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        model.assessed.connect(lambda _i: self.accept())

    def save(self) -> None:
        self.error.clear_message()
        started = self.model.assess(
            self.skills.toPlainText(), self.follow_up.toPlainText(), self.show_refusal
        )
        if started:
            self.save_button.setEnabled(False)

    def show_refusal(self, message: str, _field: str | None) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(message)
