"""Everything an attacker holding the server's database (and not its data dir) could read."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

from sqlalchemy import Engine, MetaData, select
from sqlalchemy.engine import make_url

from spie_server.db import session_scope
from spie_server.sealing import keys_for
from tests.server.pg import PG_BIN


def database_dump(database_url: str) -> bytes:
    """SQLite: every byte of the database file, its WAL and shared memory; PostgreSQL: pg_dump."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        parts = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        # Read by another process: closing a file descriptor of the database in this process
        # would drop every POSIX lock SQLite holds on it here (a running in-process server's),
        # and another process could then take the WAL for its own and reset it.
        return subprocess.run(
            ["cat", *(str(p) for p in parts if p.exists())], capture_output=True, check=True
        ).stdout
    result = subprocess.run(
        [
            str(PG_BIN / "pg_dump"),
            "--host",
            str(url.host),
            "--port",
            str(url.port),
            "--username",
            str(url.username),
            "--no-password",
            str(url.database),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def readable_in(dump: bytes, secret: bytes) -> bool:
    """Whether ``secret`` shows in the dump as raw bytes or as PostgreSQL's hex form of bytea."""
    return secret in dump or secret.hex().encode("ascii") in dump


def plain_tables_dump(engine: Engine) -> str:
    """Every row of every table of the server database as text, sealed values opened: what
    someone holding the database and the server secret could read."""
    metadata = MetaData()
    metadata.reflect(engine)
    lines: list[str] = []
    with session_scope(engine) as session:
        for table in metadata.sorted_tables:
            for row in session.execute(select(table)).mappings():
                values = dict(row)
                if table.name in ("records", "record_versions"):
                    key = keys_for(session, values["territory_id"])
                    # Reflected, SQLite's UUID columns read back as their 32 hex digits.
                    entity_id = uuid.UUID(str(values["entity_id"]))
                    values["doc"] = key.open_doc(
                        values["entity"], entity_id, values["version"], values["doc"]
                    )
                elif table.name == "blob_chunks":
                    key = keys_for(session, values["territory_id"])
                    values["data"] = key.open_chunk(
                        values["sha256"], values["offset"], values["data"]
                    )
                lines.append(f"{table.name}: {values!r}")
    return "\n".join(lines)
