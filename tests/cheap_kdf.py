"""A cheaper Argon2id for the tests where the key derivation is not what is tested.

The application derives every key with Argon2id at t=3, 64 MiB (half a second on a loaded
2-core machine, on purpose): setting a device up costs three derivations, every unlock and
every signature one more. Most of the suite sets devices up to test something else, and paid
for those derivations thousands of times.

While the suite runs, the two places the application derives a key
(``spie_desktop.storage.kdf`` and ``spie_desktop.plan.keys``) call :func:`cheap_hash_secret_raw`
instead of argon2's ``hash_secret_raw``. Nothing else changes: the parameters written in key
slots and signing-key blobs are the application's own (t=3, 64 MiB), its strength and bounds
checks run on them as in production, and the result is still a real Argon2id of the secret
and the salt, so a wrong passphrase, another salt or altered parameters give another key and
are refused as they must be. Only the work inside one derivation is smaller.

Tests about the derivation itself are marked ``real_kdf`` and run with the real function
(tests/storage/test_kdf_cost.py proves the application derives at its full cost).
"""

from __future__ import annotations

from typing import Any

import argon2.low_level
from argon2.low_level import ARGON2_VERSION, Type

#: argon2's own function, as the application calls it outside the tests.
REAL_HASH_SECRET_RAW = argon2.low_level.hash_secret_raw

#: The modules of the application that derive keys (``from argon2.low_level import ...``).
DERIVING_MODULES = ("spie_desktop.storage.kdf", "spie_desktop.plan.keys")

CHEAP_TIME_COST = 1
CHEAP_MEMORY_KIB = 64
CHEAP_PARALLELISM = 1


def cheap_hash_secret_raw(
    secret: bytes,
    salt: bytes,
    time_cost: int,
    memory_cost: int,
    parallelism: int,
    hash_len: int,
    type: Type,  # noqa: A002  (argon2's own keyword)
    version: int = ARGON2_VERSION,
) -> bytes:
    """Argon2id of ``secret`` at a tiny cost, keyed by everything the caller asked for.

    The requested cost is folded into the salt, so a blob whose parameters were changed
    derives another key (and fails to open) exactly as with the real cost.
    """
    asked = f"|{type.value}|t={time_cost}|m={memory_cost}|p={parallelism}|v={version}".encode()
    result: bytes = REAL_HASH_SECRET_RAW(
        secret=secret,
        salt=salt + asked,
        time_cost=CHEAP_TIME_COST,
        memory_cost=CHEAP_MEMORY_KIB,
        parallelism=CHEAP_PARALLELISM,
        hash_len=hash_len,
        type=type,
        version=version,
    )
    return result


def deriving_functions() -> dict[str, Any]:
    """What each deriving module calls now (imported if needed), by module name."""
    import importlib

    return {name: importlib.import_module(name).hash_secret_raw for name in DERIVING_MODULES}
