"""Schema revisions: Alembic run in-process, with no alembic.ini.

The migration scripts live in ``storage/migrations`` (shipped as package data). A store is
only ever migrated upwards; a revision unknown to this code means a newer program wrote it.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

SCHEMA_HEAD = "0001_initial"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def script_head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_to_head(connection: Connection) -> None:
    """Apply every missing migration inside the caller's transaction."""
    command.upgrade(alembic_config(connection), "head")
