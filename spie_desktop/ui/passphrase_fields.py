"""Choosing a new passphrase: the field, its confirmation and a live strength hint."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.passphrase import assess_passphrase

from .feedback import InlineMessage
from .i18n import tr
from .theme import current

_LEVELS = ("very_weak", "weak", "fair", "good", "strong")  # the theme's meter colours


class NewPassphraseFields(QWidget):
    """Passphrase + confirmation, with the strength shown as it is typed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, label: str | None = None) -> None:
        super().__init__(parent)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirmation = QLineEdit(self)
        self.confirmation.setEchoMode(QLineEdit.EchoMode.Password)
        self.reveal = QCheckBox(tr("A&fficher les caractères"), self)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)  # the words go in the hint line, readable at any colour
        self.meter.setMaximumHeight(18)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.error = InlineMessage(self)

        form = QFormLayout()
        passphrase_label = QLabel(label or tr("&Phrase de passe :"), self)
        passphrase_label.setBuddy(self.passphrase)
        confirmation_label = QLabel(tr("&Confirmation :"), self)
        confirmation_label.setBuddy(self.confirmation)
        form.addRow(passphrase_label, self.passphrase)
        form.addRow(tr("Solidité :"), self.meter)
        form.addRow("", self.hint)
        form.addRow(confirmation_label, self.confirmation)
        form.addRow("", self.reveal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error)
        QWidget.setTabOrder(self.passphrase, self.confirmation)
        QWidget.setTabOrder(self.confirmation, self.reveal)

        self.passphrase.textChanged.connect(self._on_edit)
        self.confirmation.textChanged.connect(self._on_edit)
        self.reveal.toggled.connect(self._on_reveal)
        self._show_strength("")

    def texts(self) -> tuple[str, str]:
        return self.passphrase.text(), self.confirmation.text()

    def show_error(self, text: str) -> None:
        self.error.show_message(text)

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirmation.clear()
        self.error.clear_message()

    def _on_edit(self) -> None:
        self.error.clear_message()
        self._show_strength(self.passphrase.text())
        self.changed.emit()

    def _on_reveal(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.confirmation.setEchoMode(mode)

    def _show_strength(self, text: str) -> None:
        assessment = assess_passphrase(text)
        self.meter.setValue(assessment.score if text else 0)
        colour = getattr(current(), f"meter_{_LEVELS[assessment.score]}")
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background-color: {colour}; }}")
        hint, level = tr(assessment.hint_fr), tr(assessment.label_fr)  # the tables' words
        self.hint.setText(f"{level} — {hint}" if text else hint)
        self.meter.setAccessibleDescription(level if text else "")
