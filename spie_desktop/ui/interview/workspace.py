"""The interview workspace: the person's line, the step bar under it, the current step's
page, the synthesis strip.

Layout only; state and saving live in :class:`WorkspaceModel`. Keyboard:
Ctrl+1 / Ctrl+2 social / professional pane, Ctrl+Up / Ctrl+Down previous / next theme
(expanded), Ctrl+PgUp / Ctrl+PgDown previous / next step, Alt+Left or Échap back to the
person's file, Enter on a theme header opens or closes it. The header's "Mode présentation"
button is the main window's presentation action (F11, larger text for the person) when the
workspace sits in the main window, else a workspace-only one (F11 stays the window's).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.organisation import Field
from spie_desktop.forms import FieldError, StepKind

from ..elided_label import ElidedLabel
from ..feedback import InlineMessage, error_style
from ..flow_layout import FlowLayout
from ..i18n import tr
from ..plan.steps import PlanModels, plan_models_for
from .diagnostic_page import DiagnosticPage
from .join_dialog import JoinDialog
from .missing_list import MissingList
from .step_bar import StepBar
from .step_pages import PlanPage, QuestionsPage, SignaturePage
from .synthesis_strip import SynthesisStrip
from .text_style import make_bold
from .workspace_model import WorkspaceModel

if TYPE_CHECKING:
    from ..window_context import WindowContext

PRESENTATION_SCALE = 1.35

Page = DiagnosticPage | QuestionsPage | PlanPage | SignaturePage


class InterviewWorkspace(QWidget):
    closed = Signal()

    def __init__(
        self, context: WindowContext, person_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = WorkspaceModel(context, person_id, self)
        self._plan_models: PlanModels | None = None
        self._base_font = QFont(self.font())
        self._pages: dict[str, Page] = {}
        self._left = False
        self.presentation_action = QAction(tr("Mode &présentation"), self)
        self.presentation_action.setCheckable(True)
        self.presentation_action.toggled.connect(self.set_presentation)
        self._layout = QVBoxLayout(self)
        self.message = InlineMessage(self, error=False)
        self.message.show_message(tr("Ouverture de l'entretien…"))
        self._layout.addWidget(self.message)
        self.back_button = QPushButton(tr("← Fiche"), self)
        self.back_button.setToolTip(tr("Retour à la fiche de la personne (Échap, Alt+Gauche)"))
        self.back_button.clicked.connect(self.leave)
        self._shortcut("Escape", self.leave)
        self._shortcut("Alt+Left", self.leave)
        self.model.opened.connect(self._build)
        self.model.open_failed.connect(self._open_failed)
        self.model.open()

    # -- building --------------------------------------------------------------------------------

    def _open_failed(self, message: str) -> None:
        self.message.setStyleSheet(error_style())
        self.message.show_message(message)
        self._layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout.addStretch(1)
        self.back_button.setFocus()

    def _build(self) -> None:
        model, opened = self.model, self.model.opened_interview
        assert opened is not None
        state = model.state
        self.message.clear_message()
        # Two rows, so the workspace fits a 13-inch laptop beside the navigation: the person
        # (her name gives way with "…" when short of room), then the steps.
        header = FlowLayout(spacing=12)  # the badge and buttons go below when short of room
        self.back_button.setParent(self)
        header.addWidget(self.back_button)
        age = tr(", {n} ans", n=opened.age) if opened.age is not None else ""
        commune = f" · {opened.commune}" if opened.commune else ""
        self.person_label = ElidedLabel(f"{opened.person_name}{age}{commune}", self)
        make_bold(self.person_label)
        header.addWidget(self.person_label)
        consent = opened.consent
        self.consent_badge = QLabel(
            tr("consentement {v} ✓", v=consent.wording_version)
            if consent
            else tr("⚠ consentement absent"),
            self,
        )
        header.addWidget(self.consent_badge)
        self.presentation_button = QToolButton(self)
        self.presentation_button.setDefaultAction(self._presentation_action())
        header.addWidget(self.presentation_button)
        self._layout.addLayout(header)
        self.step_bar = StepBar(state, self)
        self.step_bar.step_clicked.connect(self.go_to)
        self._layout.addWidget(self.step_bar)
        if state.read_only:
            banner = InlineMessage(self)
            banner.show_message(state.read_only_reason or "")
            self._layout.addWidget(banner)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        self.missing = MissingList(central)
        self.missing.reveal_requested.connect(self.reveal)
        column.addWidget(self.missing)
        self.pages = QStackedWidget(central)
        column.addWidget(self.pages, 1)
        nav = QHBoxLayout()
        self.previous_button = QPushButton(tr("← Étape précédente"), central)
        self.next_button = QPushButton(tr("Étape suivante →"), central)
        self.previous_button.clicked.connect(self.model.previous_step)
        self.next_button.clicked.connect(self.model.next_step)
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        column.addLayout(nav)
        # The synthesis, folded to one line under the pages, unfolds on demand: the pages
        # keep the height of a laptop screen.
        self.strip = SynthesisStrip(self)
        self.strip.show_synthesis(model.synthesis())
        self.strip.set_expanded(model.memory.synthesis_open)
        self.strip.toggle.toggled.connect(self._remember_synthesis)
        self._layout.addWidget(central, 1)
        self._layout.addWidget(self.strip)
        # Shown now: a layout shows a child added to a visible window only at the next event,
        # which left the workspace empty for a moment (and its pages "invisible" to code
        # running right after the build).
        central.show()
        self.strip.show()
        self._connect()
        self._show_current_step()
        if self._presentation_action() is self.presentation_action:
            self.presentation_action.setChecked(model.memory.presentation)

    def _connect(self) -> None:
        model = self.model
        model.step_changed.connect(lambda _s: self._show_current_step())
        model.blocked.connect(self._blocked)
        model.blocking_changed.connect(lambda errors: self._list_missing(errors))
        model.answer_changed.connect(lambda _k: self.step_bar.refresh(model.state))
        model.synthesis_changed.connect(self.strip.show_synthesis)
        model.answer_saved.connect(lambda _k, at: self.strip.show_saved(at))
        model.step_saved.connect(self.strip.show_saved)
        model.save_failed.connect(self.strip.show_failed)
        self._shortcut("Ctrl+1", lambda: self.focus_pane(0))
        self._shortcut("Ctrl+2", lambda: self.focus_pane(1))
        self._shortcut("Ctrl+Up", lambda: self.move_theme(-1))
        self._shortcut("Ctrl+Down", lambda: self.move_theme(1))
        self._shortcut("Ctrl+PgUp", self.model.previous_step)
        self._shortcut("Ctrl+PgDown", self.model.next_step)

    def _remember_synthesis(self, unfolded: bool) -> None:
        self.model.memory.synthesis_open = unfolded

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)  # type: ignore[arg-type]

    def page(self, step_id: str) -> Page:
        """The page of a step, built the first time it is shown."""
        if step_id not in self._pages:
            step = self.model.state.definition.step(step_id)
            page: Page
            if step.kind is StepKind.DIAGNOSTIC:
                page = DiagnosticPage(self.model, step, self.pages)
                for pane in page.panes:
                    pane.join_requested.connect(self._join)
            elif step.kind is StepKind.ACTION_PLAN:
                page = PlanPage(self.model, step, self.plan_models, self.pages)
                page.missing.reveal_requested.connect(self.reveal)
            elif step.kind is StepKind.SIGNATURE:
                page = SignaturePage(step, self.plan_models(), self.pages)
            else:
                page = QuestionsPage(self.model, step, self.pages)
            self.pages.addWidget(page)
            self._pages[step_id] = page
        return self._pages[step_id]

    def plan_models(self) -> PlanModels:
        """The plan and signing models both plan pages share, made the first time."""
        if self._plan_models is None:
            self._plan_models = plan_models_for(self.model)
        return self._plan_models

    def _show_current_step(self) -> None:
        state = self.model.state
        page = self.page(state.current_step.id)
        if isinstance(page, PlanPage):
            page.refresh()
        self.pages.setCurrentWidget(page)
        self.step_bar.refresh(state)
        self.missing.show_errors(state.definition, "", [], plan=False)
        steps = state.definition.steps
        self.previous_button.setEnabled(state.current_step.id != steps[0].id)
        self.next_button.setEnabled(state.current_step.id != steps[-1].id)
        if isinstance(page, DiagnosticPage):
            page.restore_scroll()
        self._focus_into(page)

    def _focus_into(self, page: Page) -> None:
        """The step shown takes the focus on its first question, unless a dialog in front
        holds it: left on the workspace itself, or wherever Qt moved it from the step just
        hidden (a scroll area), a screen reader would read nothing useful."""
        focused = QApplication.focusWidget()
        if focused is not None and focused.window() is not self.window():
            return
        if not page.focus_first():
            page.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions ---------------------------------------------------------------------------------

    def go_to(self, step_id: str) -> None:
        self.model.go_to(step_id)
        self.step_bar.refresh(self.model.state)  # a refused move unchecks the clicked button

    def _blocked(self, target: str, errors: list[FieldError]) -> None:
        self._list_missing(errors)
        self.step_bar.refresh(self.model.state)
        if self.missing.links:
            self.missing.links[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _list_missing(self, errors: list[FieldError]) -> None:
        definition = self.model.state.definition
        step = definition.step(self.model.blocked_target)
        plan = step.kind is StepKind.ACTION_PLAN
        self.missing.show_errors(definition, step.title, errors, plan=plan)

    def reveal(self, key: str) -> None:
        """Show the step holding ``key``, expand its theme, scroll to the field and focus it."""
        definition = self.model.state.definition
        spec = definition.fields.get(key)
        if spec is None:
            return
        if self.model.state.current_step.id != spec.step:
            self.model.go_to(spec.step, keep_blocking=True)  # still listed until answered
            self._list_missing(self.model.blocking)
        page = self.page(spec.step)
        self.pages.setCurrentWidget(page)
        if isinstance(page, DiagnosticPage | QuestionsPage):
            page.reveal(key)

    def focus_pane(self, index: int) -> None:
        page = self._diagnostic_page(switch=True)
        if page is not None and index < len(page.panes):
            page.panes[index].focus_pane()

    def move_theme(self, step: int) -> None:
        page = self._diagnostic_page(switch=False)
        if page is None:
            return
        pane = page.pane_with_focus() or page.panes[0]
        pane.move_theme(step)

    def _diagnostic_page(self, *, switch: bool) -> DiagnosticPage | None:
        state = self.model.state
        target = next((s for s in state.definition.steps if s.kind is StepKind.DIAGNOSTIC), None)
        if target is None:
            return None
        moved = state.current_step.id == target.id or (switch and not self.model.go_to(target.id))
        if not moved:
            return None
        page = self.page(target.id)
        return page if isinstance(page, DiagnosticPage) else None

    def _join(self, field_value: str) -> JoinDialog:
        """Join a pane — or confirm again, for its counsellor who joined before a lock."""
        field = Field(field_value)
        others = self.model.service.other_accounts()
        to_confirm = self.model.service.owner_to_confirm(field)
        if to_confirm is not None:
            mine = [a for a in others if a.account_id == to_confirm]
            dialog = JoinDialog(self.model, mine, self, confirm=True, selected=to_confirm)
        else:
            accounts = [a for a in others if a.field == field.value]
            dialog = JoinDialog(self.model, accounts or others, self)
        dialog.open()
        return dialog

    def offer_join(self, account_id: uuid.UUID) -> None:
        """A counsellor was just added: let them join at once (once the interview is open)."""
        if self.model.opened_interview is None:
            self.model.opened.connect(lambda: self.offer_join(account_id))
            return
        if self.model.read_only:
            return
        others = self.model.service.other_accounts()
        JoinDialog(self.model, others, self, selected=account_id).open()

    def _presentation_action(self) -> QAction:
        """The main window's action (F11, the whole window) when there is one, else ours."""
        window_action = getattr(self.window(), "presentation_action", None)
        return window_action if isinstance(window_action, QAction) else self.presentation_action

    def set_presentation(self, on: bool) -> None:
        """Larger text across the workspace, for the person to read."""
        font = QFont(self._base_font)
        if on:
            font.setPointSizeF(self._base_font.pointSizeF() * PRESENTATION_SCALE)
        self.setFont(font)
        if self.model.opened_interview is not None:
            self.model.memory.presentation = on

    # -- leaving ---------------------------------------------------------------------------------

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Block until every change is on disk; call before locking or closing the session."""
        if self.model.opened_interview is None:
            return True
        return self.model.flush(timeout_s)

    def leave(self) -> None:
        self.flush()
        if not self._left:
            self._left = True
            self.closed.emit()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.flush()
        super().closeEvent(event)
