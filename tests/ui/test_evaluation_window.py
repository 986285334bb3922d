"""The person's evaluation on screen: offered at the 6-month check-in, answered with the
keyboard alone (1–4, Tab, Enter, « Précédent », « Passer »), kept as it goes, and invisible
afterwards: no page the counsellor sees holds any of the answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from spie_desktop.domain.evaluation_text import QUESTION_TEXT, SCALE_WORDS, TEXT
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.device import SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.ui.check_in_dialog import CheckInDialog
from spie_desktop.ui.evaluation_window import EvaluationWindow
from spie_desktop.ui.people_section import PeopleSection
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .conftest import type_text
from .situation_helpers import Cast, open_cast

SUGGESTION = "Un rendez-vous plus court le mardi"


@pytest.fixture
def cast(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    for opened in open_cast(ready_device):
        # Denis agreed to be asked how his support went; Bruno only to keep his file.
        people = PeopleService(opened.session)
        people.record_consent(opened.denis, {ConsentScope.RECORD, ConsentScope.EVALUATION})
        people.record_consent(opened.bruno, {ConsentScope.RECORD})
        yield opened


@pytest.fixture
def section(qtbot: QtBot, runner: TaskRunner, cast: Cast) -> PeopleSection:
    context = WindowContext(cast.session, runner)
    shown = PeopleSection(context)
    context.setParent(shown)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    return shown


def open_file(qtbot: QtBot, section: PeopleSection, person: object) -> None:
    section.open_person(person)  # type: ignore[arg-type]
    parcours = section.person_file.parcours
    qtbot.waitUntil(
        lambda: parcours.parcours is not None and section.person_file.file is not None,
        timeout=10_000,
    )


def hand_over(qtbot: QtBot, section: PeopleSection, cast: Cast, month: int) -> EvaluationWindow:
    open_file(qtbot, section, cast.denis)
    dialog = section.record_check_in(month)
    assert isinstance(dialog, CheckInDialog)
    assert dialog.evaluate_button.isVisible()
    assert dialog.hand_over()
    qtbot.waitUntil(lambda: dialog.evaluation is not None, timeout=10_000)
    window = dialog.evaluation
    assert window is not None
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window


def key(
    window: QWidget, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, which, modifier)


def stored(cast: Cast) -> list[dict[str, object]]:
    with cast.session.uow(read_only=True) as uow:
        rows = uow.session.execute(text("SELECT * FROM evaluations")).all()
    return [dict(r._mapping) for r in rows]


def test_the_evaluation_is_offered_at_the_six_month_check_in_only(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    open_file(qtbot, section, cast.denis)
    first = section.record_check_in(1)
    assert isinstance(first, CheckInDialog) and not first.evaluate_button.isVisibleTo(first)
    first.reject()
    six = section.record_check_in(6)
    assert isinstance(six, CheckInDialog) and six.evaluate_button.isVisibleTo(six)
    assert six.evaluate_button.text() == "Faire éva&luer par la personne…"


def test_the_person_answers_with_the_keyboard_and_every_answer_is_kept(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    window = hand_over(qtbot, section, cast, 6)
    assert window.isFullScreen()
    assert window.progress.text() == "Question 1 sur 6"
    assert window.question.text() == "C'était clair ?"

    key(window, Qt.Key.Key_3)  # « Plutôt oui »
    assert window.progress.text() == "Question 2 sur 6"
    assert window.question.text() == "Vous vous êtes senti écouté ?"
    key(window, Qt.Key.Key_Tab)  # from the first face to the second
    assert QApplication.focusWidget() is window.faces[1]
    key(window, Qt.Key.Key_Return)  # « Plutôt non »
    assert window.progress.text() == "Question 3 sur 6"

    window.previous_button.setFocus()  # « Précédent » by the keyboard: Enter on it
    key(window, Qt.Key.Key_Return)
    assert window.progress.text() == "Question 2 sur 6"
    assert [f.isChecked() for f in window.faces] == [False, True, False, False]
    key(window, Qt.Key.Key_4)  # changes her mind: « Tout à fait »

    assert window.question.text() == "Êtes-vous d'accord avec votre plan ?"
    key(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back round to « Passer »
    assert QApplication.focusWidget() is window.skip_button
    key(window, Qt.Key.Key_Return)
    assert window.question.text() == "Est-ce utile pour vous ?"
    key(window, Qt.Key.Key_1)

    assert window.question.text() == "Qu'est-ce que vous changeriez ? (facultatif)"
    assert QApplication.focusWidget() is window.suggestion
    type_text(window.suggestion, SUGGESTION)
    key(window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.next_button
    key(window, Qt.Key.Key_Return)

    assert window.progress.text() == "Question 6 sur 6"
    key(window, Qt.Key.Key_1)  # « Oui » to the evaluation groups
    assert window.thanks.isVisible()
    assert window.thanks.text() == "Merci. Vous pouvez rendre l'écran au conseiller."
    assert not window.question.isVisible() and not window.skip_button.isVisible()

    qtbot.waitUntil(lambda: bool(stored(cast)) and stored(cast)[0]["wants_groups"] == 1)
    [row] = stored(cast)
    assert json.loads(str(row["answers"])) == {"clear": 3, "listened": 4, "useful": 1}
    assert row["suggestion"] == SUGGESTION and row["step"] == "check_in_6m"
    assert row["updated_by"] is None
    shown = " ".join(str(v) for v in row.values())
    for needle in ("Denis", "Leroy", str(cast.denis), str(cast.session.counsellor.id)):
        assert needle not in shown

    with qtbot.waitSignal(window.closed):
        key(window, Qt.Key.Key_Return)  # « Rendre l'écran »


def test_the_screen_given_back_after_question_two_keeps_questions_one_and_two(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    window = hand_over(qtbot, section, cast, 6)
    key(window, Qt.Key.Key_2)
    key(window, Qt.Key.Key_4)
    with qtbot.waitSignal(window.closed):
        key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(stored(cast)) and len(str(stored(cast)[0]["answers"])) > 12)
    [row] = stored(cast)
    assert json.loads(str(row["answers"])) == {"clear": 2, "listened": 4}
    assert row["wants_groups"] is None and row["suggestion"] == ""


def widget_texts(root: QWidget) -> list[str]:
    """Every text a widget tree shows or says (labels, buttons, fields, lists, tooltips)."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        found.extend((widget.toolTip(), widget.accessibleName(), widget.windowTitle()))
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            found.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            found.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            found.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QListWidget):
            found.extend(widget.item(i).text() for i in range(widget.count()))
        elif isinstance(widget, QTreeWidget):
            items = QTreeWidgetItemIterator(widget)
            while items.value():
                item = items.value()
                found.extend(item.text(c) for c in range(item.columnCount()))
                items += 1
    return [t for t in found if t]


