"""Bulk reads for the parcours and the point de situation: one query per table for
everyone (or one person), rows as plain tuples.

The point de situation reads every person the device holds — 10,000 people and 100,000
events must compute in well under 200 ms — so these reads skip the per-row type processors:
ids come as their canonical text (the 16 stored bytes read as they are and written out in
Python: SQLite's ``hex``/``substr`` made them at twice the cost of the rest of the read),
datetimes as their stored text (``YYYY-MM-DD HH:MM:SS…``, UTC) and dates as ``YYYY-MM-DD``;
the caller turns them into days of the territory's calendar. The 100,000 events come as one
string per person (:func:`event_digests`), read from an index alone. The details the
situation needs (planned, month, still in work) are read with ``json_extract`` rather than
by decoding every event's JSON.
"""

from __future__ import annotations

import uuid
from typing import Any, NamedTuple

from sqlalchemy import LargeBinary, String, case, func, literal, select, type_coerce
from sqlalchemy.orm import Session

from spie_desktop.domain.events import FollowUpKind

from .models import (
    ActionRow,
    CounsellorRow,
    FollowUpEventRow,
    InterviewRow,
    ObjectiveRow,
    PersonRow,
    PlanRow,
    SignatureRow,
    StructureRow,
    table_of,
)

EVENTS = table_of(FollowUpEventRow)
PEOPLE = table_of(PersonRow)
INTERVIEWS = table_of(InterviewRow)
PLANS = table_of(PlanRow)
OBJECTIVES = table_of(ObjectiveRow)
ACTIONS = table_of(ActionRow)
SIGNATURES = table_of(SignatureRow)
COUNSELLORS = table_of(CounsellorRow)
STRUCTURES = table_of(StructureRow)

COMPLETED = "completed"
SIGNED = "signed"
SUPERSEDED = "superseded"
DRAFT = "draft"


#: Separators of :func:`event_digests`: between a person's events, and between the fields
#: of one event (control characters: never in a kind, a stored instant or a number).
EVENT_SEPARATOR = "\x1e"
FIELD_SEPARATOR = "\x1f"


#: A row of :func:`event_digests`: (person id as its 16 stored bytes, their events).
EventDigest = tuple[bytes, str]


class InterviewLine(NamedTuple):
    person_id: str
    interview_id: str
    completed_at: str  # the record's last change (its completion), UTC text
    social_counsellor_id: str | None
    emploi_counsellor_id: str | None
    status: str


class SignedPlanLine(NamedTuple):
    person_id: str
    plan_id: str
    plan_version: int
    status: str  # signed (in force) or superseded
    signed_at: str  # the last signature, else the record's last change; UTC text
    interview_id: str | None  # the diagnostic the plan was drafted from


class ActionLine(NamedTuple):
    person_id: str
    plan_id: str
    action_id: str
    label: str
    status: str
    start_date: str | None
    due_date: str | None
    updated_at: str


class PersonLine(NamedTuple):
    person_id: str
    first_name: str
    last_name: str
    last_contact: str | None


def _rows(session: Session, stmt: Any) -> list[tuple[Any, ...]]:
    """Run ``stmt`` on the driver's own cursor and fetch every row at once: SQLAlchemy's
    per-row result handling would cost more than SQLCipher's work on 100,000 rows (every
    column selected here is text or a number, so there is nothing to convert)."""
    connection = session.connection()
    compiled = stmt.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    positional = [params[name] for name in compiled.positiontup or ()]
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), positional)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def id_text(raw: bytes) -> str:
    """The canonical text of a stored id (``str(uuid.UUID(bytes=raw))``, without the UUID)."""
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_new_object = object.__new__
_set_slot = object.__setattr__
_UNKNOWN_SAFETY = uuid.SafeUUID.unknown


