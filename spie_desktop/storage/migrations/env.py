"""Alembic environment, run programmatically by ``storage.schema`` on an open connection."""

from __future__ import annotations

from alembic import context

from spie_desktop.storage import catalogue_rows as catalogue_rows  # on the one metadata
from spie_desktop.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
