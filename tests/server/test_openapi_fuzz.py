"""Schemathesis generates requests from /openapi.json: none may get a 500.

Requests carry a valid token and protocol header so that generated bodies reach the real
handlers (the header checks have their own tests). Bounded by the example count: about
10 s per backend on an idle 2-core machine.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.server.helpers import PROTOCOL, DeviceClient, RunningServer

EXAMPLES_PER_OPERATION = 20


def test_generated_requests_never_get_a_server_error(
    server: RunningServer, device: DeviceClient
) -> None:
    schema = schemathesis.openapi.from_url(server.base_url + "/openapi.json")
    headers = {**PROTOCOL, "Authorization": str(device.http.headers["Authorization"])}
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 10
    failures: list[str] = []
    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: schemathesis.Case) -> None:
            response = case.call(base_url=server.base_url, headers=headers, timeout=10)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}"
                )
            elif response.status_code >= 400:
                assert "error" in response.json(), response.text

        check()
    assert failures == []
