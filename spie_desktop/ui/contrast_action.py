"""« Affichage » › « Contraste élevé » : black, white and yellow, kept for this device."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .display_settings import save_theme
from .i18n import tr
from .theme import HIGH_CONTRAST, NORMAL, apply_theme, current

RESTART_NOTE = (
    "Le thème est appliqué. Redémarrez spie-desktop pour que toutes les couleurs "
    "(alertes, bandeaux, messages) le suivent."
)


def contrast_action(data_dir: Path, parent: QWidget) -> QAction:
    """A checkable action: on, the high-contrast theme; saved, applied at once, and a note
    that a restart brings the colours views set themselves."""
    action = QAction(tr("Contraste é&levé"), parent)
    action.setCheckable(True)
    action.setChecked(current() is HIGH_CONTRAST)

    def switch(on: bool) -> None:
        theme = HIGH_CONTRAST if on else NORMAL
        if theme is current():
            return
        save_theme(data_dir, theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        note = QMessageBox(
            QMessageBox.Icon.Information, tr("Contraste élevé"), tr(RESTART_NOTE), parent=parent
        )
        note.setObjectName("restartNote")
        note.open()

    action.toggled.connect(switch)
    return action
