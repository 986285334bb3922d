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

    def check_strength(self) -> None:
        if self.time_cost < self.MIN_TIME or self.memory_kib < self.MIN_MEMORY_KIB:
            raise WeakKeyDerivation(f"t={self.time_cost}, m={self.memory_kib} KiB")
        if len(self.salt) < 16 or self.parallelism < 1:
            raise WeakKeyDerivation(f"salt of {len(self.salt)} bytes, p={self.parallelism}")
        # Upper bounds keep a tampered file from making unlock take the machine down.
        if self.time_cost > 64 or self.memory_kib > 4 * 1024 * 1024 or self.parallelism > 64:
            raise WeakKeyDerivation("parameters out of range")

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
        return cls(int(data["t"]), int(data["m"]), int(data["p"]), _unb64(data["salt"]))

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
