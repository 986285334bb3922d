"""The pictogram scale of the person's evaluation: four faces drawn with QPainter, from a
frown (1, « Pas du tout ») to a broad smile (4, « Tout à fait »), each a large button with
its word and its key under it. The mouth carries the meaning, so it reads without colour."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from .theme import current

#: How far the corners of the mouth rise (a share of the face's radius): < 0 is a frown.
MOUTH_CURVE = {1: -0.32, 2: -0.12, 3: 0.14, 4: 0.34}


class FaceButton(QAbstractButton):
    """One answer of the scale: a face, its word, its key."""

    def __init__(self, value: int, word: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = value
        self.word = word
        self.setCheckable(True)
        self.setAccessibleName(word)
        self.setText(word)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(150, 190)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(220, 260)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        # Chosen: a thick solid frame on a tinted card; the keyboard's place: a dashed frame.
        chosen = self.isChecked() or self.isDown()
        colours = current()
        edge = colours.evaluation_chosen if chosen or self.hasFocus() else None
        pen = QPen(QColor(edge or colours.evaluation_button_border), 6 if chosen else 3)
        if self.hasFocus() and not chosen:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        card = colours.evaluation_chosen_background if chosen else colours.evaluation_button
        painter.setBrush(QColor(card))
        painter.drawRoundedRect(frame, 16, 16)
        text_height = frame.height() * 0.28
        face_box = frame.adjusted(12, 12, -12, -text_height)
        radius = min(face_box.width(), face_box.height()) / 2
        centre = face_box.center()
        self._draw_face(painter, centre, radius)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 1.5, 13))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(colours.window_text))
        words = QRectF(frame.left(), frame.bottom() - text_height, frame.width(), text_height)
        painter.drawText(words, Qt.AlignmentFlag.AlignCenter, f"{self.word}\n({self.value})")

    def _draw_face(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        ink = QColor(current().face_ink)
        painter.setPen(QPen(ink, max(radius * 0.07, 2)))
        painter.setBrush(QColor(getattr(current(), f"face_{self.value}")))
        painter.drawEllipse(centre, radius, radius)
        painter.setBrush(ink)
        eye = radius * 0.09
        for side in (-1, 1):
            painter.drawEllipse(
                QPointF(centre.x() + side * radius * 0.35, centre.y() - radius * 0.25), eye, eye
            )
        curve = MOUTH_CURVE[self.value] * radius
        half = radius * 0.42
        base = centre.y() + radius * 0.38 - curve / 2
        mouth = QPainterPath(QPointF(centre.x() - half, base - curve / 2))
        mouth.quadTo(
            QPointF(centre.x(), base + curve * 1.5), QPointF(centre.x() + half, base - curve / 2)
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(mouth)
