"""The signature pad: mouse, pen and finger make the same strokes, drawn where they were made."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QInputDevice,
    QKeySequence,
    QMouseEvent,
    QPointingDevice,
    QTabletEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spie_desktop.domain.plan import SignerRole
from spie_desktop.domain.strokes import _segment_distance
from spie_desktop.ui.signature_pad import SignatureBox, SignaturePad

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def pad(qtbot: QtBot) -> Iterator[SignaturePad]:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(608, 208)  # a 600 x 200 signing area at (4, 4)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def wave(x0: int, x1: int, y: int, amplitude: int = 30, step: int = 4) -> list[QPoint]:
    points = []
    for x in range(x0, x1 + 1, step):
        phase = ((x - x0) // 40) % 2
        offset = (x - x0) % 40
        dy = offset if phase == 0 else 40 - offset
        points.append(QPoint(x, y - amplitude // 2 + dy * amplitude // 40))
    return points


def mouse_stroke(widget: SignaturePad, points: Sequence[QPoint]) -> None:
    """Press, drag with the button held (QTest's move carries no buttons offscreen), release."""
    QTest.mousePress(widget, LEFT, NO_MOD, points[0])
    for point in points[1:]:
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(point),
            widget.mapToGlobal(QPointF(point)),
            Qt.MouseButton.NoButton,
            LEFT,
            NO_MOD,
        )
        QApplication.sendEvent(widget, move)
    QTest.mouseRelease(widget, LEFT, NO_MOD, points[-1])


def touch_stroke(widget: SignaturePad, points: Sequence[QPoint]) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(widget, device).press(0, points[0], widget).commit()
    for point in points[1:]:
        QTest.touchEvent(widget, device).move(0, point, widget).commit()
    QTest.touchEvent(widget, device).release(0, points[-1], widget).commit()


PEN = QPointingDevice(
    "test pen",
    4242,
    QInputDevice.DeviceType.Stylus,
    QPointingDevice.PointerType.Pen,
    QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
    1,
    2,
)


def tablet(widget: SignaturePad, kind: QEvent.Type, point: QPoint, pressed: bool) -> None:
    button = (
        LEFT
        if kind in (QEvent.Type.TabletPress, QEvent.Type.TabletRelease)
        else Qt.MouseButton.NoButton
    )
    buttons = LEFT if pressed else Qt.MouseButton.NoButton
    event = QTabletEvent(
        kind,
        PEN,
        QPointF(point),
        widget.mapToGlobal(QPointF(point)),
        0.6 if pressed else 0.0,
        0,
        0,
        0,
        0,
        0,
        NO_MOD,
        button,
        buttons,
    )
    QApplication.sendEvent(widget, event)


def pen_stroke(widget: SignaturePad, points: Sequence[QPoint]) -> None:
    tablet(widget, QEvent.Type.TabletPress, points[0], True)
    for point in points[1:]:
        tablet(widget, QEvent.Type.TabletMove, point, True)
    tablet(widget, QEvent.Type.TabletRelease, points[-1], False)


def box_point(pad: SignaturePad, point: QPoint) -> tuple[float, float]:
    return pad.to_box(QPointF(point))


def follows(
    pad: SignaturePad, stroke: Sequence[tuple[float, float]], drawn: Sequence[QPoint]
) -> bool:
    """Every drawn point lies near the stored polyline, and the ends match."""
    expected = [box_point(pad, p) for p in drawn]
    near = all(
        min(_segment_distance(e, a, b) for a, b in zip(stroke, stroke[1:], strict=False)) < 0.01
        for e in expected
    )
    ends = stroke[0] == pytest.approx(expected[0], abs=1e-4) and stroke[-1] == pytest.approx(
        expected[-1], abs=1e-4
    )
    return near and ends


def is_ink(colour: QColor) -> bool:
    """The pad's navy ink, antialiased on white (not the grey hint nor the focus blue)."""
    red, green, blue = colour.red(), colour.green(), colour.blue()
    return blue - red > 40 and red < 150 and abs(green - red) < 30


def ink_near(image: QImage, point: QPointF, radius: int = 2) -> bool:
    return any(
        is_ink(image.pixelColor(int(point.x()) + dx, int(point.y()) + dy))
        for dx in range(-radius, radius + 1)
        for dy in range(-radius, radius + 1)
    )


