"""The new-person dialog: identity, then — if a close file exists — the choice, in place.

The same dialog corrects an existing person's identity when its model is editing one: the
fields start filled, the same checks apply, and a refused value is shown next to its field
with everything typed kept.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .feedback import BusyIndicator, InlineMessage
from .i18n import tr
from .new_person_model import NewPersonModel
from .setup_pages import heading

CANDIDATE_ROLE = Qt.ItemDataRole.UserRole


class NewPersonDialog(QDialog):
    created = Signal(object)  # Person
    open_requested = Signal(object)  # uuid.UUID of an existing file

    def __init__(self, model: NewPersonModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        title = tr("Modifier l'identité") if model.editing else tr("Nouvelle personne")
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.first_name = QLineEdit(self)
        self.last_name = QLineEdit(self)
        self.birth_date = QLineEdit(self)
        self.birth_date.setPlaceholderText(tr("JJ/MM/AAAA"))
        self.birth_date.setMaximumWidth(140)
        self.birth_error = InlineMessage(self)
        self.commune = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.first_name_error = InlineMessage(self)
        self.last_name_error = InlineMessage(self)
        self.commune_error = InlineMessage(self)
        self.phone_error = InlineMessage(self)
        self.email_error = InlineMessage(self)
        self.phone.setPlaceholderText(tr("06 12 34 56 78"))
        self.email.setPlaceholderText(tr("prenom.nom@exemple.fr"))

        form = QFormLayout()
        form.addRow(self._label(tr("&Prénom :"), self.first_name), self.first_name)
        form.addRow("", self.first_name_error)
        form.addRow(self._label(tr("&Nom :"), self.last_name), self.last_name)
        form.addRow("", self.last_name_error)
        birth_row = QHBoxLayout()
        birth_row.addWidget(self.birth_date)
        birth_row.addWidget(self.birth_error, 1)
        form.addRow(self._label(tr("Date de &naissance :"), self.birth_date), birth_row)
        form.addRow(self._label(tr("&Commune :"), self.commune), self.commune)
        form.addRow("", self.commune_error)
        form.addRow(self._label(tr("&Téléphone :"), self.phone), self.phone)
        form.addRow("", self.phone_error)
        form.addRow(self._label(tr("Co&urriel :"), self.email), self.email)
        form.addRow("", self.email_error)
        self.language = QComboBox(self)
        self.language.setAccessibleName(tr("Langue de la personne"))
        self.language.setAccessibleDescription(
            tr("Le consentement et le plan sont montrés dans cette langue, avec le français.")
        )
        for language in model.languages:
            self.language.addItem(language.name, language.code)
        self.language.setCurrentIndex(max(0, self.language.findData(model.input.language)))
        self.language_note = InlineMessage(self, error=False)
        self.language_note.show_message(model.languages_problem)
        form.addRow(self._label(tr("&Langue de la personne :"), self.language), self.language)
        form.addRow("", self.language_note)

        self.duplicates = QWidget(self)
        self.duplicate_text = InlineMessage(self.duplicates)
        self.candidates = QListWidget(self.duplicates)
        self.candidates.setMaximumHeight(110)
        self.open_existing = QPushButton(tr("&Ouvrir cette fiche"), self.duplicates)
        self.create_anyway = QPushButton(tr("Créer &quand même"), self.duplicates)
        for button in (self.open_existing, self.create_anyway):
            button.setAutoDefault(False)
        choice = QHBoxLayout()
        choice.addStretch(1)
        choice.addWidget(self.open_existing)
        choice.addWidget(self.create_anyway)
        panel = QVBoxLayout(self.duplicates)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.duplicate_text)
        panel.addWidget(self.candidates)
        panel.addLayout(choice)

        self.message = InlineMessage(self)
        self.busy = BusyIndicator(self)
        self.save_button = QPushButton(tr("&Enregistrer"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Annuler"), self)
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, self))
        layout.addLayout(form)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        for name in ("first_name", "last_name", "birth_date", "commune", "phone", "email"):
            field: QLineEdit = getattr(self, name)
            field.setText(getattr(model.input, name))
            field.textChanged.connect(lambda text, name=name: model.update(**{name: text}))
        self.language.currentIndexChanged.connect(
            lambda index: model.update(language=str(self.language.itemData(index)))
        )
        self.save_button.clicked.connect(model.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.create_anyway.clicked.connect(model.create_anyway)
        self.open_existing.clicked.connect(self._open_selected)
        self.candidates.itemActivated.connect(lambda _item: self._open_selected())
        self._errors_shown: tuple[str, ...] = ()
        model.changed.connect(self._render)
        model.created.connect(self._on_created)
        self._render()
        self.first_name.setFocus()

    def _fit(self) -> None:
        """Grow (or shrink back) so that a wrapped message is read whole, never clipped."""
        self.adjustSize()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _open_selected(self) -> None:
        item = self.candidates.currentItem()
        if item is not None:
            self.open_requested.emit(item.data(CANDIDATE_ROLE))
            self.accept()

    def _on_created(self, person: object) -> None:
        self.created.emit(person)
        self.accept()

    def _render(self) -> None:
        model = self.model
        errors = tuple(sorted(model.field_errors))
        if errors != self._errors_shown:
            self._errors_shown = errors
            if errors:  # the first refused field takes the focus, its message is read next
                order = ("first_name", "last_name", "birth_date", "commune", "phone", "email")
                first = min(errors, key=lambda name: order.index(name) if name in order else 99)
                if first in order:
                    getattr(self, first).setFocus()
            QTimer.singleShot(0, self._fit)
        self.birth_error.show_message(model.birth_error)
        self.first_name_error.show_message(model.field_error("first_name"))
        self.last_name_error.show_message(model.field_error("last_name"))
        for name in ("commune", "phone", "email"):
            error: InlineMessage = getattr(self, f"{name}_error")
            error.show_message(model.field_error(name))
        self.message.show_message(model.message)
        self.save_button.setEnabled(model.can_submit() and not model.candidates)
        self.duplicates.setVisible(bool(model.candidates))
        self.duplicate_text.show_message(model.duplicate_text)
        texts = model.candidate_texts()
        shown = [self.candidates.item(i).text() for i in range(self.candidates.count())]
        if shown != [text for _, text in texts]:
            self.candidates.clear()
            for person_id, text in texts:
                item = QListWidgetItem(text, self.candidates)
                item.setData(CANDIDATE_ROLE, person_id)
            if texts:
                self.candidates.setCurrentRow(0)
        self.create_anyway.setEnabled(model.can_submit())
        if model.busy:
            self.busy.start(tr("Enregistrement…"))
        else:
            self.busy.stop()
