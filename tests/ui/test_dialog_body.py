"""The scrolling body of dialogs (``dialog_body.py``): a form of word-wrapped explanations
keeps them whole when the text above it grows after the first layout."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spie_desktop.ui.dialog_body import scrolling_body

from .layout_checks import layout_problems, settled
from .test_text_200 import large_text

__all__ = ["large_text"]

WORDS = "une explication qui passe à la ligne plusieurs fois dans sa colonne " * 3


def wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def test_a_form_keeps_its_wrapped_labels_whole_when_the_text_above_it_grows(
    qtbot: QtBot, large_text: QApplication
) -> None:
    """QFormLayout keeps one table of row heights for two cached widths; the scroll area
    asked the body's height at its preferred width between two layouts of the form, and its
    rows kept the heights of that wider form: each wrapped label lost a line or more."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout, footer = scrolling_body(dialog)
    layout.addWidget(QLabel("Seuils", dialog))
    layout.addWidget(wrapped(WORDS[:150], dialog))
    intro = wrapped("Lecture…", dialog)
    layout.addWidget(intro)
    form = QFormLayout()
    for row in range(4):
        cell = QWidget(dialog)
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.addWidget(QSpinBox(cell))
        cell_layout.addWidget(wrapped(WORDS[: 120 + 40 * row], cell))
        form.addRow(f"Seuil numéro {row} :", cell)
    layout.addLayout(form)
    footer.addWidget(wrapped("", dialog))
    footer.addWidget(QPushButton("Fermer", dialog))
    dialog.resize(910, 512)
    dialog.show()
    for _ in range(10):  # laid out and drawn, as a person first sees it
        QApplication.processEvents()
    assert layout_problems(dialog) == []

    intro.setText(WORDS[:150])

    assert settled(lambda: layout_problems(dialog)) == []
