"""Message models: what travels between a device and its territory server (JSON, gzip).

Every model forbids unknown top-level keys on requests, so a typo fails loudly (422) instead
of being ignored. See docs/sync-protocol.md for the exchange, with examples.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

from spie_protocol.certificates import CounsellorField
from spie_protocol.limits import (
    DEFAULT_PULL_LIMIT,
    MAX_BLOB_BYTES,
    MAX_BLOBS_PER_REQUEST,
    MAX_COUNSELLORS_PER_DEVICE,
    MAX_PULL_LIMIT,
)

HLC_PATTERN = r"^[0-9]{15}-[0-9]{5}-[0-9A-Za-z_.:]{1,64}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"

Hlc = Annotated[str, StringConstraints(pattern=HLC_PATTERN)]
Sha256 = Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]
Pem = Annotated[str, StringConstraints(min_length=1, max_length=16_000)]


def _bounded_name(value: Any) -> str:
    if not isinstance(value, str) or not 1 <= len(value) <= 64:
        raise ValueError("expected a name of 1 to 64 characters")
    return value


#: An entity or field name. Checked per change against the registry (spie_protocol.schemas),
#: not per request: one change naming an unknown entity, or holding a lone surrogate, is
#: refused alone (``unknown_entity``, ``invalid_text``) and the rest of its batch goes through.
#: (pydantic's own ``str`` refuses lone surrogates for the whole request.)
Name = Annotated[
    str,
    PlainValidator(_bounded_name),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 64}),
]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Message(BaseModel):
    """A server answer: clients must ignore keys they do not know (minor versions add some)."""

    model_config = ConfigDict(extra="ignore")


# -- errors ----------------------------------------------------------------------------------


class ErrorBody(Message):
    code: str
    message: str
    details: list[dict[str, Any]] | None = None
    supported_versions: list[str] | None = None


class ErrorResponse(Message):
    error: ErrorBody


# -- enrolment -------------------------------------------------------------------------------


class CounsellorCsr(Request):
    """One counsellor account of the device asking for a signing certificate; ``field`` is
    written into the certificate (see :mod:`spie_protocol.certificates`)."""

    account_id: uuid.UUID
    display_name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    field: CounsellorField
    csr_pem: Pem


class EnrolRequest(Request):
    code: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    counsellors: list[CounsellorCsr] = Field(
        default_factory=list, max_length=MAX_COUNSELLORS_PER_DEVICE
    )


class IssuedCertificate(Message):
    account_id: uuid.UUID
    certificate_pem: str


class EnrolResponse(Message):
    device_id: uuid.UUID
    token: str
    territory: str
    territory_name: str
    structure: str
    ca_certificate_pem: str
    certificates: list[IssuedCertificate]
    protocol_version: str


class DeviceInfo(Message):
    device_id: uuid.UUID
    territory: str
    structure: str
    enrolled_at: datetime
    protocol_version: str


# -- territory settings ------------------------------------------------------------------------

#: The longest alert threshold a territory may set, in days (the desktop's AlertRules agrees).
MAX_ALERT_DAYS = 365

AlertDays = Annotated[int, Field(ge=1, le=MAX_ALERT_DAYS, strict=True)]


class AlertRulesModel(Message):
    """A territory's alert thresholds in days; the same names, bounds and defaults as the
    desktop's ``AlertRules`` (a test checks that they agree)."""

    not_seen_after_orientation_days: AlertDays = 30
    no_contact_days: AlertDays = 45
    action_overdue_days: AlertDays = 15
    gap_between_steps_days: AlertDays = 30


class RetentionRulesModel(Message):
    """When a territory forgets a person's file, in months counted in the territory's local
    calendar: after the end of support, and after the last event of a file with no activity."""

    after_end_of_support_months: Annotated[int, Field(ge=1, le=240)] = 24
    after_last_activity_months: Annotated[int, Field(ge=1, le=240)] = 24


class TerritorySettings(Message):
    """What a territory's administrator set for every device; ``alert_rules`` is ``None``
    while the territory has set none (each device then keeps its own)."""

    territory: str
    alert_rules: AlertRulesModel | None = None
    retention: RetentionRulesModel | None = None
    updated_at: datetime | None = None


# -- push ------------------------------------------------------------------------------------


class Change(Request):
    """One outbox entry. ``op_id`` is its idempotency key; ``base_version`` is the version the
    device changed (``None`` or 0: the record is new); ``fields`` holds the changed fields only
    (all of them for a new record); ``deleted`` marks a deletion (``fields`` then ignored)."""

    op_id: uuid.UUID
    entity: Name
    entity_id: uuid.UUID
    base_version: Annotated[int, Field(ge=0, le=2**31)] | None = None
    version: Annotated[int, Field(ge=1, le=2**31)]
    fields: dict[Name, JsonValue] = Field(default_factory=dict)
    hlc: Hlc
    deleted: bool = False


class PushBatch(Request):
    batch_id: uuid.UUID
    #: Optional guard: if present it must be the device's own territory (else 403).
    territory: Annotated[str, StringConstraints(max_length=32)] | None = None
    changes: list[Change]


ChangeStatus = Literal["applied", "duplicate", "conflict", "rejected"]


class Reason(Message):
    code: str
    message: str


class ServerRecord(Message):
    """A record as the server holds it: ``fields`` is the whole merged document."""

    seq: int
    entity: str
    entity_id: uuid.UUID
    version: int
    fields: dict[str, Any]
    hlc: str
    origin_device: uuid.UUID | None
    deleted: bool = False


