"""The on-screen signature: a pad that takes mouse, pen or finger, and its labelled box.

The pad draws on a white 3:1 area letterboxed inside the widget (the shape the PDF expects,
see ``domain/strokes.py``) and stores points in that box, never pixels: resizing redraws the
same signature in place, and what is saved is what the PDF draws. Mouse, tablet and touch
events all end in the same three calls (``_pen_down`` / ``_pen_move`` / ``_pen_up``); the
stroke rules themselves (decimation, simplification, cap, "is this a signature?") live in
the Qt-free :class:`~spie_desktop.domain.strokes.StrokeRecorder`.

Pen pressure is deliberately ignored: the signature is kept as geometry only, and the PDF
draws it with a constant width, so the screen does too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ..domain.plan import SignerRole
from ..domain.strokes import PAD_ASPECT_RATIO, Point, StrokeRecorder
from .i18n import tr
from .stroke_smoothing import smooth_path
from .theme import SIGNATURE_INK, current

INK = QColor(SIGNATURE_INK)  # the PDF's ink colour: the screen shows what will be printed
MARGIN = 4.0  # px around the signing area, room for the focus frame
BASE_WIDTH = 600.0  # px of signing area at which the pen is BASE_PEN px wide
BASE_PEN = 2.5


class SignaturePad(QWidget):
    """Captures a handwritten signature as strokes in a 0..1 box; emits ``changed``."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recorder = StrokeRecorder()
        self._read_only = False
        self._device: str | None = None  # which kind of pointer owns the stroke in progress
        self._touch_id: int | None = None
        self._ink_cache: QPainterPath | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(240, 80 + 2 * int(MARGIN))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(tr("Zone de signature"))
        self._describe()

    # --- public API -----------------------------------------------------------------

    def strokes(self) -> list[list[tuple[float, float]]]:
        """The finished strokes, points in the 0..1 signing box (y down), 4 decimals."""
        return self._recorder.strokes()

    def set_strokes(
        self, strokes: Iterable[Iterable[Sequence[float]]], *, read_only: bool | None = None
    ) -> None:
        """Show a stored signature; ``read_only`` (if given) also sets whether it can change."""
        self._recorder.set_strokes(strokes)
        self._device = self._touch_id = None
        if read_only is not None:
            self.read_only = read_only
        self._ink_changed()

    def clear(self) -> None:
        if self._recorder.clear():
            self._device = self._touch_id = None
            self._ink_changed()

    def undo(self) -> None:
        """Remove the last stroke (or the one being drawn)."""
        if self._recorder.undo():
            self._device = self._touch_id = None
            self._ink_changed()

    def is_empty(self) -> bool:
        return self._recorder.is_empty()

    def is_meaningful(self) -> bool:
        """Enough ink to stand for a signature: a dot or a tiny scribble is not."""
        return self._recorder.is_meaningful()

    @property
    def read_only(self) -> bool:
        return self._read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        """Read-only shows the signature and takes no input (programmatic calls still work)."""
        if value == self._read_only:
            return
        self._read_only = value
        if value and self._recorder.cancel():
            self._device = self._touch_id = None
        self.setCursor(Qt.CursorShape.ArrowCursor if value else Qt.CursorShape.CrossCursor)
        self._describe()
        self.update()

    def signing_rect(self) -> QRectF:
        """The white 3:1 area, in widget pixels, that the 0..1 box maps onto."""
        width = max(self.width() - 2 * MARGIN, 1.0)
        height = max(self.height() - 2 * MARGIN, 1.0)
        box_w = min(width, height * PAD_ASPECT_RATIO)
        box_h = box_w / PAD_ASPECT_RATIO
        return QRectF(MARGIN + (width - box_w) / 2, MARGIN + (height - box_h) / 2, box_w, box_h)

    def to_box(self, pos: QPointF) -> Point:
        rect = self.signing_rect()
        return ((pos.x() - rect.left()) / rect.width(), (pos.y() - rect.top()) / rect.height())

    def to_widget(self, point: Sequence[float]) -> QPointF:
        rect = self.signing_rect()
        return QPointF(rect.left() + point[0] * rect.width(), rect.top() + point[1] * rect.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(480, 160 + 2 * int(MARGIN))

    # --- input: one path for mouse, pen and touch ---------------------------------------

    def _accepts_input(self) -> bool:
        return self.isEnabled() and not self._read_only

    def _pen_down(self, device: str, pos: QPointF) -> bool:
        if not self._accepts_input() or self._device is not None:
            return False
        self._device = device
        self._recorder.begin(self.to_box(pos))
        self.update()
        return True

    def _pen_move(self, device: str, pos: QPointF) -> bool:
        if self._device != device:
            return False
        if self._recorder.extend(self.to_box(pos)):
            self.update()
        return True

    def _pen_up(self, device: str, pos: QPointF | None) -> bool:
        if self._device != device:
            return False
        self._device = self._touch_id = None
        added = self._recorder.end(self.to_box(pos) if pos is not None else None)
        if added:
            self._ink_changed()
        else:
            self.update()
        return True

    def _pen_cancel(self) -> None:
        self._device = self._touch_id = None
        if self._recorder.cancel():
            self.update()

    # QWidget's own mouse handlers only ignore the event: accepting or not is all they do.
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        left = event.button() == Qt.MouseButton.LeftButton
        event.setAccepted(left and self._pen_down("mouse", event.position()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        held = bool(event.buttons() & Qt.MouseButton.LeftButton)
        event.setAccepted(held and self._pen_move("mouse", event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        left = event.button() == Qt.MouseButton.LeftButton
        event.setAccepted(left and self._pen_up("mouse", event.position()))

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        kind = event.type()
        pos = event.position()
        if kind == QEvent.Type.TabletPress:
            handled = self._pen_down("pen", pos)
        elif kind == QEvent.Type.TabletMove:
            # A hovering pen (no pressure, no button) moves without drawing.
            handled = self._pen_move("pen", pos)
        elif kind == QEvent.Type.TabletRelease:
            handled = self._pen_up("pen", pos)
        else:
            handled = False
        # Accepting stops Qt from synthesising a mouse event for the same pen movement.
        event.setAccepted(handled or not self._accepts_input())

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            self._touch(event)
            return True
        if kind == QEvent.Type.TouchCancel:
            self._pen_cancel()
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        """One finger signs; a second finger is ignored rather than starting a new stroke."""
        points = event.points()
        if self._touch_id is None:
            if event.type() == QEvent.Type.TouchBegin and points:
                first = points[0]
                if self._pen_down("touch", first.position()):
                    self._touch_id = first.id()
            event.setAccepted(self._accepts_input())
            return
        for point in points:
            if point.id() != self._touch_id:
                continue
            if point.state() == point.State.Released or event.type() == QEvent.Type.TouchEnd:
                self._pen_up("touch", point.position())
            else:
                self._pen_move("touch", point.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self._accepts_input():
            if event.matches(QKeySequence.StandardKey.Undo):
                self.undo()
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear()
                event.accept()
                return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.EnabledChange and not self.isEnabled():
            self._pen_cancel()
        super().changeEvent(event)

    # --- drawing ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._ink_cache = None  # same points, new pixels
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = self.signing_rect()
        enabled = self.isEnabled()
        colours = current()
        painter.fillRect(rect, QColor(colours.pad_paper if enabled else colours.pad_disabled_paper))
        painter.setPen(QPen(QColor(colours.pad_border), 1.0))
        painter.drawRect(rect)
        self._paint_baseline(painter, rect)
        if self.is_empty() and not self._recorder.drawing:
            self._paint_hint(painter, rect)
        pen_width = min(max(BASE_PEN * rect.width() / BASE_WIDTH, 1.5), 6.0)
        ink = INK if enabled else QColor(INK).lighter(170)
        pen = QPen(ink, pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._ink_cache is None:
            self._ink_cache = smooth_path(self._recorder.strokes(), self.to_widget)
        painter.drawPath(self._ink_cache)
        if self._recorder.drawing:
            painter.drawPath(smooth_path([self._recorder.current], self.to_widget))
        if self.hasFocus():
            self._paint_focus(painter, rect)
        painter.end()

    def _paint_baseline(self, painter: QPainter, rect: QRectF) -> None:
        y = rect.top() + rect.height() * 0.75
        inset = rect.width() * 0.05
        painter.setPen(QPen(QColor(current().pad_baseline), 1.0))
        painter.drawLine(QPointF(rect.left() + inset, y), QPointF(rect.right() - inset, y))

    def _paint_hint(self, painter: QPainter, rect: QRectF) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.2)
        painter.setFont(font)
        painter.setPen(QColor(current().pad_hint))
        text = tr("Signature enregistrée vide") if self._read_only else tr("Signez ici")
        hint_rect = QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.72)
        painter.drawText(hint_rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_focus(self, painter: QPainter, rect: QRectF) -> None:
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(colour, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(-2, -2, 2, 2))

    def _ink_changed(self) -> None:
        self._ink_cache = None
        self._describe()
        self.update()
        self.changed.emit()

    def _describe(self) -> None:
        if self._read_only:
            state = tr("Signature en lecture seule.")
        elif self.is_empty():
            state = tr("Aucune signature pour l'instant.")
        else:
            state = tr("{count} trait(s) tracé(s).", count=len(self._recorder.strokes()))
        self.setAccessibleDescription(
            tr(
                "Signez avec la souris, un stylet ou le doigt. Ctrl+Z annule le dernier trait, "
                "Suppr efface tout. {state}",
                state=state,
            )
        )


def role_title(role: SignerRole) -> str:
    """The heading above a signer's pad."""
    titles = {
        SignerRole.PERSON: tr("Signature de la personne accompagnée"),
        SignerRole.SOCIAL: tr("Conseiller·ère — volet social"),
        SignerRole.EMPLOI: tr("Conseiller·ère — volet professionnel"),
    }
    return titles[role]


class SignatureBox(QWidget):
    """One signer: role heading, pad, name, and the "Effacer" / "Annuler le dernier trait" tools."""

    def __init__(
        self, role: SignerRole, signer_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.role = role
        self.title = QLabel(role_title(role), self)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.pad = SignaturePad(self)
        self.pad.setAccessibleName(tr("Zone de signature — {role}", role=role_title(role)))
        self.title.setBuddy(self.pad)
        self.name = QLabel(self)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_button = self._tool(tr("&Effacer"), tr("Effacer toute la signature"))
        self.undo_button = self._tool(
            tr("&Annuler le dernier trait"), tr("Retirer le dernier trait tracé")
        )

        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.name, 1)
        tools.addWidget(self.undo_button)
        tools.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.pad, 1)
        layout.addLayout(tools)

        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo)
        self.pad.changed.connect(self._refresh_tools)
        self.set_signer_name(signer_name)
        self._refresh_tools()

    def set_signer_name(self, name: str) -> None:
        self.name.setText(name or "—")

    def set_read_only(self, value: bool) -> None:
        self.pad.read_only = value
        self._refresh_tools()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._refresh_tools()

    def _tool(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)  # the "&" makes the Alt+letter mnemonic
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _refresh_tools(self) -> None:
        editable = not self.pad.read_only and not self.pad.is_empty()
        self.clear_button.setEnabled(editable)
        self.undo_button.setEnabled(editable)
