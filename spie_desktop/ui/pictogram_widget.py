"""A theme's pictogram on screen, drawn by QtSvg in one colour: the text's, so that it keeps
the contrast of the text beside it (black on white, white on black)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from spie_desktop.domain.pictograms import pictogram_svg

from .theme import current


class PictogramWidget(QWidget):
    """The pictogram of ``theme`` (a referential name), ``size`` pixels square."""

    def __init__(
        self, theme: str, accessible_name: str, size: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.theme = theme
        data = pictogram_svg(theme)
        self.renderer = QSvgRenderer(data if data is not None else b"", self)
        self.colour = QColor(current().window_text)
        self.setFixedSize(QSize(size, size))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(accessible_name)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    @property
    def has_picture(self) -> bool:
        return self.renderer.isValid()

    def set_colour(self, colour: QColor) -> None:
        self.colour = QColor(colour)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        if not self.renderer.isValid():
            return
        ratio = self.devicePixelRatioF()
        image = QImage(
            int(self.width() * ratio), int(self.height() * ratio), QImage.Format.Format_ARGB32
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
        # Keep the drawing's shape, take the text's colour.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), self.colour)
        painter.end()
        image.setDevicePixelRatio(ratio)
        widget_painter = QPainter(self)
        widget_painter.drawImage(0, 0, image)
        widget_painter.end()
