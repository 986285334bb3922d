"""The person's evaluation: the counsellor hands the screen over, the person answers.

One question per screen in large type: the four faces of the scale (keys 1 to 4, Enter on
the face that has the focus, Tab between them), « Passer » and « Précédent » on every
screen, « Question 2 sur 6 » above. Then what they would change (optional free text) and
whether they would join the territory's evaluation groups; at the end, « Merci. Vous pouvez
rendre l'écran au conseiller. » Nothing of the answers stays on screen once it is closed,
and no page of the application shows them. Every word comes from
:mod:`spie_desktop.domain.evaluation_text`, in the person's language (right to left for
Arabic).

Widgets only; the screens and the writes live in :class:`.evaluation_model.EvaluationModel`.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.evaluation_text import evaluation_words
from spie_desktop.domain.person_texts import FRENCH
from spie_desktop.services.evaluations import EvaluationQuestion, EvaluationStep
from spie_desktop.services.person_languages import device_texts

from .evaluation_faces import FaceButton, FaceGrid
from .evaluation_model import GROUPS, SUGGESTION, EvaluationModel
from .feedback import error_style
from .theme import current
from .window_context import WindowContext

#: Chosen: a thick solid frame on a tinted button; the keyboard's place: a dashed frame.
STYLE = """
EvaluationWindow, EvaluationWindow QScrollArea, QWidget#evaluation_body {{
    background: {t.evaluation_window}; }}
EvaluationWindow QPushButton {{ border: 2px solid {t.evaluation_button_border};
    border-radius: 10px; background: {t.evaluation_button}; color: {t.window_text};
    padding: 8px 20px; }}
EvaluationWindow QPushButton:focus {{ border: 3px dashed {t.evaluation_chosen}; }}
EvaluationWindow QPushButton:checked {{ border: 6px solid {t.evaluation_chosen};
    background: {t.evaluation_chosen_background}; }}
EvaluationWindow QPushButton:disabled {{ color: {t.disabled_text};
    border-color: {t.disabled_text}; }}
