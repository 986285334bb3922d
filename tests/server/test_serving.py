"""``spie-server run`` and the bench's null server start the same uvicorn with the same
options (spie_server/serving.py): the floor of the crowd figures is measured with the server's
own HTTP stack. Both entry points run for real up to the point where uvicorn would serve."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import uvicorn.supervisors

from bench import null_server
from spie_server import serving
from spie_server.admin import cli
from spie_server.settings import Settings

#: What differs on purpose: the app each one serves, and the port it was given.
OWN = {"app", "port"}


@dataclass
class Served:
    options: dict[str, Any]
    nodelay: bool | None  # the listening socket's TCP_NODELAY, with workers


def capture_serving(monkeypatch: pytest.MonkeyPatch) -> list[Served]:
    """uvicorn's server and supervisor, replaced by recorders: what would have been served."""
    served: list[Served] = []

    class Server:
        def __init__(self, config: uvicorn.Config) -> None:
            self.config = config

        def run(self) -> None:
            served.append(Served(dict(vars(self.config)), None))

    class Multiprocess:
        def __init__(self, config: uvicorn.Config, sockets: list[socket.socket]) -> None:
            self.config, self.sockets = config, sockets

        def run(self) -> None:
            (sock,) = self.sockets
            nodelay = bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            sock.close()
            served.append(Served(dict(vars(self.config)), nodelay))

    monkeypatch.setattr(uvicorn, "Server", Server)
    monkeypatch.setattr(uvicorn.supervisors, "Multiprocess", Multiprocess)
    return served


def run_cli(tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, url = tmp_path / "srv", f"sqlite:///{tmp_path / 'server.db'}"
    for name, value in Settings.resolve(data_dir, url, None).export_env().items():
        monkeypatch.setenv(name, value)  # `run` exports them for its workers: undone after
    argv = ["run", "--data-dir", str(data_dir), "--database-url", url, "--port", "0"]
    assert cli.main([*argv, "--workers", str(workers)]) == 0


def run_null_server(workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["null_server", "--port", "0", "--workers", str(workers)]
    monkeypatch.setattr(sys, "argv", argv)
    null_server.main()


def served_by(
    start: Callable[[], None], monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, Any], Served]:
    served = capture_serving(monkeypatch)
    start()
    (one,) = served
    return {k: v for k, v in one.options.items() if k not in OWN}, one


@pytest.mark.parametrize("workers", [1, 2])
def test_the_cli_and_the_null_server_start_uvicorn_alike(
    workers: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every uvicorn option the same, and with workers the same Nagle-free listening socket;
    a change to the production options reaches both."""
    keep_alive = serving.PRODUCTION_OPTIONS["timeout_keep_alive"] + 1
    monkeypatch.setitem(serving.PRODUCTION_OPTIONS, "timeout_keep_alive", keep_alive)

    server, server_run = served_by(lambda: run_cli(tmp_path, workers, monkeypatch), monkeypatch)
    null, null_run = served_by(lambda: run_null_server(workers, monkeypatch), monkeypatch)

    assert server == null
    assert server["timeout_keep_alive"] == keep_alive
    assert server["proxy_headers"] is False and server["access_log"] is False
    assert server["workers"] == workers
    assert server_run.nodelay == null_run.nodelay == (True if workers > 1 else None)
    assert server_run.options["app"] == "spie_server.app:app_from_env"
    assert null_run.options["app"] == "bench.null_server:app_from_env"