def ink_count(image: QImage) -> int:
    return sum(
        is_ink(image.pixelColor(x, y))
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


FIRST = wave(40, 300, 100)
SECOND = [QPoint(350 + 4 * i, 170 - 3 * i) for i in range(40)]


def test_mouse_strokes_are_stored_in_the_box_and_follow_the_path(
    qtbot: QtBot, pad: SignaturePad
) -> None:
    with qtbot.waitSignals([pad.changed, pad.changed]):
        mouse_stroke(pad, FIRST)
        mouse_stroke(pad, SECOND)
    strokes = pad.strokes()
    assert len(strokes) == 2
    assert all(0 <= v <= 1 for stroke in strokes for point in stroke for v in point)
    assert follows(pad, strokes[0], FIRST) and follows(pad, strokes[1], SECOND)
    assert 2 <= len(strokes[1]) < len(SECOND)  # a straight line is stored as few points
    assert pad.is_meaningful()


def test_undo_then_clear(qtbot: QtBot, pad: SignaturePad) -> None:
    mouse_stroke(pad, FIRST)
    mouse_stroke(pad, SECOND)
    first = pad.strokes()[0]
    with qtbot.waitSignal(pad.changed):
        pad.undo()
    assert pad.strokes() == [first]
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.strokes() == [] and pad.is_empty() and not pad.is_meaningful()
    with qtbot.assertNotEmitted(pad.changed):
        pad.undo()
        pad.clear()


def test_keyboard_undo_and_clear_when_focused(qtbot: QtBot, pad: SignaturePad) -> None:
    assert pad.focusPolicy() == Qt.FocusPolicy.StrongFocus
    mouse_stroke(pad, FIRST)
    mouse_stroke(pad, SECOND)
    pad.setFocus()
    sequence = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    QTest.keyClick(pad, sequence.key(), sequence.keyboardModifiers())
    assert len(pad.strokes()) == 1
    QTest.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.is_empty()
    mouse_stroke(pad, FIRST)
    QTest.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.is_empty()


def test_a_single_click_is_a_dot_not_a_signature(pad: SignaturePad) -> None:
    QTest.mouseClick(pad, LEFT, NO_MOD, QPoint(300, 100))
    assert len(pad.strokes()) == 1 and len(pad.strokes()[0]) == 1
    assert not pad.is_empty()
    assert not pad.is_meaningful()


def test_a_stored_signature_is_really_drawn(pad: SignaturePad) -> None:
    blank = pad.grab().toImage()
    assert ink_count(blank) == 0
    pad.set_strokes([[(0.1, 0.2), (0.9, 0.2)], [(0.5, 0.5), (0.5, 0.9)]])
    image = pad.grab().toImage()
    for point in [(0.1, 0.2), (0.5, 0.2), (0.9, 0.2), (0.5, 0.5), (0.5, 0.7), (0.5, 0.9)]:
        assert ink_near(image, pad.to_widget(point)), point
    for point in [(0.3, 0.6), (0.8, 0.8), (0.1, 0.9)]:
        assert not ink_near(image, pad.to_widget(point), radius=4), point


def test_strokes_are_drawn_as_curves_not_polylines(pad: SignaturePad) -> None:
    corner = (0.5, 0.8)
    pad.set_strokes([[(0.1, 0.2), corner, (0.9, 0.2)]])
    image = pad.grab().toImage()
    assert ink_near(image, pad.to_widget((0.1, 0.2)))
    assert ink_near(image, pad.to_widget((0.9, 0.2)))
    assert not ink_near(image, pad.to_widget(corner), radius=3)  # the curve rounds the corner


def test_resizing_keeps_the_signature_in_place(qtbot: QtBot, pad: SignaturePad) -> None:
    mouse_stroke(pad, FIRST)
    before = pad.strokes()
    with qtbot.assertNotEmitted(pad.changed):
        pad.resize(900, 500)  # wider and much taller: the 3:1 area is letterboxed
        qtbot.wait(1)
    assert pad.strokes() == before
    rect = pad.signing_rect()
    assert rect.width() == pytest.approx(3 * rect.height())
    image = pad.grab().toImage()
    stroke = before[0]
    # The smooth path goes through both ends and through the middle of every segment.
    on_path = [stroke[0], stroke[-1]] + [
        ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        for a, b in zip(stroke[1:], stroke[2:-1], strict=False)
    ]
    assert all(ink_near(image, pad.to_widget(point)) for point in on_path)


def test_read_only_shows_the_signature_and_ignores_input(qtbot: QtBot, pad: SignaturePad) -> None:
    pad.set_strokes([[(0.1, 0.5), (0.9, 0.5)]], read_only=True)
    stored = pad.strokes()
    assert pad.read_only
    with qtbot.assertNotEmitted(pad.changed):
        mouse_stroke(pad, SECOND)
        touch_stroke(pad, SECOND)
        pen_stroke(pad, SECOND)
        pad.setFocus()
        QTest.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.strokes() == stored
    assert ink_near(pad.grab().toImage(), pad.to_widget((0.5, 0.5)))
    pad.read_only = False
    mouse_stroke(pad, SECOND)
    assert len(pad.strokes()) == 2


def test_a_disabled_pad_takes_no_ink(pad: SignaturePad) -> None:
    pad.setEnabled(False)
    mouse_stroke(pad, FIRST)
    touch_stroke(pad, FIRST)
    pen_stroke(pad, FIRST)
    assert pad.is_empty()


def test_a_finger_draws_a_stroke(qtbot: QtBot, pad: SignaturePad) -> None:
    with qtbot.waitSignal(pad.changed):
        touch_stroke(pad, FIRST)
    (stroke,) = pad.strokes()
    assert follows(pad, stroke, FIRST)


def test_a_pen_draws_a_stroke_and_hovering_does_not(qtbot: QtBot, pad: SignaturePad) -> None:
    for point in SECOND:  # hovering: moves without a press
        tablet(pad, QEvent.Type.TabletMove, point, False)
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        pen_stroke(pad, FIRST)
    (stroke,) = pad.strokes()
    assert follows(pad, stroke, FIRST)


def test_mouse_pen_and_finger_make_the_same_stroke(pad: SignaturePad) -> None:
    results = []
    for draw in (mouse_stroke, touch_stroke, pen_stroke):
        pad.clear()
        draw(pad, FIRST)
        results.append(pad.strokes())
    assert results[0] == results[1] == results[2]


def test_the_pad_describes_itself(pad: SignaturePad) -> None:
    assert pad.accessibleName()
    assert "Ctrl+Z" in pad.accessibleDescription()
    assert "Aucune signature" in pad.accessibleDescription()
    mouse_stroke(pad, FIRST)
    assert "1 trait" in pad.accessibleDescription()


def test_the_focus_frame_is_drawn(qtbot: QtBot, pad: SignaturePad) -> None:
    def frame_pixel() -> QColor:
        rect = pad.signing_rect()
        return pad.grab().toImage().pixelColor(int(rect.center().x()), int(rect.top()) - 2)

    pad.clearFocus()
    unfocused = frame_pixel()
    pad.activateWindow()
    pad.setFocus()
    qtbot.waitUntil(pad.hasFocus)
    assert frame_pixel() != unfocused


def test_signature_box_labels_and_tools(qtbot: QtBot) -> None:
    box = SignatureBox(SignerRole.SOCIAL, "Nadia B.")
    qtbot.addWidget(box)
    box.resize(640, 300)
    box.show()
    qtbot.waitExposed(box)
    assert box.title.text() == "Conseiller·ère — volet social"
    assert box.name.text() == "Nadia B."
    assert "volet social" in box.pad.accessibleName()
    assert box.clear_button.shortcut() == QKeySequence("Alt+E")
    assert box.undo_button.shortcut() == QKeySequence("Alt+A")
    assert not box.clear_button.isEnabled() and not box.undo_button.isEnabled()

    mouse_stroke(box.pad, FIRST)
    mouse_stroke(box.pad, SECOND)
    assert box.undo_button.isEnabled() and box.clear_button.isEnabled()
    qtbot.mouseClick(box.undo_button, LEFT)
    assert len(box.pad.strokes()) == 1
    qtbot.mouseClick(box.clear_button, LEFT)
    assert box.pad.is_empty()
    assert not box.clear_button.isEnabled()

    mouse_stroke(box.pad, FIRST)
    box.set_read_only(True)
    assert not box.clear_button.isEnabled() and not box.undo_button.isEnabled()


@pytest.mark.parametrize(
    ("role", "title"),
    [
        (SignerRole.PERSON, "Signature de la personne accompagnée"),
        (SignerRole.EMPLOI, "Conseiller·ère — volet professionnel"),
    ],
)
def test_each_role_has_its_title(qtbot: QtBot, role: SignerRole, title: str) -> None:
    box = SignatureBox(role)
    qtbot.addWidget(box)
    assert box.title.text() == title
    assert box.name.text() == "—"
