"""The Qt half of ``--self-check``: platform plugins, fonts and text load without a display.

Kept in the UI package (the only one that imports Qt); ``spie_desktop.self_check`` calls it.
Problems come back as plain strings for the administrator (English).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCollator, QLibraryInfo, QLocale, QPluginLoader, QRectF, Qt, qVersion
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QTextLayout
from PySide6.QtSvg import QSvgRenderer

_APP: list[QGuiApplication] = []  # keeps the offscreen application alive between checks


def offscreen_application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(["spie-desktop", "-platform", "offscreen"])
        _APP.append(app)
    assert isinstance(app, QGuiApplication)
    return app


def platform_plugin_problems(names: tuple[str, ...]) -> list[str]:
    """Why any of these platform plugins (with its system libraries) fails to load."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    problems = []
    for name in names:
        candidates = sorted(folder.glob(f"*q{name}.*"))
        if not candidates:
            problems.append(f"platform plugin {name!r} missing from {folder}")
            continue
        loader = QPluginLoader(str(candidates[0]))
        if not loader.load():
            problems.append(f"platform plugin {name!r} does not load: {loader.errorString()}")
    app = offscreen_application()
    if app.platformName() != "offscreen":
        problems.append(f"Qt started on {app.platformName()!r}, not offscreen")
    return problems


def qt_version() -> str:
    return qVersion()


def application_font_loads(path: Path) -> bool:
    offscreen_application()
    return QFontDatabase.addApplicationFont(str(path)) >= 0


def collated(words: list[str], locale_name: str) -> list[str]:
    """``words`` sorted by Qt's collator for ``locale_name`` (ICU and its data; without
    them Qt falls back to code-point order, which puts « é » after « z »)."""
    offscreen_application()
    collator = QCollator(QLocale(locale_name))
    return sorted(words, key=collator.sortKey)


def shaped_glyphs(text: str, font_path: Path) -> tuple[list[int], bool]:
    """(glyph indexes, right to left) of ``text`` laid out by Qt in the font at ``font_path``:
    shaping joins Arabic letters (HarfBuzz), so a word has other glyphs than its letters."""
    offscreen_application()
    families = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(font_path))
    )
    font = QFont(families[0] if families else "")
    font.setPixelSize(32)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    glyphs = [index for run in runs for index in run.glyphIndexes()]
    return glyphs, bool(runs) and all(run.isRightToLeft() for run in runs)


def svg_inked_pixels(data: bytes, size: int = 64) -> int:
    """How many pixels an SVG paints at ``size`` (QtSvg, as the pictogram widget draws)."""
    offscreen_application()
    renderer = QSvgRenderer(data)
    if not renderer.isValid():
        return 0
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return sum(1 for y in range(size) for x in range(size) if image.pixelColor(x, y).alpha())


def rendered_pdf_pages(data: bytes) -> int:
    """How many pages of the PDF ``data`` pdfium renders, as the plan's preview does, with
    QtPrintSupport (the preview's printing) loaded."""
    import pypdfium2 as pdfium
    from PySide6.QtPrintSupport import QPrinter

    assert QPrinter.OutputFormat.PdfFormat is not None
    document = pdfium.PdfDocument(data)
    try:
        rendered = 0
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=0.5)
            rendered += bool(bitmap.width and bitmap.height)
            bitmap.close()
            page.close()
        return rendered
    finally:
        document.close()
