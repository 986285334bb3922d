"""One collapsible theme of a pane: header (label + barrier chip), then, once expanded,
situations, barrier weight, the theme's questions, strengths and notes.

The body is built on first expansion (a pane holds up to eight themes; most stay closed),
and inserted into the focus chain right after the header so Tab goes top to bottom.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from spie_desktop.forms import BarrierWeight
from spie_desktop.forms.schema import Theme

from ..i18n import tr
from .choice_rows import ClickableLabel
from .field_widgets import FieldEditor, LineEditor, RadioEditor, TextEditor, make_editor
from .text_style import make_bold, set_text, set_text_colour
from .weights import SHORT_LABELS, chip_colour, chip_text
from .workspace_model import WorkspaceModel


class ThemeHeader(QToolButton):
    """Flat button: Enter, Return or Space toggles the theme. (No style sheet: it would
    stop presentation mode's larger font from reaching it.)"""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.click()
            return
        super().keyPressEvent(event)


class ThemePanel(QFrame):
    expanded_changed = Signal(str, bool)

    def __init__(self, model: WorkspaceModel, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.theme = theme
        self.editors: dict[str, FieldEditor] = {}
        self.body: QWidget | None = None
        self._expanded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The header button holds the arrow (and the focus); the theme's name beside it wraps
        # in a narrow pane rather than pushing the chip out of sight, and clicks the button.
        row = QHBoxLayout()
        self.header = ThemeHeader(self)
        self.header.setAutoRaise(True)
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        make_bold(self.header)
        self.header.clicked.connect(lambda: self.set_expanded(not self._expanded))
        self.title = ClickableLabel(theme.label, self.header, self)
        make_bold(self.title)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.chip = QLabel(self)
        make_bold(self.chip)
        row.addWidget(self.header, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.title, 1)
        row.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self._layout = layout
        self._level_title()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode
            self._level_title()

    def _level_title(self) -> None:
        """At least the button's height, centred: a one-line name sits level with its arrow."""
        self.title.setMinimumHeight(self.header.sizeHint().height())

    # -- expansion -------------------------------------------------------------------------------

    @property
    def expanded(self) -> bool:
        return self._expanded

    def set_expanded(self, expanded: bool) -> None:
        if expanded and self.body is None:
            self._build_body()
        if self.body is not None:
            self.body.setVisible(expanded)
        changed = expanded != self._expanded
        self._expanded = expanded
        self._update_header()
        if changed:
            self.expanded_changed.emit(self.theme.id, expanded)

    def editor(self, key: str) -> FieldEditor:
        """The editor of a key of this theme, building the body if needed."""
        if self.body is None:
            self._build_body()
            assert self.body is not None
            self.body.setVisible(False)
        return self.editors[key]

    def _build_body(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 0, 4, 8)
        fields = self.model.state.definition.fields
        theme_id = self.theme.id
        keys = [f"{theme_id}.situations"] if self.theme.situations else []
        keys.append(f"{theme_id}.barrier")
        keys += [f"{theme_id}.{q.id}" for q in self.theme.questions]
        keys += [f"{theme_id}.strengths", f"{theme_id}.notes"]
        for key in keys:
            spec = fields.get(key)
            if spec is None:
                continue
            if spec.builtin and spec.question.id == "barrier":
                options = [(w.value, SHORT_LABELS[w]) for w in BarrierWeight]
                editor: FieldEditor = RadioEditor(spec, options, body)
                editor.title.setText(tr("Poids du frein"))
            else:
                editor = make_editor(spec, body)
            editor.set_value(self.model.value_for_editor(key))
            editor.edited.connect(self._edited)
            editor.finished.connect(self._finished)
            editor.set_read_only(self.model.key_read_only(key))
            error = self.model.field_error(key)
            editor.show_error(error.message if error else "")
            layout.addWidget(editor)
            self.editors[key] = editor
        self.body = body
        self._layout.addWidget(body)
        self.refresh_visibility()
        chain = [self.header] + [w for e in self.editors.values() for w in e.focus_widgets()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- answers ---------------------------------------------------------------------------------

    def _edited(self, key: str, value: Any) -> None:
        error = self.model.set_answer(key, value)
        editor = self.editors[key]
        if error is None:
            editor.show_error("")
        elif not isinstance(editor, LineEditor | TextEditor):
            editor.show_error(error.message)  # a text shows its error when editing ends
        if key.endswith(".barrier"):
            self.refresh()

    def _finished(self, key: str) -> None:
        error = self.model.field_error(key)
        self.editors[key].show_error(error.message if error else "")

    def refresh(self) -> None:
        """Chip and header after a change (weight, authors)."""
        raw = self.model.state.value(f"{self.theme.id}.barrier")
        weight = BarrierWeight(raw) if raw else None
        set_text(self.chip, chip_text(weight))
        set_text_colour(self.chip, chip_colour(weight))
        self._update_header()

    def refresh_read_only(self) -> None:
        """After a counsellor joined or must confirm again: their pane's editors follow."""
        for key, editor in self.editors.items():
            editor.set_read_only(self.model.key_read_only(key))

    def refresh_visibility(self) -> None:
        state = self.model.state
        for key, editor in self.editors.items():
            editor.setVisible(state.is_visible(key))

    def _update_header(self) -> None:
        arrow = "▾" if self._expanded else "▸"
        label = self.theme.label + (" " + tr("(sensible)") if self.theme.sensitive else "")
        set_text(self.header, arrow)
        set_text(self.title, label)
        self.header.setAccessibleName(
            tr(
                "{theme}, {state}",
                theme=label,
                state=tr("ouvert") if self._expanded else tr("fermé"),
            )
        )
        authors = self.model.section_author_names(self.theme.id)
        tip = tr("Renseigné par : {names}", names=authors) if authors else ""
        self.header.setToolTip(tip)
        self.title.setToolTip(tip)
