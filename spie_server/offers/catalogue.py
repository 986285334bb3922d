"""The stored catalogue of a territory: upserts by (source, id) in batches, each write taking
the next value of the territory's offer change sequence (unchanged records keep theirs, so a
device pulling "what changed since N" gets only what did)."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from sqlalchemy import Table, and_, bindparam, insert, select, update
from sqlalchemy.orm import Session

from spie_server.models import OfferCounter, OfferService, OfferStructure, table_of, utc_now
from spie_server.offers.schema import Kind

BATCH = 1000
Outcome = Literal["imported", "updated", "unchanged"]
Key = tuple[str, str]


def table_for(kind: Kind) -> Table:
    return table_of(OfferService if kind is Kind.SERVICE else OfferStructure)


def canonical(record: dict[str, Any]) -> str:
    """The stored text of a record: one spelling per content, so "unchanged" is a string test."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _digest(doc: str) -> bytes:
    return hashlib.blake2b(doc.encode("utf-8"), digest_size=16).digest()


class CatalogueWriter:
    """Writes one file's records of one kind for one territory, inside the caller's
    transaction; ``finish`` writes what is still buffered and the sequence's new value."""

    def __init__(self, session: Session, territory_id: int, kind: Kind) -> None:
        self.session, self.territory_id, self.kind = session, territory_id, kind
        self.table = table_for(kind)
        self.seq = _lock_counter(session, territory_id)
        table = self.table
        rows = session.execute(
            select(table.c.source, table.c.record_id, table.c.doc, table.c.deleted).where(
                table.c.territory_id == territory_id
            )
        )
        #: What is stored: (source, id) -> digest of the doc (None when it is a tombstone).
        self.stored: dict[Key, bytes | None] = {
            (str(source), str(record_id)): None if deleted else _digest(str(doc))
            for source, record_id, doc, deleted in rows
        }
        self._inserts: list[dict[str, Any]] = []
        self._updates: list[dict[str, Any]] = []

    def upsert(self, record: dict[str, Any]) -> Outcome:
        doc = canonical(record)
        key: Key = (record["source"], record["id"])
        digest = _digest(doc)
        known = key in self.stored
        if known and self.stored[key] == digest:
            return "unchanged"
        self.seq += 1
        row = {
            "territory_id": self.territory_id,
            "source": key[0],
            "record_id": key[1],
            "doc": doc,
            "deleted": False,
            "seq": self.seq,
            "updated_at": utc_now(),
        }
        if self.kind is Kind.SERVICE:
            row["structure_id"] = record["structure_id"]
        (self._updates if known else self._inserts).append(row)
        self.stored[key] = digest
        if len(self._inserts) + len(self._updates) >= BATCH:
            self._flush()
        return "updated" if known else "imported"

    def remove(self, source: str, record_id: str) -> bool:
        """Leave a tombstone (False: no such live record)."""
        key: Key = (source, record_id)
        if self.stored.get(key) is None:
            return False
        self.seq += 1
        self.session.execute(
            update(self.table)
            .where(
                self.table.c.territory_id == self.territory_id,
                self.table.c.source == source,
                self.table.c.record_id == record_id,
            )
            .values(deleted=True, seq=self.seq, updated_at=utc_now())
        )
        self.stored[key] = None
        return True

    def finish(self) -> None:
        self._flush()
        self.session.execute(
            update(table_of(OfferCounter))
            .where(table_of(OfferCounter).c.territory_id == self.territory_id)
            .values(value=self.seq)
        )

    def _flush(self) -> None:
        table = self.table
        if self._inserts:
            self.session.execute(insert(table), self._inserts)
        if self._updates:
            values: dict[str, Any] = {
                name: bindparam(f"v_{name}")
                for name in self._updates[0]
                if name not in {"territory_id", "source", "record_id"}
            }
            statement = (
                update(table)
                .where(
                    and_(
                        table.c.territory_id == bindparam("k_territory"),
                        table.c.source == bindparam("k_source"),
                        table.c.record_id == bindparam("k_record"),
                    )
                )
                .values(values)
            )
            params = [
                {
                    "k_territory": row["territory_id"],
                    "k_source": row["source"],
                    "k_record": row["record_id"],
                    **{f"v_{name}": row[name] for name in values},
                }
                for row in self._updates
            ]
            self.session.connection().execute(statement, params)
        self._inserts, self._updates = [], []


def _lock_counter(session: Session, territory_id: int) -> int:
    """The territory's last offer sequence value, its row locked until the transaction ends
    (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers)."""
    counter = table_of(OfferCounter)
    value = session.execute(
        select(counter.c.value).where(counter.c.territory_id == territory_id).with_for_update()
    ).scalar()
    if value is None:
        session.execute(insert(counter).values(territory_id=territory_id, value=0))
        return 0
    return int(value)


def stored_structures(session: Session, territory_id: int) -> dict[str, dict[str, Any]]:
    """A territory's live structures by id: their address fields, to place their services."""
    table = table_of(OfferStructure)
    out: dict[str, dict[str, Any]] = {}
    for record_id, doc in session.execute(
        select(table.c.record_id, table.c.doc).where(
            table.c.territory_id == territory_id, table.c.deleted.is_(False)
        )
    ):
        record = json.loads(str(doc))
        out[str(record_id)] = {k: record.get(k) for k in ("code_insee", "code_postal")}
    return out
