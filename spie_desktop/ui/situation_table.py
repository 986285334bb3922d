"""The point de situation's table model: every row, the visible ones, their order.

Filtering and sorting work on the computed rows directly (no proxy model): a filter
keystroke walks precomputed search strings and resets the model once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from .i18n import tr
from .situation_rows import (
    ALERTS,
    COLUMNS,
    NAME,
    WAITING,
    RowKeys,
    SituationFilter,
    alert_tooltip,
    display,
    matching,
    narrows,
    row_keys,
    sort_key,
)
from .theme import current

if TYPE_CHECKING:
    from spie_desktop.services.situation import SituationRow

Index = QModelIndex | QPersistentModelIndex
_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)


class SituationTable(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SituationRow] = []
        self._texts: list[str] = []
        self._shown: list[SituationRow] = []
        #: Indexes into _rows the filter keeps, increasing (a narrower search looks there).
        self._matched: list[int] = []
        self._order_of: list[int] = []  # indexes into _rows of the visible rows, in order
        #: Sort keys per column, aligned on _rows: made on the first sort by that column,
        #: so a keystroke with a sorted column re-sorts without folding names again.
        self._keys: dict[int, list[Any]] = {}
        self._filter = SituationFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- what it holds ------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._rows)

    @property
    def shown(self) -> list[SituationRow]:
        """The visible rows, in the order shown (what the exports write)."""
        return list(self._shown)

    @property
    def filter(self) -> SituationFilter:
        return self._filter

    def set_rows(self, rows: list[SituationRow], keys: RowKeys | None = None) -> None:
        """``keys``: the rows' search strings and name keys, when already made (on the
        lane)."""
        made = keys if keys is not None else row_keys(rows)
        self._rows = rows
        self._texts = made.texts
        self._keys = {NAME: made.names}
        self._refresh()

    def set_filter(self, chosen: SituationFilter) -> None:
        if chosen != self._filter:
            among = self._matched if narrows(self._filter, chosen) else None
            self._filter = chosen
            self._refresh(among)

    def row_at(self, row: int) -> SituationRow | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def _refresh(self, among: list[int] | None = None) -> None:
        self.beginResetModel()
        self._matched = matching(self._rows, self._texts, self._filter, among)
        self._order_of = list(self._matched)
        self._order()
        self.endResetModel()

    def _order(self) -> None:
        if self._sort is not None:
            column, order = self._sort
            keys = self._keys.get(column)
            if keys is None:
                keys = self._keys[column] = list(map(sort_key(column), self._rows))
            self._order_of.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        rows = self._rows
        self._shown = [rows[i] for i in self._order_of]

    # -- Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A repaint asks each cell for some nine roles: those it has no answer for are
        # refused first (about 2,000 calls per repaint of the visible rows).
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self._shown[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:  # a narrow column elides: the whole text
            return alert_tooltip(row) if column == ALERTS and row.alerts else display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == ALERTS and row.alerts:
            return QColor(current().alert)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == WAITING:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._order()
        self.layoutChanged.emit()
