"""A known data set for the indicators, written row by row into a real store: three people
of two structures whose every fact is worked out by hand in the tests.

Today is 5 December 2026; the territory is Aveyron (Europe/Paris).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import text

from spie_desktop.domain.organisation import Counsellor
from spie_desktop.storage.catalogue_rows import CatalogueServiceRow
from spie_desktop.storage.models import (
    ActionRow,
    CounsellorRow,
    FollowUpEventRow,
    ImmersionRow,
    InterviewRow,
    ObjectiveRow,
    PersonRow,
    PlanRow,
    SignatureRow,
    StructureRow,
)
from spie_desktop.storage.session import Session

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
OTHER_STRUCTURE = "France Travail Rodez"


@dataclass
class KnownPeople:
    anne: uuid.UUID  # the device's structure: the full path
    bruno: uuid.UUID  # France Travail: oriented only
    chloe: uuid.UUID  # the device's structure: a contact on her file, an unfinished interview
    denis: uuid.UUID  # no counsellor named anywhere (a record the system made)


def _utc(y: int, m: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=UTC)


def _record(author: uuid.UUID | None, **fields: Any) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "updated_at": NOW, "updated_by": author, "hlc": "0", **fields}


def build_known_people(session: Session) -> KnownPeople:
    nadia = session.counsellor
    with session.uow() as uow:
        db = uow.session
        other = StructureRow(
            **_record(None, name=OTHER_STRUCTURE, kind="france_travail", territory_code="12")
        )
        julien = CounsellorRow(
            **_record(None, display_name="Julien M.", field="emploi", structure_id=other.id)
        )
        db.add_all([other, julien])
        anne = _person(db, "Anne", nadia, None)
        bruno = _person(db, "Bruno", julien.id, None)
        chloe = _person(db, "Chloé", julien.id, date(2026, 11, 10))
        denis = _person(db, "Denis", None, None)
        db.flush()
        _anne_path(db, anne, nadia, julien.id)
        _event(db, bruno, "orientation", _utc(2026, 11, 3))
        db.add(_interview(chloe, nadia.id, None, "in_progress", _utc(2026, 11, 12)))
    return KnownPeople(anne, bruno, chloe, denis)


def _person(
    db: Any, name: str, author: Counsellor | uuid.UUID | None, last: date | None
) -> uuid.UUID:
    author_id = author.id if isinstance(author, Counsellor) else author
    row = PersonRow(
        **_record(
            author_id,
            first_name=name,
            last_name="Test",
            search_name=name.lower(),
            status="active",
            last_contact=last,
            created_at=NOW,
        )
    )
    db.add(row)
    return row.id


def _event(
    db: Any, person: uuid.UUID, kind: str, at: datetime, details: dict[str, Any] | None = None
) -> None:
    db.add(
        FollowUpEventRow(
            **_record(None, person_id=person, kind=kind, occurred_at=at, details=details)
        )
    )


def _interview(
    person: uuid.UUID,
    social: uuid.UUID | None,
    emploi: uuid.UUID | None,
    status: str,
    changed: datetime,
) -> InterviewRow:
    return InterviewRow(
        **_record(
            social,
            updated_at=changed,
            person_id=person,
            definition_id="diagnostic",
            definition_version=1,
            status=status,
            started_at=changed,
            social_counsellor_id=social,
            emploi_counsellor_id=emploi,
        )
    )


def _anne_path(db: Any, anne: uuid.UUID, nadia: Counsellor, julien: uuid.UUID) -> None:
    """Oriented 1 Oct; first contact 5 Oct 22:30 UTC, which is 6 Oct in Paris; a joint
    diagnostic on 8 Oct; plan v1 signed 15 Oct (two mobility actions, one linked to a
    catalogue offer), v2 signed 20 Nov (the same two, one now done, and a new employment
    action); an immersion from 2 Nov; back to work 1 Jun; still in work at the 6-month
    check-in on 1 Dec; a missed appointment that is no step."""
    _event(db, anne, "orientation", _utc(2026, 10, 1))
    _event(db, anne, "first_contact", _utc(2026, 10, 5, 22, 30))
    _event(db, anne, "missed_appointment", _utc(2026, 10, 7))
    _event(db, anne, "employment", _utc(2026, 6, 1))
    _event(db, anne, "check_in", _utc(2026, 9, 1), {"month": 3, "still_in_work": False})
    _event(db, anne, "check_in", _utc(2026, 12, 1), {"month": 6, "still_in_work": True})
    interview = _interview(anne, nadia.id, julien, "completed", _utc(2026, 10, 8))
    db.add(interview)
    db.flush()
    v1 = _plan(db, anne, interview.id, 1, "superseded", _utc(2026, 10, 15))
    permis = ("Passer le permis", "in_progress", date(2026, 10, 20), "di:permis-rodez")
    garde = ("Trouver une garde", "planned", date(2026, 12, 20), None)
    _objective(db, v1, "mobilite", [permis, garde])
    v2 = _plan(db, anne, interview.id, 2, "signed", _utc(2026, 11, 20))
    _objective(db, v2, "mobilite", [(permis[0], "done", *permis[2:]), garde])
    _objective(db, v2, "emploi", [("Atelier CV", "planned", date(2026, 11, 25), None)])
    db.add(
        ImmersionRow(
            **_record(
                None,
                person_id=anne,
                action_id=uuid.uuid4(),
                company_name="Boulangerie",
                siret="12345678901234",
                company_address="",
                company_commune="Rodez",
                sector="",
                tutor_name="",
                tutor_function="",
                tutor_phone="",
                tutor_email="",
                periods=[
                    {"start": "2026-11-09", "end": "2026-11-13"},
                    {"start": "2026-11-02", "end": "2026-11-06"},
                ],
                objective="discover",
                trade_code="D1102",
                trade_label="Boulanger",
                activities="",
                skills="",
            )
        )
    )
    db.add(
        CatalogueServiceRow(
            source="di",
            id="permis-rodez",
            structure_id="s1",
            name="Auto-école sociale",
            thematiques="|mobilite--preparer-son-permis-de-conduire|",
            record={},
        )
    )


def _plan(
    db: Any, person: uuid.UUID, interview: uuid.UUID, version: int, status: str, signed: datetime
) -> uuid.UUID:
    plan = PlanRow(
        **_record(
            None,
            person_id=person,
            interview_id=interview,
            plan_version=version,
            status=status,
            contract="none",
        )
    )
    db.add(plan)
    db.flush()
    for role, hour in (("social", 9), ("person", signed.hour)):
        db.add(
            SignatureRow(
                **_record(
                    None,
                    plan_id=plan.id,
                    role=role,
                    signer_name="x",
                    strokes=[],
                    signed_at=signed.replace(hour=hour),
                )
            )
        )
    return plan.id


def _objective(
    db: Any, plan: uuid.UUID, theme: str, actions: list[tuple[str, str, date, str | None]]
) -> None:
    objective = ObjectiveRow(**_record(None, plan_id=plan, theme=theme, label=theme, status="open"))
    db.add(objective)
    db.flush()
    for position, (label, status, start, offer) in enumerate(actions):
        db.add(
            ActionRow(
                **_record(
                    None,
                    objective_id=objective.id,
                    position=position,
                    label=label,
                    start_date=start,
                    status=status,
                    offer_id=offer,
                )
            )
        )


EVALUATIONS_DDL = """
CREATE TABLE evaluations (
    id VARCHAR(36) PRIMARY KEY, version INTEGER, updated_at TEXT, updated_by VARCHAR(36),
    hlc VARCHAR(40), structure VARCHAR(200), month VARCHAR(7), step VARCHAR(32),
    token VARCHAR(64), answers JSON, wants_groups BOOLEAN, suggestion TEXT, created_at TEXT
)
"""


def add_evaluations_table(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """The evaluations table as the evaluations entity lays it out, with ``rows`` of
    (structure, month, step, token, answers JSON, wants_groups)."""
    with session.uow() as uow:
        db = uow.session
        if not db.connection().dialect.has_table(db.connection(), "evaluations"):
            db.execute(text(EVALUATIONS_DDL))
        for structure, month, step, token, answers, wants in rows:
            db.execute(
                text(
                    "INSERT INTO evaluations (id, version, updated_at, hlc, structure, month, "
                    "step, token, answers, wants_groups, suggestion, created_at) VALUES "
                    "(:id, 1, '2026-12-01', '0', :s, :m, :st, :t, :a, :w, '', '2026-12-01')"
                ),
                {
                    "id": uuid.uuid4().bytes,  # raw SQL: the 16 bytes the id column holds
                    "s": structure,
                    "m": month,
                    "st": step,
                    "t": token,
                    "a": answers,
                    "w": wants,
                },
            )
