"""Per-record sync badges for lists: pending, sent, error, conflict — asked for lazily.

A list asks :meth:`SyncBadges.badge` for the rows it paints; unknown ids are gathered and
read in one go on the database lane (``services.sync_status.badges_for``: indexed queries),
then :attr:`updated` tells the list to repaint. 10,000 people cost only the visible rows.
Any write (a sync, an edit) forgets the cache; the painted rows ask again.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QLabel, QWidget

from spie_desktop.services.changes import INTERVIEW_ONLY, Changes
from spie_desktop.services.sync_status import BADGE_FR, Badge, badges_for

from ..i18n import tr
from ..theme import current

if TYPE_CHECKING:
    from ..window_context import WindowContext

BATCH = 500  # ids per lane job: well under SQLite's variable limit


def badge_colour(badge: Badge) -> str:
    """The badge's shape in the current theme (3:1 at least on the window)."""
    return str(getattr(current(), f"badge_{badge.name.lower()}"))


def badge_icon(badge: Badge) -> QIcon:
    """A shape per state, coloured: read without the colour too (a ring: on this device
    only; a half disc: pending; a disc: sent; a triangle: error; a diamond: conflict)."""
    return _icon(badge, badge_colour(badge))


@lru_cache(maxsize=16)
def _icon(badge: Badge, name: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(name)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    if badge is Badge.LOCAL:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, 2))
        painter.drawEllipse(2, 2, 8, 8)
    elif badge is Badge.PENDING:
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(1, 1, 10, 10)
        painter.setBrush(colour)
        painter.drawPie(1, 1, 10, 10, 90 * 16, 180 * 16)
    elif badge is Badge.ERROR:
        painter.drawPolygon(QPolygonF([QPointF(6, 0.5), QPointF(11.5, 11), QPointF(0.5, 11)]))
    elif badge is Badge.CONFLICT:
        painter.drawPolygon(
            QPolygonF([QPointF(6, 0.5), QPointF(11.5, 6), QPointF(6, 11.5), QPointF(0.5, 6)])
        )
    else:
        painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


def badge_text_colour(badge: Badge) -> str:
    """The words beside the shape: 4.5:1 at least on the window (7:1 in high contrast)."""
    return str(getattr(current(), f"badge_{badge.name.lower()}_text"))


def badge_text(badge: Badge) -> str:
    return tr(BADGE_FR[badge])


class SyncBadges(QObject):
    updated = Signal()

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.known: dict[uuid.UUID, Badge] = {}
        self._wanted: set[uuid.UUID] = set()
        self._asked: set[uuid.UUID] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._read)
        context.changed.connect(self._on_changed)
        context.locked.connect(self.forget)

    def badge(self, record_id: uuid.UUID) -> Badge | None:
        """The badge if known; otherwise ``None`` now, and it is read soon."""
        found = self.known.get(record_id)
        if found is None and record_id not in self._asked:
            self._wanted.add(record_id)
            self._timer.start()
        return found

    def _on_changed(self, announced: Changes) -> None:
        # A write may change a record's state; answers typed change no person's (each
        # answer is its own record), and must not cost a re-read at every keystroke.
        if not announced <= INTERVIEW_ONLY:
            self.forget()

    def forget(self) -> None:
        self.known.clear()
        self._asked.clear()
        self.updated.emit()

    def _read(self) -> None:
        ids = list(self._wanted)[:BATCH]
        self._wanted.difference_update(ids)
        if not ids:
            return
        if self.context.query(lambda s: badges_for(s, ids), self._on_read, self._on_error):
            self._asked.update(ids)
        if self._wanted:
            self._timer.start()

    def _on_read(self, badges: dict[uuid.UUID, Badge]) -> None:
        self.known.update(badges)
        self._asked.difference_update(badges)
        self.updated.emit()

    def _on_error(self, _message: str, _exc: BaseException) -> None:
        # Not asked again until the next write: a lost store must not turn repaints into a
        # loop of failing reads (the window's banner already says what happened).
        return


class SyncBadgeLabel(QLabel):
    """One record's badge (a person's file): a dot and its words, kept up to date."""

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badges = SyncBadges(context, self)
        self.record_id: uuid.UUID | None = None
        self.badges.updated.connect(self._render)

    def show_for(self, record_id: uuid.UUID | None) -> None:
        self.record_id = record_id
        self._render()

    def _render(self) -> None:
        badge = self.badges.badge(self.record_id) if self.record_id is not None else None
        self.setText(badge_text(badge) if badge is not None else "")
        self.setToolTip(tr("Synchronisation : {state}", state=self.text()) if badge else "")
        self.setStyleSheet(f"color: {badge_text_colour(badge)};" if badge is not None else "")
        self.setVisible(badge is not None)
