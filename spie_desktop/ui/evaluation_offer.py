"""« Faire évaluer par la personne… »: the button that hands the screen to the person, offered
at the end of an interview (its plan signed), at a plan review (a later version signed) and
at the 6-month check-in after a return to work."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWidget

from spie_desktop.services.evaluations import NOT_AGREED_FR, EvaluationStep, asking_language

from .evaluation_window import EvaluationWindow, open_evaluation
from .i18n import tr
from .window_context import WindowContext

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

OFFER_TEXT = "Faire éva&luer par la personne…"
OFFER_TIP = (
    "Tendre l'écran à la personne : quelques questions sur son accompagnement. Ses réponses "
    "sont enregistrées sans son nom et ne s'affichent nulle part dans l'application."
)


def offer_button(parent: QWidget) -> QPushButton:
    button = QPushButton(tr(OFFER_TEXT), parent)
    button.setToolTip(tr(OFFER_TIP))
    button.setAutoDefault(False)
    return button


def step_after_signing(plan_version: int) -> EvaluationStep:
    """The first plan is signed at the end of the diagnostic interview; a later version is
    signed at a review of the plan."""
    return EvaluationStep.INTERVIEW if plan_version <= 1 else EvaluationStep.PLAN_REVIEW


def hand_over(
    context: WindowContext,
    person_id: uuid.UUID,
    step: EvaluationStep,
    parent: QWidget,
    opened: Callable[[EvaluationWindow], None],
    refused: Callable[[str], None],
) -> bool:
    """Open the person's evaluation full screen if they agreed to be asked (their consent):
    ``opened`` gets the window, else ``refused`` the French reason. False while locked."""

    def read(session: Session) -> str | None:
        return asking_language(session, person_id)

    def answered(language: str | None) -> None:
        if language is None:
            refused(tr(NOT_AGREED_FR))
            return
        window = open_evaluation(context, person_id, step, parent, language=language)
        if window is not None:
            opened(window)

    def failed(message: str, _exc: BaseException) -> None:
        refused(message)

    return context.query(read, answered, failed, owner=parent) is not None
