"""Argon2id key derivation with its parameters, as stored in each key slot.

argon2 is loaded by the first derivation, not by this module's import: the unlock window
reads the key slots (and their parameters) to list the accounts before it is shown, and
derives nothing until a passphrase is submitted. ``hash_secret_raw`` stays an attribute of
this module (PEP 562), the one the tests replace by a cheaper derivation.
"""

from __future__ import annotations

import base64
import secrets
import sys
from dataclasses import dataclass
from typing import Any

from .errors import KeySlotFileCorrupt, WeakKeyDerivation

__all__ = ["KdfParams", "WeakKeyDerivation"]
_ARGON2_NAMES = ("Type", "hash_secret_raw")


def __getattr__(name: str) -> Any:
    """argon2's ``Type`` and ``hash_secret_raw``, imported on first use."""
    if name not in _ARGON2_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import argon2.low_level

    value = getattr(argon2.low_level, name)
    globals()[name] = value
    return value


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters. ``memory_kib`` is in KiB (65536 = 64 MiB)."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 2
    salt: bytes = b""

    MIN_TIME = 3
    MIN_MEMORY_KIB = 65536
    #: The application writes t=3, 64 MiB, p=2; a file may ask for a little more, never the
    #: minutes and gigabytes a tampered file could demand (checked before any derivation).
    MAX_TIME = 8
    MAX_MEMORY_KIB = 262144
    MAX_PARALLELISM = 4

    def check_strength(self) -> None:
        if self.time_cost < self.MIN_TIME or self.memory_kib < self.MIN_MEMORY_KIB:
            raise WeakKeyDerivation(f"t={self.time_cost}, m={self.memory_kib} KiB")
        if len(self.salt) < 16 or self.parallelism < 1:
            raise WeakKeyDerivation(f"salt of {len(self.salt)} bytes, p={self.parallelism}")
        # Upper bounds keep a tampered file from making unlock take the machine down.
        if not self.within_bounds():
            raise WeakKeyDerivation("parameters out of range")

    def within_bounds(self) -> bool:
        return (
            self.time_cost <= self.MAX_TIME
            and self.memory_kib <= self.MAX_MEMORY_KIB
            and 1 <= self.parallelism <= self.MAX_PARALLELISM
        )

    def derive(self, secret: bytes) -> bytes:
        module = sys.modules[__name__]  # through the module: argon2 loads on first use
        derived: bytes = module.hash_secret_raw(
            secret=secret,
            salt=self.salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=32,
            type=module.Type.ID,
        )
        return derived

    def to_json(self) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "t": self.time_cost,
            "m": self.memory_kib,
            "p": self.parallelism,
            "salt": _b64(self.salt),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        if data.get("name") != "argon2id":
            raise KeySlotFileCorrupt("unknown key derivation")
        numbers = [data["t"], data["m"], data["p"]]
        if any(type(n) is not int for n in numbers):
            raise KeySlotFileCorrupt("key derivation parameters are not whole numbers")
        params = cls(numbers[0], numbers[1], numbers[2], _unb64(data["salt"]))
        if not params.within_bounds():
            raise KeySlotFileCorrupt("key derivation parameters out of range")
        return params

    @classmethod
    def fresh(cls, template: KdfParams | None = None) -> KdfParams:
        base = template or cls()
        params = cls(base.time_cost, base.memory_kib, base.parallelism, secrets.token_bytes(16))
        params.check_strength()
        return params


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)