class ChangeResult(Message):
    op_id: uuid.UUID
    status: ChangeStatus
    #: applied / duplicate of an applied change: the server sequence and the stored version.
    seq: int | None = None
    version: int | None = None
    #: duplicate: what the first delivery got ("applied" or "rejected").
    previous: Literal["applied", "rejected"] | None = None
    #: rejected / duplicate of a rejected change.
    reason: Reason | None = None
    #: conflict: the server's current record (``None`` if the server has none).
    current: ServerRecord | None = None


class PushResponse(Message):
    batch_id: uuid.UUID
    replayed: bool
    results: list[ChangeResult]


# -- pull ------------------------------------------------------------------------------------


class UnsharedFile(Message):
    """A person's file this device's structure no longer follows: erase its copy (protocol
    1.0, optional). Ordered with the records by ``seq``; not an erasure on the server."""

    seq: int
    person_id: uuid.UUID


class PullPage(Message):
    changes: list[ServerRecord]
    next_since: int
    has_more: bool
    #: Files no longer shared with the device's structure, after ``since`` (absent from an
    #: older server: nothing to erase).
    unshared: list[UnsharedFile] = Field(default_factory=list)
    #: Asked with ``status=true``, on the last page (``has_more`` false): the territory's
    #: state, so that a sync needs no request of its own for it (absent from an older server).
    status: SyncStatus | None = None


# -- the offer catalogue ---------------------------------------------------------------------


class OfferRecord(Message):
    """A structure or service of the territory's offer catalogue, in the data·inclusion
    schema (``spie_protocol/data_inclusion``), as its source published it."""

    kind: Literal["structure", "service"]
    source: str
    id: str
    seq: int
    #: A local offer an administrator removed: drop it (``record`` is then null).
    deleted: bool = False
    record: dict[str, Any] | None = None


class OfferColumns(Message):
    """A catalogue page column by column (``format=columns``): item *i* of every list belongs
    to the *i*-th change, oldest first. ``fields`` holds only what a device stores and shows
    (:mod:`spie_protocol.offer_columns`), one value per change, ``null`` where a record has
    none; values alike sit side by side, so the page compresses far better than records."""

    kind: list[Literal["structure", "service"]]
    source: list[str]
    id: list[str]
    seq: list[int]
    #: Positions (in these lists) of the changes that remove their record.
    deleted: list[int] = []
    fields: dict[str, list[Any]] = {}


class OfferPage(Message):
    #: The changes as records (``format=records``, the default); empty with ``format=columns``.
    changes: list[OfferRecord]
    #: The changes column by column, when the device asked ``format=columns`` (a server older
    #: than that format leaves it out and sends ``changes``).
    columns: OfferColumns | None = None
    next_since: int
    has_more: bool
    #: Services changed after ``next_since`` still to come (for a progress bar); None from a
    #: server that does not count them.
    remaining_services: int | None = None


class EntityDigest(Message):
    count: int
    sha256: str


class IntegrityReport(Message):
    territory: str
    entities: dict[str, EntityDigest]


class SyncStatus(Message):
    """What a sync otherwise asks in four more requests, as of the last page of its pull: the
    integrity digests (``GET /v1/integrity``), the territory's settings (``GET
    /v1/territory/settings``), a digest of what the revocation list revokes (``GET /v1/crl``
    only when it differs from the one kept: :func:`spie_protocol.revocations.revocations_digest`)
    and the highest sequence of the offer catalogue (``GET /v1/offers/changes`` only past the
    device's cursor)."""

    integrity: IntegrityReport
    settings: TerritorySettings
    revocations_sha256: str
    offers_seq: int


PullPage.model_rebuild()


# -- blobs (signed PDFs) ----------------------------------------------------------------------


class BlobStatus(Message):
    sha256: str
    size: int
    received: int
    complete: bool


class BlobFetch(Request):
    """The blobs a device wants, in the order it wants them (``POST /v1/blobs/fetch``)."""

    sha256: Annotated[list[Sha256], Field(min_length=1, max_length=MAX_BLOBS_PER_REQUEST)]


class BlobsStored(Message):
    """What the server holds of each blob of an upload (``POST /v1/blobs/upload``), in the
    order of its frames."""

    blobs: list[BlobStatus]


class ProtocolInfo(Message):
    protocol_version: str
    supported_majors: list[int]
    entities: list[str]
    append_only: list[str]
    limits: dict[str, int]


class Health(Message):
    status: str


# -- query strings ------------------------------------------------------------------------------


class Query(BaseModel):
    """Query parameters: unknown ones are ignored (a proxy may add a cache-buster)."""

    model_config = ConfigDict(extra="ignore")


class PullQuery(Query):
    since: Annotated[int, Field(ge=0, le=2**62, description="Last seq already received")] = 0
    limit: Annotated[int, Field(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT
    exclude_own: Annotated[
        bool, Field(description="Leave out records last changed by this device")
    ] = False
    status: Annotated[
        bool, Field(description="On the last page, the territory's state (SyncStatus)")
    ] = False


class OfferChangesQuery(Query):
    since: Annotated[int, Field(ge=0, le=2**62, description="Last offer seq already received")] = 0
    limit: Annotated[int, Field(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT
    format: Annotated[
        Literal["records", "columns"],
        Field(description="records: whole data·inclusion records; columns: OfferColumns"),
    ] = "records"


class ChunkQuery(Query):
    offset: Annotated[int, Field(ge=0, le=MAX_BLOB_BYTES)]
    size: Annotated[int, Field(ge=1, le=MAX_BLOB_BYTES)]


class BlobQuery(Query):
    offset: Annotated[int, Field(ge=0, le=MAX_BLOB_BYTES)] = 0
