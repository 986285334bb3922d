"""Wire contract shared by the desktop client and the territory server.

Import from here: ``PROTOCOL_VERSION``, the entity names, their field schemas and the
message models; the endpoint table is :mod:`spie_protocol.endpoints`.

The names are resolved on first use (PEP 562): importing a light submodule such as
:mod:`spie_protocol.territories` or :mod:`spie_protocol.sharing` must not load pydantic and
the message models, which the desktop's unlock window does not need before it is shown.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, for type checkers and for PyInstaller's import scan
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
    from spie_protocol.version import (
        PROTOCOL_HEADER,
        PROTOCOL_VERSION,
        is_compatible,
        parse_version,
    )

_SUBMODULES = {
    "entities": ("APPEND_ONLY", "ENTITIES", "VERSIONED", "EntityName"),
    "messages": (
        "BlobQuery",
        "BlobStatus",
        "Change",
        "ChangeResult",
        "ChunkQuery",
        "CounsellorCsr",
        "DeviceInfo",
        "EnrolRequest",
        "EnrolResponse",
        "ErrorBody",
        "ErrorResponse",
        "Health",
        "IntegrityReport",
        "IssuedCertificate",
        "PullPage",
        "PullQuery",
        "PushBatch",
        "PushResponse",
        "Reason",
        "ServerRecord",
    ),
    "schemas": ("SCHEMAS", "FieldSpec", "Kind", "Problem", "check_fields"),
    "version": ("PROTOCOL_HEADER", "PROTOCOL_VERSION", "is_compatible", "parse_version"),
}
_HOME = {name: module for module, names in _SUBMODULES.items() for name in names}

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


def __getattr__(name: str) -> Any:
    """Load the submodule that defines ``name`` the first time it is asked for."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
