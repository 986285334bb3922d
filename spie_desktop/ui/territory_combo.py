"""Choose a territory by typing part of its name or its code: "Métropole de Lyon (69M)".

The list is grouped by kind, the SPIE territories first, under headings that cannot be
chosen. Typing filters it with the domain's French search (accents and case ignored, former
codes such as 973 found too).
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.people import fold_name
from spie_desktop.domain.territory import (
    TERRITORIES,
    choice_groups,
    search_territories,
    territory_by_code,
)

from .i18n import tr_said


class TerritoryCombo(QComboBox):
    """An editable, searchable list of every territory (label "Name (code)")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._items = QStandardItemModel(self)
        for group in choice_groups():
            heading = QStandardItem(tr_said(group.title))
            heading.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: shown, never chosen
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self._items.appendRow(heading)
            for territory in group.territories:
                item = QStandardItem(territory.label)
                item.setData(territory.code, Qt.ItemDataRole.UserRole)
                self._items.appendRow(item)
        self.setModel(self._items)
        self._matches = QStringListModel(self)
        completer = QCompleter(self._matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        line = self.lineEdit()
        if line is not None:
            line.textEdited.connect(self._search)
        self.setCurrentIndex(-1)  # none chosen: the first of the list is no default

    def _search(self, text: str) -> None:
        """Offer the territories the typed text names, SPIE ones first."""
        self._matches.setStringList([t.label for t in search_territories(text)])
        completer = self.completer()
        if completer is not None and text.strip():
            completer.complete()

    def select_code(self, code: str) -> None:
        """Show the territory with this code (or former code); an unknown or empty one shows
        none."""
        if not code:
            self.setCurrentIndex(-1)
            return
        try:
            canonical = territory_by_code(code).code
        except SpieError:
            self.setCurrentIndex(-1)
            return
        self.setCurrentIndex(self.findData(canonical))

    def selected_code(self) -> str | None:
        """The code of the territory named in the box, or ``None`` if the text names none:
        its label, name or code (former ones too), or a search only one territory answers."""
        typed = self.currentText().strip()
        if not typed:
            return None
        folded = fold_name(typed)
        for territory in TERRITORIES.values():
            if folded in (fold_name(territory.label), fold_name(territory.name)):
                return territory.code
        try:
            return territory_by_code(typed).code
        except SpieError:
            pass
        hits = search_territories(typed)
        return hits[0].code if len(hits) == 1 else None
