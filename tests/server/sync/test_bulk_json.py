"""The rows a push writes travel as one JSON text per table (sync/bulk.py): orjson writes
it, and what orjson refuses is written by the standard module as before, never an error."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from spie_server.sync.bulk import _as_json


def _standard(rows: list[dict[str, Any]]) -> Any:
    def plain(value: Any) -> str:
        if isinstance(value, bytes):
            return "\\x" + value.hex()
        return str(value.isoformat()) if hasattr(value, "isoformat") else str(value)

    return json.loads(json.dumps(rows, default=plain, ensure_ascii=False))


def test_rows_read_back_as_the_standard_module_writes_them() -> None:
    rows = [
        {
            "entity_id": uuid.UUID(int=7),
            "doc": b"\x00\xffsealed",
            "at": datetime(2026, 12, 6, 13, 55, 0, 123, tzinfo=UTC),
            "hlc": "000001765029300000-00001-dev0",
            "text": "Hébergée chez sa sœur",
            "none": None,
        }
    ]
    assert json.loads(_as_json(rows)) == _standard(rows)


def test_what_orjson_refuses_is_still_written() -> None:
    for value in (2**70, "a\ud800b"):
        rows = [{"value": value}]
        assert _as_json(rows) == json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
