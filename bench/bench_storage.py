"""Storage benchmark: autosave latency (SQLCipher vs plain SQLite), key unlock, people list.

Returns figures (bench/figures.py); asserts nothing. Targets (bench/targets.toml): autosave
p95 and SQLCipher / plain SQLite in the same run; the people list read is informational here
(bench_people_list measures the screen).
"""

from __future__ import annotations

import gc
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bench.figures import Figure, figure, percentile, print_figures
from spie_desktop.domain.interview import Interview
from spie_desktop.domain.people import Person
from spie_desktop.storage.keyslots import KeySlots, new_data_key
from spie_desktop.storage.store import Store


def _interview_in(store: Store, actor: uuid.UUID) -> uuid.UUID:
    with store.unit_of_work(actor) as uow:
        person = uow.people.add(Person(first_name="Bench", last_name="Autosave"))
        interview = uow.interviews.add(
            Interview(person_id=person.id, definition_id="bench", definition_version=1)
        )
    return interview.id


def autosave_ms(stores: dict[str, Store], writes: int) -> dict[str, list[float]]:
    """Milliseconds per autosave through the whole stack (UoW, upsert, outbox, commit), in
    each store, interleaved write by write (the first store alternates) so that both see the
    same disk and system noise. As in the application, where the cycle collector runs from a
    GUI-thread timer and never inside a save on the database lane, garbage is collected
    between saves, outside the timed part."""
    actor = uuid.uuid4()
    interviews = {label: _interview_in(store, actor) for label, store in stores.items()}
    samples: dict[str, list[float]] = {label: [] for label in stores}
    order = list(stores)
    gc.collect()
    gc.disable()
    try:
        for i in range(writes):
            for label in order if i % 2 == 0 else reversed(order):
                started = time.perf_counter()
                with stores[label].unit_of_work(actor) as uow:
                    uow.answers.upsert(interviews[label], f"theme.q{i % 25}", f"réponse {i}", actor)
                samples[label].append((time.perf_counter() - started) * 1000)
            if i % 20 == 19:
                gc.collect(0)
    finally:
        gc.enable()
    return samples


def raw_commit_floor_ms(path: Path, writes: int) -> list[float]:
    """The disk's floor: one bare UPDATE + commit in WAL, synchronous=FULL, plain sqlite3."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        conn.execute("INSERT INTO t VALUES (1, '')")
        samples = []
        for i in range(writes):
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE t SET v = ? WHERE id = 1", (str(i),))
            conn.execute("COMMIT")
            samples.append((time.perf_counter() - started) * 1000)
        return samples
    finally:
        conn.close()


def people_list_ms(store: Store, people: int) -> tuple[float, float]:
    with store.unit_of_work(None) as uow:
        for i in range(people):
            uow.people.add(
                Person(first_name=f"Prénom{i % 97}", last_name=f"Nom{i:05d}", commune="Rodez")
            )
    started = time.perf_counter()
    with store.unit_of_work(None, read_only=True) as uow:
        rows = uow.people.iter_summaries()
    open_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    with store.unit_of_work(None, read_only=True) as uow:
        uow.people.iter_summaries("nom0042")
    filter_ms = (time.perf_counter() - started) * 1000
    assert len(rows) >= people
    return open_ms, filter_ms


def unlock_ms(folder: Path, runs: int = 3) -> float:
    slots = KeySlots.create(folder / "keyslots.json")
    account = uuid.uuid4()
    slots.add_account_slot(account, "Bench", "social", "phrase de passe du banc", new_data_key())
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        slots.unlock(account, "phrase de passe du banc")
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def run(writes: int = 500, people: int = 10_000) -> dict[str, float]:
    """The figures of one pass, by name (tests/storage/test_bench_path.py runs it small)."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="spie-bench-") as tmp:
        folder = Path(tmp)
        stores = {
            "sqlcipher": Store.create(folder / "store.db", new_data_key()),
            "sqlite": Store.create_unencrypted_for_benchmark(folder / "plain.db"),
        }
        try:
            autosave_ms(stores, min(50, writes))  # warm-up: pool, caches, WAL
            for label, samples in autosave_ms(stores, writes).items():
                figures[f"{label}_p50_ms"] = percentile(samples, 50)
                figures[f"{label}_p95_ms"] = percentile(samples, 95)
            if people:
                figures["people_open_ms"], figures["people_filter_ms"] = people_list_ms(
                    stores["sqlcipher"], people
                )
        finally:
            for store in stores.values():
                store.close()
        figures["ratio_p50"] = figures["sqlcipher_p50_ms"] / figures["sqlite_p50_ms"]
        figures["ratio_p95"] = figures["sqlcipher_p95_ms"] / figures["sqlite_p95_ms"]
        floor = raw_commit_floor_ms(folder / "floor.db", writes)
        figures["floor_p50_ms"] = percentile(floor, 50)
        figures["floor_p95_ms"] = percentile(floor, 95)
        figures["argon2id_unlock_ms"] = unlock_ms(folder)
    return figures