def test_after_the_evaluation_no_counsellor_page_holds_any_answer(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    window = hand_over(qtbot, section, cast, 6)
    for digit in (Qt.Key.Key_4, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
        key(window, digit)
    type_text(window.suggestion, SUGGESTION)
    window.next_button.click()
    window.no_button.click()
    with qtbot.waitSignal(window.closed):
        window.close_button.click()
    qtbot.waitUntil(lambda: bool(stored(cast)) and stored(cast)[0]["wants_groups"] == 0)

    open_file(qtbot, section, cast.denis)  # the file read again after the evaluation
    qtbot.waitUntil(lambda: not section.person_file.loading, timeout=10_000)
    pages = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert section in pages and not any(isinstance(w, EvaluationWindow) for w in pages)
    shown = "\n".join(t for page in pages for t in widget_texts(page))
    assert "Denis" in shown  # the walk does read the counsellor's pages
    person_words = [SUGGESTION, *SCALE_WORDS.values(), *QUESTION_TEXT.values()]
    person_words += [TEXT["groups"], TEXT["thanks"]]
    assert [w for w in person_words if w in shown] == []


def test_the_application_locking_closes_the_window_and_forgets_what_was_chosen(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    window = hand_over(qtbot, section, cast, 6)
    key(window, Qt.Key.Key_4)
    model = window.model
    qtbot.waitUntil(lambda: bool(stored(cast)) and "clear" in str(stored(cast)[0]["answers"]))
    with qtbot.waitSignal(window.closed):
        section.context.lock()  # the counsellor's inactivity lock
    assert model.chosen == {} and model.finished


def test_a_person_who_did_not_agree_to_be_asked_is_not_handed_the_screen(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    open_file(qtbot, section, cast.bruno)
    dialog = section.record_check_in(6)
    assert isinstance(dialog, CheckInDialog)
    assert dialog.hand_over()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "n'a pas accepté d'être sollicitée pour donner son avis" in dialog.error.text()
    assert dialog.evaluation is None and stored(cast) == []


def reads(cast: Cast, language: str) -> None:
    """Denis's file now says he reads ``language``."""
    people = PeopleService(cast.session)
    person = people.get(cast.denis)
    people.update_identity(cast.denis, replace(person.identity, language=language), person.version)


def test_a_person_who_reads_portuguese_is_asked_in_portuguese_and_answers_the_same(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    reads(cast, "pt-BR")
    window = hand_over(qtbot, section, cast, 6)
    assert window.windowTitle() == "A sua opinião"
    assert window.progress.text() == "Pergunta 1 de 6"
    assert window.question.text() == "Ficou claro?"
    assert [face.word for face in window.faces] == [
        "Nada",
        "Mais para não",
        "Mais para sim",
        "Totalmente",
    ]
    assert window.faces[0].accessibleName() == "Nada"
    assert window.skip_button.text() == "Pular →"
    assert window.previous_button.text() == "← Anterior"
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight

    key(window, Qt.Key.Key_3)  # « Mais para sim »
    assert window.question.text() == "Você se sentiu ouvido?"
    window.skip_button.click()
    window.skip_button.click()
    key(window, Qt.Key.Key_2)
    assert window.question.text() == "O que você mudaria? (opcional)"
    window.next_button.click()
    assert window.question.text() == "Você quer participar dos grupos de avaliação do território?"
    assert window.yes_button.text() == "Sim" and window.no_button.text() == "Não"
    window.no_button.click()
    assert window.thanks.text() == "Obrigado. Você pode devolver a tela ao conselheiro."

    qtbot.waitUntil(lambda: bool(stored(cast)) and stored(cast)[0]["wants_groups"] == 0)
    [row] = stored(cast)  # stored as a French reader's answers are
    assert json.loads(str(row["answers"])) == {"clear": 3, "useful": 2}
    assert row["suggestion"] == "" and row["step"] == "check_in_6m"


def test_a_person_who_reads_arabic_is_shown_the_window_right_to_left(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    reads(cast, "ar")
    window = hand_over(qtbot, section, cast, 6)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.faces[0].isRightToLeft()
    assert window.question.text() == "هل كان الأمر واضحًا؟"
    assert window.progress.text() == "السؤال 1 من 6"
    assert window.skip_button.text() == "تخطٍّ ←"
    # Right to left, « Passer » sits on the left of the screen and the first face on the right.
    assert window.skip_button.x() < window.previous_button.x()
    assert window.faces[0].x() > window.faces[3].x()
    key(window, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: bool(stored(cast)) and "clear" in str(stored(cast)[0]["answers"]))
    assert json.loads(str(stored(cast)[0]["answers"])) == {"clear": 4}
