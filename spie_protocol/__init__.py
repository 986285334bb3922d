"""Wire contract shared by the desktop client and the territory server.

Import from here: ``PROTOCOL_VERSION``, the entity names, their field schemas and the
message models; the endpoint table is :mod:`spie_protocol.endpoints`.
"""

from spie_protocol.entities import APPEND_ONLY, ENTITIES, VERSIONED, EntityName
from spie_protocol.messages import (
    BlobQuery,
    BlobStatus,
    Change,
    ChangeResult,
    ChunkQuery,
    CounsellorCsr,
    DeviceInfo,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    ErrorResponse,
    Health,
    IntegrityReport,
    IssuedCertificate,
    PullPage,
    PullQuery,
    PushBatch,
    PushResponse,
    Reason,
    ServerRecord,
)
from spie_protocol.schemas import SCHEMAS, FieldSpec, Kind, Problem, check_fields
from spie_protocol.version import PROTOCOL_HEADER, PROTOCOL_VERSION, is_compatible, parse_version

__all__ = [
    "APPEND_ONLY",
    "ENTITIES",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "SCHEMAS",
    "VERSIONED",
    "BlobQuery",
    "BlobStatus",
    "Change",
    "ChangeResult",
    "ChunkQuery",
    "CounsellorCsr",
    "DeviceInfo",
    "EnrolRequest",
    "EnrolResponse",
    "EntityName",
    "ErrorBody",
    "ErrorResponse",
    "FieldSpec",
    "Health",
    "IntegrityReport",
    "IssuedCertificate",
    "Kind",
    "Problem",
    "PullPage",
    "PullQuery",
    "PushBatch",
    "PushResponse",
    "Reason",
    "ServerRecord",
    "check_fields",
    "is_compatible",
    "parse_version",
]
