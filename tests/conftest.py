"""Suite-wide fixtures and the rule for tests that need an outside tool.

A test that needs an outside tool (pdfsig, qpdf, PostgreSQL, Xvfb) calls
``require_tool("pdfsig")``: on a laptop without it the test is skipped with a clear
reason; under ``SPIE_REQUIRE_ALL_TESTS=1`` (set by ``.ci/run``) it fails instead.

Key derivation runs at a tiny Argon2id cost for the whole session (see tests/cheap_kdf.py);
a test about the derivation itself is marked ``real_kdf`` and gets argon2's real function.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cheap_kdf import (
    DERIVING_MODULES,
    REAL_HASH_SECRET_RAW,
    cheap_hash_secret_raw,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def require_tool(name: str) -> str:
    """Return the path of an outside tool, or skip (fail under CI) if it is missing."""
    path = shutil.which(name)
    if path:
        return path
    reason = f"outside tool {name!r} is not installed (install it, see .ci/run)"
    if os.environ.get("SPIE_REQUIRE_ALL_TESTS") == "1":
        pytest.fail(reason + " and SPIE_REQUIRE_ALL_TESTS=1 forbids skipping", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty device data directory for one test."""
    path = tmp_path / "device"
    path.mkdir()
    return path


@pytest.fixture(scope="session", autouse=True)
def _cheap_key_derivation() -> Iterator[None]:
    """Every derivation of the session at a tiny cost, set before any device is set up.

    Session-wide (not per test) so that a device set up once by a session fixture unlocks
    with the same derivation in every test that copies it.
    """
    import importlib

    with pytest.MonkeyPatch.context() as patch:
        for name in DERIVING_MODULES:
            patch.setattr(importlib.import_module(name), "hash_secret_raw", cheap_hash_secret_raw)
        yield


@pytest.fixture(autouse=True)
def _real_key_derivation_when_marked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test marked ``real_kdf`` derives with argon2's real function at the full cost."""
    if request.node.get_closest_marker("real_kdf") is None:
        return
    import importlib

    for name in DERIVING_MODULES:
        monkeypatch.setattr(importlib.import_module(name), "hash_secret_raw", REAL_HASH_SECRET_RAW)
