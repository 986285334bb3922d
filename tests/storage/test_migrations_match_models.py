"""The store's migrations build exactly the row classes' schema: adding an entity's row class
without its migration (or the other way round) fails here, not on a counsellor's laptop.
(A new store is made from the row classes directly: tests/storage/test_schema_at_head.py.)"""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from spie_desktop.storage.engine import make_engine
from spie_desktop.storage.models import Base
from spie_desktop.storage.offer_index import SEARCH_INDEX
from spie_desktop.storage.schema import upgrade_to_head


def test_a_migrated_store_has_the_tables_and_columns_of_the_models(
    store_path: Path, data_key: bytes
) -> None:
    engine = make_engine(store_path, data_key)
    try:
        with engine.begin() as conn:
            upgrade_to_head(conn)  # every migration, from the first
            context = MigrationContext.configure(conn, opts={"include_name": _not_the_search_index})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def _not_the_search_index(name: str | None, type_: str, parent_names: object) -> bool:
    """The offers' FTS5 index (a virtual table and its shadow tables) has no row class."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_INDEX))
