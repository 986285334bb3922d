"""Drop the shared libraries that only dropped Qt plugins needed (Linux bundles).

PyInstaller collects each plugin's libraries before the spec can filter the plugins out, so
leaving out, say, the gtk3 theme would still ship the build machine's GTK, Pango and Cairo.
Here the kept files that Python or Qt load by themselves (extension modules, Qt plugins,
libpython) are the roots; a library stays only if a root needs it, directly or through
another library (ELF ``NEEDED`` entries, read with ``objdump``, which PyInstaller itself
requires on Linux).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import PurePosixPath

Entry = tuple[str, str, str]  # (path in the bundle, source path or link target, type)
NEEDED = re.compile(r"^\s*NEEDED\s+(\S+)", re.MULTILINE)


def needed_libraries(path: str) -> list[str]:
    result = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
    return NEEDED.findall(result.stdout)


def is_root(dest: str) -> bool:
    """Files loaded by Python or Qt themselves rather than through another library.

    A library inside a Python package's own folder (``pypdfium2_raw/libpdfium.so``) is
    loaded by that package with ``ctypes``: no ``NEEDED`` entry names it, so it is a root.
    The folders of libraries that others link to are not: the top level, Qt's ``lib``,
    and the ``<dist>.libs`` folders of vendored wheel libraries.
    """
    path = PurePosixPath(dest)
    name = path.name
    folder = path.parent
    linked_folder = (
        folder == PurePosixPath(".")
        or folder.name.endswith(".libs")
        or folder.parts[-2:] == ("Qt", "lib")
    )
    return (
        "plugins" in path.parts
        or ".cpython-" in name
        or ".abi3." in name
        or name.startswith("libpython")
        or not name.startswith("lib")
        or not linked_folder
    )


def prune(binaries: Iterable[Entry], datas: Iterable[Entry]) -> tuple[list[Entry], list[Entry]]:
    """``(binaries, datas)`` without the libraries no kept root needs (Linux only)."""
    binaries, datas = list(binaries), list(datas)
    if not sys.platform.startswith("linux"):
        return binaries, datas
    if shutil.which("objdump") is None:
        print(
            "WARNING: objdump not found (Debian: binutils): libraries not pruned", file=sys.stderr
        )
        return binaries, datas
    libraries = {PurePosixPath(dest).name: src for dest, src, kind in binaries if not is_root(dest)}
    wanted: set[str] = set()
    queue = [src for dest, src, _kind in binaries if is_root(dest)]
    while queue:
        for name in needed_libraries(queue.pop()):
            if name in libraries and name not in wanted:
                wanted.add(name)
                queue.append(libraries[name])

    def keep(entry: Entry) -> bool:
        dest, _src, kind = entry
        name = PurePosixPath(dest).name
        if kind == "SYMLINK" or (kind == "BINARY" and not is_root(dest)):
            return name in wanted or not name.startswith("lib") or ".so" not in name
        return True

    return [e for e in binaries if keep(e)], [e for e in datas if keep(e)]
