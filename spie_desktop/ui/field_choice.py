"""Choose a counsellor's field: "Volet social" or "Volet professionnel" (Alt+A / Alt+O)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from spie_desktop.domain.organisation import Field

from .i18n import tr


class FieldChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.social = QRadioButton(tr("Volet soci&al"), self)
        self.emploi = QRadioButton(tr("Volet pr&ofessionnel"), self)
        self.social.setToolTip(tr(Field.SOCIAL.label))
        self.emploi.setToolTip(tr(Field.EMPLOI.label))
        group = QButtonGroup(self)
        group.addButton(self.social)
        group.addButton(self.emploi)
        self.social.setChecked(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.social)
        layout.addWidget(self.emploi)
        layout.addStretch(1)
        QWidget.setTabOrder(self.social, self.emploi)

    def value(self) -> Field:
        return Field.EMPLOI if self.emploi.isChecked() else Field.SOCIAL

    def set_value(self, field: Field) -> None:
        (self.emploi if field is Field.EMPLOI else self.social).setChecked(True)
