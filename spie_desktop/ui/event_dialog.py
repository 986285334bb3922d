"""« Ajouter un événement… » on a person's parcours: the kind, the day, a note, and what the
kind records (a contact's channel; a return to work's contract, hours and employer; « prévu »
for a step booked ahead).

A refusal (the domain's French message) shows next to the field it is about; nothing typed
is lost — the dialog stays open until the event is written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.event_details import (
    CHANNEL,
    CHANNEL_LABELS,
    CONTRACT,
    CONTRACT_LABELS,
    EMPLOYER,
    HOURS,
    PLANNABLE_KINDS,
    PLANNED,
)
from spie_desktop.domain.events import FOLLOW_UP_LABELS, FollowUpKind
from spie_desktop.domain.support_end import SUPPORT_KINDS

from .feedback import InlineMessage
from .i18n import format_date, tr
from .parcours_model import ParcoursModel
from .parcours_texts import parse_event_day

#: A check-in has its own dialog (« Suivi dans l'emploi… »); an end of support, a
#: reopening and a restriction their own actions on the file (``person_file_support_dialogs``).
KINDS = [k for k in FollowUpKind if k is not FollowUpKind.CHECK_IN and k not in SUPPORT_KINDS]


class EventDialog(QDialog):
    def __init__(
        self, model: ParcoursModel, person_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Ajouter un événement — {name}", name=person_name))
        self.setMinimumWidth(460)
        self.kind = QComboBox(self)
        for kind in KINDS:
            self.kind.addItem(tr(FOLLOW_UP_LABELS[kind]), kind.value)
        self.kind.setCurrentIndex(KINDS.index(FollowUpKind.CONTACT))
        self.day = QLineEdit(self)
        self.day.setPlaceholderText(tr("JJ/MM/AAAA"))
        self.day.setText(format_date(model.today or date.today()))
        self.day_error = InlineMessage(self)
        self.planned = QCheckBox(tr("&Prévu (pas encore fait)"), self)
        self.planned_error = InlineMessage(self)
        self.channel = QComboBox(self)
        self.channel.addItem(tr("non précisé"), None)
        for key, label in CHANNEL_LABELS.items():
            self.channel.addItem(tr(label), key)
        self.contract = QComboBox(self)
        self.contract.addItem(tr("non précisé"), None)
        for key, label in CONTRACT_LABELS.items():
            self.contract.addItem(tr(label), key)
        self.hours = QSpinBox(self)
        self.hours.setRange(0, 60)
        self.hours.setSpecialValueText(tr("non précisé"))
        self.hours.setSuffix(tr(" h par semaine"))
        self.employer = QLineEdit(self)
        self.details_error = InlineMessage(self)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(tr("Ce qui s'est dit, ce qui est convenu…"))
        self.note.setFixedHeight(90)
        self.note.setTabChangesFocus(True)  # a short note: Tab goes on to the buttons
        self.error = InlineMessage(self)

        self.form = QFormLayout()
        self.form.addRow(tr("É&vénement :"), self.kind)
        self.form.addRow(tr("&Date :"), self.day)
        self.form.addRow("", self.day_error)
        self.form.addRow("", self.planned)
        self.form.addRow("", self.planned_error)
        self.form.addRow(tr("&Moyen de contact :"), self.channel)
        self.form.addRow(tr("&Contrat :"), self.contract)
        self.form.addRow(tr("D&urée :"), self.hours)
        self.form.addRow(tr("Emplo&yeur :"), self.employer)
        self.form.addRow("", self.details_error)
        self.form.addRow(tr("&Note :"), self.note)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            tr("&Enregistrer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._show_fields)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._show_fields()

    @property
    def chosen_kind(self) -> FollowUpKind:
        return FollowUpKind(self.kind.currentData())  # Qt hands a StrEnum back as text

    def _show_fields(self, *_changed: object) -> None:
        kind = self.chosen_kind
        shown = {
            self.planned: kind in PLANNABLE_KINDS,
            self.channel: kind is FollowUpKind.CONTACT,
            self.contract: kind is FollowUpKind.EMPLOYMENT,
            self.hours: kind is FollowUpKind.EMPLOYMENT,
            self.employer: kind is FollowUpKind.EMPLOYMENT,
        }
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
        if kind not in PLANNABLE_KINDS:
            self.planned.setChecked(False)

    def details(self) -> dict[str, Any]:
        kind = self.chosen_kind
        details: dict[str, Any] = {}
        if kind in PLANNABLE_KINDS and self.planned.isChecked():
            details[PLANNED] = True
        if kind is FollowUpKind.CONTACT and self.channel.currentData():
            details[CHANNEL] = self.channel.currentData()
        if kind is FollowUpKind.EMPLOYMENT:
            if self.contract.currentData():
                details[CONTRACT] = self.contract.currentData()
            if self.hours.value():
                details[HOURS] = self.hours.value()
            if self.employer.text().strip():
                details[EMPLOYER] = self.employer.text().strip()
        return details

    def save(self) -> None:
        for message in (self.day_error, self.planned_error, self.details_error, self.error):
            message.clear_message()
        day, problem = parse_event_day(self.day.text())
        if day is None:
            self.day_error.show_message(problem)
            self.day.setFocus()
            return
        if self.model.add_event(
            self.chosen_kind,
            day,
            self.note.toPlainText(),
            self.details(),
            self.accept,
            self.show_refusal,
        ):
            self.save_button.setEnabled(False)

    def show_refusal(self, message: str, field: str | None) -> None:
        """The domain's French refusal, next to the field it is about; fields kept."""
        self.save_button.setEnabled(True)
        if field == "date":
            self.day_error.show_message(message)
            self.day.setFocus()
        elif field == PLANNED:
            self.planned_error.show_message(message)
        elif field in (CHANNEL, CONTRACT, HOURS, EMPLOYER):
            self.details_error.show_message(message)
        else:
            self.error.show_message(message)
