"""The null server: the floor of the crowd figures on this machine.

It answers the crowd (crowd.py) as the territory server does — an enrolment, each push and
each pull page with a body of the same bytes, captured from the real server in the same run,
gzipped as the real server sends it — but does no work: no validation, no database. What the
crowd then measures is the load generator's own cost, HTTP, uvicorn and the scheduling of its
processes on the same cores. No server could show a better burst p95 on this machine with
the generator on it. ``python -m bench.null_server --port P --workers N`` runs it (bodies from
the files named by NULL_PUSH_ENV and NULL_PULL_ENV).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from starlette.types import Receive, Scope, Send

from bench.crowd import DEVICE_BATCH, HEADERS, PAGE, answer_change
from spie_server.serving import serve

NULL_PUSH_ENV = "SPIE_NULL_PUSH"
NULL_PULL_ENV = "SPIE_NULL_PULL"
#: The territory server gzips answers from this size on (app.py, GZipMiddleware).
GZIP_FROM = 1024


class Canned:
    """One answer, plain and gzipped once (the real server compresses each time)."""

    def __init__(self, body: bytes) -> None:
        self.plain = body
        self.packed = gzip.compress(body, compresslevel=9) if len(body) >= GZIP_FROM else None

    def for_request(self, scope: Scope) -> tuple[bytes, list[tuple[bytes, bytes]]]:
        headers = [(b"content-type", b"application/json")]
        accepts = b"".join(v for k, v in scope["headers"] if k == b"accept-encoding")
        if self.packed is not None and b"gzip" in accepts:
            return self.packed, [*headers, (b"content-encoding", b"gzip")]
        return self.plain, headers


class NullApp:
    """A bare ASGI app: reads each request whole, answers with a canned body."""

    def __init__(self, push: bytes, pull: bytes) -> None:
        self.answers = {
            "/v1/enroll": Canned(json.dumps({"token": "null", "device_id": "null"}).encode()),
            "/v1/push": Canned(push),
            "/v1/changes": Canned(pull),
            "/healthz": Canned(b'{"status":"ok"}'),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        more = True
        while more:  # the body is read whole, as the real server reads a push
            message = await receive()
            more = message.get("more_body", False)
        canned = self.answers.get(scope["path"])
        if canned is None:
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        body, headers = canned.for_request(scope)
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def app_from_env() -> NullApp:
    """Factory for uvicorn workers: the bodies from the files the environment names."""
    return NullApp(
        Path(os.environ[NULL_PUSH_ENV]).read_bytes(), Path(os.environ[NULL_PULL_ENV]).read_bytes()
    )


def capture_bodies(base: str, code: str) -> tuple[bytes, bytes]:
    """A push of DEVICE_BATCH new answers and a first page of PAGE, as the real server
    answers them (plain JSON)."""
    with httpx.Client(base_url=base, timeout=120) as client:
        enrolled = client.post("/v1/enroll", json={"code": code}, headers=HEADERS)
        enrolled.raise_for_status()
        client.headers.update({**HEADERS, "Authorization": f"Bearer {enrolled.json()['token']}"})
        for round_ in range(3):  # a first page of PAGE records, whatever was pushed before
            changes = [answer_change(0, round_ * DEVICE_BATCH + i) for i in range(DEVICE_BATCH)]
            body = {"batch_id": str(uuid.uuid4()), "changes": changes}
            push = client.post("/v1/push", json=body)
            push.raise_for_status()
        pull = client.get("/v1/changes", params={"since": 0, "limit": PAGE})
        pull.raise_for_status()
    return push.content, pull.content


@contextmanager
def null_server(push: bytes, pull: bytes, workers: int) -> Iterator[str]:
    """The null server in ``workers`` processes on 127.0.0.1, answering with these bodies."""
    with tempfile.TemporaryDirectory(prefix="spie-null-") as tmp:
        (Path(tmp) / "push").write_bytes(push)
        (Path(tmp) / "pull").write_bytes(pull)
        env = {
            **os.environ,
            NULL_PUSH_ENV: str(Path(tmp) / "push"),
            NULL_PULL_ENV: str(Path(tmp) / "pull"),
        }
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        argv = [sys.executable, "-m", "bench.null_server", "--port", str(port)]
        process = subprocess.Popen([*argv, "--workers", str(workers)], env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the null server did not start (exit {process.poll()})")
                time.sleep(0.1)
            yield base
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    serve("bench.null_server:app_from_env", "127.0.0.1", args.port, args.workers)


if __name__ == "__main__":
    main()
