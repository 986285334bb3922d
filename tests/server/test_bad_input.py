"""Bad input gets a precise 4xx with a JSON error, never a 500 and never a partial write."""

from __future__ import annotations

import gzip
import json
import uuid

import httpx
import pytest

from tests.server.helpers import Admin, DeviceClient, change


def _post_raw(device: DeviceClient, body: bytes, **headers: str) -> httpx.Response:
    return device.http.post(
        "/v1/push", content=body, headers={"Content-Type": "application/json", **headers}
    )


def _error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == code


def _batch(*changes: dict[str, object]) -> dict[str, object]:
    return {"batch_id": str(uuid.uuid4()), "changes": list(changes)}


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b'{"batch_id": "x", "changes": [', 400, "malformed_json"),
        (b"\xff\xfe not json", 400, "malformed_json"),
        (
            json.dumps(_batch({k: v for k, v in change("people").items() if k != "hlc"})).encode(),
            422,
            "invalid_request",
        ),
        (
            json.dumps(_batch({**change("people"), "hlc": "yesterday"})).encode(),
            422,
            "invalid_request",
        ),
        (json.dumps({"changes": []}).encode(), 422, "invalid_request"),
        (json.dumps(_batch({**change("people"), "surprise": 1})).encode(), 422, "invalid_request"),
        (json.dumps([1, 2]).encode(), 422, "invalid_request"),
    ],
    ids=[
        "cut-json",
        "not-utf8",
        "missing-field",
        "bad-hlc",
        "no-batch-id",
        "extra-key",
        "array",
    ],
)
def test_malformed_batches_are_refused_whole(
    device: DeviceClient, admin: Admin, body: bytes, status: int, code: str
) -> None:
    # A valid change first: it must not be written either.
    if body.startswith(b'{"batch_id": "') and b'"changes": [{' in body:
        parsed = json.loads(body)
        parsed["changes"].insert(0, change("people"))
        body = json.dumps(parsed).encode()
    before = admin.counts()
    _error(_post_raw(device, body), status, code)
    assert admin.counts() == before


def test_the_error_says_where_the_problem_is_without_echoing_input(device: DeviceClient) -> None:
    bad = {**change("people", fields={"first_name": "Confidential"}), "version": 0}
    response = _post_raw(device, json.dumps(_batch(change("people"), bad)).encode())
    details = response.json()["error"]["details"]
    assert any(d["loc"][:4] == ["body", "changes", "1", "version"] for d in details)
    assert "Confidential" not in response.text


def test_an_oversize_batch_is_refused(device: DeviceClient, admin: Admin) -> None:
    before = admin.counts()
    too_many = device.push([change("answers", fields={"v": 1}) for _ in range(501)])
    _error(too_many, 413, "batch_too_large")
    huge = json.dumps(_batch(change("people", fields={"note": "x" * 3_000_000}))).encode()
    _error(_post_raw(device, huge), 413, "body_too_large")
    bomb = gzip.compress(
        json.dumps(_batch(change("people", fields={"note": " " * 5_000_000}))).encode()
    )
    assert len(bomb) < 100_000
    _error(_post_raw(device, bomb, **{"Content-Encoding": "gzip"}), 413, "body_too_large")
    assert admin.counts() == before


def test_an_oversize_change_is_rejected_alone(device: DeviceClient) -> None:
    results = device.push_ok([change("people"), change("people", fields={"note": "x" * 300_000})])
    assert [r["status"] for r in results] == ["applied", "rejected"]
    assert results[1]["reason"]["code"] == "change_too_large"


def test_gzip_both_ways(device: DeviceClient) -> None:
    batch = _batch(
        *[change("answers", fields={"text": "Je cherche un emploi stable."}) for _ in range(40)]
    )
    body = gzip.compress(json.dumps(batch).encode())
    response = _post_raw(device, body, **{"Content-Encoding": "gzip", "Accept-Encoding": "gzip"})
    assert response.status_code == 200, response.text
    assert response.headers.get("content-encoding") == "gzip"
    assert [r["status"] for r in response.json()["results"]] == ["applied"] * 40


def test_a_cut_or_corrupt_gzip_body_is_a_400(device: DeviceClient, admin: Admin) -> None:
    body = gzip.compress(json.dumps(_batch(change("people"))).encode())
    before = admin.counts()
    _error(
        _post_raw(device, body[: len(body) // 2], **{"Content-Encoding": "gzip"}), 400, "bad_gzip"
    )
    _error(_post_raw(device, b"not gzip at all", **{"Content-Encoding": "gzip"}), 400, "bad_gzip")
    _error(_post_raw(device, body, **{"Content-Encoding": "br"}), 415, "unsupported_encoding")
    assert admin.counts() == before


@pytest.mark.parametrize(
    ("version", "status", "code"),
    [
        (None, 400, "protocol_version_missing"),
        ("2", 426, "protocol_version_unsupported"),
        ("0.9", 426, "protocol_version_unsupported"),
        ("banana", 426, "protocol_version_unsupported"),
    ],
)
def test_a_wrong_protocol_version_is_refused(
    device: DeviceClient, admin: Admin, version: str | None, status: int, code: str
) -> None:
    headers = dict(device.http.headers)
    headers.pop("spie-protocol", None)
    if version is not None:
        headers["SPIE-Protocol"] = version
    before = admin.counts()
    response = httpx.post(
        str(device.http.base_url) + "/v1/push", json=_batch(change("people")), headers=headers
    )
    _error(response, status, code)
    assert response.json()["error"]["supported_versions"] == ["1.x"]
    assert admin.counts() == before


def test_a_newer_minor_version_is_accepted(device: DeviceClient) -> None:
    response = device.http.get("/v1/device", headers={"SPIE-Protocol": "1.7"})
    assert response.status_code == 200


def test_unknown_routes_and_methods_answer_json(server) -> None:
    _error(httpx.get(server.base_url + "/v1/nothing-here"), 404, "not_found")
    _error(httpx.delete(server.base_url + "/healthz"), 405, "method_not_allowed")


def test_bad_query_parameters_are_422(device: DeviceClient) -> None:
    _error(device.http.get("/v1/changes", params={"since": -1}), 422, "invalid_request")
    _error(device.http.get("/v1/changes", params={"limit": 100_000}), 422, "invalid_request")
    _error(device.http.get("/v1/changes", params={"since": "abc"}), 422, "invalid_request")
