"""What the indicators need of a person's path and of an evaluation: days and labels, no
identity (no id, name, birth date or commune).

The device reads them from its store, the server from the records it keeps; both feed them
to the same computation, so a figure means the same thing on a laptop, on the territory's
dashboard and in the national table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class EvaluationStep(StrEnum):
    """When the person was handed the screen to evaluate their support."""

    INTERVIEW = "interview"  # at the end of the diagnostic interview
    PLAN_REVIEW = "plan_review"  # at a review of their plan
    CHECK_IN_6M = "check_in_6m"  # at the check-in six months after a return to work


class EvaluationQuestion(StrEnum):
    """The scaled questions, each answered on :data:`SCALE`."""

    CLEAR = "clear"  # Est-ce que c'était clair ?
    LISTENED = "listened"  # Vous êtes-vous senti écouté ?
    AGREE = "agree"  # Êtes-vous d'accord avec votre plan ?
    USEFUL = "useful"  # Est-ce utile pour vous ?


#: The pictogram scale: 1 = pas du tout, 2 = plutôt non, 3 = plutôt oui, 4 = tout à fait.
SCALE = (1, 2, 3, 4)
#: Answers at or above this count as satisfied (« plutôt oui » or « tout à fait »).
SATISFIED_FROM = 3


@dataclass(frozen=True, slots=True)
class ActionFact:
    """One action of a signed plan: its theme (referential theme id), status, and the day
    the plan holding it was signed (the day it is counted on)."""

    theme: str
    status: str  # ActionStatus value: planned, in_progress, done, abandoned
    day: date


@dataclass(frozen=True, slots=True)
class OfferFact:
    """One offer of the local catalogue linked to an action: its data·inclusion thématique
    (the top level, e.g. "mobilite") and the day it was linked."""

    thematique: str
    day: date


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """One person's path reduced to days, in the territory's local calendar.

    ``structure`` is the structure that follows the person (the owner of their file).
    Every day is ``None`` when the step has not happened."""

    structure: str
    #: First orientation (the start of the SPIE clock).
    oriented: date | None = None
    #: First contact with the person on or after the orientation.
    first_contact: date | None = None
    #: First diagnostic done (interview completed, or a plan signed from it).
    diagnostic: date | None = None
    #: That first diagnostic was carried out jointly: a social-field and an
    #: employment-field counsellor both took part.
    diagnostic_joint: bool = False
    #: First action of a signed plan started.
    first_action: date | None = None
    #: Every step done (contacts, diagnostic, plans, actions, check-ins…), sorted.
    steps: tuple[date, ...] = ()
    #: Each signed plan version's signing day.
    plans_signed: tuple[date, ...] = ()
    actions: tuple[ActionFact, ...] = ()
    offers: tuple[OfferFact, ...] = ()
    #: Each immersion's (PMSMP) first day.
    immersions: tuple[date, ...] = ()
    #: First return to work (a follow-up event of kind employment).
    employment: date | None = None
    #: The 6-month check-in after that return: its day and whether the person was still
    #: in work (``None`` while no such check-in is recorded).
    check_in_6m: date | None = None
    in_work_6m: bool | None = None


@dataclass(frozen=True, slots=True)
class EvaluationFacts:
    """One evaluation answered by a person, as stored: no person id.

    ``token`` is the random token shared by one person's evaluations (so their answers at
    three steps can be linked without knowing who answered); an unanswered question is
    absent from ``answers``."""

    structure: str
    month: str  # "YYYY-MM", in the territory's calendar
    step: EvaluationStep
    token: str
    answers: dict[EvaluationQuestion, int]
    #: Would like to take part in the territory's evaluation groups (``None``: not answered).
    wants_groups: bool | None = None
