"""The plan in large print, for the person: on their side of the table or on a second screen.

One page per objective (its theme's pictogram, its wording, its actions with their dates in
words), then a page with the next meeting and the commitments. Type of 24 pt and more, black
on white or white on black (21:1). Keyboard: ←/→, Page Up/Page Down, Home/End move between
pages, ↑/↓ scroll the page, Esc closes. In the person's language, laid out right to left
for Arabic. Layout only: the words come from :class:`LargePrintPlan`
(:meth:`LargePrintPlan.text` for the fixed sentences).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.services.large_print import LargePrintObjective, LargePrintPlan

from ..pictogram_widget import PictogramWidget
from ..theme import LARGE_PRINT_DARK, LARGE_PRINT_LIGHT

#: Point sizes: the smallest text of the view is BODY_POINTS.
BODY_POINTS = 26.0
HEADING_POINTS = 34.0
SMALL_POINTS = 24.0
PICTOGRAM_PIXELS = 150
#: (text, background) of each contrast.
LIGHT = LARGE_PRINT_LIGHT
DARK = LARGE_PRINT_DARK


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(name: str) -> float:
        colour = QColor(name)
        channels = []
        for value in (colour.redF(), colour.greenF(), colour.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _label(content: str, points: float, parent: QWidget, *, bold: bool = False) -> QLabel:
    label = QLabel(content, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    label.setFont(font)
    return label


class LargePrintView(QWidget):
    closed = Signal()

    def __init__(self, plan: LargePrintPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.plan = plan
        text = plan.text
        if plan.right_to_left:
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.dark = False
        self.pictograms: list[PictogramWidget] = []
        self.setWindowTitle(text("window_title"))
        self.setAccessibleName(text("window_title"))

        self.page_label = _label("", SMALL_POINTS, self)
        self.contrast_button = QPushButton(self)
        self.close_button = QPushButton(text("close"), self)
        top = QHBoxLayout()
        top.addWidget(self.page_label, 1)
        top.addWidget(self.contrast_button)
        top.addWidget(self.close_button)

        self.pages = QStackedWidget(self)
        for number, objective in enumerate(plan.objectives, start=1):
            self._add_page(self._objective_page(objective, number, len(plan.objectives)))
        if not plan.objectives:
            self._add_page(self._text_page([(text("no_objective"), HEADING_POINTS, True)]))
        self._add_page(self._commitments_page())

        self.previous_button = QPushButton(text("previous"), self)
        self.next_button = QPushButton(text("next"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.previous_button)
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        for button in self._buttons():
            font = QFont(button.font())
            font.setPointSizeF(SMALL_POINTS)
            button.setFont(font)
            button.setAutoDefault(False)

        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.close_button.clicked.connect(self.close)
        self.contrast_button.clicked.connect(self.toggle_contrast)
        keys = (
            ((Qt.Key.Key_Right, Qt.Key.Key_PageDown), self.next_page),
            ((Qt.Key.Key_Left, Qt.Key.Key_PageUp), self.previous_page),
            ((Qt.Key.Key_Home,), lambda: self.show_page(0)),
            ((Qt.Key.Key_End,), lambda: self.show_page(self.pages.count() - 1)),
            ((Qt.Key.Key_Down,), lambda: self._scroll(1)),
            ((Qt.Key.Key_Up,), lambda: self._scroll(-1)),
            ((Qt.Key.Key_Escape,), self.close),
        )
        for sequence, slot in keys:
            for key in sequence:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.activated.connect(slot)
        self._apply_contrast()
        self.show_page(0)

    # -- pages -----------------------------------------------------------------------------------

    def _add_page(self, content: QWidget) -> None:
        area = QScrollArea(self.pages)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setWidget(content)
        area.setAccessibleName(content.accessibleName())
        self.pages.addWidget(area)

    def _objective_page(self, objective: LargePrintObjective, number: int, total: int) -> QWidget:
        text = self.plan.text
        page = QWidget()
        page.setObjectName("page")
        heading = text("objective", label=objective.label)
        page.setAccessibleName(heading)
        counter = _label(text("objective_of", n=number, total=total), SMALL_POINTS, page)
        theme = _label(objective.theme_label, BODY_POINTS, page)
        theme.setVisible(bool(objective.theme_label))
        title = _label(heading, HEADING_POINTS, page, bold=True)
        words = QVBoxLayout()
        words.addWidget(counter)
        words.addWidget(theme)
        words.addWidget(title)
        head = QHBoxLayout()
        picture = PictogramWidget(
            objective.theme,
            text("pictogram", theme=objective.theme_label),
            PICTOGRAM_PIXELS,
            page,
        )
        if picture.has_picture:
            head.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
            self.pictograms.append(picture)
        else:
            picture.hide()
        head.addLayout(words, 1)
        column = QVBoxLayout(page)
        column.addLayout(head)
        column.addSpacing(16)
        if not objective.actions:
            column.addWidget(_label(text("no_action"), BODY_POINTS, page))
        else:
            column.addWidget(_label(text("actions"), BODY_POINTS, page))
        for action in objective.actions:
            column.addWidget(_label(f"• {action.label}", BODY_POINTS, page, bold=True))
            details = " — ".join(part for part in (action.when, action.who, action.status) if part)
            line = _label(details, SMALL_POINTS, page)
            line.setContentsMargins(40, 0, 0, 12)
            column.addWidget(line)
        column.addStretch(1)
        return page

    def _commitments_page(self) -> QWidget:
        text = self.plan.text
        lines: list[tuple[str, float, bool]] = [(text("commitments"), HEADING_POINTS, True)]
        if self.plan.next_review:
            lines.insert(0, (self.plan.next_review, HEADING_POINTS, True))
        lines += [(f"• {line}", BODY_POINTS, False) for line in self.plan.commitments]
        page = self._text_page(lines)
        page.setAccessibleName(text("commitments_page"))
        return page

    def _text_page(self, lines: list[tuple[str, float, bool]]) -> QWidget:
        page = QWidget()
        page.setObjectName("page")
        column = QVBoxLayout(page)
        for content, points, bold in lines:
            column.addWidget(_label(content, points, page, bold=bold))
        column.addStretch(1)
        return page

    # -- moving ----------------------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        total = self.pages.count()
        self.page_label.setText(self.plan.text("page", n=index + 1, total=total))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < total - 1)
        page = self.pages.currentWidget()
        self.pages.setAccessibleName(page.accessibleName() if page else "")

    def next_page(self) -> None:
        self.show_page(self.pages.currentIndex() + 1)

    def previous_page(self) -> None:
        self.show_page(self.pages.currentIndex() - 1)

    def _scroll(self, steps: int) -> None:
        area = self.pages.currentWidget()
        if isinstance(area, QScrollArea):
            bar = area.verticalScrollBar()
            bar.setValue(bar.value() + steps * bar.pageStep() // 3)

    # -- contrast --------------------------------------------------------------------------------

    def toggle_contrast(self) -> None:
        self.dark = not self.dark
        self._apply_contrast()

    def colours(self) -> tuple[str, str]:
        """(text, background) as shown."""
        return DARK if self.dark else LIGHT

    def _apply_contrast(self) -> None:
        foreground, background = self.colours()
        self.setStyleSheet(
            f"LargePrintView, QWidget#page, QScrollArea, QStackedWidget {{"
            f" background: {background}; }}"
            f" QLabel {{ color: {foreground}; background: transparent; }}"
            f" QPushButton {{ color: {foreground}; background: {background};"
            f" border: 3px solid {foreground}; border-radius: 10px; padding: 8px 24px; }}"
            # Thicker when focused, the padding giving back what the border takes.
            f" QPushButton:focus {{ border: 7px double {foreground}; padding: 4px 20px; }}"
            f" QPushButton:disabled {{ border-style: dotted; }}"
        )
        for picture in self.pictograms:
            picture.set_colour(QColor(foreground))
        # The button says what it turns the view into.
        self.contrast_button.setText(self.plan.text("light" if self.dark else "dark"))

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.contrast_button, self.close_button, self.previous_button, self.next_button)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.closed.emit()
        super().closeEvent(event)
