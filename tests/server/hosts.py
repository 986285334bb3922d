"""Several ``spie-server run`` processes on one database, each with its own data dir, as
several hosts behind a reverse proxy run them (docs/deployment.md).

127.0.0.1 is their trusted proxy, so a test names the client behind the "proxy" with
``X-Forwarded-For`` and keeps its rate-limit counts to itself.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from spie_server.server_key import SECRET_FILE
from tests.server.admin.test_cli import SPIE_SERVER
from tests.server.helpers import PROTOCOL
from tests.server.pg import free_port


@dataclass
class Host:
    """One server process: its address, data dir and log (its stderr, JSON lines)."""

    name: str
    base: str
    data_dir: Path
    log: Path

    def events(self) -> list[str]:
        names = []
        for line in self.log.read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                names.append(json.loads(line).get("event", ""))
        return names

    def post(self, path: str, client: str, **kwargs: Any) -> httpx.Response:
        headers = {**PROTOCOL, "X-Forwarded-For": client, **kwargs.pop("headers", {})}
        return httpx.post(self.base + path, headers=headers, timeout=30, **kwargs)


def admin_cli(
    data_dir: Path, url: str, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """A ``spie-server`` administration command on one host."""
    return subprocess.run(
        [SPIE_SERVER, *args, "--data-dir", str(data_dir), "--database-url", url],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def copy_secret(source: Path, target: Path) -> None:
    """What the administrator does for a new host: the first host's secret, mode 0600."""
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copy2(source / SECRET_FILE, target / SECRET_FILE)
    (target / SECRET_FILE).chmod(0o600)


def _argv(data_dir: Path, url: str, port: int) -> list[str]:
    return [
        SPIE_SERVER,
        "run",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--database-url",
        url,
        "--trusted-proxy",
        "127.0.0.1",
    ]


@contextmanager
def serving(name: str, data_dir: Path, url: str, env: dict[str, str]) -> Iterator[Host]:
    port = free_port()
    log = data_dir.with_name(f"{data_dir.name}.log")
    with log.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            _argv(data_dir, url, port),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            text=True,
            env={**os.environ, **env},
        )
    host = Host(name, f"http://127.0.0.1:{port}", data_dir, log)
    try:
        _wait_healthy(host, process)
        yield host
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        assert process.returncode in (0, 143, -signal.SIGTERM), log.read_text()[-2000:]


def _wait_healthy(host: Host, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(host.base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"{host.name} did not start: {host.log.read_text()[-2000:]}")
        time.sleep(0.1)


def start_refused(data_dir: Path, url: str) -> str:
    """Start a server that must refuse to serve; return its stderr (fails if it serves)."""
    process = subprocess.Popen(
        _argv(data_dir, url, free_port()),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError("the server started instead of refusing") from None
    assert process.returncode == 1, stderr
    return stderr
