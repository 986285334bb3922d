"""Suite-wide fixtures and the rule for tests that need an outside tool.

A test that needs an outside tool (pdfsig, qpdf, PostgreSQL, Xvfb) calls
``require_tool("pdfsig")``: on a laptop without it the test is skipped with a clear
reason; under ``SPIE_REQUIRE_ALL_TESTS=1`` (set by ``.ci/run``) it fails instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

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
