"""The interface language: applied once at start-up, chosen in « Affichage ».

:func:`apply_interface_language` loads the chosen catalogue into :mod:`ui.i18n` before any
window module is imported (some views build their column titles at import). The menu keeps
the choice in the device's configuration and says that it takes effect at the next start.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_texts import INTERFACE_LANGUAGES, interface_catalogue
from spie_desktop.services.interface_language import interface_language, set_interface_language
from spie_desktop.ui.i18n import set_catalogue, tr

log = logging.getLogger(__name__)


def apply_interface_language(data_dir: Path) -> str:
    """Load the catalogue of the language chosen on this device; its code. A catalogue that
    cannot be read leaves the interface in French (and says why in the log)."""
    code = interface_language(data_dir)
    try:
        set_catalogue(interface_catalogue(code))
    except SpieError as exc:
        log.error("%s", exc.message_en)
        set_catalogue(None)
        return "fr"
    return code


class LanguageMenu(QMenu):
    """« Langue de l'interface » › Français / English: one checked, the saved choice."""

    def __init__(self, data_dir: Path, parent: QWidget) -> None:
        super().__init__(tr("&Langue de l'interface"), parent)
        self._data_dir = data_dir
        self.group = QActionGroup(self)
        chosen = interface_language(data_dir)
        self.language_actions: dict[str, QAction] = {}
        for code, name in INTERFACE_LANGUAGES.items():  # each language says its own name
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _on=False, c=code: self.choose(c))
            self.group.addAction(action)
            self.addAction(action)
            self.language_actions[code] = action
        self.notice: QMessageBox | None = None

    def choose(self, code: str) -> None:
        """Keep ``code`` for the next start and say so."""
        if code == interface_language(self._data_dir):
            return
        try:
            set_interface_language(self._data_dir, code)
        except (OSError, ValueError) as exc:
            log.error("interface language not saved (%s)", type(exc).__name__)
            self._show(
                QMessageBox.Icon.Warning,
                tr("La langue de l'interface n'a pas pu être enregistrée."),
            )
            self.language_actions[interface_language(self._data_dir)].setChecked(True)
            return
        self._show(
            QMessageBox.Icon.Information,
            tr("La langue change au prochain démarrage de l'application."),
        )

    def _show(self, icon: QMessageBox.Icon, text: str) -> None:
        self.notice = QMessageBox(
            icon,
            tr("Langue de l'interface"),
            text,
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        self.notice.open()
