"""The endpoint table is the only place an endpoint path is written, and its entries hold."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from spie_protocol import endpoints
from spie_protocol.endpoints import BLOB_CHUNK, ENDPOINTS, PUSH

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("spie_protocol", "spie_server", "spie_desktop")
TABLE = ROOT / "spie_protocol" / "endpoints.py"
PREFIXES = tuple(sorted({"/" + e.path.strip("/").split("/")[0] for e in ENDPOINTS}))


def _path_literals(source: str) -> list[tuple[int, str]]:
    """String constants — f-string parts included (``f"{url}/healthz"``) — that start like
    an endpoint path."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if text.startswith("/") and "/" + text[1:].split("/")[0] in PREFIXES:
                found.append((node.lineno, text))
    return found


def test_no_endpoint_path_is_spelled_outside_the_table() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != TABLE and "migrations" not in path.parts
        for line, text in _path_literals(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_path_check_sees_a_planted_literal() -> None:
    assert _path_literals('client.get_json("/v1/changes")') == [(1, "/v1/changes")]
    assert _path_literals('f"/v1/blobs/{sha}/status"') == [(1, "/v1/blobs/")]
    assert _path_literals('f"{url}/healthz"') == [(1, "/healthz")]
    assert _path_literals('"""See ``GET /v1/crl``."""') == []


def test_names_and_routes_are_unique() -> None:
    assert len({e.name for e in ENDPOINTS}) == len(ENDPOINTS)
    assert len({(e.method, e.path) for e in ENDPOINTS}) == len(ENDPOINTS)
    exported = [v for v in vars(endpoints).values() if isinstance(v, endpoints.Endpoint)]
    assert set(exported) == set(ENDPOINTS)  # no entry left out of ENDPOINTS


def test_a_path_is_filled_only_with_what_fits() -> None:
    sha = "ab" * 32
    assert BLOB_CHUNK.url(sha256=sha) == f"/v1/blobs/{sha}/chunks"
    assert PUSH.url() == PUSH.path
    for bad in ("../../v1/push", "AB" * 32, "ab"):
        with pytest.raises(ValueError):
            BLOB_CHUNK.url(sha256=bad)
    with pytest.raises(ValueError):
        BLOB_CHUNK.url()
