"""The suggestions beside the plan editor: per theme, why it is there, its objectives, each with
"Ajouter" (or "déjà dans le plan"). Layout only; :class:`SuggestionsModel` reads and adds."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.plan_suggestions import SuggestedObjective, ThemeSuggestions

from ..feedback import InlineMessage
from ..i18n import tr
from ..theme import current
from .emphasis import bold
from .suggestions_model import SuggestionsModel


class SuggestionRow(QWidget):
    """One suggested objective: its label, and the button that takes it up."""

    add_requested = Signal(str, str)  # theme, label

    def __init__(self, suggestion: SuggestedObjective, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestion = suggestion
        self.label = QLabel(suggestion.label, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(tr("Ajouter"), self)
        self.button.setAutoDefault(False)
        self.button.setAccessibleName(
            tr("Ajouter l'objectif « {label} » au plan", label=suggestion.label)
        )
        self.mark = QLabel(tr("✓ déjà dans le plan"), self)
        palette = self.mark.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(current().success))
        self.mark.setPalette(palette)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.label)
        text.addWidget(self.mark)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 0, 0, 0)
        row.addLayout(text, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.button.clicked.connect(
            lambda: self.add_requested.emit(suggestion.theme, suggestion.label)
        )
        self.set_in_plan(suggestion.in_plan)

    def set_in_plan(self, in_plan: bool) -> None:
        """Already in the plan: said under the label, and no button to add it again."""
        self.in_plan = in_plan
        self.button.setEnabled(not in_plan)
        self.button.setVisible(not in_plan)
        self.mark.setVisible(in_plan)


class SuggestionsPanel(QWidget):
    """The suggestions of the diagnostic, offered one by one; nothing is added by itself."""

    added = Signal()  # one suggestion was taken up

    def __init__(self, model: SuggestionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.rows: list[SuggestionRow] = []
        self._shape: tuple[object, ...] | None = None
        heading = QLabel(tr("Objectifs suggérés par le diagnostic"), self)
        bold(heading)
        intro = QLabel(
            tr(
                "Les priorités d'abord, puis les freins : ajoutez ceux que vous retenez avec "
                "la personne."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.message = InlineMessage(self)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.host = QWidget(self)
        self.host_layout = QVBoxLayout(self.host)
        self.host_layout.setContentsMargins(0, 0, 0, 0)
        column = QWidget(self)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 4, 0)
        column_layout.addWidget(self.empty_label)
        column_layout.addWidget(self.host)
        column_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stops on its controls only
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(column)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        model.changed.connect(self.rebuild)
        model.failed.connect(self.message.show_message)
        self.rebuild()

    def rebuild(self) -> None:
        """Show the model's suggestions; when only their marks changed (an objective taken
        up or renamed), update the buttons in place so that focus stays where it is."""
        groups = self.model.groups()
        shape = tuple((g.theme, g.reason, tuple(o.label for o in g.objectives)) for g in groups)
        if shape != self._shape:
            self._shape = shape
            self._build(groups)
        marks = [o.in_plan for g in groups for o in g.objectives]
        for row, in_plan in zip(self.rows, marks, strict=True):
            if row.in_plan != in_plan:
                row.set_in_plan(in_plan)
        if self.model.loading:
            self.empty_label.setText(tr("Lecture du diagnostic…"))
        else:
            self.empty_label.setText(tr("Le diagnostic ne suggère aucun objectif."))
        self.empty_label.setVisible(not groups)

    def _build(self, groups: tuple[ThemeSuggestions, ...]) -> None:
        while self.host_layout.count():
            item = self.host_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.rows = []
        for group in groups:
            self.host_layout.addWidget(self._group(group))

    def _group(self, group: ThemeSuggestions) -> QWidget:
        box = QWidget(self.host)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 2)
        title = QLabel(group.theme_label, box)
        title.setWordWrap(True)
        bold(title)
        layout.addWidget(title)
        if group.reason:
            reason = QLabel(group.reason, box)
            reason.setWordWrap(True)
            palette = reason.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(current().note))
            reason.setPalette(palette)
            layout.addWidget(reason)
        for suggestion in group.objectives:
            row = SuggestionRow(suggestion, box)
            row.add_requested.connect(self.add)
            layout.addWidget(row)
            self.rows.append(row)
        if self.host.isVisible():
            box.show()
        return box

    def add(self, theme: str, label: str) -> str:
        """Take up one suggestion; its refusal, if any, is shown above the list."""
        refused = self.model.add(theme, label)
        self.message.show_message(refused)
        if not refused:
            self.added.emit()
        return refused

    def row(self, label: str) -> SuggestionRow:
        return next(r for r in self.rows if r.suggestion.label == label)
