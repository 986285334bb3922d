"""Set-up is atomic: ``init`` and ``counsellor add`` killed at each of their writes leave
either nothing (and a re-run works) or a working device. See crashpoints/sitecustomize.py for
what counts as a write."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.services import device, setup_journal
from spie_desktop.storage.keyslots import KeySlots
from tests.child_launcher import command as launched

from .conftest import PASSPHRASE, ROOT, assert_one_error_line, run_cli

HOOK_DIR = Path(__file__).resolve().parent / "crashpoints"
NEW_PASSPHRASE = "une autre phrase bien longue"
INIT_ARGS = ("--territory", "12", "--structure", "CCAS de Rodez", "--counsellor", "Nadia B.")


def _run(data_dir: Path, args: tuple[str, ...], crash_at: int, count_file: Path) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    env.update(
        PYTHONPATH=f"{HOOK_DIR}{os.pathsep}{ROOT}",
        PYTHONDONTWRITEBYTECODE="1",
        SPIE_PASSPHRASE=PASSPHRASE,
        SPIE_NEW_PASSPHRASE=NEW_PASSPHRASE,
        SPIE_TEST_CRASH_DIR=str(data_dir),
        SPIE_TEST_CRASH_AT=str(crash_at),
        SPIE_TEST_CRASH_COUNT=str(count_file),
    )
    done = subprocess.run(
        launched("-m", "spie_desktop", *args, "--data-dir", str(data_dir)),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=240,
        cwd=ROOT,
    )
    if crash_at == 0:
        assert done.returncode == 0, done.stderr
        return int(count_file.read_text())
    assert done.returncode == 137, f"write {crash_at}: {done.returncode} {done.stderr}"
    return crash_at


def _init_in_process(data_dir: Path) -> device.SetupResult:
    return device.initialise_device(
        data_dir,
        territory_code="12",
        structure_name="CCAS de Rodez",
        structure_kind=StructureKind.CCAS,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=PASSPHRASE,
    )


def _leftovers(data_dir: Path) -> list[str]:
    if not data_dir.exists():
        return []
    lock = setup_journal.LOCK_FILE
    return [n for n in os.listdir(data_dir) if n.startswith(".setup") and n != lock]


def test_init_killed_at_every_write_leaves_nothing_or_a_device(tmp_path: Path) -> None:
    args = ("init", *INIT_ARGS, "--field", "social")
    writes = _run(tmp_path / "count", args, 0, tmp_path / "count.txt")
    assert writes >= 10  # store, key slots, config, the switch-over
    outcomes = []
    for n in range(1, writes + 1):
        data_dir = tmp_path / f"kill-{n}"
        _run(data_dir, args, n, tmp_path / "unused.txt")
        state = device.device_state(data_dir)
        assert state.status is not device.DeviceStatus.BROKEN, (n, state.problem_en)
        assert _leftovers(data_dir) == [], n
        if state.status is device.DeviceStatus.NEW:
            account = _init_in_process(data_dir).counsellor_id
        else:
            account = state.accounts[0].account_id
        with device.unlock(data_dir, account, PASSPHRASE) as session:
            assert session.counsellor.display_name == "Nadia B."
        outcomes.append(state.status)
    assert device.DeviceStatus.NEW in outcomes and device.DeviceStatus.READY in outcomes


def test_counsellor_add_killed_at_every_write_leaves_nothing_or_the_account(
    tmp_path: Path,
) -> None:
    base = tmp_path / "base"
    nadia = _init_in_process(base).counsellor_id
    args = ("counsellor", "add", "--name", "Julien R.", "--field", "emploi")
    probe = tmp_path / "count"
    shutil.copytree(base, probe)
    writes = _run(probe, args, 0, tmp_path / "count.txt")
    added_after: list[int] = []
    for n in range(1, writes + 1):
        data_dir = tmp_path / f"kill-{n}"
        shutil.copytree(base, data_dir)
        _run(data_dir, args, n, tmp_path / "unused.txt")
        with device.unlock(data_dir, nadia, PASSPHRASE) as session:
            names = {a.display_name for a in KeySlots.load(data_dir / "keyslots.json").accounts()}
            if "Julien R." not in names:
                device.add_counsellor(
                    session, display_name="Julien R.", field=Field.EMPLOI, passphrase=NEW_PASSPHRASE
                )
            else:
                added_after.append(n)
        julien = device.resolve_account(data_dir, "Julien R.")
        with device.unlock(data_dir, julien.account_id, NEW_PASSPHRASE) as session:
            assert session.counsellor.display_name == "Julien R."
    assert added_after and added_after[0] > 1


@pytest.mark.parametrize("what", ["store-only", "no-recovery-slot"])
def test_half_made_store_of_an_older_version_is_named_and_can_be_cleared(
    data_dir: Path, what: str
) -> None:
    _init_in_process(data_dir)
    if what == "store-only":
        (data_dir / "keyslots.json").unlink()
    else:
        slots = KeySlots.load(data_dir / "keyslots.json")
        text = (data_dir / "keyslots.json").read_text()
        data = json.loads(text)
        data["slots"] = [s for s in data["slots"] if s["kind"] != "recovery"]
        (data_dir / "keyslots.json").write_text(json.dumps(data))
        assert not slots.has_recovery_slot()
    result = run_cli("people", "list", "--data-dir", str(data_dir))
    assert_one_error_line(result, "a été interrompue", "« spie-desktop discard-setup »")
    refused = run_cli("init", *INIT_ARGS, "--field", "social", "--data-dir", str(data_dir))
    assert refused.returncode != 0
    cleared = run_cli("discard-setup", "--data-dir", str(data_dir))
    assert cleared.returncode == 0, cleared.stderr
    assert not (data_dir / "store.db").exists()
    again = run_cli("init", *INIT_ARGS, "--field", "social", "--data-dir", str(data_dir))
    assert again.returncode == 0, again.stderr
    assert run_cli("people", "list", "--data-dir", str(data_dir)).returncode == 0


def test_account_slot_without_account_from_an_older_version_is_cleared(data_dir: Path) -> None:
    """Older versions wrote the key slot before committing the account: a kill in between
    left an account that unlocked but was "not found" and whose name could not be re-added."""
    _init_in_process(data_dir)
    key = device.unlock(data_dir, device.resolve_account(data_dir, None).account_id, PASSPHRASE)
    data_key = key.data_key
    key.close()
    KeySlots.load(data_dir / "keyslots.json").add_account_slot(
        uuid.uuid4(), "Julien R.", "emploi", NEW_PASSPHRASE, data_key
    )
    alone = run_cli(
        "people",
        "list",
        "--account",
        "Julien R.",
        "--data-dir",
        str(data_dir),
        passphrase=NEW_PASSPHRASE,
    )
    assert_one_error_line(alone, "interrompue", "Ajoutez-le de nouveau")
    added = run_cli(
        "counsellor",
        "add",
        "--name",
        "Julien R.",
        "--field",
        "emploi",
        "--data-dir",
        str(data_dir),
        SPIE_NEW_PASSPHRASE=NEW_PASSPHRASE,
    )
    assert added.returncode == 0, added.stderr
    again = run_cli(
        "people",
        "list",
        "--account",
        "Julien R.",
        "--data-dir",
        str(data_dir),
        passphrase=NEW_PASSPHRASE,
    )
    assert again.returncode == 0, again.stderr


def test_a_set_up_running_elsewhere_is_not_rolled_back(data_dir: Path) -> None:
    """Another process looking at the data dir (the application starting) must not delete
    the staging folder of a set-up that is still running."""
    fcntl = pytest.importorskip("fcntl")
    staging = data_dir / setup_journal.STAGING_DIR
    staging.mkdir()
    (staging / "store.db").write_bytes(b"being written")
    fd = os.open(data_dir / ".setup-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert device.device_state(data_dir).status is device.DeviceStatus.NEW
        assert (staging / "store.db").exists()
        with pytest.raises(setup_journal.SetupInProgress):
            _init_in_process(data_dir)
    finally:
        os.close(fd)
    assert device.device_state(data_dir).status is device.DeviceStatus.NEW
    assert not staging.exists()  # no one holds the lock: an abandoned staging folder
