"""The consent screen, read to the person: the wording, its version, one box per scope."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from spie_desktop.domain.people import ConsentScope

from .consent_model import ConsentModel
from .dialog_body import scrolling_body
from .feedback import BusyIndicator, InlineMessage
from .i18n import tr
from .setup_pages import heading, paragraph
from .wrapped_check_box import WrappedCheckBox


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
        # The wording and the scopes scroll down when the text is large (200 %): never
        # sideways, and the buttons stay in view under them.
        layout, footer = scrolling_body(self)
        layout.addWidget(heading(tr("Consentement de {name}", name=person_name), self))
        #: The texts in the person's language, when it is not French (French follows).
        self.own_texts: list[QLabel] = []
        if not model.in_french:
            self.own_texts.append(heading(model.own_title, self))
            self.own_texts.append(paragraph(model.own_wording, self))
            for label in self.own_texts:
                layout.addWidget(self._oriented(label))
            layout.addWidget(paragraph(tr("En français :"), self))
        self.french_text = paragraph(model.wording, self)
        layout.addWidget(self.french_text)
        if not model.in_french:
            layout.addWidget(paragraph(model.french_reference, self))
        layout.addWidget(
            paragraph(tr("Texte du consentement, version {v}", v=model.wording_version), self)
        )
        for scope in ConsentScope:
            own = model.own_label(scope)
            text = f"{own}\n{model.label(scope)}" if own else model.label(scope)
            wrapped = WrappedCheckBox(text, self)
            box = wrapped.box
            box.setChecked(scope in model.scopes)
            box.toggled.connect(lambda on, scope=scope: model.set_scope(scope, on))
            self.boxes[scope] = box
            layout.addWidget(wrapped)
        layout.addStretch(1)
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
        footer.addWidget(self.note)
        footer.addWidget(self.message)
        footer.addLayout(buttons)

        self.save_button.clicked.connect(model.submit)
        self.cancel_button.clicked.connect(self.reject)
        model.changed.connect(self._render)
        model.recorded.connect(self._on_recorded)
        self._render()

    def _oriented(self, label: QLabel) -> QLabel:
        """Right-to-left text (Arabic) laid out and aligned from the right."""
        if self.model.right_to_left:
            label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return label

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
