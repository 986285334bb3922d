"""The Linux archive: the bundle, a menu entry, the icon and ``install.sh``, in one tar.xz.

xz rather than gzip: the archive is downloaded over slow links, and xz packs the bundle in
~58 MB where gzip -9 needed ~75 MB (unpacking is as quick; ``tar xf`` on every distribution).

Layout of ``spie-desktop-<version>-linux-x86_64.tar.xz``::

    spie-desktop-<version>/
        install.sh               sudo ./install.sh (→ /opt) or ./install.sh --user
        spie-desktop.desktop     menu entry (install.sh writes the real Exec path)
        spie-desktop.png         256 px icon
        spie-desktop/            the PyInstaller bundle: spie-desktop, _internal/,
                                 provisioning.json (provisioned builds only)
"""

from __future__ import annotations

import os
import platform
import shutil
import tarfile
from pathlib import Path
from typing import Final

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DESKTOP_TEMPLATE = HERE / "linux" / "spie-desktop.desktop"
INSTALL_SCRIPT = HERE / "linux" / "install.sh"
ICON = ROOT / "spie_desktop" / "resources" / "icons" / "spie-desktop.png"
XZ_PRESET: Final = 6  # -9 saves little more and needs ~700 MB of memory to pack


def machine() -> str:
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(
        platform.machine().lower(), platform.machine().lower()
    )


def archive_name(version: str, territory: str | None = None) -> str:
    """``spie-desktop-0.1.0-linux-x86_64.tar.xz``; provisioned: ``…-0.1.0-t12-linux-…``."""
    tag = f"-t{territory}" if territory else ""
    return f"spie-desktop-{version}{tag}-linux-{machine()}.tar.xz"


def desktop_entry(bundle_name: str = "") -> str:
    """The menu entry; a provisioned bundle's name shows in the menu ("SPIE – Aveyron")."""
    text = DESKTOP_TEMPLATE.read_text(encoding="utf-8")
    if bundle_name:
        text = text.replace("\nName=SPIE\n", f"\nName={bundle_name}\n", 1)
    return text


def make_archive(
    bundle: Path, out_dir: Path, version: str, *, territory: str | None, bundle_name: str = ""
) -> Path:
    """Stage the archive's folder beside ``bundle`` and pack it (xz, preset 6)."""
    top = f"spie-desktop-{version}"
    staging = out_dir / f".staging-{top}"
    if staging.exists():
        shutil.rmtree(staging)
    (staging / top).mkdir(parents=True)
    root = staging / top
    (root / "spie-desktop.desktop").write_text(desktop_entry(bundle_name), encoding="utf-8")
    shutil.copy2(INSTALL_SCRIPT, root / "install.sh")
    os.chmod(root / "install.sh", 0o755)
    shutil.copy2(ICON, root / "spie-desktop.png")
    target = out_dir / archive_name(version, territory)
    tmp = target.with_name(target.name + ".tmp")
    try:
        with tarfile.open(tmp, "w:xz", preset=XZ_PRESET) as tar:
            for name in ("install.sh", "spie-desktop.desktop", "spie-desktop.png"):
                tar.add(root / name, arcname=f"{top}/{name}", filter=_normalise)
            tar.add(bundle, arcname=f"{top}/spie-desktop", filter=_normalise)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """Owned by root, no write bits for others: what unpacks is what was built."""
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mode &= ~0o022
    return info


def tree_size(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (symlinks not followed)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath, name)
            if not path.is_symlink():
                total += path.stat().st_size
    return total
