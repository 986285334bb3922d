"""Which table's bytes a store's size is made of: SQLite's ``dbstat`` over a plain copy.

SQLCipher's build has no ``dbstat``; the store is exported (``sqlcipher_export``) to an
unencrypted copy in a temporary folder, measured with the standard library's SQLite, and
the copy deleted. Each index counts with its table. Only for benchmarks of demo stores.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from spie_desktop.storage.engine import connect_raw


def bytes_by_table(store: Path, data_key: bytes) -> dict[str, int] | None:
    """Table → bytes of its pages and its indexes' pages, largest first; None when this
    Python's SQLite has no ``dbstat``."""
    with tempfile.TemporaryDirectory(prefix="spie-bench-breakdown-") as tmp:
        plain = Path(tmp) / "plain.db"
        conn = connect_raw(store, data_key, immutable=True)
        try:
            conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
            conn.execute("SELECT sqlcipher_export('plain')")
            conn.execute("DETACH DATABASE plain")
        finally:
            conn.close()
        measured = sqlite3.connect(plain)
        try:
            owner = dict(measured.execute("SELECT name, tbl_name FROM sqlite_master"))
            pages = measured.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
            totals: dict[str, int] = {}
            for name, size in pages:
                table = owner.get(name, name)
                totals[table] = totals.get(table, 0) + int(size)
        except sqlite3.OperationalError:  # no such table: dbstat
            return None
        finally:
            measured.close()
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def largest(totals: dict[str, int], people: int, count: int = 5) -> str:
    """The ``count`` largest tables as a note: ``answers 7,754 B, …`` per person."""
    return ", ".join(f"{t} {b / people:,.0f} B" for t, b in list(totals.items())[:count])
