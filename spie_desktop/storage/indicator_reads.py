"""Bulk reads the indicators need beyond the path (``path_reads``): every signed plan's
actions with their theme and offer, immersions' periods, who worked each file first, the
catalogue's thématiques of linked offers and the people's evaluations.

One query per table for everyone, rows as plain tuples (ids as text, datetimes as their
stored UTC text).
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .catalogue_rows import CatalogueServiceRow
from .column_types import uuid_text
from .models import EvaluationRow, ImmersionRow, table_of
from .path_reads import (
    ACTIONS,
    INTERVIEWS,
    OBJECTIVES,
    PEOPLE,
    PLANS,
    SIGNATURES,
    SIGNED,
    STRUCTURES,
    SUPERSEDED,
    _rows,
    _text,
)

IMMERSIONS = table_of(ImmersionRow)
SERVICES = table_of(CatalogueServiceRow)
EVALUATIONS = table_of(EvaluationRow)


class SignedActionLine(NamedTuple):
    person_id: str
    plan_id: str
    plan_version: int
    signed_at: str  # the plan's last signature, else its last change; UTC text
    theme: str  # the objective's referential theme id
    label: str
    status: str
    offer_id: str | None  # "source:id" of the linked offer


class FileAuthorLine(NamedTuple):
    """Who worked a person's file first: the counsellors of their earliest interview (its
    social then its employment counsellor) and the last author of the person's record."""

    person_id: str
    record_author: str | None
    social_counsellor_id: str | None
    emploi_counsellor_id: str | None


class EvaluationLine(NamedTuple):
    structure: str
    month: str
    step: str
    token: str
    answers: dict[str, Any]
    wants_groups: bool | None


def signed_action_lines(session: Session) -> list[SignedActionLine]:
    """The actions of every signed plan version (in force or superseded), in plan order."""
    p, o, a, s = PLANS.c, OBJECTIVES.c, ACTIONS.c, SIGNATURES.c
    last_signature = (
        select(s.plan_id, func.max(_text(s.signed_at)).label("signed_at"))
        .group_by(s.plan_id)
        .subquery()
    )
    stmt = (
        select(
            uuid_text(p.person_id),
            uuid_text(p.id),
            p.plan_version,
            func.coalesce(last_signature.c.signed_at, _text(p.updated_at)),
            o.theme,
            a.label,
            a.status,
            a.offer_id,
        )
        .select_from(
            ACTIONS.join(OBJECTIVES, a.objective_id == o.id)
            .join(PLANS, o.plan_id == p.id)
            .outerjoin(last_signature, last_signature.c.plan_id == p.id)
        )
        .where(p.status.in_((SIGNED, SUPERSEDED)))
        .order_by(p.plan_version, o.position, a.position)
    )
    return [SignedActionLine._make(row) for row in _rows(session, stmt)]


def immersion_periods(session: Session) -> list[tuple[str, list[dict[str, str]]]]:
    """Each immersion's (person id, periods as stored: ``[{"start", "end"}]``)."""
    c = IMMERSIONS.c
    stmt = select(uuid_text(c.person_id), _text(c.periods))
    return [(person, json.loads(periods or "[]")) for person, periods in _rows(session, stmt)]


def file_authors(session: Session) -> list[FileAuthorLine]:
    """Everyone's :class:`FileAuthorLine` (the earliest interview by its start)."""
    i, pe = INTERVIEWS.c, PEOPLE.c
    first = (
        select(
            i.person_id.label("person_id"),
            uuid_text(i.social_counsellor_id).label("social"),
            uuid_text(i.emploi_counsellor_id).label("emploi"),
            func.row_number()
            .over(partition_by=i.person_id, order_by=(_text(i.started_at), i.id))
            .label("rank"),
        )
    ).subquery()
    stmt = select(
        uuid_text(pe.id), uuid_text(pe.updated_by), first.c.social, first.c.emploi
    ).select_from(PEOPLE.outerjoin(first, (first.c.person_id == pe.id) & (first.c.rank == 1)))
    return [FileAuthorLine._make(row) for row in _rows(session, stmt)]


def offer_thematiques(session: Session) -> dict[str, str]:
    """The catalogue's services that actions link to: "source:id" → thématiques as stored
    (``|a|b|``)."""
    c = SERVICES.c
    linked = select(ACTIONS.c.offer_id).where(ACTIONS.c.offer_id.is_not(None))
    stmt = select(c.source + ":" + c.id, c.thematiques).where((c.source + ":" + c.id).in_(linked))
    return {key: thematiques for key, thematiques in _rows(session, stmt)}


def structure_names(session: Session) -> dict[str, str]:
    """Structure id (text) → name."""
    c = STRUCTURES.c
    return {row[0]: row[1] for row in _rows(session, select(uuid_text(c.id), c.name))}


def evaluation_lines(session: Session) -> list[EvaluationLine]:
    """Every evaluation stored."""
    c = EVALUATIONS.c
    stmt = select(c.structure, c.month, c.step, c.token, c.answers, c.wants_groups)
    lines = []
    for structure, month, step, token, answers, wants in _rows(session, stmt):
        if isinstance(answers, str):
            answers = json.loads(answers or "{}")
        lines.append(
            EvaluationLine(
                structure or "",
                month,
                step,
                token,
                answers or {},
                None if wants is None else bool(wants),
            )
        )
    return lines
