"""One objective of the plan and the actions under it (layout; the model checks and saves)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.organisation import StructureKind
from spie_desktop.domain.plan import Action, ActionDate, ActionStatus, Objective, ObjectiveStatus

from ..feedback import InlineMessage
from ..i18n import tr
from ..immersion_state import immersion_state_row
from ..offer_link_dialog import OfferLinkDialog
from .inputs import DateInput, EnumChoice, SuggestedText
from .labels import action_status_label, objective_status_label
from .plan_model import PlanModel, referential_actions, referential_objectives

STRUCTURE_SUGGESTIONS = [kind.label for kind in StructureKind if kind is not StructureKind.OTHER]


class ActionForm(QFrame):
    """Type, responsible structure, referent, start and due dates, status of one action."""

    remove_requested = Signal(object)  # the action id

    def __init__(
        self, model: PlanModel, theme: str, action: Action, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.action_id: uuid.UUID = action.id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = SuggestedText(referential_actions(theme), action.label, self)
        self.label.setAccessibleName(tr("Action"))
        self.label_error = InlineMessage(self)
        self.structure = SuggestedText(STRUCTURE_SUGGESTIONS, action.responsible_structure, self)
        self.structure.setAccessibleName(tr("Structure responsable"))
        self.referent = QLineEdit(action.referent, self)
        self.referent.setAccessibleName(tr("Référent"))
        self.start = DateInput(action.start_date, tr("Début de l'action"), self)
        self.due = DateInput(action.due_date, tr("Échéance de l'action"), self)
        self.status = EnumChoice(ActionStatus, action_status_label, action.status, self)
        self.status.setAccessibleName(tr("Statut de l'action"))
        self.effective = QLabel(self)
        self.remove_button = QPushButton(tr("Retirer l'action"), self)
        self.remove_button.setAutoDefault(False)
        self.theme = theme
        self.offer_label = QLabel(self)
        self.offer_label.setWordWrap(True)
        self.offer_label.setText(
            action.linked_offer.sentence() if action.linked_offer else tr("Aucune offre liée.")
        )
        self.link_offer_button = QPushButton(tr("Lier une offre…"), self)
        self.link_offer_button.setAutoDefault(False)
        self.unlink_offer_button = QPushButton(tr("Retirer l'offre"), self)
        self.unlink_offer_button.setAutoDefault(False)
        self.unlink_offer_button.setVisible(action.linked_offer is not None)

        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(_caption(tr("Échéanc&e :"), self.due, self))
        dates.addWidget(self.due)
        dates.addStretch(1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addWidget(self.effective, 1)
        status_row.addWidget(self.remove_button)
        form = QFormLayout(self)
        form.addRow(tr("Act&ion :"), self.label)
        form.addRow("", self.label_error)
        form.addRow(tr("Structure &responsable :"), self.structure)
        form.addRow(tr("Référe&nt :"), self.referent)
        form.addRow(_caption(tr("&Début et échéance :"), self.start, self), dates)
        form.addRow(_caption(tr("S&tatut :"), self.status, self), status_row)
        offer_row = QHBoxLayout()
        offer_row.addWidget(self.offer_label, 1)
        offer_row.addWidget(self.link_offer_button)
        offer_row.addWidget(self.unlink_offer_button)
        form.addRow(tr("Offre :"), offer_row)
        # « Immersion (PMSMP)… » sits on that row, not beside the status: there it pushed the
        # plan past a 1366-pixel window (a sideways scroll bar).
        self.immersion_state = immersion_state_row(
            model.context, model.person_id, action.id, action.label, self, form
        )

        self.label.text_edited.connect(self._label_edited)
        self.structure.text_edited.connect(
            lambda text: model.set_action_text(self.action_id, "responsible_structure", text)
        )
        self.referent.textEdited.connect(
            lambda text: model.set_action_text(self.action_id, "referent", text)
        )
        self.start.edited.connect(lambda t: self._date_edited(self.start, "start_date", t))
        self.due.edited.connect(lambda text: self._date_edited(self.due, "due_date", text))
        self.status.chosen.connect(self._status_chosen)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.action_id))
        self.link_offer_button.clicked.connect(self.choose_offer)
        self.unlink_offer_button.clicked.connect(
            lambda: self.model.link_offer(self.action_id, None)
        )
        self.refresh_effective(action)

    def choose_offer(self) -> None:
        """« Lier une offre »: the search filtered by the action's theme, near the person."""
        plan = self.model.plan
        dialog = OfferLinkDialog(
            self.model.context, self.theme, plan.person_id if plan else None, self.window()
        )
        if dialog.exec() and dialog.chosen is not None:
            self.model.link_offer(self.action_id, dialog.chosen.snapshot())
        dialog.deleteLater()

    def _label_edited(self, text: str) -> None:
        self.label_error.show_message(self.model.set_action_text(self.action_id, "label", text))

    def _date_edited(self, field: DateInput, name: ActionDate, text: str) -> None:
        field.show_result(self.model.set_action_date(self.action_id, name, text))
        other = self.due if field is self.start else self.start
        other_name: ActionDate = "due_date" if field is self.start else "start_date"
        if not field.error.isVisible() and other.error.isVisible():
            # "due before start" may be solved by this change: try the other date again.
            other.show_result(self.model.set_action_date(self.action_id, other_name, other.text()))
        self.refresh_effective()

    def _status_chosen(self, status: ActionStatus) -> None:
        self.model.set_action_status(self.action_id, status)
        self.refresh_effective()

    def refresh_effective(self, action: Action | None = None) -> None:
        action = action or self._action()
        if action is None:
            return
        text = self.model.effective_status_text(action)
        shown = text != action_status_label(action.status)
        self.effective.setText(tr("Statut effectif : {status}", status=text) if shown else "")

    def show_problem(self, message: str) -> None:
        self.due.error.show_message(message)

    def _action(self) -> Action | None:
        plan = self.model.plan
        for objective in plan.objectives if plan else []:
            for action in objective.actions:
                if action.id == self.action_id:
                    return action
        return None

    def set_read_only(self, value: bool) -> None:
        for widget in (
            self.label,
            self.structure,
            self.status,
            self.remove_button,
            self.link_offer_button,
            self.unlink_offer_button,
        ):
            widget.setEnabled(not value)
        self.referent.setReadOnly(value)
        self.start.set_read_only(value)
        self.due.set_read_only(value)


