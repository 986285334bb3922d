"""The territory's current documents of one entity, opened and streamed.

One query per entity for the whole territory, read in batches (a server-side cursor on
PostgreSQL), so 1,000,000 follow-up events never sit in memory as rows: each document is
opened (sealing.py), handed to the caller and dropped.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_server.models import Record
from spie_server.retention.local_calendar import zone
from spie_server.sealing import keys_for

#: Rows fetched per round trip.
BATCH = 5000
_UTC_SUFFIXES = ("+00:00", "Z")


class Doc(NamedTuple):
    entity_id: uuid.UUID
    doc: dict[str, Any]
    owner_structure: str | None
    received: datetime  # when the server stored it (naive UTC)


def documents(session: Session, territory_id: int, entity: str) -> Iterator[Doc]:
    """Every live (not deleted) document of ``entity`` in the territory, opened."""
    for _, doc in documents_of(session, territory_id, (entity,)):
        yield doc


def documents_of(
    session: Session, territory_id: int, entities: tuple[str, ...]
) -> Iterator[tuple[str, Doc]]:
    """(entity, document) of every live document of any of ``entities``, in one query (each
    query reads through the territory's records: small entities are read together)."""
    key = keys_for(session, territory_id)
    stmt = (
        select(
            Record.entity,
            Record.entity_id,
            Record.version,
            Record.doc,
            Record.owner_structure,
            Record.updated_at,
        )
        .where(
            Record.territory_id == territory_id,
            Record.entity.in_(entities),
            Record.deleted.is_(False),
        )
        .execution_options(yield_per=BATCH)
    )
    for entity, entity_id, version, sealed, owner, received in session.execute(stmt):
        opened = key.open_doc(entity, entity_id, version, sealed)
        yield entity, Doc(entity_id, opened, owner, received)


class LocalDays:
    """An instant as a document holds it (ISO text, UTC when it names no offset) → its day
    in the territory's calendar.

    Devices write instants in UTC (``…+00:00``); those are cached by their UTC hour when
    every offset of the zone is a whole number of hours (true of every French territory, and
    exact since offsets change on the hour), as the device's own reading does."""

    def __init__(self, timezone: str) -> None:
        self._zone = zone(timezone)
        self._hours: dict[str, date] = {}
        year = datetime.now(UTC).year
        samples = [datetime(y, m, 1, tzinfo=UTC) for y in (year - 1, year) for m in (1, 7)]
        self._whole_hours = all(
            (s.astimezone(self._zone).utcoffset() or timedelta()) % timedelta(hours=1)
            == timedelta()
            for s in samples
        )

    def of_text(self, value: Any) -> date | None:
        if not isinstance(value, str):
            return None
        utc = self._whole_hours and value.endswith(_UTC_SUFFIXES) and len(value) >= 19
        if utc:
            day = self._hours.get(value[:13])
            if day is not None:
                return day
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        day = self.of(moment)
        if utc:
            self._hours[value[:13]] = day
        return day

    def of(self, moment: datetime) -> date:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(self._zone).date()


def uuid_text(value: Any) -> str | None:
    """A reference field as canonical UUID text (documents may spell it either way)."""
    if not isinstance(value, str):
        return None
    if len(value) == 36 and value.islower():
        return value  # already canonical, as devices write it
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def plain_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
