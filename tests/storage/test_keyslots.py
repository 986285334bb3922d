"""Key slots: each counsellor's passphrase, and the recovery key, open the same data key."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from spie_desktop.domain.errors import SpieError
from spie_desktop.storage.errors import (
    AccountSlotExists,
    KeySlotFileCorrupt,
    KeySlotFileExists,
    KeySlotFileMissing,
    UnknownAccount,
    UnlockThrottled,
    WeakKeyDerivation,
    WrongPassphrase,
    WrongRecoveryKey,
)
from spie_desktop.storage.keyslots import (
    RECOVERY_ALPHABET,
    KdfParams,
    KeySlots,
    SlotInfo,
    new_data_key,
    throttle_delay,
)

from .conftest import FakeClock

# The key derivation is what these tests are about: the real Argon2id cost.
pytestmark = pytest.mark.real_kdf

NADIA = uuid.UUID("11111111-1111-4111-8111-111111111111")
JULIEN = uuid.UUID("22222222-2222-4222-8222-222222222222")


@pytest.fixture
def slots_path(data_dir: Path) -> Path:
    return data_dir / "keyslots.json"


@pytest.fixture
def two_accounts(slots_path: Path, clock: FakeClock, data_key: bytes) -> KeySlots:
    slots = KeySlots.create(slots_path, clock=clock)
    slots.add_account_slot(NADIA, "Nadia B.", "social", "chèvre des Causses", data_key)
    slots.add_account_slot(JULIEN, "Julien R.", "emploi", "aligot du dimanche", data_key)
    return slots


def slot_of(path: Path, account_id: uuid.UUID) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return next(s for s in data["slots"] if s.get("account_id") == str(account_id))


def test_new_data_key_is_32_random_bytes() -> None:
    keys = {new_data_key() for _ in range(8)}
    assert len(keys) == 8 and all(len(k) == 32 for k in keys)


def test_each_counsellor_unlocks_the_same_data_key(two_accounts: KeySlots, data_key: bytes) -> None:
    assert two_accounts.unlock(NADIA, "chèvre des Causses") == data_key
    assert two_accounts.unlock(JULIEN, "aligot du dimanche") == data_key
    assert two_accounts.accounts() == [
        SlotInfo(NADIA, "Nadia B.", "social"),
        SlotInfo(JULIEN, "Julien R.", "emploi"),
    ]


def test_the_file_holds_no_data_key_and_stores_argon2id_parameters(
    two_accounts: KeySlots, slots_path: Path, data_key: bytes
) -> None:
    raw = slots_path.read_bytes()
    assert data_key.hex().encode() not in raw and data_key not in raw
    data = json.loads(raw)
    assert data["format"] == 1
    kdf = slot_of(slots_path, NADIA)["kdf"]
    assert kdf["name"] == "argon2id" and kdf["t"] >= 3 and kdf["m"] >= 65536  # type: ignore[index]


def test_one_counsellor_cannot_use_the_others_passphrase(two_accounts: KeySlots) -> None:
    with pytest.raises(WrongPassphrase) as caught:
        two_accounts.unlock(NADIA, "aligot du dimanche")
    assert caught.value.message_fr == "Phrase de passe incorrecte."
    assert isinstance(caught.value, SpieError)


def test_a_slot_moved_to_another_account_is_refused(
    two_accounts: KeySlots, slots_path: Path
) -> None:
    """The associated data binds a slot to its account id."""
    data = json.loads(slots_path.read_text())
    nadia = next(s for s in data["slots"] if s["account_id"] == str(NADIA))
    julien = next(s for s in data["slots"] if s["account_id"] == str(JULIEN))
    for name in ("kdf", "nonce", "ciphertext"):
        julien[name] = nadia[name]
    slots_path.write_text(json.dumps(data))
    with pytest.raises(WrongPassphrase):
        two_accounts.unlock(JULIEN, "chèvre des Causses")


def test_passphrase_is_unicode_normalised(slots_path: Path, data_key: bytes) -> None:
    slots = KeySlots.create(slots_path)
    slots.add_account_slot(NADIA, "Nadia B.", "social", "caf\u00e9 noir", data_key)  # NFC é
    assert slots.unlock(NADIA, "cafe\u0301 noir") == data_key  # NFD e + combining accent


def test_change_passphrase_rewraps_only_that_slot(
    two_accounts: KeySlots, slots_path: Path, data_key: bytes
) -> None:
    nadia_before = slot_of(slots_path, NADIA)
    julien_before = slot_of(slots_path, JULIEN)
    two_accounts.change_passphrase(NADIA, "chèvre des Causses", "roquefort et pérail")
    assert slot_of(slots_path, JULIEN) == julien_before
    nadia_after = slot_of(slots_path, NADIA)
    assert nadia_after["ciphertext"] != nadia_before["ciphertext"]
    assert nadia_after["kdf"]["salt"] != nadia_before["kdf"]["salt"]  # type: ignore[index]
    assert two_accounts.unlock(NADIA, "roquefort et pérail") == data_key
    with pytest.raises(WrongPassphrase):
        two_accounts.unlock(NADIA, "chèvre des Causses")


def test_change_passphrase_with_a_wrong_old_one_changes_nothing(
    two_accounts: KeySlots, slots_path: Path, data_key: bytes
) -> None:
    before = slot_of(slots_path, NADIA)
    with pytest.raises(WrongPassphrase):
        two_accounts.change_passphrase(NADIA, "pas la bonne", "nouvelle phrase")
    after = slot_of(slots_path, NADIA)
    assert after["ciphertext"] == before["ciphertext"] and after["failures"] == 1
    assert two_accounts.unlock(NADIA, "chèvre des Causses") == data_key


def test_recovery_key_unlocks_and_resets_a_passphrase(
    two_accounts: KeySlots, slots_path: Path, data_key: bytes
) -> None:
    recovery = two_accounts.add_recovery_slot(data_key)
    groups = recovery.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert all(c in RECOVERY_ALPHABET for c in "".join(groups))
    assert (
        recovery not in slots_path.read_text()
        and recovery.replace("-", "") not in slots_path.read_text()
    )
    sloppy = " " + recovery.lower().replace("-", " ") + " "
    assert two_accounts.unlock_with_recovery(sloppy) == data_key
    assert two_accounts.unlock_with_recovery(recovery.replace("-", "")) == data_key
    julien_before = slot_of(slots_path, JULIEN)
    two_accounts.reset_passphrase_with_recovery(NADIA, recovery, "une toute nouvelle phrase")
    assert two_accounts.unlock(NADIA, "une toute nouvelle phrase") == data_key
    assert slot_of(slots_path, JULIEN) == julien_before


def test_wrong_recovery_key_is_refused(two_accounts: KeySlots, data_key: bytes) -> None:
    recovery = two_accounts.add_recovery_slot(data_key)
    wrong = ("0" if recovery[0] != "0" else "1") + recovery[1:]
    with pytest.raises(WrongRecoveryKey) as caught:
        two_accounts.unlock_with_recovery(wrong)
    assert caught.value.message_fr == "Clé de secours incorrecte."
    with pytest.raises(WrongRecoveryKey):
        two_accounts.reset_passphrase_with_recovery(NADIA, wrong, "nouvelle")


def test_wrong_passphrases_slow_down_and_a_success_resets(
    two_accounts: KeySlots, clock: FakeClock, slots_path: Path, data_key: bytes
) -> None:
    julien_before = slot_of(slots_path, JULIEN)
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            two_accounts.unlock(NADIA, "faux")
    # Three failures: the next attempt within 1 s is refused without even deriving.
    with pytest.raises(UnlockThrottled) as caught:
        two_accounts.unlock(NADIA, "chèvre des Causses")
    assert caught.value.retry_after_s == pytest.approx(1.0)
    clock.advance(1.0)
    with pytest.raises(WrongPassphrase):
        two_accounts.unlock(NADIA, "faux")  # 4th failure: 2 s
    clock.advance(1.5)
    with pytest.raises(UnlockThrottled) as caught:
        two_accounts.unlock(NADIA, "chèvre des Causses")
    assert caught.value.retry_after_s == pytest.approx(0.5)
    clock.advance(0.5)
    for expected in (4, 8):
        with pytest.raises(WrongPassphrase):
            two_accounts.unlock(NADIA, "faux")
        with pytest.raises(UnlockThrottled) as caught:
            two_accounts.unlock(NADIA, "faux")
        assert caught.value.retry_after_s == pytest.approx(expected)
        clock.advance(expected)
    with pytest.raises(WrongPassphrase):
        two_accounts.unlock(NADIA, "faux")  # 7th failure: 16 s
    with pytest.raises(UnlockThrottled) as caught:
        two_accounts.unlock(NADIA, "chèvre des Causses")
    assert "réessayez dans 16 secondes" in caught.value.message_fr
    assert slot_of(slots_path, NADIA)["failures"] == 7
    # The throttle is per slot: the other counsellor is not slowed, nor their slot touched.
    assert slot_of(slots_path, JULIEN) == julien_before
    assert two_accounts.unlock(JULIEN, "aligot du dimanche") == data_key
    clock.advance(16)
    assert two_accounts.unlock(NADIA, "chèvre des Causses") == data_key
    assert slot_of(slots_path, NADIA)["failures"] == 0
    with pytest.raises(WrongPassphrase):
        two_accounts.unlock(NADIA, "faux")  # counting starts again: no throttle yet


def test_throttle_survives_reloading_the_file(
    two_accounts: KeySlots, slots_path: Path, clock: FakeClock
) -> None:
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            two_accounts.unlock(NADIA, "faux")
    reloaded = KeySlots.load(slots_path, clock=clock)
    with pytest.raises(UnlockThrottled):
        reloaded.unlock(NADIA, "chèvre des Causses")


def test_delay_grows_and_is_capped() -> None:
    assert [throttle_delay(n) for n in range(7)] == [0, 0, 0, 1, 2, 4, 8]
    assert throttle_delay(12) == 300 and throttle_delay(1000) == 300


def test_tampered_ciphertext_is_refused(two_accounts: KeySlots, slots_path: Path) -> None:
    import base64

    data = json.loads(slots_path.read_text())
    slot = next(s for s in data["slots"] if s["account_id"] == str(NADIA))
    raw = bytearray(base64.b64decode(slot["ciphertext"]))
    raw[5] ^= 0x01
    slot["ciphertext"] = base64.b64encode(bytes(raw)).decode()
    slots_path.write_text(json.dumps(data))
    with pytest.raises(WrongPassphrase):
        two_accounts.unlock(NADIA, "chèvre des Causses")


def test_lowered_parameters_in_the_file_are_refused(
    two_accounts: KeySlots, slots_path: Path
) -> None:
    data = json.loads(slots_path.read_text())
    data["slots"][0]["kdf"]["m"] = 1024
    slots_path.write_text(json.dumps(data))
    with pytest.raises(KeySlotFileCorrupt):
        two_accounts.unlock(NADIA, "chèvre des Causses")


def test_weak_parameters_are_refused_when_creating(slots_path: Path, data_key: bytes) -> None:
    slots = KeySlots.create(slots_path)
    with pytest.raises(WeakKeyDerivation):
        slots.add_account_slot(NADIA, "N", "social", "x", data_key, KdfParams(time_cost=1))
    with pytest.raises(WeakKeyDerivation):
        slots.add_account_slot(NADIA, "N", "social", "x", data_key, KdfParams(memory_kib=8192))
    assert slots.accounts() == []


def test_missing_file_has_its_own_error(slots_path: Path) -> None:
    with pytest.raises(KeySlotFileMissing) as caught:
        KeySlots.load(slots_path)
    assert "introuvable" in caught.value.message_fr and "sauvegarde" in caught.value.message_fr


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 99, "slots": []}',
        b'{"format": 1, "slots": [{"kind": "account"}]}',
    ],
)
def test_corrupt_file_has_its_own_error(slots_path: Path, content: bytes) -> None:
    slots_path.write_bytes(content)
    with pytest.raises(KeySlotFileCorrupt):
        KeySlots.load(slots_path)


def test_create_refuses_to_overwrite(two_accounts: KeySlots, slots_path: Path) -> None:
    before = slots_path.read_bytes()
    with pytest.raises(KeySlotFileExists):
        KeySlots.create(slots_path)
    assert slots_path.read_bytes() == before


def test_accounts_are_unique_and_removable(two_accounts: KeySlots, data_key: bytes) -> None:
    with pytest.raises(AccountSlotExists):
        two_accounts.add_account_slot(NADIA, "Nadia B.", "social", "autre", data_key)
    two_accounts.remove_account_slot(JULIEN)
    assert [a.account_id for a in two_accounts.accounts()] == [NADIA]
    with pytest.raises(UnknownAccount):
        two_accounts.unlock(JULIEN, "aligot du dimanche")


def test_writes_leave_no_temporary_files(two_accounts: KeySlots, slots_path: Path) -> None:
    assert sorted(p.name for p in slots_path.parent.iterdir()) == ["keyslots.json"]
