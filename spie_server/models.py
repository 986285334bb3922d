"""Database tables. Times are naive UTC everywhere (SQLite has no time zones).

``records`` holds the current document of every synced record, keyed by territory first:
territories are separate namespaces, so nothing a device sends can reach another territory.
``record_versions`` keeps every version of every record, never updated: nothing a device
pushes is irreversible (see history.py). ``held_deletions`` holds mass deletions waiting for an
administrator.
``ops`` remembers the outcome of each change by its op_id, so a replay answers the same.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """The Core table behind a model, typed as such (``__table__`` is a FromClause to mypy)."""
    return cast(Table, model.__table__)


class Territory(Base):
    __tablename__ = "territories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    ca_cert_pem: Mapped[str] = mapped_column(Text)
    #: The CA's private key, PKCS#8 PEM encrypted with the server secret (see ca.py).
    ca_key_pem: Mapped[bytes] = mapped_column(LargeBinary)
    #: Which data key seals this territory's documents and blobs (sealing.py), and that key
    #: wrapped by the server secret. NULL only while ``add_territory`` creates the row (SQLite
    #: cannot make an existing column NOT NULL without rebuilding this much-referenced table).
    data_key_id: Mapped[int | None] = mapped_column(Integer)
    data_key: Mapped[bytes | None] = mapped_column(LargeBinary)


class TerritorySetting(Base):
    """What a territory's administrator set for all its devices (``spie-server territory
    settings``). ``alert_rules`` holds the thresholds as the protocol's ``AlertRulesModel``
    JSON; NULL: the territory has set none, each device keeps its own."""

    __tablename__ = "territory_settings"
    territory_id: Mapped[int] = mapped_column(ForeignKey("territories.id"), primary_key=True)
    alert_rules: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: The protocol's ``RetentionRulesModel`` JSON; NULL: the defaults apply (24 and 24 months).
    retention: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class EnrolmentCode(Base):
    __tablename__ = "enrolment_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territories.id"), index=True)
    structure: Mapped[str] = mapped_column(String(200))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territories.id"), index=True)
    structure: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class Certificate(Base):
    __tablename__ = "certificates"
    serial: Mapped[str] = mapped_column(String(40), primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), index=True)
    account_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    certificate_pem: Mapped[str] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(16))  # None: issued before 0003
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revocation_reason: Mapped[str | None] = mapped_column(String(32))  # "superseded", …


class AdminEvent(Base):
    """Every enrolment, revocation, territory and code creation: ids only, no names."""

    __tablename__ = "admin_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(32))
    territory_id: Mapped[int | None] = mapped_column(Integer)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Record(Base):
    __tablename__ = "records"
    territory_id: Mapped[int] = mapped_column(ForeignKey("territories.id"), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    #: The document (JSON) sealed with the territory's data key (sealing.py).
    doc: Mapped[bytes] = mapped_column(LargeBinary)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    hlc: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    #: The structure of the device that created the record: only its devices may delete it.
    owner_structure: Mapped[str | None] = mapped_column(String(200))
    #: The person the record belongs to (sync/sharing.py): only the devices of the structures
    #: that follow them receive it. NULL for records that belong to no one (structures,
    #: counsellors, evaluations…) and, until their parent arrives, for orphans.
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    #: An answer of a sensitive theme or question (spie_protocol.sharing).
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        Index("ix_records_territory_seq", "territory_id", "seq", unique=True),
        Index("ix_records_territory_person", "territory_id", "person_id"),
    )


class Follower(Base):
    """A structure (by its enrolment name, ``Device.structure``) that follows a person: its
    devices receive the person's records. ``structure`` ``*``: every structure of the
    territory (the person agreed to share with the consortium). ``sees_sensitive``: the
    person agreed that their followers see sensitive answers too."""

    __tablename__ = "followers"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    structure: Mapped[str] = mapped_column(String(200), primary_key=True)
    sees_sensitive: Mapped[bool] = mapped_column(Boolean, default=False)


class Unshare(Base):
    """A person's file a structure stopped following, at sequence ``seq``: its devices erase
    their copy at their next pull (``PullPage.unshared``)."""

    __tablename__ = "unshares"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    structure: Mapped[str] = mapped_column(String(200), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_unshares_structure_seq", "territory_id", "structure", "seq"),)


class BlobPerson(Base):
    """Whose file a blob belongs to (a signed PDF, from its ``plan_pdfs`` record): only the
    devices that may see the person may download it."""

    __tablename__ = "blob_people"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)


class PersonCounsellor(Base):
    """A counsellor named on a person's interviews, consents or signatures (followers.py): a
    change of that counsellor, or of its structure, recomputes only these people."""

    __tablename__ = "person_counsellors"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counsellor_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    __table_args__ = (Index("ix_person_counsellors_person", "territory_id", "person_id"),)


class OrphanParent(Base):
    """A record stored before its owner (people_of.py): ``parent_id`` is one it waits for."""

    __tablename__ = "orphan_parents"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    __table_args__ = (Index("ix_orphan_parents_record", "territory_id", "entity", "entity_id"),)


class RecordVersion(Base):
    __tablename__ = "record_versions"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Sealed like ``Record.doc``.
    doc: Mapped[bytes] = mapped_column(LargeBinary)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    hlc: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    seq: Mapped[int] = mapped_column(BigInteger)
    stored_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (Index("ix_record_versions_device", "device_id", "stored_at"),)


class PurgedId(Base):
    """Every record a purge removed, as the SHA-256 of its id (not even the random id stays):
    a device that has not pulled the tombstone yet cannot bring the file back, even in part."""

    __tablename__ = "purged_ids"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)


class HeldDeletion(Base):
    """A deletion beyond the device's hourly allowance, waiting for an administrator."""

    __tablename__ = "held_deletions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    territory_id: Mapped[int] = mapped_column(Integer, index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    base_version: Mapped[int] = mapped_column(Integer)
    held_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16))  # "held" | "approved" | "rejected"
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)


