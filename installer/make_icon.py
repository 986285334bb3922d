"""Render the application icon (SVG, drawn by hand) to the PNG and ICO files installers need.

    QT_QPA_PLATFORM=offscreen python -m installer.make_icon

Run again after changing ``spie_desktop/resources/icons/spie-desktop.svg``; the PNGs are
committed, so neither the application nor a bundle build needs QtSvg.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "spie_desktop" / "resources" / "icons"
SOURCE = ICONS / "spie-desktop.svg"
SIZES = (256,)  # the ICO below carries the small sizes Windows wants


def render(size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"invalid SVG: {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"cannot write {target}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        suffix = "" if size == SIZES[0] else f"-{size}"
        target = ICONS / f"spie-desktop{suffix}.png"
        render(size, target)
        print(f"{target.relative_to(ICONS.parent.parent.parent)}: {target.stat().st_size} bytes")
    ico = ICONS / "spie-desktop.ico"
    write_ico(ICONS / "spie-desktop.png", ico)
    print(f"{ico.relative_to(ICONS.parent.parent.parent)}: {ico.stat().st_size} bytes")
    del app
    return 0


def write_ico(png: Path, target: Path) -> None:
    """The Windows icon (Inno Setup, the .exe), several sizes in one file (Pillow)."""
    from PIL import Image

    with Image.open(png) as image:
        image.save(target, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)])


if __name__ == "__main__":
    sys.exit(main())
