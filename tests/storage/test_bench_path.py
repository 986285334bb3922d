"""The benchmark's comparison path: a plain SQLite store through the same code."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.bench_storage import autosave_ms, run
from spie_desktop.storage.engine import make_engine
from spie_desktop.storage.store import Store


def test_make_engine_without_key_writes_a_plain_sqlite_file(data_dir: Path) -> None:
    engine = make_engine(data_dir / "plain.db", None)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x TEXT)")
        conn.exec_driver_sql("INSERT INTO t VALUES ('lisible')")
    engine.dispose()
    conn = sqlite3.connect(data_dir / "plain.db")
    assert conn.execute("SELECT x FROM t").fetchall() == [("lisible",)]
    conn.close()


def test_unencrypted_store_runs_the_same_autosave_path(data_dir: Path) -> None:
    store = Store.create_unencrypted_for_benchmark(data_dir / "plain.db")
    try:
        samples = autosave_ms({"sqlite": store}, 5)["sqlite"]
        with store.unit_of_work(None) as uow:
            assert uow.outbox.count_pending() == 2 + 5  # person, interview, 5 answers
    finally:
        store.close()
    assert len(samples) == 5 and all(s > 0 for s in samples)
    reopened = Store.open_unencrypted_for_benchmark(data_dir / "plain.db")
    reopened.close()


def test_benchmark_reports_every_figure() -> None:
    figures = run(writes=5, people=50)
    for name in (
        "sqlcipher_p95_ms",
        "sqlite_p95_ms",
        "ratio_p50",
        "floor_p50_ms",
        "argon2id_unlock_ms",
        "people_open_ms",
        "people_filter_ms",
    ):
        assert figures[name] > 0, name
