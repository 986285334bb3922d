"""Demo interviews that read back valid through the form engine, at different stages.

:func:`~spie_desktop.services.demo.populate_demo` calls :func:`engine_answers` for each
interview it builds, in memory, and bulk-inserts the result. :func:`populate_demo_interviews`
rewrites the interviews of a store filled before that (one answer per statement, through the
outbox): for every interview of the store it keeps what the demo chose (barrier weights, situations,
notes, project, strengths, priorities), translates it to the real answer keys of the
definition (situations as slugs, ``priorites.projet``…), answers the consent step from the
person's consent record, adds a few answers to the themes' questions, and sets the step the
interview is at: in-progress interviews stop at the diagnostic or the priorities (some with
the project still missing, so the "missing answers" list shows); finished ones are at the
plan. Every answer goes through :meth:`InterviewState.set_answer` first: what is stored
is what the engine accepts. Deterministic for a seed.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Mapping
from typing import Any

from spie_desktop.domain.interview import Interview, InterviewStatus
from spie_desktop.domain.people import ConsentRecord
from spie_desktop.forms import (
    FormDefinition,
    InterviewState,
    QuestionType,
    builtin_registry,
    current_definition,
)
from spie_desktop.storage.session import Session

from . import demo_names as names
from .consent_answers import CONSENT_PREFILL

log = logging.getLogger(__name__)

BATCH = 200
#: Keys the first demo generator wrote, and where they belong in the definition.
LEGACY_KEYS = {
    "synthese.projet": "priorites.projet",
    "synthese.atouts": "priorites.atouts",
    "synthese.priorites": "priorites.ordre",
}
IN_PROGRESS_STAGES = ("situation", "situation", "priorites")


def populate_demo_interviews(session: Session, seed: int) -> int:
    """Rewrite every interview of the store as valid engine answers; returns how many."""
    method = current_definition().id
    author = session.counsellor.id
    with session.uow(read_only=True) as uow:
        people = [summary.id for summary in uow.people.iter_summaries()]
    done = 0
    for start in range(0, len(people), BATCH):
        with session.uow() as uow:
            for person_id in people[start : start + BATCH]:
                consent = uow.consents.latest_for(person_id)
                for interview in uow.interviews.list_for_person(person_id):
                    if interview.definition_id != method:
                        continue
                    # Each interview is rewritten with the version it was taken with.
                    _rewrite(uow, interview, consent, author, seed)
                    done += 1
    log.info("demo: %d interviews written through the form engine", done)
    return done


def _rewrite(
    uow: Any,
    interview: Interview,
    consent: ConsentRecord | None,
    author: uuid.UUID,
    seed: int,
) -> None:
    stored = {a.key: a.value for a in uow.answers.list_for(interview.id)}
    answers, step = engine_answers(interview, consent, stored, author, seed=seed)
    for key in stored.keys() - answers.keys():
        uow.answers.delete(interview.id, key)
    for key, value in answers.items():
        if stored.get(key) != value:
            uow.answers.upsert(interview.id, key, value, author)
    interview.current_step = step
    if interview.social_counsellor_id is None:
        interview.social_counsellor_id = author
    uow.interviews.save(interview)


def engine_answers(
    interview: Interview,
    consent: ConsentRecord | None,
    answers: Mapping[str, Any],
    author: uuid.UUID,
    *,
    seed: int = 0,
    definition: FormDefinition | None = None,
) -> tuple[dict[str, Any], str]:
    """The valid answers (key -> stored value) and the step of one demo interview.

    ``answers`` is what a demo generator chose (old keys and labels are translated). Usable
    before the interview is written: set ``interview.current_step`` to the step returned.
    """
    definition = definition or builtin_registry().get(
        interview.definition_id, interview.definition_version
    )
    rng = random.Random(f"{seed}:{interview.id}")
    state = build_state(definition, interview, consent, dict(answers), author, rng)
    return {key: record.value for key, record in state.answers.items()}, state.current_step.id


def build_state(
    definition: FormDefinition,
    interview: Interview,
    consent: ConsentRecord | None,
    stored: dict[str, Any],
    author: uuid.UUID,
    rng: random.Random,
) -> InterviewState:
    """The engine state of one demo interview, at the stage its status calls for."""
    state = InterviewState(definition)
    finished = interview.status is not InterviewStatus.IN_PROGRESS
    stage = "plan" if finished else rng.choice(IN_PROGRESS_STAGES)

    def put(key: str, value: Any) -> None:
        if key in definition.fields and state.set_answer(key, value, author):
            state.set_answer(key, None, author)  # the engine refuses it: leave it unanswered

    for key, scope in CONSENT_PREFILL.items():
        put(key, consent is not None and consent.allows(scope))
    put("accueil.lieu", interview.place)
    for key, value in stored.items():
        key = LEGACY_KEYS.get(key, key)
        if key.endswith(".situations"):
            value = _situation_slugs(definition, key, value)
        if key in definition.fields and not key.startswith("accueil."):
            put(key, value)
    for theme in definition.themes():
        barrier = state.value(f"{theme.id}.barrier")
        if barrier is None and finished:
            put(f"{theme.id}.barrier", rng.choice(("none", "none", "not_discussed", "light")))
            barrier = state.value(f"{theme.id}.barrier")
        if barrier not in (None, "none", "not_discussed"):
            _answer_questions(state, theme.id, rng, put)
    if stage in ("priorites", "plan"):
        if stage == "plan" or rng.random() < 0.5:
            put("priorites.projet", state.value("priorites.projet") or rng.choice(names.PROJECTS))
        if state.value("priorites.atouts") is None:
            put("priorites.atouts", rng.sample(names.STRENGTHS, 2))
        if state.value("priorites.ordre") is None:
            heavy = [b.theme for b in state.synthesis().barriers if b.weight in _HEAVY]
            put("priorites.ordre", heavy[:3])
    state.go_to(stage)
    if state.current_step.id != stage:  # blocked on the way (e.g. project not written yet)
        state.go_to("priorites" if stage == "plan" else stage)
    return state


_HEAVY = ("strong", "blocking")


def _situation_slugs(definition: FormDefinition, key: str, value: Any) -> Any:
    """Labels (what the first demo wrote) to the slugs the definition stores."""
    if key not in definition.fields or not isinstance(value, list):
        return value
    by_label = {label: slug for slug, label in definition.fields[key].choice_labels.items()}
    return sorted({by_label.get(item, item) for item in value if by_label.get(item, item)})


def _answer_questions(state: InterviewState, theme: str, rng: random.Random, put: Any) -> None:
    definition = state.definition
    for question in definition.theme(theme).questions:
        key = f"{theme}.{question.id}"
        if rng.random() < 0.4 or not state.is_visible(key) or key in state.answers:
            continue
        choices = list(definition.fields[key].choices)
        kind = question.type
        value: Any
        if kind == QuestionType.YES_NO:
            value = rng.random() < 0.5
        elif kind == QuestionType.SINGLE_CHOICE:
            value = rng.choice(choices)
        elif kind == QuestionType.MULTIPLE_CHOICE:
            value = rng.sample(choices, min(len(choices), rng.randint(1, 2)))
        elif kind == QuestionType.SCALE:
            value = rng.randint(0, 4)
        elif kind == QuestionType.NUMBER:
            low = int(question.min if question.min is not None else 0)
            high = int(question.max if question.max is not None else low + 10)
            value = rng.randint(low, min(high, low + 10))
        elif kind == QuestionType.DATE:
            value = f"{rng.randint(2020, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif kind == QuestionType.TEXT_LIST:
            value = rng.sample(names.STRENGTHS, 1)
        else:
            # Free-text questions ask for facts (a country, a trade, a date of arrival) that
            # no generic phrase can answer believably: the demo leaves them for the counsellor.
            continue
        put(key, value)
