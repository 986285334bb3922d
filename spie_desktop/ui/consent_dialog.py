"""The consent screen, read to the person: the wording, its version, one box per scope."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.people import ConsentScope

from .consent_model import ConsentModel
from .feedback import BusyIndicator, InlineMessage
from .i18n import tr
from .setup_pages import heading, paragraph


class ConsentDialog(QDialog):
    recorded = Signal(object)  # ConsentRecord

    def __init__(
        self, model: ConsentModel, person_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Consentement — {name}", name=person_name))
        self.setMinimumWidth(620)
        self.boxes: dict[ConsentScope, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Consentement de {name}", name=person_name), self))
        layout.addWidget(paragraph(model.wording, self))
        layout.addWidget(
            paragraph(tr("Texte du consentement, version {v}", v=model.wording_version), self)
        )
        for scope in ConsentScope:
            box = QCheckBox(model.label(scope), self)
            box.setChecked(scope in model.scopes)
            box.toggled.connect(lambda on, scope=scope: model.set_scope(scope, on))
            self.boxes[scope] = box
            layout.addWidget(box)
        self.note = InlineMessage(self, error=False)
        self.message = InlineMessage(self)
        self.busy = BusyIndicator(self)
        self.save_button = QPushButton(tr("&Enregistrer le consentement"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Plus tard"), self)
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(model.submit)
        self.cancel_button.clicked.connect(self.reject)
        model.changed.connect(self._render)
        model.recorded.connect(self._on_recorded)
        self._render()

    def _on_recorded(self, record: object) -> None:
        self.recorded.emit(record)
        self.accept()

    def _render(self) -> None:
        self.note.show_message(self.model.note)
        self.message.show_message(self.model.message)
        self.save_button.setEnabled(not self.model.busy)
        for box in self.boxes.values():
            box.setEnabled(not self.model.busy)
        if self.model.busy:
            self.busy.start(tr("Enregistrement…"))
        else:
            self.busy.stop()
