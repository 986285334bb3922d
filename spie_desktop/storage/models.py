"""ORM models: one table per domain entity, plus the outbox and the meta key-value table.

Every entity row carries ``id`` (a UUID as 16 bytes), ``version``, ``updated_at`` (UTC),
``updated_by`` and ``hlc`` (hybrid logical clock of its last change). Enumerations are stored
as their string values. These classes never leave the storage package: repositories map rows
to domain dataclasses.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .column_types import UTCDateTime, UUIDBytes

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {uuid.UUID: UUIDBytes(), datetime: UTCDateTime()}


class RecordRow:
    """Columns shared by every synchronised entity."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, sort_order=-1)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime]
    updated_by: Mapped[uuid.UUID | None]
    hlc: Mapped[str] = mapped_column(String(40))


def _fk(target: str, ondelete: str = "CASCADE") -> Any:
    return ForeignKey(target, ondelete=ondelete)


class StructureRow(RecordRow, Base):
    __tablename__ = "structures"
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    territory_code: Mapped[str] = mapped_column(String(8))


class CounsellorRow(RecordRow, Base):
    __tablename__ = "counsellors"
    display_name: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(16))
    # No foreign key: a counsellor may arrive before the structure it belongs to.
    structure_id: Mapped[uuid.UUID | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PersonRow(RecordRow, Base):
    __tablename__ = "people"
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    search_name: Mapped[str] = mapped_column(String(400), index=True)  # fold_name(first last)
    birth_date: Mapped[date | None] = mapped_column(Date)
    commune: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    status: Mapped[str] = mapped_column(String(32))
    last_contact: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    # Shared by the person's evaluations, never shown (see EvaluationRow).
    evaluation_token: Mapped[str | None] = mapped_column(String(64))
    # BCP 47 code of the person's reading language; records from older devices lack it. The
    # server default is the one migration 0011 gave the rows already there.
    language: Mapped[str] = mapped_column(
        String(35), default="fr", server_default="fr", info={"wire_default": "fr"}
    )
    __table_args__ = (Index("ix_people_name_order", "last_name", "first_name"),)


class ConsentRow(RecordRow, Base):
    __tablename__ = "consents"
    person_id: Mapped[uuid.UUID] = mapped_column(_fk("people.id"), index=True)
    given_at: Mapped[datetime]
    scopes: Mapped[list[str]] = mapped_column(JSON)
    wording_version: Mapped[str] = mapped_column(String(32))
    recorded_by: Mapped[uuid.UUID | None]


class InterviewRow(RecordRow, Base):
    __tablename__ = "interviews"
    person_id: Mapped[uuid.UUID] = mapped_column(_fk("people.id"), index=True)
    definition_id: Mapped[str] = mapped_column(String(100))
    definition_version: Mapped[int]
    status: Mapped[str] = mapped_column(String(32))
    current_step: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[datetime]
    social_counsellor_id: Mapped[uuid.UUID | None]
    emploi_counsellor_id: Mapped[uuid.UUID | None]
    place: Mapped[str] = mapped_column(String(200), default="")


class AnswerRow(RecordRow, Base):
    __tablename__ = "answers"
    interview_id: Mapped[uuid.UUID] = mapped_column(_fk("interviews.id"))
    key: Mapped[str] = mapped_column(String(200))
    value: Mapped[Any | None] = mapped_column(JSON)
    author_id: Mapped[uuid.UUID | None]
    __table_args__ = (UniqueConstraint("interview_id", "key", name="uq_answers_interview_key"),)


class PlanRow(RecordRow, Base):
    __tablename__ = "plans"
    person_id: Mapped[uuid.UUID] = mapped_column(_fk("people.id"), index=True)
    interview_id: Mapped[uuid.UUID | None] = mapped_column(_fk("interviews.id", "SET NULL"))
    plan_version: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(_fk("plans.id", "SET NULL"))
    status: Mapped[str] = mapped_column(String(32))
    contract: Mapped[str] = mapped_column(String(16))
    contract_commitment: Mapped[bool] = mapped_column(Boolean, default=False)
    next_review: Mapped[date | None] = mapped_column(Date)


class ObjectiveRow(RecordRow, Base):
    __tablename__ = "objectives"
    plan_id: Mapped[uuid.UUID] = mapped_column(_fk("plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    theme: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32))


class ActionRow(RecordRow, Base):
    __tablename__ = "actions"
    objective_id: Mapped[uuid.UUID] = mapped_column(_fk("objectives.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(Text)
    responsible_structure: Mapped[str] = mapped_column(String(200), default="")
    referent: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32))
    offer_id: Mapped[str | None] = mapped_column(String(200))
    # The linked offer as it stood when linked (``LinkedOffer.as_json``): name, structure, contact.
    linked_offer: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SignatureRow(RecordRow, Base):
    __tablename__ = "signatures"
    plan_id: Mapped[uuid.UUID] = mapped_column(_fk("plans.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    signer_name: Mapped[str] = mapped_column(String(200))
    strokes: Mapped[list[Any]] = mapped_column(JSON)  # [[[x, y], ...], ...] in a 0..1 box
    signed_at: Mapped[datetime]
    counsellor_id: Mapped[uuid.UUID | None]
    # "drawn" or "typed" (signed on the keyboard); records from older devices lack it. The
    # server default is the one migration 0012 gave the rows already there.
    method: Mapped[str] = mapped_column(
        String(8), default="drawn", server_default="drawn", info={"wire_default": "drawn"}
    )


class PlanPdfRow(RecordRow, Base):
    """The rendered, signed PDF of a plan: one per plan, immutable once written."""

    __tablename__ = "plan_pdfs"
    plan_id: Mapped[uuid.UUID] = mapped_column(_fk("plans.id"), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


class SigningKeyRow(Base):
    """A counsellor's signing identity. Local only: never journalled, never synchronised
    (the wrapped private key must not leave the device)."""

    __tablename__ = "signing_keys"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    counsellor_id: Mapped[uuid.UUID] = mapped_column(_fk("counsellors.id"), index=True)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    certificate_pem: Mapped[str] = mapped_column(Text)
    chain_pem: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    replaced_at: Mapped[datetime | None]


class FollowUpEventRow(RecordRow, Base):
    __tablename__ = "follow_up_events"
    person_id: Mapped[uuid.UUID] = mapped_column(_fk("people.id"))
    kind: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="")
    action_id: Mapped[uuid.UUID | None]  # no foreign key: the action may be replaced later
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    #: By kind: the outbox reads the restriction events on every count of what waits, and
    #: the orientation import its orientations. By person, holding what a path reads of each
    #: event: the point de situation reads everyone's from the index alone, in person order.
    __table_args__ = (
        Index("ix_follow_up_events_kind", "kind"),
        Index("ix_follow_up_events_path", "person_id", "kind", "occurred_at", "details"),
    )


class CaseReviewRow(RecordRow, Base):
    """A multi-agency case review session: when, where, who takes part (name, structure and
    role only)."""

    __tablename__ = "case_reviews"
    starts_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[list[Any]] = mapped_column(JSON)  # [{"name", "structure", "role"}]
    status: Mapped[str] = mapped_column(String(16))
    structure_id: Mapped[uuid.UUID | None]  # no foreign key, as for counsellors
    author_id: Mapped[uuid.UUID | None]


class CaseReviewCaseRow(RecordRow, Base):
    """A person's situation put to a case review, under a random pseudonymous reference."""

    __tablename__ = "case_review_cases"
    person_id: Mapped[uuid.UUID] = mapped_column(_fk("people.id"), index=True)
    review_id: Mapped[uuid.UUID | None] = mapped_column(
        _fk("case_reviews.id", "SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(String(16), index=True)
    include_sex: Mapped[bool] = mapped_column(Boolean, default=False)
    decisions: Mapped[list[Any]] = mapped_column(JSON)  # [{"what", "who", "due_on"}]
    flagged_at: Mapped[datetime]
    author_id: Mapped[uuid.UUID | None]


class PurgeRow(RecordRow, Base):
    """A tombstone: this person's file was forgotten (retention or erasure on request).

    No foreign key: the person it names is gone. It holds no identity, only the id.
    """

    __tablename__ = "purges"
    person_id: Mapped[uuid.UUID] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(String(16))  # "retention" | "erasure"
    purged_on: Mapped[date] = mapped_column(Date)


class ImmersionRow(RecordRow, Base):
    """A PMSMP convention for a plan action: host company, tutor, periods, objective, trade,
    and its assessment once it ended."""

    __tablename__ = "immersions"
    person_id: Mapped[uuid.UUID] = mapped_column(_fk("people.id"), index=True)
    # No foreign key: a plan's new version gives its actions new ids, and the action may
    # arrive after the immersion.
    action_id: Mapped[uuid.UUID] = mapped_column(index=True)
    company_name: Mapped[str] = mapped_column(String(200))
    siret: Mapped[str] = mapped_column(String(14), index=True)
    company_address: Mapped[str] = mapped_column(Text)
    company_commune: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(200))
    tutor_name: Mapped[str] = mapped_column(String(200))
    tutor_function: Mapped[str] = mapped_column(String(200))
    tutor_phone: Mapped[str] = mapped_column(String(40))
    tutor_email: Mapped[str] = mapped_column(String(200))
    periods: Mapped[list[Any]] = mapped_column(JSON)  # [{"start", "end"}]
    weekly_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    objective: Mapped[str] = mapped_column(String(16))
    trade_code: Mapped[str] = mapped_column(String(8))
    trade_label: Mapped[str] = mapped_column(String(200))
    activities: Mapped[str] = mapped_column(Text)
    skills: Mapped[str] = mapped_column(Text)
    renewal_of: Mapped[uuid.UUID | None]
    # {"skills_shown", "follow_up", "assessed_on"} once recorded.
    assessment: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class EmployerRow(RecordRow, Base):
    """A company of the territory that hosted an immersion or hired someone (no person data)."""

    __tablename__ = "employers"
    key: Mapped[str] = mapped_column(String(220), index=True)  # the SIRET, else "nom:<name>"
    name: Mapped[str] = mapped_column(String(200))
    siret: Mapped[str] = mapped_column(String(14))
    sector: Mapped[str] = mapped_column(String(200))
    commune: Mapped[str] = mapped_column(String(200))
    trades: Mapped[list[Any]] = mapped_column(JSON)
    contact_name: Mapped[str] = mapped_column(String(200))
    contact_phone: Mapped[str] = mapped_column(String(40))
    contact_email: Mapped[str] = mapped_column(String(200))


class EvaluationRow(RecordRow, Base):
    """A person's own evaluation of their support. It names no one: no foreign key, no
    person, counsellor or interview id, ``updated_by`` always null; ``token`` is random and
    shared by one person's evaluations (kept on the person's row, never shown)."""

    __tablename__ = "evaluations"
    structure: Mapped[str] = mapped_column(String(64))
    month: Mapped[str] = mapped_column(String(7))
    step: Mapped[str] = mapped_column(String(32))
    token: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    wants_groups: Mapped[bool | None] = mapped_column(Boolean)
    suggestion: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class AuditEventRow(RecordRow, Base):
    """Local audit trail: who did what to which record. Never any content."""

    __tablename__ = "audit_events"
    action: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[uuid.UUID | None]
    entity: Mapped[str] = mapped_column(String(64), default="")
    entity_id: Mapped[uuid.UUID | None]
    at: Mapped[datetime] = mapped_column(index=True)


class OutboxRow(Base):
    """One local change waiting to be pushed, written in the same transaction as the change."""

    __tablename__ = "outbox"
    device_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    op: Mapped[str] = mapped_column(String(8))  # "upsert" | "delete"
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID]
    version: Mapped[int]
    base_version: Mapped[int | None]
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    hlc: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    error: Mapped[str | None] = mapped_column(Text)  # why the server refused it (status error)
    # AUTOINCREMENT: a device sequence number is never reused, even after the row is gone.
    __table_args__ = (
        Index("ix_outbox_status_seq", "status", "device_seq"),
        Index("ix_outbox_entity_id", "entity_id"),
        {"sqlite_autoincrement": True},
    )


class SyncBaseRow(Base):
    """The last version of a record the territory server confirmed, with its whole document:
    the base of the three-way merge. Local only."""

    __tablename__ = "sync_base"
    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int]
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    doc: Mapped[dict[str, Any]] = mapped_column(JSON)


class SyncConflictRow(Base):
    """One field changed on both sides: the server's value stayed, the local one waits here."""

    __tablename__ = "sync_conflicts"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID] = mapped_column(index=True)
    field: Mapped[str] = mapped_column(String(64))
    local_value: Mapped[Any | None] = mapped_column(JSON)
    server_value: Mapped[Any | None] = mapped_column(JSON)
    server_version: Mapped[int]
    detected_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(16))


class SyncParkedRow(Base):
    """A pulled record that cannot be stored yet (its parent or its PDF is still missing)."""

    __tablename__ = "sync_parked"
    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(32))


class MetaRow(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def table_of(model: type[Base]) -> Table:
    """The Core table behind a model, typed as such (``__table__`` is a FromClause to mypy)."""
    return cast(Table, model.__table__)
