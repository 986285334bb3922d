"""Every /v1 request says which protocol version it speaks, in the ``SPIE-Protocol`` header."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header

from spie_protocol.version import PROTOCOL_HEADER, SUPPORTED_MAJORS, is_compatible
from spie_server.errors import ApiError

SUPPORTED = [f"{major}.x" for major in SUPPORTED_MAJORS]


# ``async`` though it awaits nothing: FastAPI runs a plain ``def`` dependency in the thread
# pool, a hop to a worker thread and back (and a request lane) for a header check.
async def check_protocol(
    spie_protocol: Annotated[
        str | None,
        Header(
            alias=PROTOCOL_HEADER,
            description="Protocol version the client speaks; same major as the server's.",
            examples=["1", "1.0"],
        ),
    ] = None,
) -> None:
    if spie_protocol is None:
        raise ApiError(
            400,
            "protocol_version_missing",
            f"send the {PROTOCOL_HEADER} header",
            supported_versions=SUPPORTED,
        )
    if not is_compatible(spie_protocol):
        raise ApiError(
            426,
            "protocol_version_unsupported",
            f"protocol version {spie_protocol[:20]!r} is not supported",
            supported_versions=SUPPORTED,
            headers={"Upgrade": f"{PROTOCOL_HEADER}/{SUPPORTED[-1]}"},
        )
