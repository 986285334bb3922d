"""The command line's children derive at the suite's cheap cost only through
tests/child_launcher.py: the application run as it is derives at its full Argon2id cost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spie_desktop.storage.errors import WrongPassphrase
from spie_desktop.storage.keyslots import KeySlots
from tests.cheap_kdf import DERIVING_MODULES, REAL_HASH_SECRET_RAW, cheap_hash_secret_raw
from tests.child_launcher import command as launched

from .conftest import PASSPHRASE, ROOT

INIT = ("init", "--territory", "12", "--structure", "CCAS de Rodez", "--structure-kind", "ccas")
INIT_ACCOUNT = ("--counsellor", "Nadia B.", "--field", "social")


def _init(python: list[str], data_dir: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    environ.update(PYTHONPATH=str(ROOT), SPIE_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [*python, *INIT, *INIT_ACCOUNT, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=environ,
        timeout=240,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def _opens(data_dir: Path, derivation: object, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether Nadia's slot opens with ``derivation`` (tried on a copy: a failure is counted)."""
    import importlib

    for name in DERIVING_MODULES:
        monkeypatch.setattr(importlib.import_module(name), "hash_secret_raw", derivation)
    copy = data_dir.parent / f"{data_dir.name}-slots.json"
    shutil.copyfile(data_dir / "keyslots.json", copy)
    slots = KeySlots.load(copy)
    (account,) = slots.accounts()
    try:
        slots.unlock(account.account_id, PASSPHRASE)
    except WrongPassphrase:
        return False
    finally:
        copy.unlink()
    return True


@pytest.mark.real_kdf
def test_the_application_run_as_is_derives_at_the_full_cost(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _init([sys.executable, "-m", "spie_desktop"], data_dir)
    assert not _opens(data_dir, cheap_hash_secret_raw, monkeypatch)
    assert _opens(data_dir, REAL_HASH_SECRET_RAW, monkeypatch)


def test_a_launched_child_derives_as_the_suite_does(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _init(launched("-m", "spie_desktop"), data_dir)
    assert _opens(data_dir, cheap_hash_secret_raw, monkeypatch)
    assert not _opens(data_dir, REAL_HASH_SECRET_RAW, monkeypatch)


def test_a_launched_script_gets_its_arguments_and_exit_status(tmp_path: Path) -> None:
    script = "import sys; print(sys.argv[1:]); sys.exit(3)"
    result = subprocess.run(
        launched("-c", script, "un", "deux"), capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert (result.returncode, result.stdout) == (3, "['un', 'deux']\n"), result.stderr
