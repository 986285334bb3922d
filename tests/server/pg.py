"""A throwaway PostgreSQL cluster for the tests (Debian's postgresql package, as .ci/run installs).

As root, initdb and pg_ctl refuse to run, so they run as the ``postgres`` user in a directory
that user owns (outside pytest's root-only temp folder).
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("SPIE_PG_BIN", "/usr/lib/postgresql/15/bin"))
LOG_NAME = "log"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(command: list[str]) -> None:
    line = shlex.join(command)
    argv = (
        ["su", "postgres", "-s", "/bin/sh", "-c", line] if os.geteuid() == 0 else ["sh", "-c", line]
    )
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stdout}{result.stderr}")


@dataclass
class Cluster:
    directory: Path
    port: int

    @property
    def log_file(self) -> Path:
        """PostgreSQL's own log (errors, with their statements), readable by the tests."""
        return self.directory / LOG_NAME

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            _as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.directory / "data"),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ]
            )
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def start_cluster() -> Cluster:
    directory = Path(tempfile.mkdtemp(prefix="spie-pg-"))
    directory.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    port = free_port()
    data = directory / "data"
    _as_postgres(
        [
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]
    )
    # logging_collector off: the server's log goes to the -l file, which tests read.
    options = (
        f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        " -c max_connections=300 -c logging_collector=off"
    )
    _as_postgres(
        [
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(directory / LOG_NAME),
            "-w",
            "start",
        ]
    )
    return Cluster(directory, port)
