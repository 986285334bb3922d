"""A sync request takes one hop to the thread pool, for its database work: the checks
before it (protocol header, bearer token) run in the event loop. FastAPI runs every plain
``def`` dependency in the thread pool, a hop to a worker thread and back per dependency and
per request, and a request lane (spie_server.db.REQUEST_LANES) while it lasts."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from spie_protocol.endpoints import CHANGES, PUSH
from spie_server.sync.routes_sync import router


def _dependencies(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _dependencies(sub)


def _runs_in_event_loop(call: Any) -> bool:
    return inspect.iscoroutinefunction(call) or inspect.iscoroutinefunction(
        getattr(call, "__call__", None)  # noqa: B004 - a callable instance (HTTPBearer)
    )


@pytest.mark.parametrize("endpoint", [PUSH, CHANGES], ids=lambda e: e.name)
def test_the_checks_before_a_sync_request_stay_in_the_event_loop(endpoint: Any) -> None:
    (route,) = [r for r in router.routes if isinstance(r, APIRoute) and r.path == endpoint.path]
    calls = list(_dependencies(route.dependant))
    assert calls, "the route has no dependencies: nothing checked here"
    in_threads = [getattr(c, "__name__", repr(c)) for c in calls if not _runs_in_event_loop(c)]
    assert not in_threads
