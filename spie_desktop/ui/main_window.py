"""The main window once unlocked: the sections and their navigation (``ui.window_sections``),
menus, status bar, lock screen.

The window lives as long as the application: locking hides its content behind the lock
screen (the store is closed by the navigator), and unlocking puts the same content back with
the new session — same section, same person, same place in the list.
"""

from __future__ import annotations

import linecache
import logging
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from spie_desktop import __version__
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.retention import retention_at_unlock

from .contrast_action import contrast_action
from .feedback import InlineMessage
from .i18n import tr
from .interface_language import LanguageMenu
from .lock_overlay import LockOverlay
from .pages import PageSpec, default_pages
from .people_section import PeopleSection
from .situation_page import SituationPage
from .status_bar import StatusBar
from .status_model import StatusModel
from .tasks import TaskRunner
from .unlock_model import UnlockModel
from .window_context import WindowContext
from .window_sections import WindowSections

if TYPE_CHECKING:
    from spie_desktop.domain.organisation import Counsellor
    from spie_desktop.services.device import Session

log = logging.getLogger(__name__)
PRESENTATION_SCALE = 1.35


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    unlocked = Signal(object)  # the new Session, once the lock screen opened the store again
    presentation_mode_changed = Signal(bool)

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        pages: list[PageSpec] | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.context = WindowContext(session, runner, self)
        self.account_id: uuid.UUID | None = session.counsellor.id
        self._data_dir = session.data_dir  # the device's display choice is kept there
        self._title = tr("spie-desktop — {territory}", territory=session.territory.label)
        self.setWindowTitle(self._title)
        self.resize(1200, 760)
        self._base_font = self.font()
        self._workspace: QWidget | None = None
        self._workspace_person: uuid.UUID | None = None
        self._resume_workspace = False
        self._join_offer: uuid.UUID | None = None  # added at the lock screen, to join

        self.banner = InlineMessage(self)
        self.sections = WindowSections(
            self.context, pages if pages is not None else default_pages(), self
        )
        self.navigation = self.sections.navigation
        self.pages = self.sections.pages
        self.pages_scroll = self.sections.pages_scroll
        self.content = QWidget(self)
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.banner)
        content_layout.addLayout(self.sections.body, 1)

        self.lock_overlay = LockOverlay(UnlockModel(session.data_dir, runner, self), self)
        self.shell = QStackedWidget(self)
        self.shell.addWidget(self.content)
        self.shell.addWidget(self.lock_overlay)
        self.setCentralWidget(self.shell)

        self.status = StatusModel(self.context, self)
        self.status_bar = StatusBar(self.status, self)
        self.setStatusBar(self.status_bar)
        self._build_menus()

        self.context.store_failed.connect(self.banner.show_message)
        self._forget_due_files()
        self.lock_overlay.unlocked.connect(self._on_overlay_unlocked)
        self.lock_overlay.counsellor_added.connect(lambda c: self._offer_join(c.id))
        self.status_bar.alerts_clicked.connect(self.show_situation)
        for index in range(self.pages.count()):  # the point de situation opens a file
            opened = getattr(self.pages.widget(index), "person_opened", None)
            if opened is not None:
                opened.connect(self.open_person_file)
        section = self.people_section
        if section is not None:
            section.interview_requested.connect(self.open_interview)
            section.list_page.search.setFocus()
        # PySide's import hook reads the source of each module imported after Qt (looking for
        # ``from __feature__``) and linecache keeps every line: over a thousand files, tens
        # of MB, once this window's modules are in. Nothing reads them again.
        linecache.clearcache()

    # -- menus --------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        self.new_person_action = self._action(tr("&Nouvelle personne…"), "Ctrl+N", self.new_person)
        self.add_counsellor_action = self._action(
            tr("Ajouter un·e &conseiller·ère…"), "", self.add_counsellor
        )
        self.lock_action = self._action(tr("&Verrouiller"), "Ctrl+L", self.lock_requested)
        self.quit_action = self._action(tr("&Quitter"), "Ctrl+Q", self.quit_requested)
        self.find_action = self._action(tr("&Rechercher une personne"), "Ctrl+F", self.focus_search)
        self.presentation_action = self._action(tr("Mode &présentation"), "F11", lambda: None)
        self.presentation_action.setCheckable(True)
        self.presentation_action.toggled.connect(self.set_presentation_mode)
        self.about_action = self._action(tr("À &propos de spie-desktop"), "", self.show_about)
        self.alert_rules_action = self._action(tr("&Seuils d'alerte…"), "", self.show_alert_rules)
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&Fichier"))
        file_menu.addAction(self.new_person_action)
        file_menu.addAction(self.add_counsellor_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(tr("&Édition"))
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.alert_rules_action)
        display_menu = bar.addMenu(tr("Afficha&ge"))
        display_menu.addAction(self.presentation_action)
        self.contrast_action = contrast_action(self._data_dir, self)
        display_menu.addAction(self.contrast_action)
        self.language_menu = LanguageMenu(self._data_dir, self)
        display_menu.addMenu(self.language_menu)
        bar.addMenu(tr("&Aide")).addAction(self.about_action)
        self._unlocked_actions = (
            self.new_person_action,
            self.add_counsellor_action,
            self.lock_action,
            self.find_action,
            self.presentation_action,
            self.about_action,
            self.alert_rules_action,
        )

    # -- sections -----------------------------------------------------------------------------

    @property
    def people_section(self) -> PeopleSection | None:
        return self.sections.people

    def _show_people(self) -> PeopleSection | None:
        section = self.people_section
        if section is not None:
            self.sections.show(section)
        return section

    @property
    def situation_page(self) -> SituationPage | None:
        return self.sections.situation

    def show_situation(self) -> SituationPage | None:
        page = self.situation_page
        if page is not None:
            self.sections.show(page)
            page.table.setFocus()
        return page

    def open_person_file(self, person_id: uuid.UUID) -> None:
        section = self._show_people()
        if section is not None:
            section.open_person(person_id)

    def new_person(self) -> QWidget | None:
        section = self._show_people()
        return section.new_person() if section is not None else None

    def focus_search(self) -> None:
        section = self._show_people()
        if section is not None:
            section.focus_search()

    def add_counsellor(self) -> QWidget | None:
        """Add a colleague's account without locking; in an interview, they may join at once."""
        if self.context.is_locked:
            return None
        from .add_counsellor_dialog import open_in_window

        dialog = open_in_window(self.context, self)
        dialog.added.connect(self._on_counsellor_added)
        return dialog

    def show_alert_rules(self) -> QWidget | None:
        """« Seuils d'alerte »: the territory's (read-only) or this device's own."""
        if self.context.is_locked:
            return None
        from .alert_rules_dialog import open_in_window

        return open_in_window(self.context, self)

    def _on_counsellor_added(self, counsellor: Counsellor) -> None:
        self.statusBar().showMessage(
            tr("{name} a maintenant un compte sur ce poste", name=counsellor.display_name), 10_000
        )
        self._offer_join(counsellor.id)

    def _offer_join(self, account_id: uuid.UUID) -> None:
        """The interview on screen (now, or once unlocked) offers the new account to join."""
        workspace = self._workspace
        if self.context.is_locked:
            self._join_offer = account_id
        elif workspace is not None and workspace.isVisible():
            offer = getattr(workspace, "offer_join", None)
            if offer is not None:
                offer(account_id)

    def open_interview(self, person_id: uuid.UUID) -> None:
        """Open the interview workspace for this person (started, or resumed)."""
        section = self.people_section
        if self.context.is_locked or section is None:
            return
        from spie_desktop.ui.interview import open_workspace  # built on demand

        self._close_workspace()
        workspace = open_workspace(section, self.context, person_id)
        if section.indexOf(workspace) < 0:
            section.addWidget(workspace)
        section.setCurrentWidget(workspace)
        workspace.setFocus()
        self._workspace, self._workspace_person = workspace, person_id
        workspace.closed.connect(lambda: self._leave_workspace(person_id))

    def _leave_workspace(self, person_id: uuid.UUID) -> None:
        """Back from the interview to the person's file, refreshed (new answers, status)."""
        self._close_workspace()
        section = self.people_section
        if section is not None:
            section.open_person(person_id)

    def _close_workspace(self) -> None:
        workspace, self._workspace = self._workspace, None
        if workspace is not None:
            section = self.people_section
            if section is not None and section.indexOf(workspace) >= 0:
                if section.currentWidget() is workspace:
                    section.setCurrentWidget(section.file_page)
                section.removeWidget(workspace)
            workspace.deleteLater()

    # -- presentation mode --------------------------------------------------------------------

    @property
    def presentation_mode(self) -> bool:
        return self.presentation_action.isChecked()

    def set_presentation_mode(self, on: bool) -> None:
        """Larger text for the whole window, to turn the screen towards the person."""
        if self.presentation_action.isChecked() != on:
            self.presentation_action.setChecked(on)  # re-enters through ``toggled``
            return
        font = self._base_font
        if on:
            font = QFont(self._base_font)
            font.setPointSizeF(self._base_font.pointSizeF() * PRESENTATION_SCALE)
        self.setFont(font)
        self.sections.fit_navigation()
        self.keep_on_screen()
        self.setProperty("presentationMode", on)
        self.presentation_mode_changed.emit(on)

    def keep_on_screen(self) -> None:
        """Back inside the screen's free area if larger text pushed the window past it (the
        layouts wrap and scroll, so the window never needs to grow past a laptop screen)."""
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry()
        if free.contains(frame):
            return
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        self.resize(
            min(self.width(), free.width() - extra_w), min(self.height(), free.height() - extra_h)
        )
        frame = self.frameGeometry()
        left = min(max(frame.left(), free.left()), free.right() - frame.width() + 1)
        top = min(max(frame.top(), free.top()), free.bottom() - frame.height() + 1)
        self.move(left, top)

    def show_about(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            tr("À propos de spie-desktop"),
            tr(
                "spie-desktop {version}\nDiagnostic partagé du service public de l'insertion "
                "et de l'emploi.",
                version=__version__,
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()
        return box

    # -- lock ---------------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.context.is_locked

    def show_locked(self) -> Session | None:
        """Hide everything personal and ask for the passphrase; returns the session to close."""
        if self.context.is_locked:
            return None
        section = self.people_section
        self._resume_workspace = (
            section is not None
            and self._workspace is not None
            and section.currentWidget() is self._workspace
        )
        self._close_workspace()
        session = self.context.lock()  # pages clear themselves and close their dialogs
        self.shell.setCurrentWidget(self.lock_overlay)
        self.setWindowTitle(tr("spie-desktop — verrouillé"))
        for action in self._unlocked_actions:
            action.setEnabled(False)
        self.lock_overlay.start(self.account_id)
        return session

    def _forget_due_files(self) -> None:
        """The territory's retention rule, applied at each unlock on the database lane. The
        pages hear of it only when a file was forgotten: announced every time, it made the
        people list and the point de situation read the whole store a second time at each
        unlock (10,000 people held twice while the new rows replaced the old)."""
        self.context.change(
            retention_at_unlock,
            changes(),
            on_done=self._announce_forgotten,
            on_error=lambda _message, exc: log.warning("retention run: %s", type(exc).__name__),
        )

    def _announce_forgotten(self, forgotten: int) -> None:
        if forgotten:
            self.context.announce(changes(Change.PEOPLE, Change.TIMELINE))

    def _on_overlay_unlocked(self, session: Session) -> None:
        self.unlocked.emit(session)
        self.resume(session)

    def resume(self, session: Session) -> None:
        """Back where the counsellor was, with the store opened again."""
        self.account_id = session.counsellor.id
        self.banner.clear_message()
        self.context.unlock(session)
        self._forget_due_files()
        self.shell.setCurrentWidget(self.content)
        self._title = tr("spie-desktop — {territory}", territory=session.territory.label)
        self.setWindowTitle(self._title)
        for action in self._unlocked_actions:
            action.setEnabled(True)
        if self._resume_workspace and self._workspace_person is not None:
            self._resume_workspace = False
            self.open_interview(self._workspace_person)
            if self._join_offer is not None:
                self._offer_join(self._join_offer)
        elif (section := self.people_section) is not None:
            section.focus_current()
        self._join_offer = None
