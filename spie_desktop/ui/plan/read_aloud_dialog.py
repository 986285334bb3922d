"""« Lire à voix haute »: the plan summary's sentences, the one being read highlighted
(selected, in bold, and said in words: « Phrase 3 sur 12 »), and the controls.

Layout only: :class:`ReadAloudModel` chooses the voice and drives the reading. Keyboard:
Tab moves between the controls, Enter on a sentence reads from it, Esc closes (and stops).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..feedback import InlineMessage
from ..i18n import tr
from .read_aloud_model import ReadAloudModel, ReadingState

SENTENCE_POINTS = 14.0


class ReadAloudDialog(QDialog):
    def __init__(self, model: ReadAloudModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Lecture à voix haute du plan"))
        self.setAccessibleName(tr("Lecture à voix haute du plan"))
        self.language_label = QLabel(self)
        self.notice = InlineMessage(self)
        self.french_button = QPushButton(tr("Lire en &français"), self)
        self.french_button.setAccessibleName(tr("Lire le plan en français"))
        self.position = QLabel(self)
        self.sentences = QListWidget(self)
        self.sentences.setWordWrap(True)
        self.sentences.setSpacing(3)  # one sentence, one block: where one ends shows
        self.sentences.setAccessibleName(tr("Phrases du plan"))
        self.sentences.setAccessibleDescription(
            tr("La phrase lue est sélectionnée. Entrée : lire à partir de cette phrase.")
        )
        font = QFont(self.sentences.font())
        font.setPointSizeF(SENTENCE_POINTS)
        self.sentences.setFont(font)
        self.read_button = self._button(tr("&Lire"), tr("Lire le plan depuis le début"))
        self.pause_button = self._button(tr("&Pause"), tr("Mettre la lecture en pause"))
        self.resume_button = self._button(tr("&Reprendre"), tr("Reprendre la lecture"))
        self.replay_button = self._button(tr("Relire la p&hrase"), tr("Relire la phrase"))
        self.stop_button = self._button(tr("Arrê&ter"), tr("Arrêter la lecture"))
        self.close_button = self._button(tr("Fermer"), tr("Fermer la lecture à voix haute"))

        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.french_button)
        controls = QHBoxLayout()
        for button in (
            self.read_button, self.pause_button, self.resume_button, self.replay_button,
            self.stop_button,
        ):  # fmt: skip
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.language_label)
        layout.addLayout(notice_row)
        layout.addWidget(self.sentences, 1)
        layout.addWidget(self.position)
        layout.addLayout(controls)

        self.read_button.clicked.connect(lambda: model.read(0))
        self.pause_button.clicked.connect(model.pause)
        self.resume_button.clicked.connect(model.resume)
        self.replay_button.clicked.connect(model.replay)
        self.stop_button.clicked.connect(model.stop)
        self.close_button.clicked.connect(self.reject)
        self.french_button.clicked.connect(model.use_french)
        self.sentences.itemActivated.connect(lambda item: model.read(self.sentences.row(item)))
        model.changed.connect(self.refresh)
        model.sentence_started.connect(self.highlight)
        self._waiting = True
        self.fill()
        self.refresh()
        self.resize(900, 560)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setAutoDefault(False)
        return button

    def fill(self) -> None:
        summary = self.model.summary
        self.sentences.clear()
        for sentence in summary.sentences:
            QListWidgetItem(sentence.text, self.sentences)
        rtl = summary.direction == "rtl"
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.sentences.setLayoutDirection(direction)
        self._shown = summary
        self.highlight(-1)

    def refresh(self) -> None:
        model, state = self.model, self.model.state
        if model.summary is not self._shown:
            self.fill()
        voice = model.voice.name if model.voice is not None else ""
        self.language_label.setText(
            tr("Langue : {language}", language=self._language_name())
            + (tr(" — voix : {voice}", voice=voice) if voice else "")
            if state is not ReadingState.WAITING
            else tr("Préparation de la voix…")
        )
        self.notice.show_message(model.problem)
        self.french_button.setVisible(model.can_offer_french)
        ready = model.voice is not None and state is not ReadingState.UNAVAILABLE
        self.read_button.setEnabled(ready and state is not ReadingState.WAITING)
        self.pause_button.setEnabled(state is ReadingState.READING)
        self.resume_button.setEnabled(state is ReadingState.PAUSED)
        self.replay_button.setEnabled(
            ready and state in (ReadingState.READING, ReadingState.PAUSED)
        )
        self.stop_button.setEnabled(state in (ReadingState.READING, ReadingState.PAUSED))
        if state is ReadingState.PAUSED:
            self.position.setText(self.position.text().split(" — ")[0] + tr(" — en pause"))
        if self._waiting and state is not ReadingState.WAITING:
            self._waiting = False
            self._focus_first_control()

    def _focus_first_control(self) -> None:
        """Once the voice is known: « Lire », else « Lire en français », else the sentences."""
        for widget in (self.read_button, self.french_button):
            if widget.isEnabled() and not widget.isHidden():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _language_name(self) -> str:
        if self.model.summary is self.model.material.french:
            return tr("français")
        return self.model.material.language_name

    def highlight(self, index: int) -> None:
        """The sentence being read: selected, in bold, its number said."""
        for row in range(self.sentences.count()):
            item = self.sentences.item(row)
            font = QFont(self.sentences.font())
            font.setBold(row == index)
            item.setFont(font)
        total = self.sentences.count()
        if 0 <= index < total:
            self.sentences.setCurrentRow(index)
            self.sentences.scrollToItem(self.sentences.item(index))
            self.position.setText(tr("Phrase {n} sur {total}", n=index + 1, total=total))
        else:
            self.sentences.clearSelection()
            self.position.setText(tr("{total} phrases", total=total))

    def current_sentence(self) -> int:
        """The highlighted sentence's row, -1 when none is."""
        selected = self.sentences.selectedItems()
        return self.sentences.row(selected[0]) if selected else -1

    def done(self, result: int) -> None:
        """Closed by « Fermer », Esc or the window's button: the reading stops with it."""
        self.model.close()
        super().done(result)
