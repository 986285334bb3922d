"""« Suivi dans l'emploi… » for a check-in due after a return to work: still in work, the
contract, what is hard, a new action (which goes into the plan), a note.

Written by ``services.check_ins.record_check_in``; a refusal shows in place, fields kept.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.event_details import CONTRACT_LABELS, DIFFICULTY_LABELS
from spie_desktop.services.check_ins import CheckIn
from spie_desktop.services.evaluations import EvaluationStep

from .evaluation_offer import hand_over, offer_button
from .evaluation_window import EvaluationWindow
from .feedback import InlineMessage
from .i18n import format_date, tr
from .parcours_model import ParcoursModel
from .parcours_texts import parse_event_day

#: The difficulties' boxes with their Alt+letter (the labels themselves are the domain's).
DIFFICULTY_KEYS = {
    "transport": "&Transport",
    "childcare": "&Garde d'enfants",
    "health": "&Santé",
    "money": "A&rgent",
    "work_relations": "Relations au tra&vail",
}


#: The check-in at which the person is offered their evaluation.
SIX_MONTHS = 6


class CheckInDialog(QDialog):
    def __init__(
        self,
        model: ParcoursModel,
        month: int,
        person_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.month = month
        self.setWindowTitle(
            tr("Suivi dans l'emploi à {n} mois — {name}", n=month, name=person_name)
        )
        self.setMinimumWidth(460)
        self.day = QLineEdit(self)
        self.day.setPlaceholderText(tr("JJ/MM/AAAA"))
        self.day.setText(format_date(model.today or date.today()))
        self.day_error = InlineMessage(self)
        self.still = QRadioButton(tr("Oui"), self)
        self.not_still = QRadioButton(tr("Non"), self)
        self.still_group = QButtonGroup(self)
        self.still_group.addButton(self.still)
        self.still_group.addButton(self.not_still)
        still_row = QHBoxLayout()
        still_row.addWidget(self.still)
        still_row.addWidget(self.not_still)
        still_row.addStretch(1)
        self.contract = QComboBox(self)
        self.contract.addItem(tr("non précisé"), None)
        for key, label in CONTRACT_LABELS.items():
            self.contract.addItem(tr(label), key)
        hard_box = QGroupBox(tr("Ce qui est difficile"), self)
        hard_layout = QVBoxLayout(hard_box)
        self.difficulties: dict[str, QCheckBox] = {}
        for key, label in DIFFICULTY_LABELS.items():
            box = QCheckBox(tr(DIFFICULTY_KEYS.get(key, label)), hard_box)
            hard_layout.addWidget(box)
            self.difficulties[key] = box
        self.new_action = QLineEdit(self)
        self.new_action.setPlaceholderText(tr("Ajoutée au plan d'action"))
        self.note = QPlainTextEdit(self)
        self.note.setFixedHeight(70)
        self.note.setTabChangesFocus(True)  # a short note: Tab goes on to the buttons
        self.error = InlineMessage(self)

        form = QFormLayout()
        form.addRow(tr("&Date du suivi :"), self.day)
        form.addRow("", self.day_error)
        still_label = QLabel(tr("Toujours en &emploi :"), self)
        still_label.setBuddy(self.still)  # then the arrows go from « Oui » to « Non »
        form.addRow(still_label, still_row)
        form.addRow(tr("&Contrat :"), self.contract)
        form.addRow(hard_box)
        form.addRow(tr("Nouvelle &action :"), self.new_action)
        form.addRow(tr("&Note :"), self.note)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            tr("Enregistrer le su&ivi"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.evaluation: EvaluationWindow | None = None
        self.evaluate_button = offer_button(self)
        self.evaluate_button.setVisible(month == SIX_MONTHS)
        if month == SIX_MONTHS:
            self.buttons.addButton(self.evaluate_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.evaluate_button.clicked.connect(self.hand_over)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def hand_over(self) -> bool:
        """The 6-month check-in: hand the screen to the person for their evaluation (if they
        agreed to be asked); a refusal shows in place."""
        person_id = self.model.person_id
        if person_id is None:
            return False
        self.error.clear_message()
        step = EvaluationStep.CHECK_IN_6M
        return hand_over(
            self.model.context,
            person_id,
            step,
            self,
            self._evaluation_opened,
            self.error.show_message,
        )

    def _evaluation_opened(self, window: EvaluationWindow) -> None:
        self.evaluation = window

    def check_in(self) -> CheckIn:
        return CheckIn(
            month=self.month,
            still_in_work=self.still.isChecked(),
            contract=self.contract.currentData(),
            difficulties=[k for k, box in self.difficulties.items() if box.isChecked()],
            new_action=self.new_action.text(),
            note=self.note.toPlainText(),
        )

    def save(self) -> None:
        self.day_error.clear_message()
        self.error.clear_message()
        day, problem = parse_event_day(self.day.text())
        if day is None:
            self.day_error.show_message(problem)
            return
        if not (self.still.isChecked() or self.not_still.isChecked()):
            self.error.show_message(tr("Indiquez si la personne est toujours en emploi."))
            return
        if self.model.record_check_in(day, self.check_in(), self.accept, self.show_refusal):
            self.save_button.setEnabled(False)

    def show_refusal(self, message: str, field: str | None) -> None:
        self.save_button.setEnabled(True)
        if field == "date":
            self.day_error.show_message(message)
        else:
            self.error.show_message(message)
