"""The dialogs of a file's end of support and restriction: « Clore l'accompagnement… »
(an outcome and a date) and the reason asked to reopen it or to restrict it. Each stays open
until the service has answered, its refusal shown next to the field it is about."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.support_end import OUTCOME_LABELS

from .feedback import InlineMessage
from .i18n import format_date, tr
from .parcours_texts import parse_event_day
from .person_file_model import OnDone, OnRefused, PersonFileModel


class CloseSupportDialog(QDialog):
    def __init__(self, model: PersonFileModel, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Clore l'accompagnement — {name}", name=model.title))
        self.setMinimumWidth(480)
        self.outcome = QComboBox(self)
        for outcome, label in OUTCOME_LABELS.items():
            self.outcome.addItem(tr(label), outcome.value)
        self.outcome_error = InlineMessage(self)
        self.day = QLineEdit(format_date(today), self)
        self.day.setPlaceholderText(tr("JJ/MM/AAAA"))
        self.day_error = InlineMessage(self)
        self.error = InlineMessage(self)
        form = QFormLayout()
        form.addRow(tr("Issue :"), self.outcome)
        form.addRow("", self.outcome_error)
        form.addRow(tr("Date de fin :"), self.day)
        form.addRow("", self.day_error)
        note = InlineMessage(self, error=False)
        note.show_message(tr("Le dossier passera en lecture seule ; il pourra être rouvert."))
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            tr("Clore l'accompagnement"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        for message in (self.outcome_error, self.day_error, self.error):
            message.clear_message()
        day, problem = parse_event_day(self.day.text())
        if day is None:
            self.day_error.show_message(problem)
            self.day.setFocus()
            return
        outcome = str(self.outcome.currentData())
        if self.model.close_support(outcome, day, self.accept, self.show_refusal):
            self.save_button.setEnabled(False)

    def show_refusal(self, message: str, field: str | None) -> None:
        self.save_button.setEnabled(True)
        if field == "date":
            self.day_error.show_message(message)
            self.day.setFocus()
        elif field == "outcome":
            self.outcome_error.show_message(message)
        else:
            self.error.show_message(message)


#: What a reason dialog asks the model to do with the reason typed.
Submit = Callable[[str, OnDone, OnRefused], bool]


class ReasonDialog(QDialog):
    """A mandatory reason, then ``submit``: reopening a file, restricting it."""

    def __init__(
        self,
        title: str,
        explanation: str,
        action: str,
        submit: Submit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.submit = submit
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.explanation = InlineMessage(self, error=False)
        self.explanation.show_message(explanation)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(tr("Motif (obligatoire)"))
        self.reason.setFixedHeight(80)
        self.reason.setAccessibleName(tr("Motif"))
        self.reason.setTabChangesFocus(True)  # a sentence or two: Tab goes on to the buttons
        self.error = InlineMessage(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        self.error.clear_message()
        if self.submit(self.reason.toPlainText(), self.accept, self.show_refusal):
            self.save_button.setEnabled(False)

    def show_refusal(self, message: str, _field: str | None) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(message)
        self.reason.setFocus()
