"""What the bundle leaves out: modules never imported by the desktop app, unused Qt parts.

Used by ``spie-desktop.spec``. Every exclusion here was checked against ``--self-check`` and
the tests in ``tests/installer``; keep the list honest when the app starts using something.
"""

from __future__ import annotations

from pathlib import PurePosixPath

#: Python packages the desktop app never imports (server, tests, benchmarks, dev tools).
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "turtle",
    "idlelib",
    "pydoc_data",
    "lib2to3",
    "spie_server",
    "fastapi",
    "starlette",
    "uvicorn",
    "httpx",
    "psycopg",
    "weasyprint",
    "hypothesis",
    "schemathesis",
    "pytest",
    "_pytest",
    "pytestqt",
    "importlinter",
    "mypy",
    "IPython",
    "matplotlib",
    "numpy",
    # Optional extras of pyHanko, fontTools and reportlab the app does not use: the stamp
    # font is our own (plan/stamp_font.py), no hyphenation, no XMP editing, no WOFF2.
    "lxml",
    "uharfbuzz",
    "pyphen",
    "zopfli",
    "brotli",
    "readline",
    # Optional extras nothing on the app's paths calls: pydantic's pretty printer (rich,
    # pygments, markdown-it), Mako's syntax highlighting (pygments), packaging tools
    # (setuptools, pkg_resources). Not aiohttp: pyhanko.sign imports its time-stamp client.
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    "setuptools",
    "pkg_resources",
    "distutils",
    "PIL._avif",
    "PIL._webp",
    "PIL.ImageCms",
    "PIL._imagingcms",
    "PIL.ImageQt",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
]

#: Qt plugin folders the app needs; every other folder under ``plugins/`` is dropped.
KEPT_PLUGIN_DIRS = {
    "platforms",
    "platforminputcontexts",  # compose/ibus: typing accented letters (é, ç, œ)
    "platformthemes",  # xdgdesktopportal only (see KEPT_THEMES)
    "imageformats",
    "iconengines",
    "printsupport",  # CUPS printers for the plan's print dialog (libcups: the system's)
    "wayland-decoration-client",
    "wayland-shell-integration",
}

#: Within kept folders, the plugins worth their size (stem without lib/q prefix, platform
#: suffix). offscreen: --self-check and headless runs; xcb: X11 and XWayland; wayland;
#: windows/cocoa on the other systems.
KEPT_PLATFORMS = {"offscreen", "minimal", "xcb", "wayland", "windows", "cocoa", "direct2d"}
KEPT_IMAGE_FORMATS = {"gif", "ico", "jpeg", "svg"}
#: The gtk3 theme would drag GTK, Pango and Cairo of the build machine into the bundle
#: (~15 MB) and clash with the laptop's own GTK; widgets then use Qt's Fusion look.
KEPT_THEMES = {"xdgdesktopportal"}
KEPT_WAYLAND_SHELLS = {"xdg-shell"}

#: Qt libraries pulled in only by plugins or modules we drop.
DROPPED_QT_LIBRARIES = (
    "Qt6Pdf",
    "Qt6Qml",
    "Qt6Quick",
    "Qt6Network",
    "Qt6VirtualKeyboard",
    "Qt6WaylandCompositor",
    "Qt6Sql",
    "Qt6Test",
    "Qt6Designer",
    "Qt6OpenGLWidgets",
    "Qt6Multimedia",
    "Qt6WebEngine",
    "Qt6EglFS",  # EglFSDeviceIntegration, EglFsKmsSupport: embedded displays only
    "Qt6OpenGL",  # xcb's GL integrations are dropped: widgets paint without OpenGL
)


#: System libraries left to the laptop: the print plugin uses the system's CUPS client, which
#: matches its CUPS server; without one, Qt prints to PDF files only.
SYSTEM_LIBRARIES = ("libcups.so",)


def keep_entry(dest_name: str) -> bool:
    """Whether a collected file (its path inside the bundle) belongs in the bundle."""
    path = PurePosixPath(dest_name.replace("\\", "/"))
    parts = path.parts
    name = path.name
    if any(lib in name for lib in DROPPED_QT_LIBRARIES):
        return False
    if name.startswith(SYSTEM_LIBRARIES):
        return False
    if "translations" in parts and "Qt" in parts:
        # The UI is French and uses no Qt-provided text beyond qtbase.
        return name.startswith("qtbase_fr")
    if "plugins" in parts:
        return _keep_plugin(parts[parts.index("plugins") + 1 :])
    return True


def _keep_plugin(rest: tuple[str, ...]) -> bool:
    if len(rest) < 2:
        return True
    folder, filename = rest[0], rest[-1]
    if folder not in KEPT_PLUGIN_DIRS:
        return False
    stem = _plugin_stem(filename)
    if folder == "platforms":
        return stem in KEPT_PLATFORMS
    if folder == "imageformats":
        return stem in KEPT_IMAGE_FORMATS
    if folder == "platforminputcontexts":
        return "virtualkeyboard" not in stem
    if folder == "platformthemes":
        return stem in KEPT_THEMES
    if folder == "wayland-shell-integration":
        return stem in KEPT_WAYLAND_SHELLS
    return True


def _plugin_stem(filename: str) -> str:
    stem = filename.split(".", 1)[0]
    for prefix in ("lib", "q"):
        stem = stem.removeprefix(prefix)
    return stem
