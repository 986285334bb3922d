"""Schema revisions: Alembic run in-process, with no alembic.ini.

The migration scripts live in ``storage/migrations`` (shipped as package data). A store is
only ever migrated upwards; a revision unknown to this code means a newer program wrote it.
A new store skips them: :func:`create_at_head` makes the head's schema in one go
(``tests/storage/test_schema_at_head.py`` proves it the same as a store migrated from the
first revision: tables, columns, defaults, keys, indexes, triggers, the full-text index).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

# Alembic is imported only when a revision must be looked up or applied: it costs ~0.7 s of
# imports, and opening an up-to-date store never needs it.

SCHEMA_HEAD = "0014_event_path_index"
#: Revisions that rewrite every table: a store below one is upgraded on a copy
#: (``copy_upgrade``), verified, then swapped in.
REWRITING_REVISIONS = ("0013_binary_ids",)
_KNOWN_REVISIONS: set[str] = set()
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The Alembic config attribute a migration that rewrites rows calls as it goes, with
#: (rows done, rows in all): the 0013 conversion of every id.
ROWS_HOOK = "spie_rows_converted"
RowsHook = Callable[[int, int], None]


def alembic_config(connection: Connection | None = None, on_rows: RowsHook | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    if on_rows is not None:
        config.attributes[ROWS_HOOK] = on_rows
    return config


def known_revisions() -> set[str]:
    if _KNOWN_REVISIONS:
        return set(_KNOWN_REVISIONS)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    _KNOWN_REVISIONS.update(rev.revision for rev in script.walk_revisions())
    return set(_KNOWN_REVISIONS)


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def needs_rewrite(revision: str | None) -> bool:
    """True if a store at ``revision`` (None: empty) must pass a rewriting revision."""
    if revision is None or revision == SCHEMA_HEAD:
        return False
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    below = {rev.revision for rev in script.iterate_revisions(revision, "base")}
    return any(rewriting not in below for rewriting in REWRITING_REVISIONS)


def create_at_head(connection: Connection) -> None:
    """Make an empty store's schema as every migration would leave it, stamped at the head,
    inside the caller's transaction: a fraction of the time the migrations take (0013 alone
    rebuilds every table), and no Alembic to import."""
    from .models import Base
    from .offer_index import create_search_index

    Base.metadata.create_all(connection)
    create_search_index(connection)
    # The table Alembic keeps its revision in, as Alembic makes it.
    connection.exec_driver_sql(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
    )
    connection.exec_driver_sql(
        "INSERT INTO alembic_version (version_num) VALUES (?)", (SCHEMA_HEAD,)
    )


def upgrade_to_head(connection: Connection, on_rows: RowsHook | None = None) -> None:
    """Apply every missing migration inside the caller's transaction; a migration that
    rewrites rows tells ``on_rows`` how far it is."""
    from alembic import command

    command.upgrade(alembic_config(connection, on_rows), "head")
