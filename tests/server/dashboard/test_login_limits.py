"""Wrong passwords are counted in the database: another process (another limiter on the same
database) sees them, and they leave the count when their window is over."""

from __future__ import annotations

from pathlib import Path

from spie_server.dashboard.login_limits import MAX_FAILURES, WINDOW_SECONDS, LoginLimits
from spie_server.db import make_engine, upgrade
from spie_server.settings import sqlite_url


class _Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_failures_are_shared_by_every_process_and_expire(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    first, second = make_engine(url), make_engine(url)  # two workers, one database
    upgrade(first)
    clock = _Clock()
    worker_a, worker_b = LoginLimits(first, clock), LoginLimits(second, clock)
    for _ in range(MAX_FAILURES):
        assert worker_b.wait_seconds("chef", "10.0.0.1") == 0
        worker_a.record_failure("chef", "10.0.0.1")
    assert worker_b.wait_seconds("chef", "10.9.9.9") == WINDOW_SECONDS
    assert worker_b.wait_seconds("autre", "10.0.0.1") == WINDOW_SECONDS
    assert worker_b.wait_seconds("autre", "10.9.9.9") == 0
    clock.now += WINDOW_SECONDS - 1
    assert worker_b.wait_seconds("chef", "10.0.0.1") == 1
    clock.now += 1
    assert worker_b.wait_seconds("chef", "10.0.0.1") == 0
    first.dispose()
    second.dispose()


def test_a_right_password_clears_the_logins_count_not_the_addresss(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path))
    upgrade(engine)
    limits = LoginLimits(engine, _Clock())
    for _ in range(MAX_FAILURES):
        limits.record_failure("chef", "10.0.0.1")
    limits.forget_login("chef")
    assert limits.wait_seconds("chef", "10.0.0.2") == 0
    assert limits.wait_seconds("chef", "10.0.0.1") > 0
    engine.dispose()
