"""The server's routes are the protocol's endpoint table: same paths and methods, the table's
request, query and answer models, the protocol header where the table says so — nothing
more, nothing less (read from the OpenAPI document the server publishes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from spie_protocol.endpoints import ENDPOINTS, Endpoint
from spie_protocol.version import PROTOCOL_HEADER
from spie_server.app import create_app
from spie_server.db import make_engine
from spie_server.settings import RateLimit, Settings, sqlite_url


@pytest.fixture(scope="module")
def openapi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data_dir: Path = tmp_path_factory.mktemp("openapi")
    settings = Settings(data_dir, sqlite_url(data_dir), RateLimit(10, 10))
    engine = make_engine(settings.database_url)
    try:
        document: dict[str, Any] = create_app(settings, migrate=False, engine=engine).openapi()
    finally:
        engine.dispose()
    return document


def _operation(openapi: dict[str, Any], endpoint: Endpoint[Any]) -> dict[str, Any]:
    operation: dict[str, Any] = openapi["paths"][endpoint.path][endpoint.method.lower()]
    return operation


def _ref(content: dict[str, Any], media_type: str) -> str:
    return str(content[media_type]["schema"].get("$ref", "")).rsplit("/", 1)[-1]


def test_the_server_serves_exactly_the_table(openapi: dict[str, Any]) -> None:
    served = {(m.upper(), p) for p, item in openapi["paths"].items() for m in item}
    assert served == {(e.method, e.path) for e in ENDPOINTS}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_each_route_takes_and_answers_the_tables_models(
    openapi: dict[str, Any], endpoint: Endpoint[Any]
) -> None:
    operation = _operation(openapi, endpoint)
    answer = operation["responses"]["200"]["content"]
    if endpoint.answers_json:
        assert _ref(answer, "application/json") == endpoint.response.__name__
    else:
        assert endpoint.media_type in answer
    body = operation.get("requestBody", {}).get("content")
    if endpoint.request is None:
        assert body is None
    elif endpoint.request is bytes:
        assert set(body) == {"application/octet-stream"}
    else:
        assert _ref(body, "application/json") == endpoint.request.__name__
    parameters = operation.get("parameters", [])
    query = {p["name"] for p in parameters if p["in"] == "query"}
    assert query == set(endpoint.query.model_fields if endpoint.query else ())
    headers = {p["name"] for p in parameters if p["in"] == "header"}
    assert (PROTOCOL_HEADER in headers) is endpoint.versioned
