"""The "Personnes" section: the list, a person's file, and the dialogs that create and consent.

A stack of screens: the list, the open person's file and (when started) their interview
workspace, which the main window adds. Alt+Left goes one screen back.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFileDialog, QStackedWidget, QWidget

from spie_desktop.domain.people import ConsentScope, Person
from spie_desktop.domain.person_texts import FRENCH
from spie_desktop.services.changes import Changes

from .check_in_dialog import CheckInDialog
from .consent_dialog import ConsentDialog
from .consent_model import ConsentModel
from .erase_dialog import EraseDialog
from .erase_model import EraseModel
from .event_dialog import EventDialog
from .i18n import tr
from .list_import_dialog import ListImportDialog
from .list_import_model import ListImportModel
from .new_person_dialog import NewPersonDialog
from .new_person_model import NewPersonModel
from .people_model import PeopleList
from .people_page import PeoplePage
from .person_file_model import PersonFileModel
from .person_file_page import PersonFilePage
from .window_context import WindowContext

D = TypeVar("D", bound=QDialog)


class PeopleSection(QStackedWidget):
    interview_requested = Signal(object)  # uuid.UUID

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.people = PeopleList(context, self)
        self.list_page = PeoplePage(self.people, self)
        self.person_file = PersonFileModel(context, self)
        self.file_page = PersonFilePage(self.person_file, self)
        self.addWidget(self.list_page)
        self.addWidget(self.file_page)
        self.dialogs: list[QDialog] = []
        self.list_import = ListImportModel(context, self)
        self.list_import.finished.connect(self._on_list_imported)
        self.list_import.changed.connect(self._on_list_import_changed)

        back = QShortcut(QKeySequence("Alt+Left"), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.go_back)
        self.list_page.person_opened.connect(self.open_person)
        self.list_page.new_person_requested.connect(self.new_person)
        self.list_page.import_requested.connect(self.import_list)
        self.file_page.back_requested.connect(self.show_list)
        self.file_page.consent_requested.connect(self.ask_consent)
        self.file_page.identity_edit_requested.connect(self.edit_identity)
        self.file_page.export_requested.connect(self.export_access)
        self.file_page.erase_requested.connect(self.erase_file)
        self.file_page.interview_requested.connect(self.interview_requested)
        self.file_page.parcours.add_event_requested.connect(self.add_event)
        self.file_page.parcours.check_in_requested.connect(self.record_check_in)
        context.changed.connect(self._on_changed)  # the list follows them itself
        context.locked.connect(self._on_locked)
        context.unlocked.connect(self._on_unlocked)
        self.people.load()

    # -- moving between screens ---------------------------------------------------------------

    def show_list(self) -> None:
        self.setCurrentWidget(self.list_page)
        self.list_page.table.setFocus()

    def open_person(self, person_id: uuid.UUID) -> None:
        self.person_file.open(person_id)
        self.setCurrentWidget(self.file_page)
        self.file_page.focus_interview()

    def go_back(self) -> None:
        if self.currentWidget() is self.file_page:
            self.show_list()
        elif self.currentWidget() is not self.list_page:
            self.setCurrentWidget(self.file_page)

    def focus_current(self) -> None:
        """Put the keyboard focus back on the screen shown (after the lock screen had it)."""
        if self.currentWidget() is self.list_page:
            self.list_page.table.setFocus()
        elif self.currentWidget() is self.file_page:
            self.file_page.focus_interview()
        elif (widget := self.currentWidget()) is not None:
            widget.setFocus()

    def focus_search(self) -> None:
        self.show_list()
        self.list_page.search.setFocus()
        self.list_page.search.selectAll()

    # -- dialogs ------------------------------------------------------------------------------

    def new_person(self) -> NewPersonDialog | None:
        if self.context.is_locked:
            return None
        dialog = NewPersonDialog(NewPersonModel(self.context), self)
        dialog.model.setParent(dialog)
        dialog.created.connect(self._on_person_created)
        dialog.open_requested.connect(self.open_person)
        return self._open_dialog(dialog)

    def ask_consent(
        self, person_id: uuid.UUID, name: str | None = None, language: str | None = None
    ) -> ConsentDialog | None:
        if self.context.is_locked:
            return None
        current: frozenset[ConsentScope] = frozenset()
        if self.person_file.person_id == person_id and self.person_file.consent is not None:
            current = self.person_file.consent.scopes
        file = self.person_file.file
        if language is None:
            language = file.person.language if file and file.person.id == person_id else FRENCH
        model = ConsentModel(self.context, person_id, current, language=language)
        dialog = ConsentDialog(model, name or self.person_file.title, self)
        model.setParent(dialog)
        return self._open_dialog(dialog)

    def edit_identity(self, person_id: uuid.UUID) -> NewPersonDialog | None:
        """The creation dialog, filled with the file's identity, saving as a correction."""
        file = self.person_file.file
        if self.context.is_locked or file is None or file.person.id != person_id:
            return None
        dialog = NewPersonDialog(NewPersonModel(self.context, editing=file.person), self)
        dialog.model.setParent(dialog)
        return self._open_dialog(dialog)

    def add_event(self) -> EventDialog | None:
        """« Ajouter un événement… » on the open file's parcours."""
        if self.context.is_locked or self.person_file.file is None:
            return None
        dialog = EventDialog(self.person_file.parcours, self.person_file.title, self)
        return self._open_dialog(dialog)

    def record_check_in(self, month: int) -> CheckInDialog | None:
        """« Suivi dans l'emploi… » for the check-in at ``month`` months."""
        if self.context.is_locked or self.person_file.file is None:
            return None
        dialog = CheckInDialog(self.person_file.parcours, month, self.person_file.title, self)
        return self._open_dialog(dialog)

    def import_list(self) -> bool:
        """Ask for a list file and import it on the database lane (result in a dialog)."""
        if self.context.is_locked or self.list_import.running:
            return False
        path, _filter = QFileDialog.getOpenFileName(
            self,
            tr("Importer une liste d'orientation"),
            "",
            tr("Listes (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)"),
        )
        return bool(path) and self.list_import.run(Path(path))

    def _on_list_import_changed(self) -> None:
        running = self.list_import.running
        self.list_page.import_button.setEnabled(not running)
        if running:
            self.list_page.busy.start(tr("Import de la liste…"))
        else:
            self.list_page.busy.stop()

    def _on_list_imported(self) -> None:
        self._open_dialog(ListImportDialog(self.list_import, self))

    def export_access(self, person_id: uuid.UUID) -> None:
        if self.context.is_locked or self.person_file.person_id != person_id:
            return
        folder = QFileDialog.getExistingDirectory(
            self, tr("Dossier où écrire l'export (droit d'accès)")
        )
        if folder:
            self.person_file.export_access(Path(folder))

    def erase_file(self, person_id: uuid.UUID) -> EraseDialog | None:
        """« Effacer le dossier (droit à l'effacement)… »: back to the list once erased."""
        if self.context.is_locked or self.person_file.person_id != person_id:
            return None
        model = EraseModel(self.context, person_id)
        dialog = EraseDialog(model, self.person_file.title, self)
        model.setParent(dialog)
        model.erased.connect(self._on_file_erased)
        return self._open_dialog(dialog)

    def _on_file_erased(self, _person_id: uuid.UUID) -> None:
        self.person_file.clear()  # nothing of the file stays on screen
        self.show_list()

    def _open_dialog(self, dialog: D) -> D:
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.open()  # non-blocking: tests and screen readers drive it like any window
        return dialog

    def _forget_dialog(self, dialog: QDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
        dialog.deleteLater()

    def _on_person_created(self, person: Person) -> None:
        self.open_person(person.id)
        self.ask_consent(person.id, person.full_name, person.language)

    # -- data and lock ------------------------------------------------------------------------

    def _on_changed(self, _announced: Changes) -> None:
        # The file shows every kind of change; re-read only while it is on screen (leaving
        # the interview opens it again, read afresh).
        if self.currentWidget() is self.file_page:
            self.person_file.reload()

    def _on_locked(self) -> None:
        for dialog in list(self.dialogs):
            dialog.reject()  # a dialog left open would show personal data over the lock
        self.list_page.remember_position()
        self.list_import.forget()
        self.people.clear()
        self.person_file.clear()

    def _on_unlocked(self) -> None:
        self.people.load()
        if self.person_file.person_id is not None:
            self.person_file.reload()
