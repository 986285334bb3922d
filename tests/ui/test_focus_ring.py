"""A visible focus: the focused field, choice list or button has a ring in the theme's
focus colour, counted in the pixels of the window as drawn; the others have none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spie_desktop.ui import theme

from .keyboard_walk import pixels_of_colour

RING_PIXELS = 100  # a 2 px ring round a control 30 px high and 100 px wide: far more


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    style, palette = qapp.style().name(), qapp.palette()
    yield qapp
    theme._current[0] = theme.NORMAL
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _ring_pixels(widget: QWidget, colour: str) -> int:
    return pixels_of_colour(widget.grab().toImage(), QColor(colour))


@pytest.mark.parametrize(
    "fmt", [QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32_Premultiplied]
)
def test_the_pixel_count_is_the_count_pixel_by_pixel(fmt: QImage.Format) -> None:
    """The one-pass count the walks use finds exactly the pixels ``QImage.pixel`` reads."""
    image = QImage(37, 11, fmt)  # an odd width: rows are not a multiple of 8 bytes
    image.fill(QColor("#ffffff"))
    ring = QColor(theme.NORMAL.focus)
    spots = [(0, 0), (36, 0), (5, 5), (36, 10), (0, 10)]
    for x, y in spots:
        image.setPixelColor(x, y, ring)
    image.setPixelColor(7, 7, QColor(ring.red(), ring.green(), ring.blue() ^ 1))  # near miss
    by_pixel = sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixel(x, y) == ring.rgb()
    )
    assert pixels_of_colour(image, ring) == by_pixel == len(spots)


def test_a_control_not_laid_out_yet_has_no_ring_pixels() -> None:
    """It grabs as a null image (0×0): no ring yet, and the walk waits for the layout."""
    assert pixels_of_colour(QImage(), QColor(theme.NORMAL.focus)) == 0


@pytest.mark.parametrize("chosen", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda t: t.key)
def test_the_focused_control_has_a_ring_the_others_none(
    qtbot: QtBot, themed: QApplication, chosen: theme.Theme
) -> None:
    theme.apply_theme(themed, chosen)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    field = QLineEdit("Gisèle")
    choice = QComboBox()
    choice.addItem("Toutes les étapes")
    button = QPushButton("&Enregistrer")
    for row in (field, choice, button):
        form.addRow(row)
    dialog.resize(420, 160)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    field.deselect()
    for focused in (field, choice, button):
        focused.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=focused: w.hasFocus(), timeout=5000)  # type: ignore[misc]
        field.deselect()  # its selected text is in the highlight colour, not a ring
        rings = {w: _ring_pixels(w, chosen.focus) for w in (field, choice, button)}
        assert rings[focused] >= RING_PIXELS, (type(focused).__name__, rings)
        others = [n for w, n in rings.items() if w is not focused]
        assert max(others) < RING_PIXELS, (type(focused).__name__, rings)


@pytest.mark.parametrize("chosen", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda t: t.key)
def test_a_notes_box_shows_its_focus_as_a_lone_box_does(
    qtbot: QtBot, themed: QApplication, chosen: theme.Theme
) -> None:
    """A theme's notes are a multi-line box: the keyboard's focus on it was drawn nowhere
    (its frame is no line edit's). A long choice's box, its label beside it and no text of
    its own, keeps its ring too."""
    theme.apply_theme(themed, chosen)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    box, radio, notes = QCheckBox(), QRadioButton(), QPlainTextEdit()
    for row in (box, radio, notes):
        form.addRow(row)
    dialog.resize(420, 200)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    small = 40  # a 2 px ring round a 14 px box: more than a hundred pixels
    for focused in (box, radio, notes):
        focused.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=focused: w.hasFocus(), timeout=5000)  # type: ignore[misc]
        rings = {w: _ring_pixels(w, chosen.focus) for w in (box, radio, notes)}
        assert rings[focused] >= small, (type(focused).__name__, rings)
        others = [n for w, n in rings.items() if w is not focused]
        assert max(others) < small, (type(focused).__name__, rings)
