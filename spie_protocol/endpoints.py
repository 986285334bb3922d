"""The endpoint table: every request a device may make, and what it sends and gets back.

Both sides read this table and nothing else: the server mounts its routes from it
(``spie_server.routing``), the desktop's typed client (``spie_desktop.sync.client``) builds
its requests from it. No endpoint path is written anywhere else (a test greps for one).
docs/sync-protocol.md describes each exchange, with examples.

An entry names the HTTP method, the path (``{sha256}``: a blob's hash), the JSON body model
(``bytes``: raw octets; ``None``: no body), the query-string model, and the answer: a message
model, or ``bytes`` for a raw answer of ``media_type``. ``versioned`` entries need the
``SPIE-Protocol`` header; the two discovery endpoints answer anyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from spie_protocol.messages import (
    SHA256_PATTERN,
    BlobFetch,
    BlobQuery,
    BlobsStored,
    BlobStatus,
    ChunkQuery,
    CounsellorCsr,
    DeviceInfo,
    EnrolRequest,
    EnrolResponse,
    Health,
    IntegrityReport,
    IssuedCertificate,
    OfferChangesQuery,
    OfferPage,
    ProtocolInfo,
    PullPage,
    PullQuery,
    PushBatch,
    PushResponse,
    TerritorySettings,
)

Method = Literal["GET", "POST", "PUT"]
R = TypeVar("R")

_PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)\}")
#: What each path placeholder must match (checked before a request leaves the device).
PATH_PARAMETERS: dict[str, re.Pattern[str]] = {"sha256": re.compile(SHA256_PATTERN)}


@dataclass(frozen=True)
class Endpoint(Generic[R]):
    name: str
    method: Method
    path: str
    request: type[BaseModel] | type[bytes] | None
    response: type[R]
    query: type[BaseModel] | None = None
    media_type: str = "application/json"
    versioned: bool = True

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(_PLACEHOLDER.findall(self.path))

    @property
    def answers_json(self) -> bool:
        return isinstance(self.response, type) and issubclass(self.response, BaseModel)

    def url(self, **values: str) -> str:
        """The path with its placeholders filled; a value that does not fit raises ValueError."""
        if set(values) != set(self.placeholders):
            raise ValueError(f"{self.name}: expected {self.placeholders}, got {sorted(values)}")
        for name, value in values.items():
            if not PATH_PARAMETERS[name].fullmatch(value):
                raise ValueError(f"{self.name}: malformed {name}")
        return self.path.format(**values)


HEALTHZ = Endpoint("healthz", "GET", "/healthz", None, Health, versioned=False)
PROTOCOL = Endpoint("protocol", "GET", "/v1/protocol", None, ProtocolInfo, versioned=False)
ENROLL = Endpoint("enroll", "POST", "/v1/enroll", EnrolRequest, EnrolResponse)
CERTIFICATES = Endpoint(
    "certificates", "POST", "/v1/certificates", CounsellorCsr, IssuedCertificate
)
CRL = Endpoint("crl", "GET", "/v1/crl", None, bytes, media_type="application/pkix-crl")
DEVICE = Endpoint("device", "GET", "/v1/device", None, DeviceInfo)
PUSH = Endpoint("push", "POST", "/v1/push", PushBatch, PushResponse)
CHANGES = Endpoint("changes", "GET", "/v1/changes", None, PullPage, query=PullQuery)
INTEGRITY = Endpoint("integrity", "GET", "/v1/integrity", None, IntegrityReport)
TERRITORY_SETTINGS = Endpoint(
    "territory_settings", "GET", "/v1/territory/settings", None, TerritorySettings
)
OFFER_CHANGES = Endpoint(
    "offer_changes", "GET", "/v1/offers/changes", None, OfferPage, query=OfferChangesQuery
)
BLOB_CHUNK = Endpoint(
    "blob_chunk", "PUT", "/v1/blobs/{sha256}/chunks", bytes, BlobStatus, query=ChunkQuery
)
BLOB_STATUS = Endpoint("blob_status", "GET", "/v1/blobs/{sha256}/status", None, BlobStatus)
BLOB = Endpoint(
    "blob",
    "GET",
    "/v1/blobs/{sha256}",
    None,
    bytes,
    query=BlobQuery,
    media_type="application/octet-stream",
)
#: Several whole blobs in one request (frames: :mod:`spie_protocol.blob_frames`).
BLOBS_FETCH = Endpoint(
    "blobs_fetch",
    "POST",
    "/v1/blobs/fetch",
    BlobFetch,
    bytes,
    media_type="application/octet-stream",
)
BLOBS_UPLOAD = Endpoint("blobs_upload", "POST", "/v1/blobs/upload", bytes, BlobsStored)

ENDPOINTS: tuple[Endpoint[Any], ...] = (
    HEALTHZ,
    PROTOCOL,
    ENROLL,
    CERTIFICATES,
    CRL,
    DEVICE,
    PUSH,
    CHANGES,
    INTEGRITY,
    TERRITORY_SETTINGS,
    OFFER_CHANGES,
    BLOB_CHUNK,
    BLOB_STATUS,
    BLOB,
    BLOBS_FETCH,
    BLOBS_UPLOAD,
)