def id_uuid(text: str) -> uuid.UUID:
    """``uuid.UUID(text)`` for an id :func:`id_text` wrote, without the checks and the
    parsing of its constructor (30,000 of them in a point de situation)."""
    value = _new_object(uuid.UUID)
    _set_slot(value, "int", int(text.replace("-", ""), 16))
    _set_slot(value, "is_safe", _UNKNOWN_SAFETY)
    return value


def _texts(rows: list[tuple[Any, ...]], *ids: int) -> list[list[Any]]:
    """``rows`` with the columns at ``ids`` (raw stored ids) as their canonical text. Ids
    repeat across rows (a plan's actions, a counsellor's interviews, a person's plans):
    each one's text is written once."""
    written: dict[bytes, str] = {}
    out = []
    for row in rows:
        cells = list(row)
        for i in ids:
            raw = cells[i]
            if raw is not None:
                text = written.get(raw)
                if text is None:
                    text = written[raw] = id_text(raw)
                cells[i] = text
        out.append(cells)
    return out


def _text(column: Any) -> Any:
    return type_coerce(column, String)


def _where_person(column: Any, person_id: uuid.UUID | None) -> list[Any]:
    # Raw bytes: ``_rows`` sends parameters as they are, without the columns' bind processing.
    return [] if person_id is None else [type_coerce(column, LargeBinary) == person_id.bytes]


def event_digests(session: Session, person_id: uuid.UUID | None = None) -> list[EventDigest]:
    """Every person's events (or one person's), one row per person: (the person's id as its
    16 stored bytes, their events joined by :data:`EVENT_SEPARATOR`).

    An event is ``kind``, then its occurred_at as stored UTC text, joined by
    :data:`FIELD_SEPARATOR`; an event whose details may say more adds three fields: planned
    (``1``/``0``), a check-in's month (a whole number, else empty) and still in work
    (``1``/``0``, empty when not said).

    The index on (person_id, kind, occurred_at, details) holds every column read here: SQLite
    scans it in person order and groups as it goes (no table page, no sort), and Python
    receives one string per person instead of a tuple per event. A person's events come in
    index order: by kind, then instant.
    """
    c = EVENTS.c
    sep = literal(FIELD_SEPARATOR, String)

    def json_is(key: str, *types: str) -> Any:
        return func.json_type(c.details, f"$.{key}").in_(types)

    # As the repository's reading (domain.parcours.event_mark): planned only when true, a
    # check-in's month only when a whole number, still in work only when a boolean.
    planned = case((json_is("planned", "true"), "1"), else_="0")
    month = case(
        (
            (c.kind == FollowUpKind.CHECK_IN.value) & json_is("month", "integer"),
            _text(func.json_extract(c.details, "$.month")),
        ),
        else_="",
    )
    still = case(
        (json_is("still_in_work", "true"), "1"),
        (json_is("still_in_work", "false"), "0"),
        else_="",
    )
    # JSON is parsed only where it can hold one of the keys (most events have no details).
    said = (
        (func.instr(c.details, "planned") > 0)
        | (func.instr(c.details, "month") > 0)
        | (func.instr(c.details, "still_in_work") > 0)
    )
    extra = case((said, sep + planned + sep + month + sep + still), else_="")
    token = c.kind + sep + _text(c.occurred_at) + extra
    stmt = (
        select(c.person_id, func.group_concat(token, EVENT_SEPARATOR))
        .where(*_where_person(c.person_id, person_id))
        .group_by(c.person_id)
    )
    return _rows(session, stmt)  # type: ignore[return-value]


def interview_lines(session: Session, person_id: uuid.UUID | None = None) -> list[InterviewLine]:
    c = INTERVIEWS.c
    stmt = select(
        c.person_id,
        c.id,
        _text(c.updated_at),
        c.social_counsellor_id,
        c.emploi_counsellor_id,
        c.status,
    ).where(*_where_person(c.person_id, person_id))
    return [InterviewLine._make(row) for row in _texts(_rows(session, stmt), 0, 1, 3, 4)]


