"""Wire contract shared by the desktop client and the territory server.

Import from here: ``PROTOCOL_VERSION``, the entity names, their field schemas and the
message models.
"""

from spie_protocol.entities import APPEND_ONLY, ENTITIES, VERSIONED, EntityName
from spie_protocol.messages import (
    BlobStatus,
    Change,
    ChangeResult,
    CounsellorCsr,
    DeviceInfo,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    ErrorResponse,
    IntegrityReport,
    IssuedCertificate,
    PullPage,
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
    "BlobStatus",
    "Change",
    "ChangeResult",
    "CounsellorCsr",
    "DeviceInfo",
    "EnrolRequest",
    "EnrolResponse",
    "EntityName",
    "ErrorBody",
    "ErrorResponse",
    "FieldSpec",
    "IntegrityReport",
    "IssuedCertificate",
    "Kind",
    "Problem",
    "PullPage",
    "PushBatch",
    "PushResponse",
    "Reason",
    "ServerRecord",
    "check_fields",
    "is_compatible",
    "parse_version",
]
