"""The pages of the steps outside the diagnostic: welcome and consent, priorities (questions
of the step), and the plan and signature steps, which host the plan editor, the review and
the signing page of ``ui/plan``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.people import CONSENT_SCOPE_LABELS
from spie_desktop.forms import StepKind
from spie_desktop.forms.schema import Step

from ..i18n import format_date, tr
from ..plan.plan_editor import PlanEditor
from ..plan.steps import PlanModels, plan_editor_for, review_page_for, signing_page_for
from .field_widgets import FieldEditor, LineEditor, TextEditor, make_editor
from .missing_list import MissingList
from .text_style import make_bold
from .workspace_model import WorkspaceModel


class QuestionsPage(QScrollArea):
    """The questions of one step, one under the other."""

    def __init__(self, model: WorkspaceModel, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.step = step
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        host = QWidget(self)
        layout = QVBoxLayout(host)
        heading = QLabel(step.title, host)
        make_bold(heading)
        layout.addWidget(heading)
        if step.help:
            layout.addWidget(_wrapped(step.help, host))
        if step.kind is StepKind.CONSENT:
            layout.addWidget(_wrapped(self._consent_summary(), host))
        self.editors: dict[str, FieldEditor] = {}
        for question in step.questions:
            key = f"{step.id}.{question.id}"
            editor = make_editor(model.state.definition.fields[key], host)
            editor.set_value(model.value_for_editor(key))
            editor.edited.connect(self._edited)
            editor.finished.connect(self._finished)
            editor.set_read_only(model.read_only)
            layout.addWidget(editor)
            self.editors[key] = editor
        layout.addStretch(1)
        self.setWidget(host)
        model.answer_changed.connect(self._refresh_visibility)
        self._refresh_visibility()

    def _consent_summary(self) -> str:
        opened = self.model.opened_interview
        consent = opened.consent if opened else None
        if consent is None:
            return tr("Aucun consentement enregistré dans la fiche.")
        scopes = "\n".join(f"  ✓ {CONSENT_SCOPE_LABELS[s]}" for s in sorted(consent.scopes))
        return tr(
            "Consentement enregistré dans la fiche le {day} (texte version {version}) :\n{scopes}\n"
            "Les réponses ci-dessous en sont reprises ; corrigez-les si la personne change d'avis.",
            day=format_date(consent.given_at),
            version=consent.wording_version,
            scopes=scopes,
        )

    def _edited(self, key: str, value: Any) -> None:
        error = self.model.set_answer(key, value)
        editor = self.editors[key]
        if error is None:
            editor.show_error("")
        elif not isinstance(editor, LineEditor | TextEditor):
            editor.show_error(error.message)

    def _finished(self, key: str) -> None:
        error = self.model.field_error(key)
        self.editors[key].show_error(error.message if error else "")

    def _refresh_visibility(self, _key: str = "") -> None:
        for key, editor in self.editors.items():
            editor.setVisible(self.model.state.is_visible(key))

    def reveal(self, key: str) -> bool:
        editor = self.editors.get(key)
        if editor is None:
            return False
        QApplication.processEvents()
        self.ensureWidgetVisible(editor)
        editor.focus_editor()
        return True

    def focus_first(self) -> bool:
        """Focus the step's first question; ``False`` when it has none."""
        if not self.editors:
            return False
        next(iter(self.editors.values())).focus_editor()
        return True


