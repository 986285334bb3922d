"""Signing on the keyboard: for a signer who cannot see the pad or hold a pen.

Under each pad, « Signer au clavier » (a box ticked with Space) opens two more controls: the
signer's full name, typed as it is shown, and « Je confirme signer ce plan ». The pad is then
set aside; the record says the plan was signed on the keyboard and the PDF prints the name
typed. A screen reader reads each control's name and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from .i18n import tr


@dataclass(frozen=True)
class KeyboardSignature:
    """What a signer gave on the keyboard: the name typed, whether they confirmed."""

    name: str
    confirmed: bool


class TypedSignature(QWidget):
    """« Signer au clavier », the name typed and the confirmation; emits ``toggled``."""

    toggled = Signal(bool)

    def __init__(self, role_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role_title = role_title
        self.toggle = QCheckBox(tr("Signer au clavier"), self)
        self.toggle.setAccessibleName(tr("Signer au clavier — {role}", role=role_title))
        self.toggle.setAccessibleDescription(
            tr(
                "Pour signer sans tracer : cochez avec Espace, tapez le nom complet, "
                "puis cochez « Je confirme signer ce plan »."
            )
        )
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(tr("Nom complet"))
        self.confirm = QCheckBox(tr("Je confirme signer ce plan"), self)
        self.confirm.setAccessibleName(tr("Je confirme signer ce plan — {role}", role=role_title))
        self.confirm.setAccessibleDescription(
            tr("Cochez avec Espace : c'est la signature, comme sur papier.")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.name)
        layout.addWidget(self.confirm)
        self.set_expected_name("")
        self.toggle.toggled.connect(self._toggled)
        self._toggled(False)

    def set_expected_name(self, name: str) -> None:
        """The name to type, as shown beside the pad (a screen reader says it)."""
        self.name.setAccessibleName(tr("Nom complet tapé — {role}", role=self.role_title))
        self.name.setAccessibleDescription(
            tr("Tapez le nom tel qu'il est affiché : {name}.", name=name)
            if name
            else tr("Tapez le nom complet de la personne qui signe.")
        )

    def chosen(self) -> bool:
        return self.toggle.isChecked()

    def entry(self) -> KeyboardSignature | None:
        """The keyboard signature, or ``None`` when the pad is used."""
        if not self.chosen():
            return None
        return KeyboardSignature(self.name.text(), self.confirm.isChecked())

    def show_signed(self, name: str) -> None:
        """A plan signed on the keyboard: the name typed, confirmed, read-only."""
        self.toggle.setChecked(True)
        self.name.setText(name)
        self.confirm.setChecked(True)
        self.set_read_only(True)

    def set_read_only(self, value: bool) -> None:
        for control in (self.toggle, self.confirm):
            control.setEnabled(not value)
        self.name.setReadOnly(value)

    def reset(self) -> None:
        self.set_read_only(False)
        self.name.clear()
        self.confirm.setChecked(False)
        self.toggle.setChecked(False)

    def _toggled(self, on: bool) -> None:
        self.name.setVisible(on)
        self.confirm.setVisible(on)
        self.toggled.emit(on)
