"""Routes are mounted from the protocol's endpoint table (:mod:`spie_protocol.endpoints`).

``@route(router, PUSH)`` gives a view the table's method, path and answer model, and the
protocol-version check when the entry is versioned; the view's own signature takes the
table's request and query models (``tests/server/test_routes_table.py`` checks both ways).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, Response

from spie_protocol.endpoints import Endpoint
from spie_server.deps.protocol import check_protocol

F = TypeVar("F", bound=Callable[..., Any])


def route(router: APIRouter, endpoint: Endpoint[Any], **extra: Any) -> Callable[[F], F]:
    options: dict[str, Any] = {"name": endpoint.name, **extra}
    if endpoint.answers_json:
        options["response_model"] = endpoint.response
    else:
        options["response_class"] = Response
        options["responses"] = {
            200: {"content": {endpoint.media_type: {}}},
            **options.get("responses", {}),
        }
    if endpoint.versioned:
        options["dependencies"] = [Depends(check_protocol)]
    decorator: Callable[[F], F] = router.api_route(
        endpoint.path, methods=[endpoint.method], **options
    )
    return decorator
