"""The wheel scrolls the page over a drop-down, a spin box, a date or a slider; it changes
the value only of the control that has focus."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spie_desktop.ui.wheel_guard import WheelGuard, install_wheel_guard

DOWN = QPoint(0, -120)  # one notch towards the person: scrolls the page down


def _page(qtbot: QtBot, control: QWidget) -> QScrollArea:
    """A tall page in a scroll area, ``control`` in it under the pointer."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addSpacing(100)
    layout.addWidget(control)
    layout.addSpacing(2000)
    area = QScrollArea()
    area.setWidget(page)
    area.resize(400, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area


def _wheel(widget: QWidget, delta: QPoint = DOWN) -> None:
    inside = QPointF(widget.rect().center())
    event = QWheelEvent(
        inside,
        QPointF(widget.mapToGlobal(inside)),
        QPoint(0, 0),
        delta,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.addItems(["Accéder à un logement", "Accéder à un véhicule", "Trouver un emploi"])
    combo.setCurrentIndex(1)
    return combo


def test_the_wheel_over_an_unfocused_combo_scrolls_the_page(qtbot: QtBot) -> None:
    combo = _combo()
    area = _page(qtbot, combo)
    bar = area.verticalScrollBar()
    assert bar.value() == 0 and not combo.hasFocus()
    _wheel(combo)
    assert combo.currentIndex() == 1
    assert bar.value() > 0


def test_the_wheel_changes_the_combo_that_has_focus(qtbot: QtBot) -> None:
    combo = _combo()
    area = _page(qtbot, combo)
    area.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentIndex() == 2
    assert area.verticalScrollBar().value() == 0


@pytest.mark.parametrize(
    ("make", "value"),
    [
        (lambda: QSpinBox(), lambda w: w.value()),
        (lambda: QDateEdit(), lambda w: w.date()),
        (lambda: QSlider(Qt.Orientation.Horizontal), lambda w: w.value()),
    ],
    ids=["spin box", "date", "slider"],
)
def test_spin_boxes_dates_and_sliders_are_guarded_too(
    qtbot: QtBot, make: Callable[[], QWidget], value: Callable[[QWidget], object]
) -> None:
    control = make()
    if isinstance(control, QSpinBox | QSlider):
        control.setRange(0, 100)
        control.setValue(50)
    area = _page(qtbot, control)
    before = value(control)
    _wheel(control)
    assert value(control) == before
    assert area.verticalScrollBar().value() > 0


def test_controls_no_longer_take_focus_from_the_wheel(qtbot: QtBot) -> None:
    """Qt focuses a wheel-focus control before any filter sees a real wheel event."""
    combo, spin = _combo(), QSpinBox()
    assert combo.focusPolicy() == Qt.FocusPolicy.WheelFocus  # Qt's default
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.addWidget(combo)
    layout.addWidget(spin)
    area = _page(qtbot, holder)
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert area.isVisible()


def test_the_guard_is_installed_once() -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = install_wheel_guard(app)
    assert install_wheel_guard(app) is guard
    assert len(app.findChildren(WheelGuard)) == 1
