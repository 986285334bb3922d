"""Key slots: the store's data key, wrapped once per counsellor passphrase and once for recovery.

``keyslots.json`` holds, per slot, the data key encrypted with AES-256-GCM under a key derived
from the passphrase by Argon2id (parameters stored in the slot). The associated data binds a
slot to its kind, its account id and its derivation parameters, so a slot cannot be moved to
another account or have its parameters lowered unnoticed.

Wrong passphrases slow down: the failure count and the time of the last failure are kept in the
slot; after ``FREE_ATTEMPTS`` failures, an attempt made less than ``2**(failures-3)`` seconds
(at most ``MAX_DELAY_S``) after the last failure is refused without deriving. This only slows a
person at the keyboard; against a copied file, Argon2id's cost is what counts.
"""

from __future__ import annotations

import base64
import json
import math
import os
import secrets
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spie_desktop.input_limits import KEYSLOTS_FILE_MAX, InputFileTooLarge, read_bounded

from .errors import (
    AccountSlotExists,
    EmptyPassphrase,
    KeySlotFileCorrupt,
    KeySlotFileExists,
    KeySlotFileMissing,
    NoRecoverySlot,
    UnknownAccount,
    UnlockThrottled,
    WrongPassphrase,
    WrongRecoveryKey,
)
from .kdf import KdfParams, WeakKeyDerivation

FORMAT = 1
DATA_KEY_BYTES = 32
NONCE_BYTES = 12
FREE_ATTEMPTS = 3
MAX_DELAY_S = 300.0
RECOVERY = "recovery"
ACCOUNT = "account"
#: Crockford's base32 alphabet: no I, L, O, U, so nothing reads as another character.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS = 8
RECOVERY_GROUP_LEN = 4  # 32 characters x 5 bits = 160 bits
_RECOVERY_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


