"""Device-level settings kept inside the encrypted store (device id, territory code...)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..models import MetaRow, table_of
from .base import Repository

META = table_of(MetaRow)
#: Set to "1" on a store filled with synthetic demo data. Such a store must never be enrolled
#: with a territory server nor synced: its people are invented (see ``Store.is_demo``).
DEMO_STORE_KEY = "demo_store"


class MetaRepository(Repository):
    def get(self, key: str, default: str | None = None) -> str | None:
        value = self._session.execute(select(META.c.value).where(META.c.key == key)).scalar()
        return default if value is None else str(value)

    def set(self, key: str, value: str) -> None:
        stmt = sqlite_insert(META).values(key=key, value=value)
        stmt = stmt.on_conflict_do_update(index_elements=[META.c.key], set_={"value": value})
        self._session.execute(stmt)

    def delete(self, key: str) -> None:
        self._session.execute(META.delete().where(META.c.key == key))

    def all(self) -> dict[str, str]:
        rows = self._session.execute(select(META.c.key, META.c.value))
        return {str(row[0]): str(row[1]) for row in rows}

    def is_demo_store(self) -> bool:
        return self.get(DEMO_STORE_KEY) == "1"

    def mark_demo_store(self) -> None:
        """Flag the store as holding synthetic demo data, for good: it may then never be
        enrolled nor synced. Required before any bulk insert."""
        self.set(DEMO_STORE_KEY, "1")
