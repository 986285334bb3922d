"""A store made by the previous release (schema 0012, ids as text) is converted to 16-byte
ids on a verified copy and swapped in: nothing is lost, and a crash at any stage leaves a
store that opens with everything in it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from spie_desktop.domain.people import Person
from spie_desktop.storage import copy_upgrade
from spie_desktop.storage.engine import connect_raw
from spie_desktop.storage.errors import StoreUpgradeFailed
from spie_desktop.storage.keyslots import new_data_key
from spie_desktop.storage.schema import SCHEMA_HEAD
from spie_desktop.storage.store import Store
from spie_desktop.storage.store_digest import id_columns
from spie_desktop.storage.upgrade_progress import PROGRESS_STAGES, UpgradeProgress
from tests.fixtures.store_0012_content import (
    content,
    copy_device,
    data_key,
    expected,
    expected_content,
)

# The fixture store was made by the previous release with its real Argon2id keys.
pytestmark = pytest.mark.real_kdf

OLD_REVISION = "0012_signature_method"
ROOT = Path(__file__).resolve().parents[2]
#: Runs the upgrade in a child process that dies (no clean-up, no ``finally``) at a stage.
CRASH_AT = """
import os, sys
from functools import partial
from pathlib import Path
from spie_desktop.storage import copy_upgrade
from spie_desktop.storage.store import check_store_file

path, key, stage = Path(sys.argv[1]), bytes.fromhex(sys.argv[2]), sys.argv[3]
def die_at(reached):
    if reached == stage:
        os._exit(70)
