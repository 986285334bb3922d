"""Reading a territory's stored catalogue back, and writing export files, for the tests."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from spie_server.db import session_scope
from spie_server.models import OfferCounter, OfferService, OfferStructure, Territory
from tests.server.helpers import Admin


def territory_id(admin: Admin, code: str) -> int:
    with session_scope(admin.engine) as session:
        found = session.scalar(select(Territory.id).where(Territory.code == code))
    assert found is not None
    return int(found)


def stored(admin: Admin, code: str, kind: str = "service") -> dict[str, dict[str, Any]]:
    """Live records by id: {id: {"doc": …, "seq": …}}."""
    model = OfferService if kind == "service" else OfferStructure
    with session_scope(admin.engine) as session:
        rows = session.execute(
            select(model.record_id, model.doc, model.seq, model.deleted).where(
                model.territory_id == territory_id(admin, code)
            )
        ).all()
    return {
        record_id: {"doc": json.loads(doc), "seq": seq, "deleted": deleted}
        for record_id, doc, seq, deleted in rows
    }


def counter(admin: Admin, code: str) -> int | None:
    with session_scope(admin.engine) as session:
        return session.scalar(
            select(OfferCounter.value).where(OfferCounter.territory_id == territory_id(admin, code))
        )


def write_json(path: Path, records: list[Any]) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv(path: Path, records: list[dict[str, Any]], lists_as_json: bool) -> Path:
    """The records as CSV with the same columns; lists as JSON arrays or comma-separated."""
    columns = sorted({name for record in records for name in record})
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        for record in records:
            writer.writerow([_cell(record.get(name), lists_as_json) for name in columns])
    return path


def _cell(value: Any, lists_as_json: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value) if lists_as_json else ",".join(value)
    return str(value)
