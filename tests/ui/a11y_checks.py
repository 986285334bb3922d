"""What a screen reader, a keyboard and weak eyes meet in a window, computed from the widgets.

* a control a person can use (visible, enabled) whose accessible name is empty: what Orca or
  NVDA read is ``QAccessible.queryAccessibleInterface(widget).text(Name)``, which Qt fills
  from ``accessibleName()``, the control's own text, or the label whose buddy it is;
* a focus trap: Tab from the first focusable control must visit every focusable control and
  come back to it, and Shift+Tab must walk the same ring backwards;
* the WCAG contrast ratio of two colours (relative luminance), for the palette's pairs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
)
MIN_CONTRAST = 4.5
HIGH_CONTRAST = 7.0
PALETTE_PAIRS = (
    ("WindowText/Window", QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    ("Text/Base", QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    ("ButtonText/Button", QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    ("HighlightedText/Highlight", QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    ("PlaceholderText/Base", QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
    ("ToolTipText/ToolTipBase", QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase),
)


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) and not isinstance(widget, QTextEdit | QPlainTextEdit) else ""
    parents = []
    parent = widget.parentWidget()
    while parent is not None and len(parents) < 3:
        parents.append(type(parent).__name__)
        parent = parent.parentWidget()
    return f"{type(widget).__name__}({shown!r}) in {'/'.join(parents)}"


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    return interface.text(QAccessible.Text.Name).strip()


def _is_part_of_a_control(widget: QWidget) -> bool:
    """A spin box's or a combo box's own line edit, a scroll area's bars: the outer control
    is what the screen reader names."""
    if isinstance(widget, QScrollBar | QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """Every control shown and usable under ``root`` that a screen reader would not name."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _is_part_of_a_control(widget):
            continue
        if not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if not spoken_name(widget):
            found.append(describe(widget))
    return found


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not _unchecked_in_a_group(w)
    ]


def _exclusive_group(widget: QWidget) -> object | None:
    """Tab enters a group of exclusive buttons (radio buttons, the interview's steps) on the
    chosen one; the arrows move within it. The group, for such a button."""
    if not isinstance(widget, QAbstractButton) or not widget.isCheckable():
        return None
    group = widget.group()
    if group is not None and group.exclusive():
        return group
    return widget.parentWidget() if widget.autoExclusive() else None


def _unchecked_in_a_group(widget: QWidget) -> bool:
    return _exclusive_group(widget) is not None and not widget.isChecked()  # type: ignore[attr-defined]


def _sections(widget: QWidget) -> int:
    return widget.sectionCount() if isinstance(widget, QDateTimeEdit) else 1


def _leaving_key(widget: QWidget) -> tuple[Qt.Key, Qt.KeyboardModifier]:
    """Tab; Ctrl+Tab out of a control that keeps Tab for itself and says so to the screen
    reader (an editable table's cells, long text)."""
    if "Ctrl+Tab" in widget.accessibleDescription():
        return Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
    return Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier


def _press(key: Qt.Key, modifier: Qt.KeyboardModifier) -> QWidget | None:
    focused = QApplication.focusWidget()
    if focused is None:
        return None
    QTest.keyClick(focused, key, modifier)
    QApplication.processEvents()
    return QApplication.focusWidget()


def focus_problems(root: QWidget, first: QWidget | None = None) -> list[str]:
    """A focus trap under ``root`` (a shown, active window or a page of one): Tab from the
    first control must reach every control and come back; Shift+Tab must go back."""
    candidates = _focusable(root)
    if not candidates:
        return []
    start = first or candidates[0]
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    if QApplication.focusWidget() is not start:
        return [f"{describe(start)} does not take the focus"]
    ring: list[QWidget] = [start]
    problems: list[str] = []
    stays = 0
    for _ in range(len(candidates) * 8 + 100):
        reached = _press(*_leaving_key(ring[-1]))
        if reached is None:
            return [f"Tab after {describe(ring[-1])} leaves the focus nowhere"]
        if reached is start:
            break
        if reached is ring[-1]:
            stays += 1
            if stays < _sections(reached):
                continue  # a date's day, month, year: Tab walks them, then leaves
            return [f"Tab sticks on {describe(reached)} (a focus trap)"]
        stays = 0
        ring.append(reached)
    else:
        return [f"Tab never comes back to {describe(start)}: {len(ring)} stops"]
    within = [w for w in ring if w is root or root.isAncestorOf(w)]
    groups = {id(_exclusive_group(w)) for w in ring if _exclusive_group(w) is not None}
    missed = [describe(w) for w in candidates if w not in ring]
    missed += [
        describe(w)
        for w in root.findChildren(QAbstractButton)
        if _unchecked_in_a_group(w)
        and w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and id(_exclusive_group(w)) not in groups
    ][:1]  # a group Tab never enters (none of its buttons chosen: Tab lands on the first)
    if missed and len(within) == len(ring):
        problems += [f"Tab never reaches {name}" for name in missed]
    back = [start]
    stays = 0
    for _ in range(len(ring) * 4 + 50):
        reached = _press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        if reached is not None and reached is back[-1] and stays + 1 < _sections(reached):
            stays += 1
            continue
        stays = 0
        if reached is None or reached is back[-1]:
            problems.append(f"Shift+Tab sticks on {describe(back[-1])}")
            break
        back.append(reached)
        if reached is start:
            break
    if back[-1] is not start:
        problems.append("Shift+Tab does not come back to the first control")
    elif back[1:-1] != list(reversed(ring[1:])):
        problems.append("Shift+Tab does not walk the ring of Tab backwards")
    return problems


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(foreground: QColor | str, background: QColor | str) -> float:
    light, dark = sorted(
        (luminance(QColor(foreground)), luminance(QColor(background))), reverse=True
    )
    return (light + 0.05) / (dark + 0.05)


def palette_contrast_problems(palette: QPalette, threshold: float) -> list[str]:
    found = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for name, text, background in PALETTE_PAIRS:
            ratio = contrast(palette.color(group, text), palette.color(group, background))
            if ratio < threshold:
                found.append(f"{group.name} {name}: {ratio:.2f}:1")
    return found
