"""Backfilling existing records inside a migration, for migrations whose new tables are filled
from the records' sealed documents (0010_sharing, 0011_sharing_guard).

Opening those documents needs the territory keys, so the migration's connection is given the
server secret's keyring; ``spie_server.db.upgrade`` passes the secret. An empty database
needs neither.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.orm import Session

from spie_server.sealing import attach_connection_keyring


def backfill_sealed_records(fill: Callable[[Session], object], need: str) -> None:
    """Run ``fill`` on a session over the migration's connection, its territory keys opened,
    if any record exists; ``need`` says in the refusal what the secret is for ("records to
    index") when the secret was not given."""
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM records LIMIT 1")).first() is None:
        return
    secret: Callable[[], bytes] | None = context.config.attributes.get("secret")
    if secret is None:
        raise RuntimeError(
            f"the database holds {need} with the server secret: "
            "run `spie-server db upgrade` with the server's --data-dir"
        )
    attach_connection_keyring(bind, secret)
    session = Session(bind=bind)
    fill(session)
    session.flush()
