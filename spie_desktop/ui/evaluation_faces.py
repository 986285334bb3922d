"""The pictogram scale of the person's evaluation: four faces drawn with QPainter, from a
frown (1, « Pas du tout ») to a broad smile (4, « Tout à fait »), each a large button with
its word and its key under it. The mouth carries the meaning, so it reads without colour."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QSizePolicy, QWidget

from .theme import current

#: How far the corners of the mouth rise (a share of the face's radius): < 0 is a frown.
MOUTH_CURVE = {1: -0.32, 2: -0.12, 3: 0.14, 4: 0.34}
PADDING = 24  # px around the word inside the card


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
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def word_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 1.5, 13))
        font.setBold(True)
        return font

    def _words_size(self) -> QSize:
        """What the word and its key need, in the font they are drawn in (large text grows it)."""
        metrics = QFontMetrics(self.word_font())
        lines = (self.word, f"({self.value})")
        wide = max(metrics.horizontalAdvance(line) for line in lines)
        return QSize(wide + 2 * PADDING, 2 * metrics.lineSpacing() + PADDING)

    def sizeHint(self) -> QSize:  # noqa: N802
        words = self._words_size()
        return QSize(max(220, words.width()), max(260, words.height() + 180))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        words = self._words_size()
        return QSize(words.width(), words.height() + 2 * PADDING)

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
        face_box, words = self._face_and_words(frame)
        radius = min(face_box.width(), face_box.height()) / 2
        self._draw_face(painter, face_box.center(), radius)
        painter.setFont(self.word_font())
        painter.setPen(QColor(colours.window_text))
        painter.drawText(words, Qt.AlignmentFlag.AlignCenter, f"{self.word}\n({self.value})")

    def _face_and_words(self, frame: QRectF) -> tuple[QRectF, QRectF]:
        """The face above its word on a tall card; on a wide, low card (the faces two by two
        when the screen is narrow or the text large) the face beside its word."""
        need = self._words_size()
        text_height = max(frame.height() * 0.28, float(need.height()))
        if frame.height() - text_height >= 0.4 * frame.width() or frame.width() < 2 * need.width():
            face_box = frame.adjusted(12, 12, -12, -text_height)
            return face_box, QRectF(
                frame.left(), frame.bottom() - text_height, frame.width(), text_height
            )
        side = frame.height() - 24
        face_box = QRectF(frame.left() + 12, frame.top() + 12, side, side)
        if self.isRightToLeft():
            face_box.moveRight(frame.right() - 12)
            words = QRectF(frame.left(), frame.top(), frame.width() - side - 24, frame.height())
        else:
            words = QRectF(
                face_box.right(), frame.top(), frame.right() - face_box.right(), frame.height()
            )
        return face_box, words

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


class FaceGrid(QWidget):
    """The four faces in a row, or two by two when a row of them does not fit the width
    (a narrow window, text at 200 %): the reading order stays 1-2 / 3-4, and Tab follows it."""

    SPACING = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setSpacing(self.SPACING)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.faces: list[FaceButton] = []
        self.columns = 0

    def place(self, faces: list[FaceButton]) -> None:
        self.faces = faces
        self._arrange(len(faces))

    def _row_width(self) -> int:
        wide = sum(face.sizeHint().width() for face in self.faces)
        return wide + self.SPACING * (len(self.faces) - 1)

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for face in self.faces:
            self.grid.removeWidget(face)
        for index, face in enumerate(self.faces):
            self.grid.addWidget(face, index // columns, index % columns)
        for column in range(len(self.faces)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.faces:
            fits = self._row_width() <= event.size().width()
            self._arrange(len(self.faces) if fits else 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        if not self.faces:
            return super().minimumSizeHint()
        face = self.faces[0].minimumSizeHint()
        widest = max(f.sizeHint().width() for f in self.faces)
        return QSize(2 * widest + self.SPACING, 2 * face.height() + self.SPACING)
