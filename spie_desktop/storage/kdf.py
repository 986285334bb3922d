"""Argon2id key derivation with its parameters, as stored in each key slot."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw

from .errors import KeySlotFileCorrupt, WeakKeyDerivation

__all__ = ["KdfParams", "WeakKeyDerivation"]


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
        return hash_secret_raw(
            secret=secret,
            salt=self.salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )

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
