"""Migrations build the schema from an empty database, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from sqlalchemy import inspect

from spie_server.db import alembic_config, is_up_to_date, make_engine, upgrade
from spie_server.models import Base


def test_migrations_build_the_whole_schema_on_an_empty_database(
    backend: str, database_url_factory: Callable[[str], str]
) -> None:
    engine = make_engine(database_url_factory(backend))
    try:
        assert not is_up_to_date(engine)
        upgrade(engine)
        assert is_up_to_date(engine)
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        upgrade(engine)  # a second start changes nothing
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert is_up_to_date(engine)
    finally:
        engine.dispose()


def test_the_models_and_the_migrations_agree(
    backend: str, database_url_factory: Callable[[str], str]
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(database_url_factory(backend))
    try:
        upgrade(engine)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
    finally:
        engine.dispose()
