"""The pages of the first-run set-up wizard: layout only (the state: ``services.setup_wizard``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCommandLinkButton,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.organisation import StructureKind
from spie_desktop.services.setup_wizard import DEMO_PEOPLE, SetupMode

from .feedback import BusyIndicator, InlineMessage
from .field_choice import FieldChoice
from .i18n import tr
from .passphrase_fields import NewPassphraseFields
from .territory_combo import TerritoryCombo
from .theme import current


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def paragraph(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class ChoicePage(QWidget):
    chosen = Signal(object)  # SetupMode

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.configure = QCommandLinkButton(tr("&Configurer ce poste"), self)
        self.configure.setDescription(
            tr("Créer le coffre chiffré de votre structure et votre compte de conseiller·ère.")
        )
        self.demo = QCommandLinkButton(tr("Essayer avec des données de &démonstration"), self)
        self.demo.setDescription(
            tr(
                "Un coffre rempli de {n} personnes fictives, pour découvrir l'outil. "
                "N'y saisissez pas de vraies personnes.",
                n=DEMO_PEOPLE,
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Bienvenue dans spie-desktop"), self))
        layout.addWidget(
            paragraph(
                tr(
                    "Ce poste n'est pas encore configuré. Les données des personnes accompagnées "
                    "seront conservées dans un coffre chiffré, sur ce poste uniquement."
                ),
                self,
            )
        )
        layout.addSpacing(12)
        layout.addWidget(self.configure)
        layout.addWidget(self.demo)
        layout.addStretch(1)
        self.configure.clicked.connect(lambda: self.chosen.emit(SetupMode.CONFIGURE))
        self.demo.clicked.connect(lambda: self.chosen.emit(SetupMode.DEMO))


class IdentityPage(QWidget):
    """Territory, structure and the first counsellor's name and field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("", self)
        self.territory = TerritoryCombo(self)
        self.territory_note = paragraph(
            tr("Territoire fixé par l'administrateur de ce poste."), self
        )
        self.structure_kind = QComboBox(self)
        for kind in StructureKind:
            self.structure_kind.addItem(kind.label, kind)
        self.structure_name = QLineEdit(self)
        self.structure_name.setPlaceholderText(
            tr("ex. Conseil départemental de l'Aveyron — MDS Rodez")
        )
        self.counsellor_name = QLineEdit(self)
        self.counsellor_name.setPlaceholderText(tr("ex. Nadia B."))
        self.field = FieldChoice(self)
        self.errors = {
            name: InlineMessage(self)
            for name in ("territory_code", "structure_name", "counsellor_name", "field")
        }

        self.form = QFormLayout()
        self._row(tr("&Territoire :"), self.territory, "territory_code")
        self.form.addRow("", self.territory_note)
        self._row(tr("T&ype de structure :"), self.structure_kind, None)
        self._row(tr("&Nom de la structure :"), self.structure_name, "structure_name")
        self._row(tr("&Votre nom :"), self.counsellor_name, "counsellor_name")
        self.form.addRow(tr("Votre volet :"), self.field)
        self.form.addRow("", self.errors["field"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addStretch(1)
        for first, second in (
            (self.territory, self.structure_kind),
            (self.structure_kind, self.structure_name),
            (self.structure_name, self.counsellor_name),
            (self.counsellor_name, self.field.social),
        ):
            QWidget.setTabOrder(first, second)

    def _row(self, text: str, widget: QWidget, error: str | None) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        self.form.addRow(label, widget)
        if error:
            self.form.addRow("", self.errors[error])

    def set_mode(self, mode: SetupMode, territory_locked: bool) -> None:
        demo = mode is SetupMode.DEMO
        self.title.setText(
            tr("Essai avec des données de démonstration") if demo else tr("Votre structure et vous")
        )
        for widget in (self.structure_kind, self.structure_name):
            self.form.setRowVisible(widget, not demo)
        self.form.setRowVisible(self.territory_note, territory_locked)
        self.territory.setEnabled(not territory_locked)

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.show_message(errors.get(name, ""))

    def first_input(self) -> QWidget:
        if self.territory.isEnabled():
            return self.territory
        return self.structure_name if self.structure_name.isVisible() else self.counsellor_name


class PassphrasePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = NewPassphraseFields(self)
        self.busy = BusyIndicator(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Votre phrase de passe"), self))
        layout.addWidget(
            paragraph(
                tr(
                    "Elle ouvre le coffre chiffré avec votre compte. Choisissez une phrase de "
                    "plusieurs mots, que vous seul·e connaissez : elle ne peut pas être retrouvée "
                    "si vous l'oubliez (seule la clé de secours permet d'en choisir une nouvelle)."
                ),
                self,
            )
        )
        layout.addWidget(self.fields)
        layout.addWidget(self.busy)
        layout.addStretch(1)


class RecoveryKeyPage(QWidget):
    """The recovery key, shown once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = QLabel(self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(self.font().pointSizeF() * 1.6, 16.0))
        mono.setWeight(QFont.Weight.DemiBold)
        self.key.setFont(mono)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setWordWrap(True)
        self.key.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        colours = current()
        self.key.setStyleSheet(
            f"padding: 12px; border: 1px solid {colours.key_border};"
            f" background: {colours.key_background}; color: {colours.text};"
        )
        self.copy = QPushButton(tr("Co&pier"), self)
        self.copy.setAutoDefault(False)
        self.kept = QCheckBox(tr("J'ai &conservé la clé de secours en lieu sûr"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Clé de secours"), self))
        layout.addWidget(
            paragraph(
                tr(
                    "Cette clé permet de choisir une nouvelle phrase de passe si un·e conseiller·ère "
                    "oublie la sienne. Elle n'est affichée qu'une seule fois : recopiez-la sur papier "
                    "et remettez-la à l'administrateur·rice de votre structure, ou rangez-la dans un "
                    "coffre à mots de passe. Sans elle, une phrase de passe oubliée rend les données "
                    "illisibles."
                ),
                self,
            )
        )
        layout.addWidget(self.key)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy)
        layout.addLayout(row)
        layout.addWidget(self.kept)
        layout.addStretch(1)
