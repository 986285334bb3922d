"""The main window once unlocked: navigation on the left, the people list, a status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from spie_desktop.domain.organisation import Field

from .i18n import tr
from .people_model import PeopleList
from .people_page import PeoplePage
from .tasks import TaskRunner

if TYPE_CHECKING:
    from spie_desktop.services.session import Session


class MainWindow(QMainWindow):
    """Only what exists today: the people list. New pages join the navigation list."""

    lock_requested = Signal()
    quit_requested = Signal()

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("spie-desktop — {territory}", territory=session.territory.label))
        self.resize(1100, 700)
        self.people = PeopleList(runner, self)
        self.people_page = PeoplePage(self.people, self)
        self.navigation = QListWidget(self)
        self.navigation.addItem(tr("Personnes"))
        self.navigation.setMaximumWidth(220)
        self.navigation.setCurrentRow(0)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.people_page)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        splitter = QSplitter(self)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)

        self.lock_action = QAction(tr("&Verrouiller"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested)
        self.quit_action = QAction(tr("&Quitter"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.quit_requested)
        file_menu = self.menuBar().addMenu(tr("&Fichier"))
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        counsellor = session.counsellor
        field = (
            counsellor.field.label if isinstance(counsellor.field, Field) else str(counsellor.field)
        )
        self.status_label = QLabel(
            tr(
                "{name} — {field} · {territory} · Coffre déverrouillé",
                name=counsellor.display_name,
                field=field,
                territory=session.territory.label,
            ),
            self,
        )
        self.statusBar().addPermanentWidget(self.status_label, 1)
        self.people.load(session)
        self.people_page.search.setFocus()
