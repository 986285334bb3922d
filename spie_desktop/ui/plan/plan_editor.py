"""The plan editor: contract and next review, objectives grouped by theme, their actions, and
beside them the objectives the diagnostic suggests, each taken up with "Ajouter".

Layout only; :class:`PlanModel` holds the draft, checks each field and saves each change.
Keyboard: every input is a plain line, list or button in reading order (Tab moves through
them); "Ajouter un objectif" takes the theme chosen beside it; a removal asks first.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.plan import Contract
from spie_desktop.domain.plan_problems import PlanProblem, ProblemKind
from spie_desktop.domain.referential import EMPLOI_THEMES, SOCIAL_THEMES

from ..feedback import InlineMessage
from ..i18n import format_date, tr, tr_said
from .contract_choice import ContractChoice
from .inputs import DateInput, confirm
from .labels import theme_label
from .objective_view import ActionForm, ObjectiveBox
from .plan_model import PlanModel, Problem
from .suggestions_model import SuggestionsModel
from .suggestions_panel import SuggestionsPanel

THEME_ORDER = tuple(dict.fromkeys(SOCIAL_THEMES + EMPLOI_THEMES))
REVIEW_WARNINGS = frozenset(
    {
        ProblemKind.DUPLICATE_OBJECTIVE,
        ProblemKind.OBJECTIVE_WITHOUT_ACTION,
        ProblemKind.PRIORITY_WITHOUT_OBJECTIVE,
    }
)


class PlanEditor(QWidget):
    signing_requested = Signal()  # the plan is ready: go to the signature step
    pdf_requested = Signal()  # show the signed plan's PDF
    large_print_requested = Signal()  # show the plan to the person in large print

    def __init__(self, model: PlanModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.confirmation: QMessageBox | None = None
        self._focus_next: uuid.UUID | None = None
        self.objective_boxes: dict[uuid.UUID, ObjectiveBox] = {}

        self.status_line = QLabel(self)
        self.status_line.setWordWrap(True)
        self.saved_label = QLabel(self)
        self.message = InlineMessage(self)
        self.new_version_button = QPushButton(tr("&Modifier le plan"), self)
        self.pdf_button = QPushButton(tr("Voir le &PDF signé"), self)
        self.large_print_button = QPushButton(tr("Montrer à la personne (gros caractères)"), self)
        top = QHBoxLayout()
        top.addWidget(self.status_line, 1)
        top.addWidget(self.saved_label)
        top.addWidget(self.pdf_button)
        top.addWidget(self.new_version_button)

        self.content = QWidget(self)
        contract_box = QGroupBox(tr("Contrat et suivi"), self.content)
        self.contract = ContractChoice(contract_box)
        self.contract_error = InlineMessage(contract_box)
        self.commitment = QCheckBox(
            tr("La personne s'engage sur ce plan dans le cadre de son contrat"), contract_box
        )
        self.commitment_error = InlineMessage(contract_box)
        self.next_review = DateInput(None, tr("Date du prochain point"), contract_box)
        contract_form = QFormLayout(contract_box)
        contract_form.addRow(tr("Contrat &lié :"), self.contract)
        contract_form.addRow("", self.contract_error)
        contract_form.addRow("", self.commitment)
        contract_form.addRow("", self.commitment_error)
        contract_form.addRow(tr("Prochain &point le :"), self.next_review)

        self.objectives_host = QWidget(self.content)
        self.objectives_layout = QVBoxLayout(self.objectives_host)
        self.objectives_layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(tr("Aucun objectif pour l'instant."), self.content)
        self.theme_choice = QComboBox(self.content)
        self.theme_choice.setAccessibleName(tr("Thème du nouvel objectif"))
        for theme in THEME_ORDER:
            self.theme_choice.addItem(theme_label(theme), theme)
        self.add_objective_button = QPushButton(tr("Ajouter un &objectif"), self.content)
        add_row = QHBoxLayout()
        theme_caption = QLabel(tr("T&hème :"), self.content)
        theme_caption.setBuddy(self.theme_choice)
        add_row.addWidget(theme_caption)
        add_row.addWidget(self.theme_choice)
        add_row.addWidget(self.add_objective_button)
        add_row.addStretch(1)
        column = QVBoxLayout(self.content)
        column.addWidget(contract_box)
        column.addWidget(self.empty_label)
        column.addWidget(self.objectives_host)
        column.addLayout(add_row)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stops on its controls only
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        self.scroll_area = scroll

        self.suggestions_model = SuggestionsModel(model, self)
        self.suggestions = SuggestionsPanel(self.suggestions_model, self)
        self.suggestions.added.connect(self._suggestion_added)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.setChildrenCollapsible(False)
        body.addWidget(scroll)
        body.addWidget(self.suggestions)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 1)
        self.body = body

        self.problems = InlineMessage(self)
        self.note = InlineMessage(self, error=False)  # a warning brought from the review
        self.sign_button = QPushButton(tr("Relire le plan avant de &signer →"), self)
        bottom = QHBoxLayout()
        column_of_messages = QVBoxLayout()
        column_of_messages.addWidget(self.problems)
        column_of_messages.addWidget(self.note)
        bottom.addLayout(column_of_messages, 1)
        bottom.addWidget(self.large_print_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(
            self.sign_button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(body, 1)
        layout.addLayout(bottom)

        for button in (
            self.new_version_button,
            self.pdf_button,
            self.large_print_button,
            self.add_objective_button,
        ):
            button.setAutoDefault(False)
        self.contract.chosen.connect(self._contract_chosen)
        self.commitment.clicked.connect(self._commitment_clicked)
        self.next_review.edited.connect(
            lambda text: self.next_review.show_result(model.set_next_review(text))
        )
        self.add_objective_button.clicked.connect(self.add_objective)
        self.sign_button.clicked.connect(self.request_signing)
        self.new_version_button.clicked.connect(model.new_version)
        self.pdf_button.clicked.connect(self.pdf_requested)
        self.large_print_button.clicked.connect(self.large_print_requested)
        model.loaded.connect(self.rebuild)
        model.structure_changed.connect(self._rebuild_objectives)
        model.saved.connect(lambda at: self.saved_label.setText(tr("✓ enregistré à {at}", at=at)))
        model.save_failed.connect(self._save_failed)
        model.load_failed.connect(self.message.show_message)
        model.version_failed.connect(self.message.show_message)
        model.edited.connect(self._refresh_problems)
        self.rebuild()

    # -- building --------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Show the model's plan (a new one, or another version)."""
        plan = self.model.plan
        self.message.show_message(self.model.error)
        self.status_line.setText(
            tr("Ouverture du plan…")
            if plan is None and self.model.loading
            else self.model.status_line()
        )
        self.saved_label.clear()
        self.problems.clear_message()
        self.note.clear_message()
        if plan is not None:
            self.contract.show_contract(plan.contract)
            self.contract_error.clear_message()
            self.commitment.setChecked(plan.contract_commitment)
            self.next_review.line.setText(format_date(plan.next_review))
            self.next_review.show_result("")
        self._rebuild_objectives()
        read_only = self.model.read_only
        self.content.setEnabled(plan is not None)
        self.contract.setEnabled(not read_only)
        self.commitment.setEnabled(not read_only and self.contract.value() is not Contract.NONE)
        self.next_review.set_read_only(read_only)
        self.theme_choice.setEnabled(not read_only)
        self.add_objective_button.setEnabled(not read_only)
        signed = plan is not None and plan.is_signed
        self.sign_button.setVisible(not signed)
        self.sign_button.setEnabled(plan is not None)
        self.new_version_button.setVisible(signed)
        self.pdf_button.setVisible(signed)
        self.large_print_button.setEnabled(plan is not None)
        self.suggestions.setVisible(not read_only)

    def _rebuild_objectives(self) -> None:
        while self.objectives_layout.count():
            item = self.objectives_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.objective_boxes = {}
        read_only = self.model.read_only
        groups = self.model.objectives_by_theme()
        for theme, objectives in groups:
            group = QGroupBox(theme_label(theme), self.objectives_host)
            group_layout = QVBoxLayout(group)
            for objective in objectives:
                box = ObjectiveBox(self.model, objective, group)
                box.set_read_only(read_only)
                box.remove_requested.connect(self._remove_objective)
                box.action_remove_requested.connect(self._remove_action)
                box.add_action_requested.connect(self._add_action)
                group_layout.addWidget(box)
                self.objective_boxes[objective.id] = box
            self.objectives_layout.addWidget(group)
            if self.objectives_host.isVisible():
                group.show()  # now rather than at the next event, so that it can take focus
        self.empty_label.setVisible(not groups)
        self._restore_focus()

    def _restore_focus(self) -> None:
        target, self._focus_next = self._focus_next, None
        if target is None:
            return
        widget: QWidget | None = None
        if target in self.objective_boxes:
            widget = self.objective_boxes[target].label
        else:
            form = self.action_form(target)
            widget = form.label if form else None
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            line = widget.lineEdit() if isinstance(widget, QComboBox) else None
            if line is not None:
                line.selectAll()  # typing replaces the suggested label
            self.scroll_area.ensureWidgetVisible(widget)

    def action_form(self, action_id: uuid.UUID) -> ActionForm | None:
        for box in self.objective_boxes.values():
            for form in box.action_forms:
                if form.action_id == action_id:
                    return form
        return None

    # -- actions ---------------------------------------------------------------------------------

    def add_objective(self) -> None:
        theme = self.theme_choice.currentData()
        objective = self.model.add_objective(theme)
        self._focus_next = objective.id
        self._restore_focus()

    def _suggestion_added(self) -> None:
        """Show the objective just taken up, focus staying on the suggestions."""
        plan = self.model.plan
        box = self.objective_boxes.get(plan.objectives[-1].id) if plan else None
        if box is not None:
            self.scroll_area.ensureWidgetVisible(box)

    #: Below this width the suggestions go under the objectives instead of beside them, so
    #: the objectives keep a readable width (a 1280 px laptop at 150 %, a narrow window).
    SIDE_BY_SIDE_MIN_WIDTH = 1100

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.SIDE_BY_SIDE_MIN_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.body.orientation() != orientation:
            self.body.setOrientation(orientation)
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Back from the diagnostic, the synthesis may suggest other objectives.
        super().showEvent(event)
        if not self.model.read_only and not self.suggestions_model.loading:
            self.suggestions_model.load()

    def _add_action(self, objective_id: uuid.UUID) -> None:
        action = self.model.add_action(objective_id)
        self._focus_next = action.id
        self._restore_focus()

    def _remove_objective(self, objective_id: uuid.UUID) -> None:
        box = self.objective_boxes[objective_id]
        self.confirmation = confirm(
            self,
            tr(
                "Retirer l'objectif « {label} » et ses actions du plan ?",
                label=box.label.text(),
            ),
            lambda: self.model.remove_objective(objective_id),
        )

    def _remove_action(self, action_id: uuid.UUID) -> None:
        form = self.action_form(action_id)
        label = form.label.text() if form else ""
        self.confirmation = confirm(
            self,
            tr("Retirer l'action « {label} » du plan ?", label=label),
            lambda: self.model.remove_action(action_id),
        )

    def _contract_chosen(self, contract: Contract) -> None:
        refused = self.model.set_contract(contract)
        self.contract_error.show_message(refused)
        if self.model.plan is not None:
            self.contract.show_contract(self.model.plan.contract)  # as it stands
            contract = self.model.plan.contract
        linked = contract is not Contract.NONE
        self.commitment.setEnabled(linked)
        if not linked:
            self.commitment.setChecked(False)
        self.commitment_error.clear_message()

    def _commitment_clicked(self, checked: bool) -> None:
        error = self.model.set_commitment(checked)
        self.commitment_error.show_message(error)

    def _save_failed(self, message: str) -> None:
        self.saved_label.setText(tr("⚠ non enregistré"))
        self.message.show_message(message)

    # -- before signing --------------------------------------------------------------------------

    def request_signing(self) -> bool:
        """Go to signing if nothing is missing; else show each problem where it is."""
        problems = self.model.readiness_problems()
        self.show_problems(problems)
        if problems:
            return False
        self.signing_requested.emit()
        return True

    def show_problems(self, problems: list[Problem], *, listed: bool = True) -> None:
        if listed:
            self.problems.show_message("\n".join(p.message for p in problems))
        first: QWidget | None = None
        for problem in problems:
            if problem.field == "due_date" and problem.target is not None:
                form = self.action_form(problem.target)
                if form is not None:
                    form.show_problem(problem.message)
                    first = first or form.due.line
            elif problem.field == "contract":
                self.contract_error.show_message(problem.message)
                first = first or self.contract
            elif problem.field == "contract_commitment":
                self.commitment_error.show_message(problem.message)
                first = first or self.commitment
            elif problem.field == "next_review":
                self.next_review.show_result(problem.message)
                first = first or self.next_review.line
            elif problem.field == "objectives":
                first = first or self._first_suggestion() or self.theme_choice
            elif problem.target in self.objective_boxes:  # a warning about an objective
                box = self.objective_boxes[problem.target]
                first = first or (
                    box.add_action_button if problem.field == "actions" else box.label
                )
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(first)

    def reveal_problem(self, problem: PlanProblem) -> None:
        """From the review: show this problem where it is, and focus what fixes it (an
        error among what keeps the plan from being signed, a warning as a note)."""
        if problem.kind in REVIEW_WARNINGS:
            self.note.show_message(tr_said(problem.said))
            self.show_problems([Problem.of(problem)], listed=False)
        else:
            self.note.clear_message()
            self.show_problems([Problem.of(problem)])

    def _first_suggestion(self) -> QWidget | None:
        rows = [r for r in self.suggestions.rows if not r.in_plan]
        return rows[0].button if rows and self.suggestions.isVisible() else None

    def _refresh_problems(self) -> None:
        """Once problems are listed, the list shrinks as they are solved."""
        if self.problems.isVisible():
            self.problems.show_message(
                "\n".join(p.message for p in self.model.readiness_problems())
            )
