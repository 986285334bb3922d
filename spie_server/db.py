"""Engine creation, migrations and transactions for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

MIGRATIONS = Path(__file__).with_name("migrations")
#: Arbitrary key for PostgreSQL's advisory lock around migrations.
MIGRATION_LOCK = 0x5E1E_0001
#: Requests of one server process that work on the database at once (app.py sizes the thread
#: pool of the sync routes to it). Past it, requests wait their turn in the event loop, where
#: a waiting request costs nothing; 40 threads each holding a connection only fought one
#: another for the GIL and PostgreSQL's cores, and a burst of 200 pushes took longer.
REQUEST_LANES = 8
#: Connections past the lanes: background jobs (retention) and a request that opens a second
#: transaction while it holds one.
POOL_OVERFLOW = 8


class DatabaseUrlError(ValueError):
    pass


def make_engine(url: str) -> Engine:
    """An engine for ``sqlite:///FILE`` or ``postgresql+psycopg://…``; nothing else."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError(f"cannot parse database URL {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        engine = create_engine(
            parsed,
            connect_args={"timeout": 30, "check_same_thread": False},
            hide_parameters=True,  # never names in an exception's text, hence in a log
        )
        _tune_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername != "postgresql+psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(
            parsed,
            pool_size=REQUEST_LANES,
            max_overflow=POOL_OVERFLOW,
            pool_recycle=1800,
            hide_parameters=True,
        )
    raise DatabaseUrlError(f"unsupported database {parsed.get_backend_name()!r}")


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling is off; we issue BEGIN IMMEDIATE ourselves so a
        # write transaction never fails half-way on a lock upgrade.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        # Freed pages are zeroed: what a row held before (a document not yet sealed by
        # migration 0005, a dropped column) does not linger in the file.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def is_postgresql(engine_or_connection: Engine | Connection) -> bool:
    return engine_or_connection.dialect.name == "postgresql"


def alembic_config(connection: Connection, secret: Callable[[], bytes] | None = None) -> Config:
    """``secret``: the server secret, for migrations that convert sealed data (0005)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    config.attributes["secret"] = secret
    return config


def upgrade(engine: Engine, secret: Callable[[], bytes] | None = None) -> None:
    """Bring the schema to the latest migration (serialised between PostgreSQL workers).

    ``secret`` reads the server secret; it is called only when existing rows must be
    converted (a database holding records from before they were sealed).
    """
    with engine.begin() as connection:
        if is_postgresql(connection):
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        before = set(MigrationContext.configure(connection).get_current_heads())
        config = alembic_config(connection, secret)
        command.upgrade(config, "head")
        migrated = before != set(ScriptDirectory.from_config(config).get_heads())
    if migrated and not is_postgresql(engine):
        # Old page images (such as documents from before sealing) leave the write-ahead log.
        # Outside any transaction (a checkpoint cannot run in one): the raw connection.
        raw = engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()


def is_up_to_date(engine: Engine) -> bool:
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
        head = ScriptDirectory.from_config(alembic_config(connection)).get_heads()
        return set(current) == set(head)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One short transaction: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session
