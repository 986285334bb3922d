"""An ordered multiple choice: tick the options, then put the ticked ones in order.

Ticked options stay at the top, in their agreed order, numbered; Alt+Up / Alt+Down (or the
two buttons) move the current one. Space ticks with the keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr

VALUE_ROLE = Qt.ItemDataRole.UserRole


class OrderedChoiceEditor(QWidget):
    changed = Signal(list)  # the ticked values, in order

    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = dict(options)
        self._order = [value for value, _label in options]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Priorités"))
        layout.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.up = QPushButton(tr("▲ Monter"), self)
        self.down = QPushButton(tr("▼ Descendre"), self)
        for button in (self.up, self.down):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Up/Down from the list instead
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.up.clicked.connect(lambda: self.move_current(-1))
        self.down.clicked.connect(lambda: self.move_current(1))
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda s=step: self.move_current(s))
        self._chosen: list[str] = []
        self._rebuild()
        self.list.itemChanged.connect(self._item_changed)

    def values(self) -> list[str]:
        return list(self._chosen)

    def set_values(self, values: list[str]) -> None:
        self._chosen = [v for v in values if v in self._labels]
        self._rebuild()

    def focus_widgets(self) -> list[QWidget]:
        return [self.list]

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if not (0 <= row < len(self._chosen) and 0 <= target < len(self._chosen)):
            return
        self._chosen[row], self._chosen[target] = self._chosen[target], self._chosen[row]
        self._rebuild(current=target)
        self.changed.emit(self.values())

    def _item_changed(self, item: QListWidgetItem) -> None:
        value = item.data(VALUE_ROLE)
        ticked = item.checkState() == Qt.CheckState.Checked
        if ticked and value not in self._chosen:
            self._chosen.append(value)
        elif not ticked and value in self._chosen:
            self._chosen.remove(value)
        else:
            return
        # Rebuilt after the signal returns: the item emitting it must not be deleted under it.
        current = self._chosen.index(value) if ticked else None
        QTimer.singleShot(0, self, lambda: self._rebuild(current=current))
        self.changed.emit(self.values())

    def _rebuild(self, current: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        rest = [v for v in self._order if v not in self._chosen]
        for rank, value in enumerate(self._chosen + rest, start=1):
            chosen = rank <= len(self._chosen)
            text = f"{rank}. {self._labels[value]}" if chosen else self._labels[value]
            item = QListWidgetItem(text, self.list)
            item.setData(VALUE_ROLE, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        if current is not None:
            self.list.setCurrentRow(current)
        self.list.blockSignals(False)
