"""The person's own evaluation: handed the screen at a step of their support, they answer a
few questions; each answer is committed as soon as it is given, so an evaluation left
half-way keeps what was answered.

The evaluation names no one (see :mod:`spie_desktop.domain.evaluation`): it holds the
device's structure, the month in the territory's calendar, the step and the person's random
token. The token is made at the person's first evaluation and kept on their record, which is
synchronised, so another device that evaluates them later links the answers too. Nothing
here is audited nor logged with the person: a line naming them beside an evaluation's time
would undo the separation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.evaluation import Evaluation, new_evaluation_token
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.records import utc_now
from spie_desktop.plan.access_document import Chapter, Line, Section
from spie_desktop.storage.session import Session
from spie_protocol.indicators.facts import EvaluationQuestion, EvaluationStep

from .store_binding import STRUCTURE_META

__all__ = [
    "EvaluationHandle",
    "EvaluationNotAgreed",
    "EvaluationQuestion",
    "EvaluationStep",
    "asking_language",
    "may_ask",
    "new_handle",
    "save_answer",
    "save_suggestion",
    "save_wants_groups",
    "start_evaluation",
]


NOT_AGREED_FR = (
    "La personne n'a pas accepté d'être sollicitée pour donner son avis (consentement) : "
    "l'évaluation ne lui est pas proposée."
)


class EvaluationNotAgreed(SpieError):
    """The person's latest consent does not include being asked how the support went."""

    def __init__(self) -> None:
        super().__init__(NOT_AGREED_FR, "the person did not agree to be asked for an evaluation")


def may_ask(session: Session, person_id: uuid.UUID) -> bool:
    """Whether the person agreed to be asked how the support went (their latest consent)."""
    with session.uow(read_only=True) as uow:
        consent = uow.consents.latest_for(person_id)
    return consent is not None and ConsentScope.EVALUATION in consent.scopes


def asking_language(session: Session, person_id: uuid.UUID) -> str | None:
    """The language the person reads their evaluation in; ``None`` unless they agreed to be
    asked how the support went (their latest consent)."""
    with session.uow(read_only=True) as uow:
        consent = uow.consents.latest_for(person_id)
        if consent is None or ConsentScope.EVALUATION not in consent.scopes:
            return None
        return uow.people.get(person_id).language


@dataclass(frozen=True)
class EvaluationHandle:
    """An evaluation being answered: only its own id, nothing of the person."""

    evaluation_id: uuid.UUID
    step: EvaluationStep


def new_handle(step: EvaluationStep) -> EvaluationHandle:
    """The handle of an evaluation about to start: known before it is written, so answers
    queued behind :func:`start_evaluation` on the same lane already name it."""
    return EvaluationHandle(uuid.uuid4(), step)


def start_evaluation(
    session: Session,
    person_id: uuid.UUID,
    handle: EvaluationHandle,
    now: datetime | None = None,
) -> EvaluationHandle:
    """Write the evaluation ``handle`` names, of its step, for the person (their token made
    at their first evaluation). :class:`EvaluationNotAgreed` unless their latest consent
    includes being asked how the support went."""
    at = now if now is not None else utc_now()
    with session.uow() as uow:
        consent = uow.consents.latest_for(person_id)
        if consent is None or ConsentScope.EVALUATION not in consent.scopes:
            raise EvaluationNotAgreed()
        token = uow.people.evaluation_token(person_id)
        if token is None:
            token = new_evaluation_token()
            uow.people.set_evaluation_token(person_id, token)
        structure = uow.meta.get(STRUCTURE_META) or str(session.counsellor.structure_id or "")
        evaluation = Evaluation(
            id=handle.evaluation_id,
            structure=structure,
            month=f"{local_day(at, session.territory.timezone):%Y-%m}",
            step=handle.step,
            token=token,
            created_at=at,
            updated_at=at,
        )
        uow.evaluations.add(evaluation)
    return handle


def save_answer(
    session: Session, handle: EvaluationHandle, question: EvaluationQuestion, value: int | None
) -> None:
    """Keep ``value`` (1 to 4) for ``question`` at once; ``None`` (« Passer ») clears it."""
    with session.uow() as uow:
        evaluation = uow.evaluations.get(handle.evaluation_id)
        evaluation.answer(question, value)
        uow.evaluations.save(evaluation)


def save_suggestion(session: Session, handle: EvaluationHandle, text: str) -> None:
    """Keep « what would you change » (an empty text clears it)."""
    with session.uow() as uow:
        evaluation = uow.evaluations.get(handle.evaluation_id)
        evaluation.suggest(text)
        uow.evaluations.save(evaluation)


def save_wants_groups(session: Session, handle: EvaluationHandle, wants: bool | None) -> None:
    """Keep whether the person would join the territory's evaluation groups."""
    with session.uow() as uow:
        evaluation = uow.evaluations.get(handle.evaluation_id)
        evaluation.wants_groups = wants
        uow.evaluations.save(evaluation)


#: The access export's word on evaluations (art. 15): they cannot be listed per person.
EXPORT_KEY = "evaluation_history"  # as "case_review_history"
EXPORT_TITLE = "Évaluations de l'accompagnement"
EXPORT_SENTENCE = (
    "Les évaluations que vous avez remplies ne portent ni votre nom ni aucun identifiant "
    "vous concernant : elles ne peuvent donc pas être retrouvées ni listées pour vous."
)


def evaluations_chapter(session: Session, person_id: uuid.UUID, tz: ZoneInfo) -> Chapter:
    """A :data:`.access_export.ChapterSource`: says why no evaluation is listed, whether the
    person answered any or not (saying which would link them to their answers)."""
    return Chapter(
        EXPORT_KEY,
        EXPORT_TITLE,
        (Section(EXPORT_TITLE, (Line("Ce que l'outil garde", EXPORT_SENTENCE),)),),
    )
