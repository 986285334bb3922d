"""Signed PDFs travel by content hash in chunks; a cut upload resumes where it stopped."""

from __future__ import annotations

import hashlib
import os

from tests.server.helpers import Admin, DeviceClient

CHUNK = 64 * 1024


def _put(device: DeviceClient, sha: str, offset: int, size: int, data: bytes):  # type: ignore[no-untyped-def]
    return device.http.put(
        f"/v1/blobs/{sha}/chunks",
        params={"offset": offset, "size": size},
        content=data,
        headers={"Content-Type": "application/octet-stream"},
    )


def test_an_interrupted_upload_resumes_from_what_the_server_holds(
    device: DeviceClient, enrol
) -> None:
    pdf = b"%PDF-1.7\n" + os.urandom(5 * CHUNK + 123)
    sha = hashlib.sha256(pdf).hexdigest()
    for offset in (0, CHUNK):
        assert _put(device, sha, offset, len(pdf), pdf[offset : offset + CHUNK]).status_code == 200
    # The link is cut; later the device asks where to go on from.
    status = device.http.get(f"/v1/blobs/{sha}/status").json()
    assert status == {"sha256": sha, "size": len(pdf), "received": 2 * CHUNK, "complete": False}
    assert device.http.get(f"/v1/blobs/{sha}").status_code == 404
    # A chunk resent after a lost answer is harmless; a gap is refused with the right offset.
    assert (
        _put(device, sha, CHUNK, len(pdf), pdf[CHUNK : 2 * CHUNK]).json()["received"] == 2 * CHUNK
    )
    gap = _put(device, sha, 4 * CHUNK, len(pdf), pdf[4 * CHUNK : 5 * CHUNK])
    assert gap.status_code == 409 and gap.json()["error"]["received"] == 2 * CHUNK
    offset = status["received"]
    while offset < len(pdf):
        response = _put(device, sha, offset, len(pdf), pdf[offset : offset + CHUNK])
        assert response.status_code == 200, response.text
        offset = response.json()["received"]
    assert response.json()["complete"] is True
    download = device.http.get(f"/v1/blobs/{sha}")
    assert download.status_code == 200 and download.content == pdf
    tail = device.http.get(f"/v1/blobs/{sha}", params={"offset": len(pdf) - 10})
    assert tail.content == pdf[-10:]
    with enrol(device.territory) as colleague:
        assert colleague.http.get(f"/v1/blobs/{sha}").content == pdf


def test_content_that_does_not_match_its_hash_is_discarded(device: DeviceClient) -> None:
    data = os.urandom(1000)
    wrong = hashlib.sha256(b"something else").hexdigest()
    response = _put(device, wrong, 0, len(data), data)
    assert response.status_code == 422 and response.json()["error"]["code"] == "hash_mismatch"
    assert device.http.get(f"/v1/blobs/{wrong}/status").json()["received"] == 0


def test_blobs_are_scoped_to_the_territory(device: DeviceClient, admin: Admin, enrol) -> None:
    data = os.urandom(2000)
    sha = hashlib.sha256(data).hexdigest()
    assert _put(device, sha, 0, len(data), data).json()["complete"] is True
    with enrol(admin.territory()) as stranger:
        assert stranger.http.get(f"/v1/blobs/{sha}").status_code == 404
        assert stranger.http.get(f"/v1/blobs/{sha}/status").status_code == 404


def test_bad_chunks_are_refused(device: DeviceClient) -> None:
    sha = hashlib.sha256(b"abc").hexdigest()
    assert _put(device, sha, 0, 3, b"abcd").json()["error"]["code"] == "chunk_past_end"
    assert _put(device, sha, 0, 3, b"").json()["error"]["code"] == "empty_chunk"
    assert _put(device, "NOTAHASH", 0, 3, b"abc").status_code == 422
    assert _put(device, sha, 0, 10**12, b"abc").status_code == 422
    assert _put(device, sha, 0, 3, b"abc").json()["complete"] is True
    mismatch = _put(device, sha, 0, 4, b"abc")
    assert mismatch.status_code == 409 and mismatch.json()["error"]["code"] == "blob_size_mismatch"
