"""Where a draft immersion convention is exported: asked once, the same way from the
immersion dialog and from the plan action's convention row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from .i18n import tr


def ask_convention_path(parent: QWidget, suggested_name: str) -> Path | None:
    """The file the counsellor picks (in their documents folder by default), or ``None``."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(
        parent,
        tr("Exporter le projet de convention"),
        str(Path(folder or Path.home()) / suggested_name),
        tr("Document PDF (*.pdf);;Données JSON (*.json)"),
    )
    return Path(path) if path else None


def convention_path(path: Path) -> Path:
    """``path`` as a PDF unless it names a PDF or a JSON file."""
    if path.suffix.lower() not in (".pdf", ".json"):
        return path.with_name(path.name + ".pdf")
    return path