@dataclass
class SlotInfo:
    account_id: uuid.UUID
    display_name: str
    field: str


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC so that an accented letter typed on another keyboard or system still matches."""
    if not passphrase:
        raise EmptyPassphrase()
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(c for c in text.upper() if c not in " -\t\r\n")
    return cleaned.translate(_RECOVERY_LOOKALIKES)


def new_recovery_key() -> str:
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(32))
    groups = [chars[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(chars), RECOVERY_GROUP_LEN)]
    return "-".join(groups)


class KeySlots:
    """The key slot file of one device. Every operation re-reads the file first."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self._clock = clock

    # -- file ---------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, clock: Callable[[], float] = time.time) -> KeySlots:
        slots = cls(path, clock)
        if slots.path.exists():
            raise KeySlotFileExists()
        slots._write({"format": FORMAT, "slots": []}, exclusive=True)
        return slots

    @classmethod
    def load(cls, path: Path, clock: Callable[[], float] = time.time) -> KeySlots:
        slots = cls(path, clock)
        slots._read()
        return slots

    def _read(self) -> dict[str, Any]:
        try:
            raw = read_bounded(self.path, KEYSLOTS_FILE_MAX, "a key slot file")
        except FileNotFoundError:
            raise KeySlotFileMissing() from None
        except InputFileTooLarge:
            raise KeySlotFileCorrupt(f"larger than {KEYSLOTS_FILE_MAX} bytes") from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise KeySlotFileCorrupt("not JSON") from None
        except RecursionError:
            raise KeySlotFileCorrupt("nested too deeply") from None
        if not isinstance(data, dict) or not isinstance(data.get("slots"), list):
            raise KeySlotFileCorrupt("unexpected structure")
        if data.get("format") != FORMAT:
            raise KeySlotFileCorrupt(f"unsupported format {data.get('format')!r}")
        for slot in data["slots"]:
            _check_slot_shape(slot)
        return data

    def _write(self, data: dict[str, Any], exclusive: bool = False) -> None:
        """Write atomically: a temporary file in the same folder, fsync, then rename."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        fd, tmp_name = tempfile.mkstemp(prefix=".keyslots-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(payload)
                tmp.flush()
                os.fsync(tmp.fileno())
            if exclusive:
                # link() fails if the target exists: no race with another creator.
                os.link(tmp_name, self.path)
                os.unlink(tmp_name)
            else:
                os.replace(tmp_name, self.path)
        except FileExistsError:
            os.unlink(tmp_name)
            raise KeySlotFileExists() from None
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise
        _fsync_dir(self.path.parent)

    # -- accounts -----------------------------------------------------------------------------

    def accounts(self) -> list[SlotInfo]:
        return [
            SlotInfo(uuid.UUID(s["account_id"]), s["display_name"], s["field"])
            for s in self._read()["slots"]
            if s["kind"] == ACCOUNT
        ]

    def add_account_slot(
        self,
        account_id: uuid.UUID,
        display_name: str,
        field: str,
        passphrase: str,
        data_key: bytes,
        params: KdfParams | None = None,
    ) -> None:
        slot = self.account_slot(account_id, display_name, field, passphrase, data_key, params)
        data = self._read()
        if _find(data, ACCOUNT, account_id) is not None:
            raise AccountSlotExists()
        data["slots"].append(slot)
        self._write(data)

    def account_slot(
        self,
        account_id: uuid.UUID,
        display_name: str,
        field: str,
        passphrase: str,
        data_key: bytes,
        params: KdfParams | None = None,
    ) -> dict[str, Any]:
        """A new account's slot, not yet written (see :meth:`install_account_slot`)."""
        _check_data_key(data_key)
        slot = {"kind": ACCOUNT, "account_id": str(account_id), "display_name": display_name}
        slot["field"] = str(field)
        slot.update(_wrap(slot, normalise_passphrase(passphrase), data_key, params))
        return slot

    def install_account_slot(self, slot: dict[str, Any]) -> bool:
        """Write a slot made by :meth:`account_slot` unless its account has one already.

        Idempotent, for finishing an interrupted account creation; returns whether it wrote.
        """
        _check_slot_shape(slot)
        data = self._read()
        if _find(data, ACCOUNT, uuid.UUID(slot["account_id"])) is not None:
            return False
        data["slots"].append(slot)
        self._write(data)
        return True

    def remove_account_slot(self, account_id: uuid.UUID) -> None:
        data = self._read()
        slot = _find(data, ACCOUNT, account_id)
        if slot is None:
            raise UnknownAccount()
        data["slots"].remove(slot)
        self._write(data)

    def unlock(self, account_id: uuid.UUID, passphrase: str) -> bytes:
        secret = normalise_passphrase(passphrase)
        return self._unlock(ACCOUNT, account_id, secret, WrongPassphrase)

    def change_passphrase(self, account_id: uuid.UUID, old: str, new: str) -> None:
        new_secret = normalise_passphrase(new)
        data_key = self.unlock(account_id, old)
        self._rewrap(account_id, new_secret, data_key)

    # -- recovery -----------------------------------------------------------------------------

    def add_recovery_slot(self, data_key: bytes, params: KdfParams | None = None) -> str:
        """Create (or replace) the recovery slot; return the key, to be shown once."""
        _check_data_key(data_key)
        recovery_key = new_recovery_key()
        data = self._read()
        old = _find(data, RECOVERY, None)
        if old is not None:
            data["slots"].remove(old)
        slot: dict[str, Any] = {"kind": RECOVERY}
        secret = normalise_recovery_key(recovery_key).encode("ascii")
        slot.update(_wrap(slot, secret, data_key, params))
        data["slots"].append(slot)
        self._write(data)
        return recovery_key

    def has_recovery_slot(self) -> bool:
        return _find(self._read(), RECOVERY, None) is not None

    def unlock_with_recovery(self, recovery_key: str) -> bytes:
        secret = normalise_recovery_key(recovery_key).encode("ascii", "replace")
        return self._unlock(RECOVERY, None, secret, WrongRecoveryKey)

    def reset_passphrase_with_recovery(
        self, account_id: uuid.UUID, recovery_key: str, new: str
    ) -> None:
        new_secret = normalise_passphrase(new)
        if _find(self._read(), ACCOUNT, account_id) is None:
            raise UnknownAccount()
        data_key = self.unlock_with_recovery(recovery_key)
        self._rewrap(account_id, new_secret, data_key)

    # -- internals ----------------------------------------------------------------------------

    def _unlock(
        self,
        kind: str,
        account_id: uuid.UUID | None,
        secret: bytes,
        wrong: Callable[[], WrongPassphrase],
    ) -> bytes:
        data = self._read()
        slot = _find(data, kind, account_id)
        if slot is None:
            raise UnknownAccount() if kind == ACCOUNT else NoRecoverySlot()
        now = self._clock()
        wait = throttle_delay(int(slot.get("failures", 0)))
        last = slot.get("last_failure")
        if wait and last is not None:
            elapsed = now - float(last)
            # A clock set backwards (elapsed < 0) does not lock anyone out for good.
            if 0 <= elapsed < wait:
                raise UnlockThrottled(wait - elapsed)
        data_key = _unwrap(slot, secret)
        if data_key is None:
            slot["failures"] = int(slot.get("failures", 0)) + 1
            slot["last_failure"] = now
            self._write(data)
            raise wrong()
        if slot.get("failures"):
            slot["failures"] = 0
            slot["last_failure"] = None
            self._write(data)
        return data_key

    def _rewrap(self, account_id: uuid.UUID, secret: bytes, data_key: bytes) -> None:
        data = self._read()
        slot = _find(data, ACCOUNT, account_id)
        if slot is None:
            raise UnknownAccount()
        params = KdfParams.from_json(slot["kdf"])
        slot.update(_wrap(slot, secret, data_key, params))
        self._write(data)


