"""« Proposer en revue de situation… »: the reason, the question put to the group, and whether
the person's sex matters to the anonymised summary. Opened from the person's file (a button
beside the identity's) and from a row of the point de situation (its context menu).

A refusal (a field left empty, a text too long) shows in place, the fields kept.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from spie_desktop.domain.case_review import QUESTION_MAX, REASON_MAX, ReviewCase

from .case_flag_model import CaseFlagModel
from .dialog_body import scrolling_body
from .feedback import InlineMessage
from .i18n import tr
from .person_file_model import PersonFileModel
from .window_context import WindowContext
from .wrapped_check_box import WrappedCheckBox

FLAG_TEXT = "Proposer en revue de situation…"


class CaseFlagDialog(QDialog):
    def __init__(
        self, model: CaseFlagModel, person_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Proposer en revue de situation — {name}", name=person_name))
        self.setMinimumWidth(480)
        intro = QLabel(
            tr(
                "La situation sera présentée au groupe sous une référence anonyme : "
                "écrivez le motif et la question sans nom ni coordonnées."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(tr("Pourquoi cette situation a besoin du groupe"))
        self.reason.setAccessibleName(tr("Motif"))
        self.reason.setFixedHeight(80)
        self.reason.setTabChangesFocus(True)  # a few lines: Tab goes on to the question
        self.question = QPlainTextEdit(self)
        self.question.setPlaceholderText(tr("La question posée au groupe"))
        self.question.setAccessibleName(tr("Question posée au groupe"))
        self.question.setFixedHeight(80)
        self.question.setTabChangesFocus(True)
        include_sex = WrappedCheckBox(
            tr("Le sexe de la personne éclaire la situation (mentionné dans le résumé)"), self
        )
        self.include_sex = include_sex.box
        self.error = InlineMessage(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            tr("Proposer la situation"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)

        layout, footer = scrolling_body(self)
        layout.addWidget(intro)
        reason_label = QLabel(tr("&Motif ({n} caractères au plus) :", n=REASON_MAX), self)
        reason_label.setBuddy(self.reason)
        question_label = QLabel(
            tr("&Question posée au groupe ({n} caractères au plus) :", n=QUESTION_MAX), self
        )
        question_label.setBuddy(self.question)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(question_label)
        layout.addWidget(self.question)
        layout.addWidget(include_sex)
        layout.addStretch(1)
        footer.addWidget(self.error)
        footer.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        model.flagged.connect(self._on_flagged)

    def save(self) -> None:
        self.error.clear_message()
        started = self.model.flag(
            self.reason.toPlainText(),
            self.question.toPlainText(),
            self.include_sex.isChecked(),
            self.show_refusal,
        )
        if started:
            self.save_button.setEnabled(False)

    def show_refusal(self, message: str, field: str | None) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(message)
        target = {"reason": self.reason, "question": self.question}.get(field or "")
        if target is not None:
            target.setFocus()

    def _on_flagged(self, _case: ReviewCase) -> None:
        self.accept()


def open_flag_dialog(
    context: WindowContext, person_id: uuid.UUID, name: str, parent: QWidget
) -> CaseFlagDialog | None:
    """The dialog for this person, open and non-blocking; ``None`` while locked."""
    if context.is_locked:
        return None
    model = CaseFlagModel(context, person_id)
    dialog = CaseFlagDialog(model, name, parent)
    model.setParent(dialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def flag_button(model: PersonFileModel, parent: QWidget, row: QBoxLayout) -> QPushButton:
    """The person file's button, put in ``row``; enabled once the file is read."""
    button = QPushButton(tr("Proposer en &revue de situation…"), parent)
    button.setAutoDefault(False)
    button.setEnabled(model.file is not None)
    row.addWidget(button)

    def follow() -> None:
        button.setEnabled(model.file is not None)

    def ask() -> None:
        if model.person_id is not None and model.file is not None:
            open_flag_dialog(model.context, model.person_id, model.title, button.window())

    model.changed.connect(follow)
    button.clicked.connect(ask)
    return button


class PersonRow(Protocol):
    @property
    def person_id(self) -> uuid.UUID: ...

    @property
    def name(self) -> str: ...


def flag_row_action(
    context: WindowContext, view: QAbstractItemView, row_at: Callable[[int], PersonRow | None]
) -> QAction:
    """A row action of ``view`` (its context menu), for the person of ``row_at(row)``."""
    action = QAction(tr(FLAG_TEXT), view)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.addAction(action)

    def ask() -> None:
        index = view.currentIndex()
        row = row_at(index.row()) if index.isValid() else None
        if row is not None:
            open_flag_dialog(context, row.person_id, row.name, view.window())

    action.triggered.connect(ask)
    return action
