"""Choose a territory by typing part of its name or its code: "Aveyron (12)"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from spie_desktop.domain.people import fold_name
from spie_desktop.domain.territory import sorted_territories


class TerritoryCombo(QComboBox):
    """An editable, searchable list of every territory (label "Name (code)")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        for territory in sorted_territories():
            self.addItem(territory.label, territory.code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setCurrentIndex(-1)  # none chosen: the first of the list is no default

    def select_code(self, code: str) -> None:
        """Show the territory with this code; an unknown or empty code shows none."""
        self.setCurrentIndex(self.findData(code) if code else -1)

    def selected_code(self) -> str | None:
        """The code of the territory named in the box, or ``None`` if the text names none."""
        typed = fold_name(self.currentText())
        if not typed:
            return None
        for index in range(self.count()):
            code = str(self.itemData(index))
            if typed in (
                fold_name(self.itemText(index)),
                code.lower(),
                fold_name(self.itemText(index).rsplit(" (", 1)[0]),
            ):
                return code
        return None
