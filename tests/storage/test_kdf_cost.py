"""The application derives keys at its full Argon2id cost; the suite's cheaper derivation
(tests/cheap_kdf.py) stays inside the tests and still tells every input apart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from argon2.low_level import Type

from spie_desktop.domain.organisation import Field
from spie_desktop.plan.keys import generate_signing_identity, unwrap_private_key, wrap_private_key
from spie_desktop.storage.kdf import KdfParams
from tests.cheap_kdf import (
    DERIVING_MODULES,
    REAL_HASH_SECRET_RAW,
    cheap_hash_secret_raw,
    deriving_functions,
)

ROOT = Path(__file__).resolve().parents[2]
SALT = b"sel de Guerande!"


def real_derivation(secret: bytes, salt: bytes, t: int = 3, m: int = 65536, p: int = 2) -> bytes:
    return REAL_HASH_SECRET_RAW(
        secret=secret,
        salt=salt,
        time_cost=t,
        memory_cost=m,
        parallelism=p,
        hash_len=32,
        type=Type.ID,
    )


def test_outside_the_tests_the_application_calls_argon2_itself() -> None:
    """A fresh interpreter (no test fixtures) derives with argon2's own function."""
    names = ", ".join(repr(name) for name in DERIVING_MODULES)
    code = (
        "import importlib, argon2.low_level as ll\n"
        f"print(all(importlib.import_module(n).hash_secret_raw is ll.hash_secret_raw"
        f" for n in ({names},)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.real_kdf
def test_a_key_slot_derives_at_the_full_cost() -> None:
    params = KdfParams(salt=SALT)
    assert (params.time_cost, params.memory_kib, params.parallelism) == (3, 65536, 2)
    assert params.derive(b"chevre des Causses") == real_derivation(b"chevre des Causses", SALT)


@pytest.mark.real_kdf
def test_a_signing_key_is_wrapped_at_the_full_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    """The blob's parameters are the application's, and its key is argon2's at that cost."""
    import spie_desktop.plan.keys as keys

    asked: list[dict[str, object]] = []

    def spy(**kwargs: object) -> bytes:
        asked.append(kwargs)
        return REAL_HASH_SECRET_RAW(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(keys, "hash_secret_raw", spy)
    identity = generate_signing_identity("Nadia B.", "CD Aveyron", Field.SOCIAL)
    blob = wrap_private_key(identity.private_key, "phrase")
    kdf = json.loads(blob)["kdf"]
    assert (kdf["t"], kdf["m"], kdf["p"]) == (3, 65536, 2)
    assert [(a["time_cost"], a["memory_cost"], a["parallelism"]) for a in asked] == [(3, 65536, 2)]
    monkeypatch.setattr(keys, "hash_secret_raw", REAL_HASH_SECRET_RAW)
    assert unwrap_private_key(blob, "phrase").private_numbers() == (
        identity.private_key.private_numbers()
    )


@pytest.mark.real_kdf
def test_a_test_marked_real_kdf_derives_with_argon2_itself() -> None:
    assert set(deriving_functions().values()) == {REAL_HASH_SECRET_RAW}


def test_the_other_tests_derive_cheaply() -> None:
    assert set(deriving_functions().values()) == {cheap_hash_secret_raw}


def test_the_cheap_derivation_still_tells_every_input_apart() -> None:
    """Passphrase, salt, each cost parameter: change one and the key changes."""

    def cheap(secret: bytes = b"phrase", salt: bytes = SALT, t: int = 3, m: int = 65536) -> bytes:
        return cheap_hash_secret_raw(
            secret=secret,
            salt=salt,
            time_cost=t,
            memory_cost=m,
            parallelism=2,
            hash_len=32,
            type=Type.ID,
        )

    reference = cheap()
    assert cheap() == reference  # deterministic: what was wrapped opens again
    variants = [cheap(secret=b"phrasE"), cheap(salt=SALT[::-1]), cheap(t=4), cheap(m=131072)]
    assert len({reference, *variants}) == 5
    assert reference != real_derivation(b"phrase", SALT)
