"""The store's migrations build exactly the row classes' schema: adding an entity's row class
without its migration (or the other way round) fails here, not on a counsellor's laptop."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from spie_desktop.storage.models import Base
from spie_desktop.storage.offer_index import SEARCH_INDEX
from spie_desktop.storage.store import Store


def test_a_migrated_store_has_the_tables_and_columns_of_the_models(store: Store) -> None:
    with store.unit_of_work(None, read_only=True) as uow:
        context = MigrationContext.configure(
            uow.session.connection(), opts={"include_name": _not_the_search_index}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _not_the_search_index(name: str | None, type_: str, parent_names: object) -> bool:
    """The offers' FTS5 index (a virtual table and its shadow tables) has no row class."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_INDEX))
