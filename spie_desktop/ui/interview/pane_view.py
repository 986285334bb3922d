"""One pane of the diagnostic (volet social | volet professionnel): whose it is, then its
themes in a scroll area."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.organisation import Field
from spie_desktop.forms.schema import Pane

from ..feedback import InlineMessage
from ..i18n import tr
from ..reflow_box import ReflowBox
from .text_style import make_bold, set_text
from .theme_panel import ThemePanel
from .workspace_model import WorkspaceModel


class PaneView(QFrame):
    join_requested = Signal(str)  # field

    def __init__(self, model: WorkspaceModel, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.pane = pane
        self.field = Field(pane.field)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = ReflowBox()  # the title, its progress, the button: one under the other if narrow
        self.title = QLabel(self)
        self.title.setWordWrap(True)  # half a narrow screen: the owner's name goes below
        make_bold(self.title)
        self.progress = QLabel(self)
        self.join_button = QPushButton(tr("Rejoindre ce volet…"), self)
        self.join_button.setToolTip(
            tr(
                "Le ou la conseiller·e de ce volet saisit sa phrase de passe : ses réponses lui sont attribuées."
            )
        )
        self.join_button.clicked.connect(lambda: self.join_requested.emit(self.field.value))
        # Its whole words: the title beside it wraps instead (text at 200 %).
        self.join_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        top.addWidget(self.title, 1)
        top.addWidget(self.progress)
        top.addWidget(self.join_button)
        layout.addLayout(top)
        # A counsellor who joined before a lock: read-only until they type their passphrase.
        self.confirm_prompt = InlineMessage(self, error=False)
        layout.addWidget(self.confirm_prompt)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stops on its controls only
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        container = QWidget(self.scroll_area)
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        memory = model.memory
        self.panels: list[ThemePanel] = []
        for theme in pane.themes:
            panel = ThemePanel(model, theme, container)
            panel.expanded_changed.connect(self._remember_expanded)
            column.addWidget(panel)
            self.panels.append(panel)
        column.addStretch(1)
        self.scroll_area.setWidget(container)
        layout.addWidget(self.scroll_area, 1)
        for panel in self.panels:
            if panel.theme.id in memory.expanded:
                panel.set_expanded(True)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._remember_scroll)
        self._last_panel = 0
        model.answer_changed.connect(self._answer_changed)
        model.owners_changed.connect(self._owners_changed)
        self.refresh_title()

    def restore_scroll(self) -> None:
        position = self.model.memory.scroll.get(self.pane.id)
        if position is not None:
            self.scroll_area.verticalScrollBar().setValue(position)

    def refresh_title(self) -> None:
        owner = self.model.pane_owner_name(self.field)
        set_text(self.title, tr("{pane} — {name}", pane=self.pane.title.upper(), name=owner))
        self.join_button.setVisible(
            self.model.pane_needs_join(self.field) and not self.model.read_only
        )
        to_confirm = self.model.pane_to_confirm(self.field)
        self.join_button.setText(
            tr("Confirmer sa phrase de passe…") if to_confirm else tr("Rejoindre ce volet…")
        )
        self.confirm_prompt.show_message(
            tr(
                "{name} a rejoint l'entretien avant le verrouillage : ce volet reste en lecture "
                "seule jusqu'à ce que {name} confirme avec sa phrase de passe.",
                name=to_confirm,
            )
            if to_confirm
            else ""
        )
        set_text(self.progress, tr("{n} %", n=self.model.state.progress(self.pane.id)))

    def _owners_changed(self) -> None:
        self.refresh_title()
        for panel in self.panels:
            panel.refresh_read_only()

    # -- keyboard --------------------------------------------------------------------------------

    def panel_index_with_focus(self) -> int | None:
        focused = QApplication.focusWidget()
        for index, panel in enumerate(self.panels):
            if focused is not None and (focused is panel or panel.isAncestorOf(focused)):
                return index
        return None

    def contains_focus(self) -> bool:
        return self.panel_index_with_focus() is not None

    def focus_pane(self) -> None:
        """Focus the theme last worked on in this pane (its header)."""
        self.focus_theme(self._last_panel)

    def focus_theme(self, index: int, *, expand: bool = False) -> None:
        index = max(0, min(index, len(self.panels) - 1))
        panel = self.panels[index]
        if expand:
            panel.set_expanded(True)
        self._last_panel = index
        panel.header.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scroll_area.ensureWidgetVisible(panel.header)

    def move_theme(self, step: int) -> None:
        current = self.panel_index_with_focus()
        start = self._last_panel if current is None else current
        self.focus_theme(start + step, expand=True)

    def reveal(self, key: str) -> bool:
        """Expand the theme holding ``key``, scroll to its field and focus it."""
        for index, panel in enumerate(self.panels):
            if key.split(".", 1)[0] == panel.theme.id:
                panel.set_expanded(True)
                editor = panel.editor(key)
                self._last_panel = index
                QApplication.processEvents()  # lay out the new body before scrolling to it
                self.scroll_area.ensureWidgetVisible(editor)
                editor.focus_editor()
                return True
        return False

    # -- changes ---------------------------------------------------------------------------------

    def _answer_changed(self, key: str) -> None:
        theme_id = key.split(".", 1)[0]
        for panel in self.panels:
            if panel.body is not None:
                panel.refresh_visibility()
            if panel.theme.id == theme_id:
                panel.refresh()
        self.refresh_title()

    def _remember_expanded(self, theme_id: str, expanded: bool) -> None:
        memory = self.model.memory
        if expanded:
            memory.expanded.add(theme_id)
        else:
            memory.expanded.discard(theme_id)

    def _remember_scroll(self, value: int) -> None:
        self.model.memory.scroll[self.pane.id] = value
