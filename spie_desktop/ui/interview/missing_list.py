"""Answers missing before a step, listed in place, one link per answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from spie_desktop.forms import FieldError, FormDefinition

from ..i18n import tr
from ..theme import current
from .text_style import make_bold, make_link, set_text_colour


def describe(definition: FormDefinition, error: FieldError) -> tuple[str, str]:
    """(link text, key to reveal) for one blocking problem."""
    spec = definition.fields.get(error.key)
    if spec is None:  # a closed step gate: point at the step's first question
        step = definition.step(error.key)
        first = next(iter(definition.section_keys.get(step.id, [])), "")
        return f"{step.title} : {error.message}", first
    if spec.theme is not None:
        where = definition.theme(spec.theme).label
    else:
        where = definition.step(spec.step).title
    problem = "" if error.code == "required" else f" — {error.message}"
    return f"{where} › {spec.question.label}{problem}", error.key


class MissingList(QFrame):
    reveal_requested = Signal(str)  # answer key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._layout = QVBoxLayout(self)
        self.title = QLabel(self)
        set_text_colour(self.title, current().error)
        make_bold(self.title)
        self.title.setWordWrap(True)
        self._layout.addWidget(self.title)
        self.links: list[QToolButton] = []
        self.setVisible(False)

    def show_errors(
        self, definition: FormDefinition, target_title: str, errors: list[FieldError], *, plan: bool
    ) -> None:
        for link in self.links:
            link.deleteLater()
        self.links = []
        if not errors:
            self.setVisible(False)
            return
        self.title.setText(
            tr("Réponses manquantes avant le plan :")
            if plan
            else tr("Réponses manquantes avant « {step} » :", step=target_title)
        )
        for error in errors:
            text, key = describe(definition, error)
            link = QToolButton(self)
            link.setText(text)
            link.setAutoRaise(True)
            link.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            make_link(link)
            link.clicked.connect(lambda _checked=False, k=key: self.reveal_requested.emit(k))
            self._layout.addWidget(link)
            self.links.append(link)
        self.setVisible(True)
