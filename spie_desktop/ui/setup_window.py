"""The first-run set-up window: four views, keyboard first (Enter advances, Alt+letter)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.organisation import StructureKind
from spie_desktop.services.setup_wizard import SetupView

from .i18n import tr
from .setup_model import SetupModel
from .setup_pages import ChoicePage, IdentityPage, PassphrasePage, RecoveryKeyPage


class SetupWindow(QDialog):
    """Lays the pages out and mirrors :class:`SetupModel`; holds no state of its own."""

    finished_setup = Signal(object)  # Session

    def __init__(self, model: SetupModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("spie-desktop — Configuration du poste"))
        self.setMinimumWidth(620)
        self.choice = ChoicePage(self)
        self.identity = IdentityPage(self)
        self.passphrase = PassphrasePage(self)
        self.recovery = RecoveryKeyPage(self)
        self.pages = QStackedWidget(self)
        self.page_of: dict[SetupView, QWidget] = {
            SetupView.CHOICE: self.choice,
            SetupView.IDENTITY: self.identity,
            SetupView.PASSPHRASE: self.passphrase,
            SetupView.RECOVERY_KEY: self.recovery,
        }
        for page in self.page_of.values():
            self.pages.addWidget(page)
        self.back_button = QPushButton(tr("< &Retour"), self)
        self.back_button.setAutoDefault(False)
        self.next_button = QPushButton(self)
        self.next_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        form = model.form
        self.identity.territory.select_code(form.territory_code or "")
        self.identity.structure_kind.setCurrentIndex(
            self.identity.structure_kind.findData(form.structure_kind)
        )
        self.identity.structure_name.setText(form.structure_name)

        self.choice.chosen.connect(self._choose)
        self.back_button.clicked.connect(model.back)
        self.next_button.clicked.connect(self._advance)
        self.recovery.copy.clicked.connect(self._copy_key)
        self.recovery.kept.toggled.connect(model.set_key_kept)
        model.changed.connect(self._render)
        model.finished.connect(self._on_finished)
        self._shown_page: SetupView | None = None
        self._render()

    # -- from the person to the model ---------------------------------------------------------

    def _choose(self, mode: object) -> None:
        self.model.choose(mode)  # type: ignore[arg-type]
        if self.identity.territory.selected_code() is None:  # the demo's default, if any
            self.identity.territory.select_code(self.model.form.territory_code or "")

    def _advance(self) -> None:
        form, identity = self.model.form, self.identity
        if self.model.page is SetupView.IDENTITY:
            form.territory_code = identity.territory.selected_code()
            form.structure_kind = StructureKind(identity.structure_kind.currentData())
            form.structure_name = identity.structure_name.text()
            form.counsellor_name = identity.counsellor_name.text()
            form.field = identity.field.value()
        elif self.model.page is SetupView.PASSPHRASE:
            form.passphrase, form.confirmation = self.passphrase.fields.texts()
        self.model.advance()

    def _copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.model.recovery_key)
        self.recovery.copy.setText(tr("Copiée ✓"))

    def _on_finished(self, session: object) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() == self.model.recovery_key:
            clipboard.clear()  # the key should not linger where any program can read it
        self.finished_setup.emit(session)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._focus_first_input(self.model.page)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            return  # Escape must not throw away what was typed
        super().keyPressEvent(event)

    # -- from the model to the screen ---------------------------------------------------------

    def _render(self) -> None:
        model = self.model
        page = model.page
        self.pages.setCurrentWidget(self.page_of[page])
        self.back_button.setVisible(page in (SetupView.IDENTITY, SetupView.PASSPHRASE))
        self.back_button.setEnabled(model.can_go_back)
        self.next_button.setVisible(page is not SetupView.CHOICE)
        self.next_button.setText(
            {
                SetupView.IDENTITY: tr("&Suivant >"),
                SetupView.PASSPHRASE: tr("Créer &le coffre"),
                SetupView.RECOVERY_KEY: tr("&Terminer"),
            }.get(page, "")
        )
        self.next_button.setEnabled(
            not model.busy and (page is not SetupView.RECOVERY_KEY or model.can_finish)
        )
        self.identity.set_mode(model.form.mode, model.territory_locked)
        self.identity.show_errors(model.errors)
        fields = self.passphrase.fields
        fields.show_error(model.errors.get("passphrase", ""))
        fields.setEnabled(not model.busy)
        if model.busy:
            self.passphrase.busy.start(model.step)
        else:
            self.passphrase.busy.stop()
        if page is SetupView.RECOVERY_KEY:
            self.recovery.key.setText(model.recovery_key)
            fields.clear()
        if page is not self._shown_page:
            self._shown_page = page
            self._focus_first_input(page)

    def _focus_first_input(self, page: SetupView) -> None:
        target: QWidget = {
            SetupView.CHOICE: self.choice.configure,
            SetupView.IDENTITY: self.identity.first_input(),
            SetupView.PASSPHRASE: self.passphrase.fields.passphrase,
            SetupView.RECOVERY_KEY: self.recovery.kept,
        }[page]
        target.setFocus(Qt.FocusReason.OtherFocusReason)
