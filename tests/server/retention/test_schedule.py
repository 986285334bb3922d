"""The daily retention run of a running server: started by the app's lifespan when the
settings ask for it (never in tests unless they do), going on after a failed run."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from spie_server import app as app_module
from spie_server.app import create_app
from spie_server.retention.schedule import every
from spie_server.settings import Settings, sqlite_url


class Stop(BaseException):
    """Ends the loop under test (the task's cancellation in the server)."""


def test_a_failed_run_is_logged_and_the_next_one_comes() -> None:
    calls: list[str] = []

    def run(_engine: Any) -> None:
        calls.append("run")
        if len(calls) == 1:
            raise RuntimeError("database away")
        if len(calls) == 3:
            raise Stop

    with pytest.raises(Stop):
        asyncio.run(every(1e-9, engine=None, run=run))  # type: ignore[arg-type]
    assert calls == ["run", "run", "run"]


@pytest.mark.parametrize(("hours", "started"), [(None, []), (6.0, [6.0])])
def test_the_lifespan_starts_the_schedule_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hours: float | None, started: list[float]
) -> None:
    seen: list[float] = []

    async def scheduled(every_hours: float, _engine: Engine) -> None:
        seen.append(every_hours)

    monkeypatch.setattr(app_module, "every", scheduled)
    settings = Settings(tmp_path, sqlite_url(tmp_path), retention_every_hours=hours)
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
    assert seen == started


def test_the_server_command_runs_it_daily_unless_told_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPIE_SERVER_RETENTION_EVERY_HOURS", raising=False)
    assert Settings.resolve(tmp_path).retention_every_hours == 24.0
    monkeypatch.setenv("SPIE_SERVER_RETENTION_EVERY_HOURS", "off")
    resolved = Settings.resolve(tmp_path)
    assert resolved.retention_every_hours is None
    monkeypatch.setenv("SPIE_SERVER_RETENTION_EVERY_HOURS", "12")
    assert Settings.resolve(tmp_path).retention_every_hours == 12.0
    monkeypatch.setenv("SPIE_SERVER_RETENTION_EVERY_HOURS", "soon")
    with pytest.raises(ValueError, match="SPIE_SERVER_RETENTION_EVERY_HOURS"):
        Settings.resolve(tmp_path)
