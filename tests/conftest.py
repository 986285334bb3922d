"""Suite-wide fixtures and the rule for tests that need an outside tool.

A test that needs an outside tool (pdfsig, qpdf, PostgreSQL, Xvfb) calls
``require_tool("pdfsig")``: on a laptop without it the test is skipped with a clear
reason; under ``SPIE_REQUIRE_ALL_TESTS=1`` (set by ``.ci/run``) it fails instead.
"""

from __future__ import annotations

import functools
import inspect
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import low_level

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


def _remembered(derive: Callable[..., bytes]) -> Callable[..., bytes]:
    """``derive`` (argon2's ``hash_secret_raw``) with each result kept for the same inputs.

    Argon2id is a pure function, slow on purpose (about a second on a loaded CI machine): a
    test that sets a passphrase and then unlocks with it derives twice from the same
    passphrase, salt and parameters. The first derivation of any input is the real one; a
    repeat returns the very same bytes without paying again. A wrong passphrase, another salt
    or other parameters are other inputs, so they are derived for real and fail as they must.
    """
    signature = inspect.signature(derive)
    cached = functools.lru_cache(maxsize=4096)(derive)

    def remembered(*args: object, **kwargs: object) -> bytes:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return cached(*bound.args)

    return remembered


@pytest.fixture(scope="session", autouse=True)
def _argon2_derives_each_input_once() -> Iterator[None]:
    from spie_desktop.plan import keys
    from spie_desktop.storage import kdf

    remembered = _remembered(low_level.hash_secret_raw)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kdf, "hash_secret_raw", remembered)
        patch.setattr(keys, "hash_secret_raw", remembered)
        yield
