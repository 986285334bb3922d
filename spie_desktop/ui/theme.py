"""The application's two themes: the everyday one and a high-contrast one (black, white,
yellow), each a palette whose text/background pairs reach WCAG contrast (4.5:1, and 7:1 for
the high-contrast theme), the colours the views give alerts, errors and banners, and a focus
ring wide and bright enough to be seen from across the table.

The palette applies live; colours a view set at construction (an alert's red) follow the
theme the next time that view is built, hence the « redémarrez » note in the menu.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QTextEdit,
    QWidget,
)

FOCUS_WIDTH = 2  # px: the ring around the focused control
EDGE_ON_BLACK = "#a6a6a6"  # a field's edge on the high-contrast black: 3:1 at least (WCAG 1.4.11)


@dataclass(frozen=True)
class Theme:
    key: str
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    placeholder: str
    link: str
    disabled_text: str
    focus: str  # the focus ring
    alert: str  # alert text (« 168 alertes », an overdue cell) on ``window``/``base``
    error: str  # an error message on ``window``
    note: str  # a secondary note on ``window``
    success: str  # « enregistré » on ``window``
    banner_background: str  # the read-only banner of a closed file
    banner_border: str
    banner_text: str


NORMAL = Theme(
    key="normal",
    window="#efefef",
    window_text="#000000",
    base="#ffffff",
    alternate_base="#f5f5f5",
    text="#000000",
    button="#efefef",
    button_text="#000000",
    highlight="#1d5c9e",  # white on it 6.9:1 (Fusion's #308cc6 gives 3.6:1)
    highlighted_text="#ffffff",
    placeholder="#5f6368",  # 6.0:1 on white (Fusion's half-transparent black gives 3.9:1)
    link="#1f4e8c",
    disabled_text="#6b6b6b",
    focus="#1d5c9e",
    alert="#9b1c1c",
    error="#a1261b",
    note="#3b4a5a",
    success="#2f6b45",
    banner_background="#fff4d6",
    banner_border="#9a7400",
    banner_text="#000000",
)

HIGH_CONTRAST = Theme(
    key="high-contrast",
    window="#000000",
    window_text="#ffffff",
    base="#000000",
    alternate_base="#1a1a1a",
    text="#ffffff",
    button="#000000",
    button_text="#ffffff",
    highlight="#ffff00",
    highlighted_text="#000000",
    placeholder="#d9d9d9",
    link="#ffff00",
    disabled_text="#b3b3b3",
    focus="#ffff00",
    alert="#ffff00",
    error="#ffff00",
    note="#ffffff",
    success="#7cfc7c",
    banner_background="#000000",
    banner_border="#ffff00",
    banner_text="#ffffff",
)

THEMES = {theme.key: theme for theme in (NORMAL, HIGH_CONTRAST)}
_current: list[Theme] = [NORMAL]


def current() -> Theme:
    """The theme views build their own colours from."""
    return _current[0]


def palette_of(theme: Theme) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.window_text,
        QPalette.ColorRole.Base: theme.base,
        QPalette.ColorRole.AlternateBase: theme.alternate_base,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.button,
        QPalette.ColorRole.ButtonText: theme.button_text,
        QPalette.ColorRole.BrightText: theme.window_text,
        QPalette.ColorRole.Highlight: theme.highlight,
        QPalette.ColorRole.HighlightedText: theme.highlighted_text,
        QPalette.ColorRole.PlaceholderText: theme.placeholder,
        QPalette.ColorRole.ToolTipBase: theme.base,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.Link: theme.link,
        QPalette.ColorRole.LinkVisited: theme.link,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.disabled_text))
    if theme is HIGH_CONTRAST:  # frames and separators drawn from these: visible on black
        for role in (QPalette.ColorRole.Mid, QPalette.ColorRole.Dark, QPalette.ColorRole.Shadow):
            palette.setColor(role, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Light, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Midlight, QColor("#808080"))
    return palette


class FocusRingStyle(QProxyStyle):
    """The platform's style, with a ring ``FOCUS_WIDTH`` px wide in the theme's focus colour
    around the focused control: buttons, boxes, fields and lists alike."""

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            self._ring(painter, option.rect)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_FrameLineEdit:
            self._edge(painter, option)

    def drawComplexControl(  # noqa: N802 (Qt override)
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox):
            self._edge(painter, option)

    def drawControl(  # noqa: N802 (Qt override)
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_PushButtonBevel:
            self._edge(painter, option)
        elif element == QStyle.ControlElement.CE_ShapedFrame and isinstance(
            widget, QPlainTextEdit | QTextEdit
        ):
            self._edge(painter, option)  # a notes box: its frame is no line edit's

    def _edge(self, painter: QPainter, option: QStyleOption) -> None:
        """The ring on a focused field, box or button; on black, a light edge on the others
        (the platform draws their frames in shades of the window colour: black on black)."""
        if option.state & QStyle.StateFlag.State_HasFocus:
            self._ring(painter, option.rect)
        elif current() is HIGH_CONTRAST:
            painter.save()
            painter.setPen(QColor(EDGE_ON_BLACK))
            painter.setBrush(QColor(0, 0, 0, 0))
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()

    def _ring(self, painter: QPainter, rect: QRect) -> None:
        painter.save()
        pen = QPen(QColor(current().focus))
        pen.setWidth(FOCUS_WIDTH)
        painter.setPen(pen)
        painter.setBrush(QColor(0, 0, 0, 0))
        half = FOCUS_WIDTH // 2
        painter.drawRect(rect.adjusted(half, half, -half, -half))
        painter.restore()


def apply_theme(app: QApplication, theme: Theme) -> None:
    """The theme for every window from now on; the palette changes at once in open ones."""
    _current[0] = theme
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle("Fusion"))
    app.setPalette(palette_of(theme))
