"""The main window's sections: the navigation list beside the stack of section pages.

The list is as wide as its longest title (« Synchronisation (3) » included), never squeezed;
the stack asks only for the room of the page shown, and scrolls when text at 200 % makes a
page wider or taller than the screen. The people section and the point de situation are
found among the pages by their class.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from .i18n import tr
from .pages import PageSpec, follow_titles
from .people_section import PeopleSection
from .situation_page import SituationPage
from .window_context import WindowContext

NAVIGATION_MIN_WIDTH = 96  # px: a floor for very short titles; the longest title decides
NAVIGATION_PADDING = 16  # px: air after the longest title

PageT = TypeVar("PageT", bound=QWidget)


class WindowSections:
    """The navigation and the pages of ``specs``, built in ``window`` with ``context``;
    :attr:`body` lays them out side by side."""

    def __init__(self, context: WindowContext, specs: list[PageSpec], window: QWidget) -> None:
        self.navigation = QListWidget(window)
        self.navigation.setAccessibleName(tr("Navigation"))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.pages = QStackedWidget(window)
        for spec in specs:
            self.navigation.addItem(spec.title)
            self.pages.addWidget(spec.factory(context, self.pages))
        self.navigation.setCurrentRow(0)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(self._size_by_the_shown_page)
        self._size_by_the_shown_page()
        follow_titles(self.navigation, self.pages)  # « Synchronisation (3) »
        self.fit_navigation()
        self.navigation.model().dataChanged.connect(self.fit_navigation)  # « … (3) »
        self.body = QHBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.navigation)
        # Text at 200 %: a section wider or taller than the screen scrolls, the window
        # stays on the screen (at usual sizes the pages fit and no bar shows).
        self.pages_scroll = QScrollArea(window)
        self.pages_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.pages_scroll.setWidgetResizable(True)
        # A frame, no control: Tab goes through it to the page's controls (it still scrolls
        # to the one focused), and a screen reader has no nameless stop to read.
        self.pages_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages_scroll.setWidget(self.pages)
        self.body.addWidget(self.pages_scroll, 1)

    def fit_navigation(self, *_changed: object) -> None:
        """As wide as its longest title (at least ``NAVIGATION_MIN_WIDTH``), never squeezed:
        the pages get the rest of the window."""
        navigation = self.navigation
        content = navigation.sizeHintForColumn(0) if navigation.count() else 0
        frame = 2 * navigation.frameWidth()
        navigation.setFixedWidth(max(NAVIGATION_MIN_WIDTH, content + frame + NAVIGATION_PADDING))

    def _size_by_the_shown_page(self, _index: int = 0) -> None:
        """A stack asks for the room of its largest page: only the section shown counts, so a
        wide section the counsellor is not looking at never widens the window."""
        shown = self.pages.currentWidget()
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            policy = QSizePolicy.Policy.Preferred if page is shown else QSizePolicy.Policy.Ignored
            if page is not None:
                page.setSizePolicy(policy, policy)

    def page_of(self, kind: type[PageT]) -> PageT | None:
        """The first page of that class, if the window has one."""
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if isinstance(page, kind):
                return page
        return None

    @property
    def people(self) -> PeopleSection | None:
        return self.page_of(PeopleSection)

    @property
    def situation(self) -> SituationPage | None:
        return self.page_of(SituationPage)

    def show(self, page: QWidget) -> None:
        """Select ``page`` in the navigation (the stack follows)."""
        self.navigation.setCurrentRow(self.pages.indexOf(page))
