"""Where a plan action's immersion convention stands, on the action itself: « Convention
d'immersion : brouillon prêt (…) » with a button to export the draft again, so the
counsellor who comes back to the plan sees it without opening the convention."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.immersion import Immersion, is_immersion_action
from spie_desktop.services.changes import Change, Changes

from .convention_export import ask_convention_path, convention_path
from .feedback import InlineMessage
from .i18n import format_date, tr
from .immersion_button import immersion_button
from .immersion_model import ImmersionModel
from .window_context import WindowContext, touches

#: No Alt+letter, as the « Immersion (PMSMP)… » button: the plan editor's letters are taken.
EXPORT_TEXT = "Exporter le projet…"


def convention_state(immersion: Immersion | None, today: date) -> str:
    """The convention's state in one French line."""
    if immersion is None:
        return tr("Convention d'immersion : à rédiger (bouton « Immersion (PMSMP)… »).")
    if immersion.assessment is not None:
        return tr(
            "Convention d'immersion : bilan fait le {day}.",
            day=format_date(immersion.assessment.assessed_on),
        )
    if immersion.has_ended(today):
        return tr("Convention d'immersion : immersion terminée, bilan à faire.")
    return tr(
        "Convention d'immersion : brouillon prêt — {company}, du {start} au {end} ({days} j).",
        company=immersion.company.name,
        start=format_date(immersion.starts_on),
        end=format_date(immersion.ends_on),
        days=immersion.days,
    )


class ImmersionState(QWidget):
    """The state line and « Exporter le projet de convention… » (once there is one)."""

    def __init__(
        self,
        context: WindowContext,
        person_id: uuid.UUID,
        action_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = ImmersionModel(context, person_id, action_id, self)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.export_button = QPushButton(tr(EXPORT_TEXT), self)
        self.export_button.setAutoDefault(False)
        self.export_button.setVisible(False)
        self.message = InlineMessage(self, error=False)
        self.error = InlineMessage(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        self.export_button.clicked.connect(self.choose_export_path)
        self.model.loaded.connect(self._show)
        self.model.assessed.connect(lambda _i: self._show())
        self.model.exported.connect(self._exported)
        self.model.failed.connect(self.error.show_message)
        context.changed.connect(self._on_changed)
        self.model.load()

    def _on_changed(self, announced: Changes) -> None:
        if touches(announced, Change.IMMERSIONS, Change.SYNC):
            self.model.load()

    def _show(self) -> None:
        sheet = self.model.sheet
        if sheet is None:
            return
        self.state.setText(convention_state(sheet.immersion, sheet.today))
        self.export_button.setVisible(sheet.immersion is not None)

    def choose_export_path(self) -> None:
        path = ask_convention_path(self, self.model.suggested_name())
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        path = convention_path(path)
        self.error.clear_message()
        self.message.clear_message()
        self.model.export(path, lambda message, _field: self.error.show_message(message))

    def _exported(self, path: Path) -> None:
        self.message.show_message(tr("Projet de convention exporté : {name}", name=path.name))


def immersion_state_row(
    context: WindowContext,
    person_id: uuid.UUID,
    action_id: uuid.UUID,
    label: str,
    parent: QWidget,
    form: QFormLayout,
) -> QWidget:
    """A « Convention : » row in the action's ``form`` — the state, « Exporter le projet… »
    and « Immersion (PMSMP)… » — shown while the action's label says it is an immersion
    (``parent.label.text_edited`` follows edits); the convention is read only once the row
    is first shown."""
    holder = QWidget(parent)
    holder_layout = QHBoxLayout(holder)
    holder_layout.setContentsMargins(0, 0, 0, 0)
    form.addRow(tr("Convention :"), holder)
    immersion_button(context, person_id, action_id, label, parent, holder_layout)

    def follow(text: str) -> None:
        shown = is_immersion_action(text)
        if shown and not holder.findChildren(ImmersionState):
            state = ImmersionState(context, person_id, action_id, holder)
            holder_layout.insertWidget(0, state, 1)
        form.setRowVisible(holder, shown)

    follow(label)
    edited = getattr(getattr(parent, "label", None), "text_edited", None)
    if edited is not None:
        edited.connect(follow)
    return holder
