"""The Qt half of ``--self-check``: platform plugins and fonts load without a display.

Kept in the UI package (the only one that imports Qt); ``spie_desktop.self_check`` calls it.
Problems come back as plain strings for the administrator (English).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QPluginLoader, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication

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
