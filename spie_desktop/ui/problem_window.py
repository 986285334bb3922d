"""When the data folder cannot be opened: say why, where it is, and that nothing was touched."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .i18n import tr
from .setup_pages import heading, paragraph


class ProblemWindow(QDialog):
    def __init__(self, problem_fr: str, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("spie-desktop — Données inaccessibles"))
        self.setMinimumWidth(560)
        self.problem = paragraph(problem_fr, self)
        # A field, read only: a long path scrolls inside it (text at 200 %) instead of running
        # past the window's edge, and is still selected and copied whole.
        self.folder = QLineEdit(str(data_dir), self)
        self.folder.setReadOnly(True)
        self.folder.setStyleSheet("font-family: monospace; padding: 4px;")
        self.open_button = QPushButton(tr("&Ouvrir le dossier"), self)
        self.open_button.setAutoDefault(False)
        self.quit_button = QPushButton(tr("&Quitter"), self)
        self.quit_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Les données de ce poste ne peuvent pas être ouvertes"), self))
        layout.addWidget(self.problem)
        folder_label = paragraph(tr("Dossier des données :"), self)
        folder_label.setBuddy(self.folder)  # what a screen reader says of the field
        layout.addWidget(folder_label)
        layout.addWidget(self.folder)
        layout.addWidget(
            paragraph(
                tr(
                    "Rien n'a été modifié ni effacé. Transmettez ce message et le chemin du "
                    "dossier à l'administrateur·rice de votre structure : une sauvegarde "
                    "permet en général de tout retrouver."
                ),
                self,
            )
        )
        layout.addLayout(buttons)
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir)))
        )
        self.quit_button.clicked.connect(self.reject)
