"""``facts_for_territory``: the facts of every person and evaluation of one territory, read
from the records the server keeps (the server's side of the shared indicator computation).

One query per entity, streamed; no query per person. Days are in the territory's calendar
(its time zone follows from its code: ``retention.local_calendar.territory_zone``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_protocol.indicators.facts import (
    SCALE,
    EvaluationFacts,
    EvaluationQuestion,
    EvaluationStep,
    PersonFacts,
)
from spie_protocol.indicators.rules import UNKNOWN_STRUCTURE, offer_thematique
from spie_server.models import OfferService, Territory
from spie_server.retention.local_calendar import local_day, territory_zone

from .paths import Paths
from .person_facts import all_facts
from .records import documents, documents_of, uuid_text

#: The evaluations entity (issue 17): absent from a server whose devices never sent one.
EVALUATIONS = "evaluations"
_STEPS = {step.value: step for step in EvaluationStep}
_QUESTIONS = {question.value: question for question in EvaluationQuestion}


def facts_for_territory(
    db: Session, territory_id: int, start: date, end: date, *, today: date | None = None
) -> tuple[list[PersonFacts], list[EvaluationFacts]]:
    """The facts of the people with a step in [start, end] and the evaluations of the months
    it spans. ``today`` (the territory's, by default) tells a started action from one still
    to come."""
    paths = _paths(db, territory_id, today)
    people = [
        facts
        for facts in facts_by_person(db, territory_id, paths=paths).values()
        if in_period(facts, start, end)
    ]
    names = paths.structure_names
    return people, list(evaluations(db, territory_id, start, end, structure_names=names))


def facts_by_person(
    db: Session, territory_id: int, *, today: date | None = None, paths: Paths | None = None
) -> dict[str, PersonFacts]:
    """Every live person's facts, by person id (the id never leaves the server's memory).
    ``paths``: where to gather them (``_paths``); it keeps the structures' names after."""
    paths = paths or _paths(db, territory_id, today)
    # Read together: each query reads through the territory's records, and a person's
    # structure is only resolved once everything is read (person_facts.all_facts).
    for entity, item in documents_of(db, territory_id, ("structures", "counsellors", "people")):
        if entity == "people":
            paths.person(str(item.entity_id), item.doc)
        elif entity == "structures":
            paths.structure(str(item.entity_id), item.doc)
        else:
            paths.counsellor(str(item.entity_id), item.doc)
    for item in documents(db, territory_id, "plans"):
        paths.plan(str(item.entity_id), item.doc)
    for item in documents(db, territory_id, "signatures"):
        paths.signature(item.doc)
    for item in documents(db, territory_id, "objectives"):
        paths.objective(str(item.entity_id), item.doc)
    for item in documents(db, territory_id, "actions"):
        paths.action(item.doc)
    drafted_from = paths.drafted_from()
    for item in documents(db, territory_id, "interviews"):
        paths.interview(str(item.entity_id), item.doc, drafted_from)
    for item in documents(db, territory_id, "follow_up_events"):
        paths.event(item.doc)
    for item in documents(db, territory_id, "immersions"):
        paths.immersion(item.doc)
    linked = {action.offer for action in paths.actions if action.offer}
    return dict(all_facts(paths, offer_thematiques(db, territory_id, linked)))


def _paths(db: Session, territory_id: int, today: date | None) -> Paths:
    """The territory's paths, empty, in its calendar."""
    code = db.scalar(select(Territory.code).where(Territory.id == territory_id))
    if code is None:
        raise ValueError(f"no territory with id {territory_id}")
    timezone = territory_zone(code)
    return Paths(timezone, today or local_day(datetime.now(UTC), timezone))


def offer_thematiques(db: Session, territory_id: int, offers: set[str]) -> dict[str, str]:
    """Linked offer ("source:id") → the thématique it counts under, from the territory's
    catalogue service (``rules.offer_thematique``). An offer no longer in the catalogue is
    left out (it counts under ``UNKNOWN_THEMATIQUE``)."""
    if not offers:
        return {}
    out: dict[str, str] = {}
    rows = db.execute(
        select(OfferService.source, OfferService.record_id, OfferService.doc)
        .where(OfferService.territory_id == territory_id)
        .execution_options(yield_per=1000)
    )
    for source, record_id, text in rows:
        key = f"{source}:{record_id}"
        if key not in offers:
            continue
        tags = json.loads(text).get("thematiques")
        if isinstance(tags, list):
            out[key] = offer_thematique(tag for tag in tags if isinstance(tag, str))
    return out


def in_period(facts: PersonFacts, start: date, end: date) -> bool:
    """Whether any day of the person's path falls in [start, end] (one that does not counts
    in no figure of the period)."""
    days: Iterable[date | None] = (
        facts.oriented,
        facts.first_contact,
        facts.diagnostic,
        facts.first_action,
        facts.employment,
        facts.check_in_6m,
        *facts.steps,
        *facts.plans_signed,
        *facts.immersions,
    )
    return any(day is not None and start <= day <= end for day in days)


def evaluations(
    db: Session,
    territory_id: int,
    start: date,
    end: date,
    *,
    structure_names: dict[str, str] | None = None,
) -> Iterable[EvaluationFacts]:
    """The evaluations answered in the months [start, end] spans. An evaluation names its
    structure by id: it counts under the structure's name (``structure_names``: id → name,
    read when not given), as the people do."""
    first, last = f"{start:%Y-%m}", f"{end:%Y-%m}"
    names = structure_names
    if names is None:
        names = {
            str(item.entity_id): str(item.doc.get("name") or "")
            for item in documents(db, territory_id, "structures")
        }
    for item in documents(db, territory_id, EVALUATIONS):
        doc = item.doc
        month, step, token = doc.get("month"), _STEPS.get(str(doc.get("step"))), doc.get("token")
        if not isinstance(month, str) or not first <= month <= last or step is None:
            continue
        raw = doc.get("answers")
        answers = {
            _QUESTIONS[name]: value
            for name, value in (raw.items() if isinstance(raw, dict) else ())
            if name in _QUESTIONS and isinstance(value, int) and value in SCALE
        }
        wants = doc.get("wants_groups")
        yield EvaluationFacts(
            structure=_structure_name(doc.get("structure"), names),
            month=month,
            step=step,
            token=str(token or ""),
            answers=answers,
            wants_groups=wants if isinstance(wants, bool) else None,
        )


def _structure_name(structure: object, names: dict[str, str]) -> str:
    text = str(structure or "")
    return names.get(uuid_text(text) or text) or text or UNKNOWN_STRUCTURE