class ObjectiveBox(QFrame):
    """An objective: its label (from the referential or free), status, and its actions."""

    remove_requested = Signal(object)  # objective id
    action_remove_requested = Signal(object)  # action id
    add_action_requested = Signal(object)  # objective id

    def __init__(
        self, model: PlanModel, objective: Objective, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.objective_id: uuid.UUID = objective.id
        self.setFrameShape(QFrame.Shape.Box)
        heading = QLabel(tr("Objectif"), self)
        bold = QFont()
        bold.setBold(True)  # only the weight: the size follows presentation mode
        heading.setFont(bold)
        self.label = SuggestedText(referential_objectives(objective.theme), objective.label, self)
        self.label.setAccessibleName(tr("Intitulé de l'objectif"))
        heading.setBuddy(self.label)
        self.label_error = InlineMessage(self)
        self.status = EnumChoice(ObjectiveStatus, objective_status_label, objective.status, self)
        self.status.setAccessibleName(tr("Statut de l'objectif"))
        self.remove_button = QPushButton(tr("Retirer l'objectif"), self)
        self.add_action_button = QPushButton(tr("Ajouter une a&ction"), self)
        for button in (self.remove_button, self.add_action_button):
            button.setAutoDefault(False)
        self.no_action = QLabel(tr("Aucune action pour l'instant."), self)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.label, 1)
        top.addWidget(self.status)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.label_error)
        self.action_forms: list[ActionForm] = []
        for action in objective.actions:
            form = ActionForm(model, objective.theme, action, self)
            form.remove_requested.connect(self.action_remove_requested)
            layout.addWidget(form)
            self.action_forms.append(form)
        self.no_action.setVisible(not objective.actions)
        layout.addWidget(self.no_action)
        layout.addWidget(self.add_action_button)

        self.label.text_edited.connect(
            lambda text: self.label_error.show_message(
                model.set_objective_label(self.objective_id, text)
            )
        )
        self.status.chosen.connect(lambda s: model.set_objective_status(self.objective_id, s))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.objective_id))
        self.add_action_button.clicked.connect(
            lambda: self.add_action_requested.emit(self.objective_id)
        )

    def set_read_only(self, value: bool) -> None:
        for widget in (self.label, self.status, self.remove_button, self.add_action_button):
            widget.setEnabled(not value)
        for form in self.action_forms:
            form.set_read_only(value)


def _caption(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A row label whose Alt+letter goes to ``buddy`` (QFormLayout only does it for widgets)."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label
