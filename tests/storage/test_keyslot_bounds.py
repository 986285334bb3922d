"""A tampered or damaged keyslots.json is "corrupt", refused before any key derivation:
out-of-range Argon2 settings, a malformed failure record, deep nesting, an oversized file."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from spie_desktop.input_limits import KEYSLOTS_FILE_MAX
from spie_desktop.storage.errors import KeySlotFileCorrupt
from spie_desktop.storage.keyslots import KeySlots, new_data_key

NADIA = uuid.UUID("6f1c0f55-2a9e-4a55-9a39-2b7d1b2b6f01")


@pytest.fixture
def slot_file(tmp_path: Path) -> Path:
    slots = KeySlots.create(tmp_path / "keyslots.json")
    slots.add_account_slot(NADIA, "Nadia B.", "social", "lune rousse", new_data_key())
    return slots.path


def _edit(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text())
    slot = data["slots"][0]
    for key, value in changes.items():
        if key in ("t", "m", "p"):
            slot["kdf"][key] = value
        else:
            slot[key] = value
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "changes",
    [
        {"t": 64},
        {"m": 4 * 1024 * 1024},
        {"p": 64},
        {"t": 3.0},
        {"t": True},
        {"failures": 5, "last_failure": "hier"},
        {"failures": 5, "last_failure": {"a": 1}},
        {"failures": 5, "last_failure": float("nan")},
        {"failures": "5"},
        {"failures": -1},
    ],
    ids=repr,
)
def test_tampered_slot_is_corrupt_at_load(slot_file: Path, changes: dict[str, object]) -> None:
    _edit(slot_file, **changes)
    with pytest.raises(KeySlotFileCorrupt):
        KeySlots.load(slot_file).unlock(NADIA, "lune rousse")


def test_deeply_nested_file_is_corrupt(slot_file: Path) -> None:
    slot_file.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(KeySlotFileCorrupt):
        KeySlots.load(slot_file)


def test_oversized_file_is_corrupt(slot_file: Path) -> None:
    text = slot_file.read_text()
    slot_file.write_text(text + " " * KEYSLOTS_FILE_MAX)
    with pytest.raises(KeySlotFileCorrupt):
        KeySlots.load(slot_file)
