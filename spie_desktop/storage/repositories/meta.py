"""Device-level settings kept inside the encrypted store (device id, territory code...)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..models import MetaRow, table_of
from .base import Repository

META = table_of(MetaRow)


class MetaRepository(Repository):
    def get(self, key: str, default: str | None = None) -> str | None:
        value = self._session.execute(select(META.c.value).where(META.c.key == key)).scalar()
        return default if value is None else str(value)

    def set(self, key: str, value: str) -> None:
        stmt = sqlite_insert(META).values(key=key, value=value)
        stmt = stmt.on_conflict_do_update(index_elements=[META.c.key], set_={"value": value})
        self._session.execute(stmt)

    def all(self) -> dict[str, str]:
        rows = self._session.execute(select(META.c.key, META.c.value))
        return {str(row[0]): str(row[1]) for row in rows}
