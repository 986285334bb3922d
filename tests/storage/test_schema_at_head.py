"""A new store is made at the schema head in one go (``schema.create_at_head``), not by
running every migration from the first: it must be exactly the store those migrations
make — tables, columns with their types, defaults and constraints, keys, indexes, triggers,
views, the full-text index and its shadow tables, the revision stamp."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from spie_desktop.storage import schema
from spie_desktop.storage import store as store_module
from spie_desktop.storage.engine import connect_raw, make_engine
from spie_desktop.storage.keyslots import new_data_key
from spie_desktop.storage.schema import SCHEMA_HEAD, upgrade_to_head
from spie_desktop.storage.store import Store


def migrated_from_the_first_revision(path: Path, key: bytes) -> None:
    engine = make_engine(path, key)
    try:
        with engine.begin() as conn:
            upgrade_to_head(conn)
    finally:
        engine.dispose()


def definition_items(sql: str) -> frozenset[str]:
    """The column definitions and constraints of a CREATE statement, in any order (a
    column a migration added comes last in the file; the models list it elsewhere: rows
    are always read and written by column name), quotes and spacing normalised."""
    body = sql[sql.index("(") + 1 : sql.rindex(")")]
    items, depth, current = [], 0, ""
    for char in body:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return frozenset(normalised(item) for item in items)


def normalised(sql: str) -> str:
    return re.sub(r"\s+", " ", sql.replace('"', "")).strip()


def shape(path: Path, key: bytes) -> dict[tuple[str, str], Any]:
    conn = connect_raw(path, key, immutable=True)
    try:
        found: dict[tuple[str, str], Any] = {}
        objects = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        for kind, name, sql in objects:
            if kind == "table":
                found[("table", name)] = (
                    normalised(sql.split("(", 1)[0].replace(f'"{name}"', name)),
                    definition_items(sql),
                    sorted(tuple(r[1:]) for r in conn.execute(f'PRAGMA table_xinfo("{name}")')),
                    sorted(
                        tuple(r[2:]) for r in conn.execute(f'PRAGMA foreign_key_list("{name}")')
                    ),
                )
            elif kind == "index":
                columns = [r[2] for r in conn.execute(f'PRAGMA index_info("{name}")')]
                found[("index", name)] = (normalised(sql) if sql else None, columns)
            else:  # trigger, view
                found[(kind, name)] = normalised(sql)
        found[("rows", "alembic_version")] = conn.execute(
            "SELECT version_num FROM alembic_version"
        ).fetchall()
        return found
    finally:
        conn.close()


def test_a_new_store_has_the_schema_of_one_migrated_from_the_first_revision(
    tmp_path: Path,
) -> None:
    key = new_data_key()
    Store.create(tmp_path / "new.db", key).close()
    migrated_from_the_first_revision(tmp_path / "migrated.db", key)
    new, migrated = shape(tmp_path / "new.db", key), shape(tmp_path / "migrated.db", key)
    assert {name for kind, name in new if kind == "table"} >= {
        "alembic_version",
        "offer_search_index",
        "offer_search_index_data",
    }
    assert new[("rows", "alembic_version")] == [(SCHEMA_HEAD,)]
    differing = {k: (new.get(k), migrated.get(k)) for k in new.keys() | migrated.keys()}
    assert {k: v for k, v in differing.items() if v[0] != v[1]} == {}


def test_the_comparison_sees_an_index_or_a_column_changed(tmp_path: Path) -> None:
    """What the shape compares is not blind."""
    key = new_data_key()
    Store.create(tmp_path / "new.db", key).close()
    before = shape(tmp_path / "new.db", key)
    index = next(name for kind, name in before if kind == "index" and before[(kind, name)][0])
    conn = connect_raw(tmp_path / "new.db", key)
    try:
        conn.execute(f"DROP INDEX {index}")
        conn.execute("ALTER TABLE people RENAME COLUMN language TO langue")
    finally:
        conn.close()
    after = shape(tmp_path / "new.db", key)
    assert before.keys() - after.keys() == {("index", index)}
    assert before[("table", "people")] != after[("table", "people")]


def test_a_new_store_is_made_without_running_the_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a new store ran the migrations")

    monkeypatch.setattr(schema, "upgrade_to_head", refuse)
    monkeypatch.setattr(store_module, "upgrade_to_head", refuse)
    key = new_data_key()
    with Store.create(tmp_path / "store.db", key) as created:
        assert created.schema_revision == SCHEMA_HEAD
    with Store.open(tmp_path / "store.db", key) as reopened:  # at the head: nothing to run
        assert reopened.schema_revision == SCHEMA_HEAD
