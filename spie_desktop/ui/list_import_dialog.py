"""What an orientation list import did: the counts, and every refused line (copyable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .i18n import tr
from .list_import_model import ListImportModel


class ListImportDialog(QDialog):
    def __init__(self, model: ListImportModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(model.title)
        self.summary = QLabel(model.summary, self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lines = model.rejection_lines
        self.rejections_label = QLabel(tr("&Lignes refusées (à corriger dans le fichier) :"), self)
        self.rejections = QPlainTextEdit(self)
        self.rejections.setReadOnly(True)
        self.rejections.setPlainText("\n".join(lines))
        self.rejections.setAccessibleName(tr("Lignes refusées"))
        self.rejections.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.rejections_label.setBuddy(self.rejections)
        self.copy_button = QPushButton(tr("&Copier les lignes refusées"), self)
        self.copy_button.clicked.connect(self.copy_rejections)
        for widget in (self.rejections_label, self.rejections, self.copy_button):
            widget.setVisible(bool(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        if lines:
            buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejections_label)
        layout.addWidget(self.rejections, 1)
        layout.addWidget(buttons)
        self.resize(720, 460 if lines else 160)

    def copy_rejections(self) -> None:
        QGuiApplication.clipboard().setText(self.rejections.toPlainText())
