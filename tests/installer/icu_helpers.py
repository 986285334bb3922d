"""ICU data libraries for the installer tests: the one PySide6 ships, filtered copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import PySide6

from installer.icu_data import filtered_library, keeps_item
from tests.conftest import require_tool


def shipped_icu_data() -> Path:
    """PySide6's own ``libicudata.so.<N>``, every locale in it."""
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    assert found, "PySide6 ships no libicudata"
    return found[0]


def icu_data_copy(workdir: Path, keep: Callable[[str, bytes], bool] = keeps_item) -> Path:
    """PySide6's ICU data library rebuilt with the items ``keep`` keeps."""
    for tool in ("icupkg", "objdump", "as", "ld"):
        require_tool(tool)
    return filtered_library(shipped_icu_data(), workdir, keep)


def without_collation(item: str, content: bytes) -> bool:
    """The application's ICU items less collation (``coll/*``, ``ucadata.icu``)."""
    return keeps_item(item, content) and not item.startswith("coll/") and "ucadata" not in item