MEASURES = ("storage.autosave_p95_ms", "storage.sqlcipher_over_sqlite")


def figures(quick: bool) -> list[Figure]:
    """Each repeat writes ``writes`` answers into both stores, interleaved; a repeat's p95 is
    one sample. The SQLCipher / plain SQLite ratio is of the two medians in each repeat."""
    repeats, writes, people = (2, 60, 1_000) if quick else (5, 200, 10_000)
    p95: dict[str, list[float]] = {"sqlcipher": [], "sqlite": []}
    p50: dict[str, list[float]] = {"sqlcipher": [], "sqlite": []}
    floor: list[float] = []
    with tempfile.TemporaryDirectory(prefix="spie-bench-") as tmp:
        folder = Path(tmp)
        stores = {
            "sqlcipher": Store.create(folder / "store.db", new_data_key()),
            "sqlite": Store.create_unencrypted_for_benchmark(folder / "plain.db"),
        }
        try:
            autosave_ms(stores, min(50, writes))  # warm-up: pool, caches, WAL
            for _ in range(repeats):
                for label, samples in autosave_ms(stores, writes).items():
                    p95[label].append(percentile(samples, 95))
                    p50[label].append(percentile(samples, 50))
            open_ms, filter_ms = people_list_ms(stores["sqlcipher"], people)
        finally:
            for store in stores.values():
                store.close()
        for i in range(repeats):
            floor.append(percentile(raw_commit_floor_ms(folder / f"floor{i}.db", writes), 50))
        unlock = unlock_ms(folder, runs=1 if quick else 3)
    ratios = [a / b for a, b in zip(p50["sqlcipher"], p50["sqlite"], strict=True)]
    return [
        figure(
            "storage.autosave_p95_ms",
            "ms",
            p95["sqlcipher"],
            comparison=("plain SQLite", p95["sqlite"]),
            note=f"{writes} autosaves per repeat, synchronous=FULL",
        ),
        figure("storage.sqlcipher_over_sqlite", "×", ratios, note="ratio of the autosave medians"),
        figure(
            "storage.autosave_p50_ms",
            "ms",
            p50["sqlcipher"],
            comparison=("plain SQLite", p50["sqlite"]),
            informational=True,
        ),
        figure(
            "storage.disk_floor_commit_p50_ms",
            "ms",
            floor,
            informational=True,
            note="bare UPDATE + commit with plain sqlite3: the fsync cost of this disk",
        ),
        figure("storage.argon2id_unlock_ms", "ms", [unlock], informational=True),
        figure(f"storage.people_list_{people}_open_ms", "ms", [open_ms], informational=True),
        figure(f"storage.people_list_{people}_filter_ms", "ms", [filter_ms], informational=True),
    ]


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