copy_upgrade.upgrade_on_copy(path, key, partial(check_store_file, data_key=key), die_at)
"""


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    return copy_device(tmp_path / "device") / "store.db"


def revision_of(path: Path) -> str:
    conn = connect_raw(path, data_key(), immutable=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def leftovers(path: Path) -> list[str]:
    return sorted(
        p.name for p in path.parent.iterdir() if ".upgrading" in p.name or ".before" in p.name
    )


def text_ids(store: Store) -> list[str]:
    """Every id column holding anything but 16 bytes."""
    found = []
    with store.unit_of_work(None, read_only=True) as uow:
        conn = uow.session.connection()
        for table, columns in id_columns().items():
            for column in columns:
                odd = conn.exec_driver_sql(
                    f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL '
                    f'AND (typeof("{column}") != \'blob\' OR length("{column}") != 16)'
                ).scalar()
                if odd:
                    found.append(f"{table}.{column}")
    return found


def test_opening_the_0012_store_converts_every_id_and_loses_nothing(old_store: Path) -> None:
    assert revision_of(old_store) == OLD_REVISION
    before_size = old_store.stat().st_size
    with Store.open(old_store, data_key()) as store:
        assert store.schema_revision == SCHEMA_HEAD
        assert text_ids(store) == []
        assert content(store) == expected_content()
        assert store.integrity_errors() == []
        after_size = old_store.stat().st_size
    assert leftovers(old_store) == []
    assert after_size < before_size


def test_the_conversion_keeps_the_outbox_counter(old_store: Path) -> None:
    """Sent entries deleted, the counter stays above them: a device sequence number is never
    used twice, even when the rows that had it are gone."""
    conn = connect_raw(old_store, data_key())
    try:
        conn.execute("DELETE FROM outbox WHERE device_seq > 50")
    finally:
        conn.close()
    counter = expected()["outbox_counter"]
    with Store.open(old_store, data_key()) as store:
        with store.unit_of_work(None) as uow:
            uow.people.add(Person(first_name="Ana", last_name="Silva"))
        with store.unit_of_work(None, read_only=True) as uow:
            newest = max(e.device_seq for e in uow.outbox.pending(1000))
    assert newest == counter + 1


@pytest.mark.parametrize("stage", copy_upgrade.STAGES)
def test_a_crash_at_any_stage_leaves_a_store_that_opens_with_everything(
    old_store: Path, stage: str
) -> None:
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH_AT, str(old_store), data_key().hex(), stage],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert crashed.returncode == 70, crashed.stderr[-2000:]
    swapped = copy_upgrade.STAGES.index(stage) >= copy_upgrade.STAGES.index("swapped")
    assert revision_of(old_store) == (SCHEMA_HEAD if swapped else OLD_REVISION)
    with Store.open(old_store, data_key()) as store:
        assert store.schema_revision == SCHEMA_HEAD
        assert content(store) == expected_content()
    assert leftovers(old_store) == []


def test_a_new_store_that_does_not_check_after_the_swap_gives_the_old_one_back(
    old_store: Path,
) -> None:
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH_AT, str(old_store), data_key().hex(), "swapped"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert crashed.returncode == 70, crashed.stderr[-2000:]
    with old_store.open("r+b") as damaged:  # a page of the new store goes bad on the disk
        damaged.seek(3 * 4096 + 100)
        damaged.write(b"\x00" * 64)
    with Store.open(old_store, data_key()) as store:
        assert store.schema_revision == SCHEMA_HEAD
        assert content(store) == expected_content()
    assert leftovers(old_store) == []


def test_a_conversion_that_loses_a_row_is_refused_and_the_store_left_as_it_was(
    old_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    convert = copy_upgrade._convert

    def lossy(work: Path, key: bytes | None, on_rows: Callable[[int, int], None]) -> None:
        convert(work, key, on_rows)
        conn = connect_raw(work, key)
        try:
            conn.execute("DELETE FROM answers WHERE rowid = (SELECT max(rowid) FROM answers)")
        finally:
            conn.close()

    monkeypatch.setattr(copy_upgrade, "_convert", lossy)
    fingerprint = hashlib.sha256(old_store.read_bytes()).hexdigest()
    with pytest.raises(StoreUpgradeFailed) as refused:
        Store.open(old_store, data_key())
    assert "answers" in refused.value.detail
    assert hashlib.sha256(old_store.read_bytes()).hexdigest() == fingerprint
    assert revision_of(old_store) == OLD_REVISION
    assert leftovers(old_store) == []

    monkeypatch.setattr(copy_upgrade, "_convert", convert)
    with Store.open(old_store, data_key()) as store:
        assert content(store) == expected_content()


def test_an_id_that_is_not_a_uuid_stops_the_conversion(old_store: Path) -> None:
    conn = connect_raw(old_store, data_key())
    try:
        conn.execute("UPDATE answers SET author_id = 'pas-un-identifiant' WHERE rowid = 1")
    finally:
        conn.close()
    fingerprint = hashlib.sha256(old_store.read_bytes()).hexdigest()
    with pytest.raises(StoreUpgradeFailed):
        Store.open(old_store, data_key())
    assert hashlib.sha256(old_store.read_bytes()).hexdigest() == fingerprint
    assert leftovers(old_store) == []


def test_a_new_store_stores_ids_as_16_bytes(store: Store) -> None:
    with store.unit_of_work(None) as uow:
        person = uow.people.add(Person(first_name="Ana", last_name="Silva"))
    assert text_ids(store) == []
    with store.unit_of_work(None, read_only=True) as uow:
        stored = uow.session.connection().exec_driver_sql("SELECT id FROM people").scalar()
        assert uow.people.get(person.id).id == person.id
    assert stored == person.id.bytes


@pytest.mark.skipif(os.name != "posix", reason="advisory file locks are POSIX only")
def test_one_process_at_a_time_upgrades_a_store(old_store: Path) -> None:
    probe = (
        "import fcntl, os, sys\n"
        "fd = os.open(sys.argv[1], os.O_RDWR)\n"
        "try:\n"
        "    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "except BlockingIOError:\n"
        "    sys.exit(75)\n"
    )
    lock = old_store.with_name(old_store.name + copy_upgrade.LOCK_SUFFIX)
    with copy_upgrade.upgrade_lock(old_store):
        held = subprocess.run([sys.executable, "-c", probe, str(lock)], check=False)
    free = subprocess.run([sys.executable, "-c", probe, str(lock)], check=False)
    assert (held.returncode, free.returncode) == (75, 0)


def test_the_upgrade_says_what_it_does_stage_by_stage(old_store: Path) -> None:
    heard: list[UpgradeProgress] = []
    with Store.open(old_store, data_key(), on_upgrade=heard.append) as store:
        assert store.schema_revision == SCHEMA_HEAD
    stages = [p.stage for p in heard]
    assert sorted(set(stages), key=stages.index) == list(PROGRESS_STAGES)
    assert stages == sorted(stages, key=PROGRESS_STAGES.index)  # never back to a stage
    assert {p.people for p in heard} == {len(expected()["records"]["people"])}
    for stage in ("converting", "verifying"):
        counted = [(p.done, p.total) for p in heard if p.stage == stage and p.total]
        dones = [done for done, _total in counted]
        assert dones == sorted(dones) and len(set(dones)) > 2, stage  # it moves, table by table
        assert counted[-1][0] == counted[-1][1] > 0, stage  # and ends with every row


def test_an_up_to_date_store_opens_without_a_word_of_upgrade(store_path: Path) -> None:
    key = new_data_key()
    Store.create(store_path, key).close()
    heard: list[UpgradeProgress] = []
    with Store.open(store_path, key, on_upgrade=heard.append):
        pass
    assert heard == []