def signed_plan_lines(session: Session, person_id: uuid.UUID | None = None) -> list[SignedPlanLine]:
    p, s = PLANS.c, SIGNATURES.c
    last_signature = (
        select(s.plan_id, func.max(_text(s.signed_at)).label("signed_at"))
        .group_by(s.plan_id)
        .subquery()
    )
    stmt = (
        select(
            p.person_id,
            p.id,
            p.plan_version,
            p.status,
            func.coalesce(last_signature.c.signed_at, _text(p.updated_at)),
            p.interview_id,
        )
        .select_from(PLANS.outerjoin(last_signature, last_signature.c.plan_id == p.id))
        .where(p.status.in_((SIGNED, SUPERSEDED)), *_where_person(p.person_id, person_id))
    )
    return [SignedPlanLine._make(row) for row in _texts(_rows(session, stmt), 0, 1, 5)]


def action_lines(session: Session, person_id: uuid.UUID | None = None) -> list[ActionLine]:
    """The actions of everyone's (or one person's) newest signed plan version, in plan
    order. Two signed plans of the same version for one person both come: the caller
    keeps the one it holds in force."""
    p, o, a = PLANS.c, OBJECTIVES.c, ACTIONS.c
    newest = PLANS.alias("newest")
    newest_version = (
        select(func.max(newest.c.plan_version))
        .where(newest.c.person_id == p.person_id, newest.c.status == SIGNED)
        .scalar_subquery()
    )
    stmt = (
        select(
            p.person_id,
            p.id,
            a.id,
            a.label,
            a.status,
            _text(a.start_date),
            _text(a.due_date),
            _text(a.updated_at),
        )
        .select_from(
            ACTIONS.join(OBJECTIVES, a.objective_id == o.id).join(PLANS, o.plan_id == p.id)
        )
        .where(
            p.status == SIGNED,
            p.plan_version == newest_version,
            *_where_person(p.person_id, person_id),
        )
        .order_by(o.position, a.position)
    )
    return [ActionLine._make(row) for row in _texts(_rows(session, stmt), 0, 1, 2)]


def revision_action_lines(session: Session, person_id: uuid.UUID | None = None) -> list[ActionLine]:
    """The actions of the drafts that revise a plan (a next version: ``supersedes_id`` set),
    in plan order: what a check-in or a case review added waits there for the signature.
    Such drafts are few: their ids are read first, and the actions only when there are any."""
    p, o, a = PLANS.c, OBJECTIVES.c, ACTIONS.c
    drafts = select(p.id).where(
        p.status == DRAFT, p.supersedes_id.is_not(None), *_where_person(p.person_id, person_id)
    )
    plan_ids: list[bytes] = [row[0] for row in _rows(session, drafts)]
    if not plan_ids:
        return []
    stmt = (
        select(
            p.person_id,
            p.id,
            a.id,
            a.label,
            a.status,
            _text(a.start_date),
            _text(a.due_date),
            _text(a.updated_at),
        )
        .select_from(
            ACTIONS.join(OBJECTIVES, a.objective_id == o.id).join(PLANS, o.plan_id == p.id)
        )
        .where(type_coerce(p.id, LargeBinary).in_(plan_ids))
        .order_by(o.position, a.position)
    )
    return [ActionLine._make(row) for row in _texts(_rows(session, stmt), 0, 1, 2)]


def person_lines(session: Session) -> list[PersonLine]:
    c = PEOPLE.c
    stmt = select(c.id, c.first_name, c.last_name, _text(c.last_contact)).order_by(c.search_name)
    return [PersonLine._make(row) for row in _texts(_rows(session, stmt), 0)]


def counsellor_names(session: Session) -> dict[str, tuple[str, str]]:
    """Counsellor id (text) → (display name, structure name or "")."""
    c, s = COUNSELLORS.c, STRUCTURES.c
    stmt = select(c.id, c.display_name, s.name).select_from(
        COUNSELLORS.outerjoin(STRUCTURES, c.structure_id == s.id)
    )
    return {id_text(row[0]): (row[1], row[2] or "") for row in _rows(session, stmt)}