def throttle_delay(failures: int) -> float:
    """Seconds to wait after the last failure before the next attempt is allowed."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(2.0 ** min(failures - FREE_ATTEMPTS, 16), MAX_DELAY_S)


def _associated_data(slot: dict[str, Any], kdf: dict[str, Any]) -> bytes:
    bound = {"kind": slot["kind"], "account_id": slot.get("account_id"), "kdf": kdf}
    return b"spie-keyslot-v1|" + json.dumps(bound, sort_keys=True).encode("utf-8")


def _wrap(
    slot: dict[str, Any], secret: bytes, data_key: bytes, template: KdfParams | None
) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # see _unwrap

    params = KdfParams.fresh(template)
    kdf = params.to_json()
    nonce = secrets.token_bytes(NONCE_BYTES)
    wrapped = AESGCM(params.derive(secret)).encrypt(nonce, data_key, _associated_data(slot, kdf))
    return {
        "kdf": kdf,
        "nonce": _b64(nonce),
        "ciphertext": _b64(wrapped),
        "failures": 0,
        "last_failure": None,
    }


def _unwrap(slot: dict[str, Any], secret: bytes) -> bytes | None:
    # cryptography is loaded here, not at import: the unlock window reads this file to list
    # the accounts before it is shown, and only an attempt needs the cipher.
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    params = KdfParams.from_json(slot["kdf"])
    try:
        params.check_strength()
    except WeakKeyDerivation:
        raise KeySlotFileCorrupt("slot with weakened key derivation") from None
    aad = _associated_data(slot, slot["kdf"])
    try:
        key = AESGCM(params.derive(secret)).decrypt(
            _unb64(slot["nonce"]), _unb64(slot["ciphertext"]), aad
        )
    except InvalidTag:
        return None
    return key


def _check_slot_shape(slot: Any) -> None:
    try:
        _require(isinstance(slot, dict) and slot["kind"] in (ACCOUNT, RECOVERY))
        if slot["kind"] == ACCOUNT:
            uuid.UUID(slot["account_id"])
            _require(isinstance(slot["display_name"], str) and isinstance(slot["field"], str))
        KdfParams.from_json(slot["kdf"])
        _require(len(_unb64(slot["nonce"])) == NONCE_BYTES)
        _require(len(_unb64(slot["ciphertext"])) == DATA_KEY_BYTES + 16)
        failures = slot.get("failures", 0)
        _require(type(failures) is int and failures >= 0)
        last = slot.get("last_failure")
        _require(last is None or (type(last) in (int, float) and math.isfinite(last)))
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise KeySlotFileCorrupt(f"malformed slot ({type(exc).__name__})") from None


def _require(condition: bool) -> None:
    if not condition:
        raise ValueError("unexpected slot content")


def _find(data: dict[str, Any], kind: str, account_id: uuid.UUID | None) -> dict[str, Any] | None:
    for slot in data["slots"]:
        if slot["kind"] != kind:
            continue
        if kind == RECOVERY or slot["account_id"] == str(account_id):
            return slot  # type: ignore[no-any-return]
    return None


def _check_data_key(data_key: bytes) -> None:
    if len(data_key) != DATA_KEY_BYTES:
        raise ValueError("the data key must be 32 bytes")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory to fsync it; os.replace is atomic there.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
