"""Driving the application as a screen-reader user does: keys only, sent to the focused
control, and at each focus change what Orca or NVDA would read and whether a sighted
colleague beside them would see where the focus is."""

from __future__ import annotations

from array import array
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.ui import theme

from .a11y_checks import describe, spoken_name

NO_MOD = Qt.KeyboardModifier.NoModifier
RING_PIXELS = 40  # the 2 px ring round the smallest control (a radio button's label) and more
MAX_TABS = 120  # the longest way between two controls of one screen


def pixels_of_colour(image: QImage, colour: QColor) -> int:
    """How many pixels of ``image`` are exactly ``colour`` (as ``image.pixel`` reads them).

    Counted over the image's memory in one pass (ARGB32: one 32-bit word a pixel, rows
    without padding), not pixel by pixel in Python, which cost a quarter of a second for
    one text field and ran at every key of the keyboard walks.
    """
    if image.isNull():  # a control not laid out yet grabs as nothing: no ring yet
        return 0
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    words = array("I", bytes(argb.constBits()))
    assert words.itemsize == 4 and argb.bytesPerLine() == 4 * argb.width()
    return words.count(colour.rgb())


def ring_pixels(widget: QWidget) -> int:
    """Pixels of the theme's focus colour in the widget as drawn now."""
    return pixels_of_colour(widget.grab().toImage(), QColor(theme.current().focus))


class KeyboardWalk:
    """Keys to the focused control; every control reached is checked and remembered."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.visited: list[str] = []  # what the screen reader said, in order

    @property
    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "the focus is nowhere"
        return widget

    def check_focus(self) -> QWidget:
        """The focused control has a name a screen reader reads and a visible ring."""
        widget = self.focused
        name = spoken_name(widget)
        assert name, f"no accessible name: {describe(widget)}"
        # A theme just unfolded lays its fields out over a few turns of the event loop.
        for _ in range(30):
            if ring_pixels(widget) >= RING_PIXELS:
                break
            self.qtbot.wait(100)
        assert ring_pixels(widget) >= RING_PIXELS, f"focus not visible on {describe(widget)}"
        if not self.visited or self.visited[-1] != name:
            self.visited.append(name)
        return widget

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MOD, *, check: bool = True
    ) -> QWidget | None:
        """One key on the focused control, then the new focus checked."""
        QTest.keyClick(self.focused, key, modifier)
        for _ in range(5):  # deferred focus changes and layouts, as the event loop runs them
            self.qtbot.wait(0)
        if not check or QApplication.focusWidget() is None:
            return QApplication.focusWidget()
        return self.check_focus()

    def type(self, text: str) -> None:
        """Type into the focused control, accents included, key by key."""
        widget = self.focused
        for char in text:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, NO_MOD)

    def tab_to(
        self, wanted: QWidget | Callable[[QWidget], bool], *, backwards: bool = False
    ) -> QWidget:
        """Tab (or Shift+Tab) until ``wanted`` has the focus, checking every stop."""
        matches = wanted if callable(wanted) and not isinstance(wanted, QWidget) else None
        for _ in range(MAX_TABS):
            current = QApplication.focusWidget()
            if current is not None and (current is wanted or (matches and matches(current))):
                return self.check_focus()
            if backwards:
                self.key(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
            else:
                self.key(Qt.Key.Key_Tab)
        target = describe(wanted) if isinstance(wanted, QWidget) else "the control wanted"
        raise AssertionError(f"{target} not reached by Tab; visited: {self.visited[-20:]}")

    def wait_focus(self, wanted: QWidget, timeout: int = 20_000) -> QWidget:
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is wanted, timeout=timeout)
        return self.check_focus()