"""
DIGITS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}


def _scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def _big_button(text: str, parent: QWidget, factor: float = 1.6) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(True)  # Enter presses the button that has the focus
    _scaled(button, factor, bold=True)
    button.setMinimumSize(200, 64)
    return button


class EvaluationWindow(QWidget):
    closed = Signal()

    def __init__(self, model: EvaluationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.model = model
        words = model.words
        said = words.text
        if words.right_to_left:
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setWindowTitle(said["window_title"])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(900, 480)
        self.setStyleSheet(STYLE.format(t=current()))

        self.progress = QLabel(self)
        _scaled(self.progress, 1.4)
        self.intro = QLabel(said["intro"], self)
        self.intro.setWordWrap(True)
        _scaled(self.intro, 1.2)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        _scaled(self.question, 2.6, bold=True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _scaled(self.hint, 1.3)
        self.error = QLabel(self)
        self.error.setStyleSheet(error_style())
        self.error.setWordWrap(True)
        _scaled(self.error, 1.3, bold=True)

        self.pages = QStackedWidget(self)
        self.scale_page = FaceGrid(self.pages)
        self.faces = [FaceButton(v, w, self.scale_page) for v, w in words.scale.items()]
        self.scale_page.place(self.faces)
        for face in self.faces:
            face.clicked.connect(lambda _=False, v=face.value: self.model.choose(v))

        self.suggestion_page = QWidget(self.pages)
        self.suggestion = QPlainTextEdit(self.suggestion_page)
        self.suggestion.setPlaceholderText(said["suggestion_hint"])
        self.suggestion.setTabChangesFocus(True)
        self.suggestion.setAccessibleName(said["suggestion"])
        _scaled(self.suggestion, 1.6)
        self.next_button = _big_button(said["next"], self.suggestion_page)
        suggestion_layout = QVBoxLayout(self.suggestion_page)
        suggestion_layout.addWidget(self.suggestion, 1)
        suggestion_layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)

        self.groups_page = QWidget(self.pages)
        self.yes_button = _big_button(said["yes"], self.groups_page, 2.0)
        self.no_button = _big_button(said["no"], self.groups_page, 2.0)
        for button in (self.yes_button, self.no_button):
            button.setCheckable(True)
            button.setMinimumSize(260, 120)
        groups_row = QHBoxLayout(self.groups_page)
        groups_row.addStretch(1)
        groups_row.addWidget(self.yes_button)
        groups_row.addSpacing(48)
        groups_row.addWidget(self.no_button)
        groups_row.addStretch(1)

        self.thanks_page = QWidget(self.pages)
        self.thanks = QLabel(said["thanks"], self.thanks_page)
        self.thanks.setWordWrap(True)
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _scaled(self.thanks, 2.6, bold=True)
        self.close_button = _big_button(said["close"], self.thanks_page)
        thanks_layout = QVBoxLayout(self.thanks_page)
        thanks_layout.addStretch(1)
        thanks_layout.addWidget(self.thanks)
        thanks_layout.addSpacing(32)
        thanks_layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignCenter)
        thanks_layout.addStretch(1)

        for page in (self.scale_page, self.suggestion_page, self.groups_page, self.thanks_page):
            self.pages.addWidget(page)

        # The arrows point the way the person reads: reversed right to left.
        back, onward = ("→", "←") if words.right_to_left else ("←", "→")
        self.previous_button = _big_button(f"{back} {said['previous']}", self, 1.3)
        self.skip_button = _big_button(f"{said['skip']} {onward}", self, 1.3)
        top = QHBoxLayout()
        top.addWidget(self.progress)
        top.addSpacing(24)
        top.addWidget(self.intro, 1, Qt.AlignmentFlag.AlignTop)
        bottom = QHBoxLayout()
        bottom.addWidget(self.previous_button)
        bottom.addStretch(1)
        bottom.addWidget(self.skip_button)
        # Text at 200 % on a laptop screen may need more height than there is: the screen
        # scrolls down (never sideways) rather than squeezing the faces.
        self.body = QWidget(self)
        self.body.setObjectName("evaluation_body")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from answer to answer
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self.question)
        layout.addWidget(self.hint)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

        self.next_button.clicked.connect(
            lambda: self.model.submit_suggestion(self.suggestion.toPlainText())
        )
        self.yes_button.clicked.connect(lambda: self.model.choose_groups(True))
        self.no_button.clicked.connect(lambda: self.model.choose_groups(False))
        self.skip_button.clicked.connect(self.model.skip)
        self.previous_button.clicked.connect(self.model.previous)
        self.close_button.clicked.connect(self.close)
        model.changed.connect(self.refresh)
        model.forgotten.connect(self.close)
        self.refresh()

    def refresh(self) -> None:
        model = self.model
        self.error.setText(model.error)
        self.error.setVisible(bool(model.error))
        finished = model.finished
        for widget in (self.progress, self.intro, self.previous_button, self.skip_button):
            widget.setVisible(not finished)
        self.hint.setVisible(not finished)
        if finished:
            self.question.clear()
            self.question.hide()
            self.suggestion.clear()
            self.pages.setCurrentWidget(self.thanks_page)
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.question.show()
        self.progress.setText(model.progress_text())
        self.question.setText(model.question_text())
        self.previous_button.setEnabled(model.index > 0)
        screen, chosen = model.screen, model.chosen.get(model.screen)
        if isinstance(screen, EvaluationQuestion):
            self.hint.setText(model.words.text["keys_scale"])
            self.pages.setCurrentWidget(self.scale_page)
            for face in self.faces:
                face.setChecked(face.value == chosen)
            focused = next((f for f in self.faces if f.value == chosen), self.faces[0])
            focused.setFocus(Qt.FocusReason.OtherFocusReason)
        elif screen == SUGGESTION:
            self.hint.setText("")
            self.pages.setCurrentWidget(self.suggestion_page)
            self.suggestion.setPlainText(str(chosen) if isinstance(chosen, str) else "")
            self.suggestion.setFocus(Qt.FocusReason.OtherFocusReason)
        elif screen == GROUPS:
            words = model.words.text
            self.hint.setText(words["groups_hint"] + "\n" + words["keys_groups"])
            self.pages.setCurrentWidget(self.groups_page)
            self.yes_button.setChecked(chosen is True)
            self.no_button.setChecked(chosen is False)
            (self.no_button if chosen is False else self.yes_button).setFocus(
                Qt.FocusReason.OtherFocusReason
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:  # the screen given back half-way: kept as is
            self.close()
            return
        value = DIGITS.get(Qt.Key(event.key()))
        screen = self.model.screen
        if value is not None and not self.model.finished:
            if isinstance(screen, EvaluationQuestion):
                self.model.choose(value)
                return
            if screen == GROUPS and value in (1, 2):
                self.model.choose_groups(value == 1)
                return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # What the person typed or chose leaves the screen with the window.
        self.suggestion.clear()
        self.model.chosen.clear()
        self.closed.emit()
        super().closeEvent(event)


def open_evaluation(
    context: WindowContext,
    person_id: uuid.UUID,
    step: EvaluationStep,
    parent: QWidget | None = None,
    *,
    language: str = FRENCH,
    full_screen: bool = True,
) -> EvaluationWindow | None:
    """Start an evaluation of ``step`` for the person and hand the screen over: the window
    fills the screen and speaks ``language`` (the person's, read with their consent).
    ``None`` when the store is locked (nothing was written)."""
    session = context.session
    texts = device_texts(session.data_dir if session is not None else None, language)
    model = EvaluationModel(context, person_id, step, words=evaluation_words(texts))
    if not model.start():
        model.deleteLater()
        return None
    window = EvaluationWindow(model, parent)
    model.setParent(window)
    if full_screen:
        screen = (parent.screen() if parent is not None else None) or window.screen()
        window.setGeometry(screen.geometry())  # also where no window manager resizes it
        window.showFullScreen()
    else:
        window.show()
    window.activateWindow()
    return window
