"""People accompanied, their consent records, and the fast summary list."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Row, func, select

from spie_desktop.domain.people import ConsentRecord, ConsentScope, Person, PersonStatus, fold_name

from ..models import ConsentRow, PersonRow, table_of
from .base import RecordRepository, meta_columns


class PersonSummary(NamedTuple):
    """One line of the people list: read with a single Core query, no ORM objects."""

    id: uuid.UUID
    first_name: str
    last_name: str
    birth_date: date | None
    status: PersonStatus
    last_contact: date | None
    commune: str


class PersonRepository(RecordRepository[Person]):
    table = table_of(PersonRow)

    def _to_row(self, item: Person) -> dict[str, Any]:
        return {
            "first_name": item.first_name,
            "last_name": item.last_name,
            "birth_date": item.birth_date,
            "commune": item.commune,
            "phone": item.phone,
            "email": item.email,
            "status": item.status.value,
            "last_contact": item.last_contact,
            "created_at": item.created_at,
            "language": item.language,
        }

    def _from_row(self, row: Row[Any]) -> Person:
        m = row._mapping
        return Person(
            **meta_columns(row),
            first_name=m["first_name"],
            last_name=m["last_name"],
            birth_date=m["birth_date"],
            commune=m["commune"],
            phone=m["phone"],
            email=m["email"],
            status=PersonStatus(m["status"]),
            last_contact=m["last_contact"],
            created_at=m["created_at"],
            language=m["language"],
        )

    def new_row(self, item: Person, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        # The evaluation token is no field of Person (so it never reaches a page or an
        # export): a new person has none, and saving a Person leaves it as it is.
        return super().new_row(item, {"evaluation_token": None, **(extra or {})})

    def evaluation_token(self, person_id: uuid.UUID) -> str | None:
        """The token linking the person's evaluations, ``None`` before their first one."""
        c = self.table.c
        stmt = select(c.id, c.evaluation_token).where(c.id == person_id)
        row = self._session.execute(stmt).first()
        if row is None:
            raise self._not_found()
        return row[1]

    def set_evaluation_token(self, person_id: uuid.UUID, token: str) -> None:
        """Keep ``token`` on the person's record (a new version, synchronised with it)."""
        person = self.get(person_id)
        self._update(person, {"evaluation_token": token}, person.version)

    def list_all(self) -> list[Person]:
        return self._select_where(order_by=self.table.c.search_name)

    def count(self) -> int:
        return int(self._session.execute(select(func.count()).select_from(self.table)).scalar_one())

    def iter_summaries(
        self, name_contains: str = "", status: PersonStatus | None = None
    ) -> list[PersonSummary]:
        """Every person (or those whose folded name contains ``name_contains``), in
        register order. Materialised at once, so the result outlives the unit of work."""
        c = self.table.c
        stmt = select(
            c.id, c.first_name, c.last_name, c.birth_date, c.status, c.last_contact, c.commune
        ).order_by(c.search_name)
        needle = fold_name(name_contains)
        if needle:
            escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(c.search_name.like(f"%{escaped}%", escape="\\"))
        if status is not None:
            stmt = stmt.where(c.status == status.value)
        statuses = {s.value: s for s in PersonStatus}
        return [
            PersonSummary(r[0], r[1], r[2], r[3], statuses[r[4]], r[5], r[6])
            for r in self._session.execute(stmt)
        ]


class ConsentRepository(RecordRepository[ConsentRecord]):
    """Append-only: a new decision is a new record, never an edit of an old one."""

    table = table_of(ConsentRow)

    def _to_row(self, item: ConsentRecord) -> dict[str, Any]:
        return {
            "person_id": item.person_id,
            "given_at": item.given_at,
            "scopes": sorted(s.value for s in item.scopes),
            "wording_version": item.wording_version,
            "recorded_by": item.recorded_by,
        }

    def _from_row(self, row: Row[Any]) -> ConsentRecord:
        m = row._mapping
        return ConsentRecord(
            **meta_columns(row),
            person_id=m["person_id"],
            given_at=m["given_at"],
            scopes=frozenset(ConsentScope(s) for s in m["scopes"]),
            wording_version=m["wording_version"],
            recorded_by=m["recorded_by"],
        )

    def save(self, item: ConsentRecord) -> ConsentRecord:
        raise TypeError("consent records are append-only: add a new one")

    def list_for(self, person_id: uuid.UUID) -> list[ConsentRecord]:
        c = self.table.c
        return self._select_where(c.person_id == person_id, order_by=(c.given_at, c.hlc))

    def latest_for(self, person_id: uuid.UUID) -> ConsentRecord | None:
        records = self.list_for(person_id)
        return records[-1] if records else None