class Op(Base):
    __tablename__ = "ops"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    payload_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # "applied" | "rejected"
    seq: Mapped[int | None] = mapped_column(BigInteger)
    version: Mapped[int | None] = mapped_column(Integer)
    reason_code: Mapped[str | None] = mapped_column(String(64))
    reason_message: Mapped[str | None] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(DateTime)


class Batch(Base):
    __tablename__ = "batches"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    payload_hash: Mapped[str] = mapped_column(String(64))
    changes: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(DateTime)


class Counter(Base):
    """SQLite's stand-in for a sequence (PostgreSQL uses ``change_seq``)."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class RateBucket(Base):
    """One token bucket of a rate limit (see ratelimit.py): ``key`` is the limit's name and the
    client address; ``updated_at`` is seconds since the epoch, as the workers' clocks say."""

    __tablename__ = "rate_buckets"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float, index=True)


class ServerSecret(Base):
    """The fingerprint of the server secret that wraps this database's keys (one row, id 1):
    every process on every host checks its own copy against it (territory/shared_secret.py)."""

    __tablename__ = "server_secret"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    fingerprint: Mapped[bytes] = mapped_column(LargeBinary(8))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class ScheduledRun(Base):
    """When a scheduled job last started, on whichever process of whichever host claimed it
    (retention/schedule.py): N processes run it once per period, not N times."""

    __tablename__ = "scheduled_runs"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)


class Blob(Base):
    __tablename__ = "blobs"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)


class BlobChunk(Base):
    __tablename__ = "blob_chunks"
    territory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    #: The chunk's bytes sealed with the territory's data key (sealing.py).
    data: Mapped[bytes] = mapped_column(LargeBinary)


class OfferStructure(Base):
    """A structure of the offer catalogue (data·inclusion schema), as imported for a territory
    (``spie-server offers``). ``doc`` is the record's JSON as the source published it (public
    data: not sealed). ``seq`` is the territory's offer change sequence (``OfferCounter``)."""

    __tablename__ = "offer_structures"
    territory_id: Mapped[int] = mapped_column(ForeignKey("territories.id"), primary_key=True)
    source: Mapped[str] = mapped_column(String(100), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    doc: Mapped[str] = mapped_column(Text)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (Index("ix_offer_structures_territory_seq", "territory_id", "seq"),)


class OfferService(Base):
    """A service of the offer catalogue; ``deleted``: a local offer an administrator removed
    (kept as a tombstone so devices that pulled it learn it is gone)."""

    __tablename__ = "offer_services"
    territory_id: Mapped[int] = mapped_column(ForeignKey("territories.id"), primary_key=True)
    source: Mapped[str] = mapped_column(String(100), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    structure_id: Mapped[str] = mapped_column(String(300))
    doc: Mapped[str] = mapped_column(Text)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (Index("ix_offer_services_territory_seq", "territory_id", "seq"),)


class OfferCounter(Base):
    """Each territory's offer change sequence: every structure or service written takes the
    next value, so a device can ask for what changed since the last one it saw."""

    __tablename__ = "offer_counters"
    territory_id: Mapped[int] = mapped_column(ForeignKey("territories.id"), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class Manager(Base):
    """A territory manager's login to the indicators dashboard (``spie-server manager add``).

    ``password_hash`` is an Argon2id hash (argon2-cffi's encoded form); ``disabled_at`` set:
    the login is refused and its sessions are gone.
    """

    __tablename__ = "managers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territories.id"), index=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)


class ManagerSession(Base):
    """A dashboard session: the cookie's token is kept only as its SHA-256; ``csrf_token`` is
    what the session's forms must send back."""

    __tablename__ = "manager_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("managers.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class LoginFailure(Base):
    """One wrong password, under two keys (``login:NAME`` and ``address:IP``), so that every
    server process counts the same failures (see dashboard/login_limits.py). ``at`` is seconds
    since the epoch."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(120), index=True)
    at: Mapped[float] = mapped_column(Float, index=True)
