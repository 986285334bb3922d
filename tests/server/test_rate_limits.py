"""Enrolment rate limits keyed on the real peer, trusted proxies, and shared across workers.

These run ``spie-server run`` as a subprocess, so uvicorn's own proxy-header handling (which
believes X-Forwarded-For from 127.0.0.1 unless told otherwise) is part of what is tested.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from spie_server.client_address import client_address, parse_trusted_proxies
from tests.server.admin.test_cli import running
from tests.server.helpers import PROTOCOL

GUESS = {"code": "AAAA-AAAA-AA", "counsellors": []}


def _guess(base: str, forwarded_for: str | None = None) -> int:
    headers = {**PROTOCOL, **({"X-Forwarded-For": forwarded_for} if forwarded_for else {})}
    # A fresh connection each time, as a guesser would open them (and so workers share them).
    return httpx.post(base + "/v1/enroll", json=GUESS, headers=headers, timeout=30).status_code


@pytest.fixture
def slow_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    # Three guesses, then one every 100 minutes: nothing refills while a test runs.
    monkeypatch.setenv("SPIE_SERVER_ENROL_RATE", "3/0.01")


@pytest.mark.usefixtures("slow_rate")
def test_guesses_with_a_new_forwarded_for_each_are_still_limited(tmp_path: Path) -> None:
    with running("--data-dir", str(tmp_path / "srv")) as base:
        statuses = [_guess(base, f"203.0.113.{n}") for n in range(1, 7)]
    assert statuses == [404, 404, 404, 429, 429, 429]


@pytest.mark.usefixtures("slow_rate")
def test_a_trusted_proxy_names_the_client_in_forwarded_for(tmp_path: Path) -> None:
    with running("--data-dir", str(tmp_path / "srv"), "--trusted-proxy", "127.0.0.1") as base:
        first = [_guess(base, "203.0.113.1") for _ in range(4)]
        # A client's own forged entries sit left of what the proxy appended: ignored.
        forged = _guess(base, "198.51.100.9, 203.0.113.1")
        other = _guess(base, "203.0.113.2")
    assert first == [404, 404, 404, 429]
    assert forged == 429
    assert other == 404


@pytest.mark.usefixtures("slow_rate")
def test_two_workers_on_postgresql_share_one_limit(
    tmp_path: Path, database_url_factory: Callable[[str], str], request: pytest.FixtureRequest
) -> None:
    request.getfixturevalue("pg_cluster")
    url = database_url_factory("postgresql")
    options = ["--data-dir", str(tmp_path / "srv"), "--database-url", url, "--workers", "2"]
    with running(*options) as base, ThreadPoolExecutor(8) as pool:
        # Many concurrent connections, so both workers take some; each alone would allow 3.
        statuses = list(pool.map(lambda _: _guess(base), range(40)))
    assert sorted(statuses) == [404] * 3 + [429] * 37


def test_client_address_is_the_rightmost_hop_no_trusted_proxy_added() -> None:
    trusted = parse_trusted_proxies(["10.0.0.0/8", "::1"])
    hops = ["198.51.100.9, 203.0.113.1", "10.1.2.3"]
    assert client_address("10.0.0.1", hops, trusted) == "203.0.113.1"
    assert client_address("192.0.2.7", hops, trusted) == "192.0.2.7"  # peer not trusted
    assert client_address("10.0.0.1", [], trusted) == "10.0.0.1"
    assert client_address("127.0.0.1", hops, ()) == "127.0.0.1"  # nobody trusted by default
    with pytest.raises(ValueError, match="trusted proxy"):
        parse_trusted_proxies(["proxy.example"])
