"""Several blobs in one body: ``POST /v1/blobs/fetch`` answers, ``POST /v1/blobs/upload`` takes.

On a 2G link each request is a round trip of about 0.6 s: twenty signed plans fetched one
request each cost twelve seconds of waiting alone. A *frame* is one blob: an ASCII line
``<sha256> <size>\\n`` then exactly ``size`` bytes; ``size`` is ``-1`` (and no bytes follow)
for a blob the server will not give (absent, or not for this device). Frames follow each
other with nothing between them, so a reader keeps every frame that arrived whole when the
link cuts the body part-way, and asks again only for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: One blob of a body: its hash, and its bytes (None: not given).
Frame = tuple[str, bytes | None]

_HEAD = re.compile(rb"([0-9a-f]{64}) (-1|0|[1-9][0-9]{0,11})\n")
_HEAD_MAX = 64 + 1 + 12 + 1


def frame(sha256: str, data: bytes | None) -> bytes:
    """One frame: the blob's bytes, or ``None`` for a blob not given."""
    size = -1 if data is None else len(data)
    return f"{sha256} {size}\n".encode("ascii") + (data or b"")


def frames(blobs: Iterable[tuple[str, bytes]] | Iterable[Frame]) -> bytes:
    return b"".join(frame(sha256, data) for sha256, data in blobs)


def read_frames(body: bytes) -> tuple[list[Frame], bool]:
    """The whole frames of ``body`` in order, and whether it ended exactly after the last
    one (False: cut part-way through a frame). A malformed head raises ValueError."""
    found: list[Frame] = []
    at = 0
    while at < len(body):
        head = _HEAD.match(body, at, min(len(body), at + _HEAD_MAX))
        if head is None:
            if b"\n" in body[at : at + _HEAD_MAX] or len(body) - at >= _HEAD_MAX:
                raise ValueError("malformed blob frame")
            return found, False  # cut inside a head
        sha256, size = head.group(1).decode("ascii"), int(head.group(2))
        start = head.end()
        if size < 0:
            found.append((sha256, None))
            at = start
            continue
        if start + size > len(body):
            return found, False
        found.append((sha256, body[start : start + size]))
        at = start + size
    return found, True