def first_in_tab_order(root: QWidget) -> QWidget | None:
    """The first control under ``root`` that Tab would reach, if any."""
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root:
        if (
            root.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


class PlanPage(QWidget):
    """The plan step: what is missing before it, else the plan editor (``ui/plan``)."""

    def __init__(
        self,
        model: WorkspaceModel,
        step: Step,
        plan_models: Callable[[], PlanModels],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.step = step
        self._plan_models = plan_models  # made on first use: the plan loads with its editor
        layout = QVBoxLayout(self)
        heading = QLabel(step.title, self)
        make_bold(heading)
        layout.addWidget(heading)
        self.status = _wrapped("", self)
        layout.addWidget(self.status)
        self.missing = MissingList(self)
        layout.addWidget(self.missing)
        self.editor: PlanEditor | None = None  # made once the diagnostic is complete
        self._focus_on_load = False
        self._layout = layout
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        state = self.model.state
        steps = state.definition.steps
        earlier = steps[: [s.id for s in steps].index(self.step.id)]
        errors = [e for s in earlier for e in state.errors(s.id)]
        self.missing.show_errors(state.definition, self.step.title, errors, plan=True)
        self.status.setText("" if errors else self._diagnostic_status())
        if not errors and self.editor is None:
            self.editor = plan_editor_for(self.model, self._plan_models(), self)
            self._layout.insertWidget(self._layout.count() - 1, self.editor, 1)
            self._layout.setStretch(self._layout.count() - 1, 0)
        if self.editor is not None:
            self.editor.setVisible(not errors)

    def focus_first(self) -> bool:
        """Focus the page's first control (a missing answer, else the plan's first field);
        a plan still loading gets it once loaded. ``False`` when there is none."""
        editor = self.editor
        if editor is not None and editor.isVisible() and editor.model.plan is None:
            if not self._focus_on_load:
                self._focus_on_load = True
                editor.model.loaded.connect(self._loaded)
            return True
        first = first_in_tab_order(self)
        if first is None:
            return False
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _loaded(self) -> None:
        if self._focus_on_load and self.isVisible():
            self._focus_on_load = False
            focused = QApplication.focusWidget()
            if focused is None or focused is self or not focused.isVisible():
                self.focus_first()

    def _diagnostic_status(self) -> str:
        # Required answers alone say nothing of the themes: "complete" means every theme.
        synthesis = self.model.synthesis()
        if synthesis.diagnostic_complete:
            return tr("Le diagnostic est complet : construisez le plan d'action avec la personne.")
        return tr(
            "{done} thèmes évalués sur {total} : le plan d'action peut être construit, les "
            "autres thèmes restent à évaluer.",
            done=synthesis.assessed_count,
            total=len(synthesis.barriers),
        )


class SignaturePage(QWidget):
    """The signature step: first the plan read together (the review, ``ui/plan``), then the
    three pads and the passphrases. The pads are shown only once the review was passed
    (never while it has errors), and again after any change to the plan; a signed plan
    shows its signatures. The pads scroll vertically when the screen is too short for them
    at their signing size."""

    def __init__(self, step: Step, plan_models: PlanModels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.models = plan_models
        layout = QVBoxLayout(self)
        heading_row = QHBoxLayout()
        heading = QLabel(step.title, self)
        make_bold(heading)
        heading_row.addWidget(heading, 1)
        self.read_again_button = QPushButton(tr("← Relire le plan"), self)
        self.read_again_button.setAutoDefault(False)
        heading_row.addWidget(self.read_again_button)
        layout.addLayout(heading_row)
        self.review = review_page_for(plan_models, self)
        self.signing = signing_page_for(plan_models, self)
        self.pads_area = QScrollArea(self)
        self.pads_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stops on its controls only
        self.pads_area.setWidgetResizable(True)
        self.pads_area.setFrameShape(QFrame.Shape.NoFrame)
        self.pads_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pads_area.setWidget(self.signing)
        self.parts = QStackedWidget(self)
        self.parts.addWidget(self.review)
        self.parts.addWidget(self.pads_area)
        layout.addWidget(self.parts, 1)
        self.read_again_button.clicked.connect(plan_models.review.read_again)
        plan_models.review.passed_changed.connect(lambda _passed: self.show_part())
        plan_models.plan.loaded.connect(self.show_part)
        self.show_part()

    def focus_first(self) -> bool:
        """Focus the first control of the part shown (the review, or the pads)."""
        shown = self.parts.currentWidget()
        first = (shown and first_in_tab_order(shown)) or first_in_tab_order(self)
        if first is None:
            return False
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_part(self) -> None:
        plan = self.models.plan.plan
        signed = plan is not None and plan.is_signed
        pads = signed or self.models.review.passed
        shown, hidden = (self.pads_area, self.review) if pads else (self.review, self.pads_area)
        # A stack asks for the room of its largest page: only the part shown counts.
        hidden.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        shown.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.parts.setCurrentWidget(shown)
        self.read_again_button.setVisible(pads and not signed)

    @property
    def pads_shown(self) -> bool:
        return self.parts.currentWidget() is self.pads_area


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
