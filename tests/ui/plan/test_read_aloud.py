"""« Lire à voix haute » before signing: the sentence being read is highlighted as the engine
reports it, pause / resume / replay / stop, and plain French when no voice exists for the
person's language. The engine is a fake: no sound is made."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from spie_desktop.domain.person_texts import person_texts
from spie_desktop.plan.spoken_summary import spoken_summary
from spie_desktop.services.people import PeopleService
from spie_desktop.services.read_aloud import ReadAloudMaterial
from spie_desktop.ui.plan import SigningModel, SigningPage
from spie_desktop.ui.plan.read_aloud_dialog import ReadAloudDialog
from spie_desktop.ui.plan.read_aloud_model import ReadAloudModel, ReadingState
from tests.plan.conftest import plan_document
from tests.services.plan_fixtures import Room

from .speech_fakes import FRENCH_VOICE, PORTUGUESE_VOICE, FakeEngine

LEFT = Qt.MouseButton.LeftButton


def material(language: str) -> ReadAloudMaterial:
    document = plan_document()
    texts = person_texts(language)
    french = spoken_summary(document, person_texts("fr"))
    return ReadAloudMaterial(spoken_summary(document, texts), french, texts.language.name)


def open_dialog(qtbot: QtBot, language: str, engine: FakeEngine) -> ReadAloudDialog:
    model = ReadAloudModel(material(language), lambda: engine)
    dialog = ReadAloudDialog(model)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: model.state is not ReadingState.WAITING, timeout=10_000)
    return dialog


def test_the_highlight_follows_the_sentence_being_read(qtbot: QtBot) -> None:
    engine = FakeEngine([FRENCH_VOICE, PORTUGUESE_VOICE])
    dialog = open_dialog(qtbot, "pt-BR", engine)
    sentences = dialog.model.summary.sentences
    total = len(sentences)
    assert dialog.sentences.count() == total and dialog.current_sentence() == -1
    assert dialog.sentences.item(0).text() == "Este é o seu plano de ação."
    assert not dialog.notice.isVisible()

    qtbot.mouseClick(dialog.read_button, LEFT)
    for index in range(3):  # the engine reports each start; the view follows
        qtbot.waitUntil(lambda i=index: engine.speaking == sentences[i].text, timeout=10_000)
        qtbot.waitUntil(lambda i=index: dialog.current_sentence() == i, timeout=10_000)
        assert dialog.sentences.item(index).font().bold()
        assert not dialog.sentences.item(index + 1).font().bold()
        assert dialog.position.text() == f"Phrase {index + 1} sur {total}"
        engine.finish_sentence()
    qtbot.waitUntil(lambda: engine.speaking == sentences[3].text, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.current_sentence() == 3, timeout=10_000)
    assert engine.spoken[0] == (sentences[0].text, PORTUGUESE_VOICE.id)

    qtbot.mouseClick(dialog.pause_button, LEFT)  # the sentence stops, the highlight stays
    assert dialog.model.state is ReadingState.PAUSED and engine.stops == 1
    assert dialog.resume_button.isEnabled() and not dialog.pause_button.isEnabled()
    assert dialog.current_sentence() == 3 and "en pause" in dialog.position.text()
    qtbot.waitUntil(lambda: engine.speaking == "", timeout=10_000)

    qtbot.mouseClick(dialog.resume_button, LEFT)  # the paused sentence again, from its start
    qtbot.waitUntil(lambda: engine.speaking == sentences[3].text, timeout=10_000)
    assert [text for text, _voice in engine.spoken].count(sentences[3].text) == 2
    engine.finish_sentence()
    qtbot.waitUntil(lambda: dialog.current_sentence() == 4, timeout=10_000)

    qtbot.mouseClick(dialog.replay_button, LEFT)  # « Relire la phrase »
    qtbot.waitUntil(
        lambda: [t for t, _v in engine.spoken].count(sentences[4].text) == 2, timeout=10_000
    )
    assert dialog.current_sentence() == 4

    qtbot.mouseClick(dialog.stop_button, LEFT)
    assert dialog.model.state is ReadingState.IDLE and dialog.current_sentence() == -1
    qtbot.waitUntil(lambda: engine.speaking == "", timeout=10_000)


def test_no_voice_for_portuguese_says_so_and_offers_french(qtbot: QtBot) -> None:
    engine = FakeEngine([FRENCH_VOICE])  # an engine that lists no Portuguese voice
    dialog = open_dialog(qtbot, "pt-BR", engine)
    assert dialog.notice.isVisible()
    assert dialog.notice.text() == (
        "Aucune voix n'est installée pour le portugais sur cet ordinateur."
    )
    assert dialog.french_button.isVisible() and not dialog.read_button.isEnabled()

    qtbot.mouseClick(dialog.french_button, LEFT)
    assert not dialog.notice.isVisible() and not dialog.french_button.isVisible()
    assert dialog.sentences.item(0).text() == "Voici votre plan d'action."
    assert dialog.language_label.text().startswith("Langue : français")
    qtbot.mouseClick(dialog.read_button, LEFT)
    qtbot.waitUntil(lambda: engine.speaking == "Voici votre plan d'action.", timeout=10_000)
    assert engine.spoken == [("Voici votre plan d'action.", FRENCH_VOICE.id)]
    dialog.reject()


def test_keyboard_and_names(qtbot: QtBot) -> None:
    engine = FakeEngine([FRENCH_VOICE])
    dialog = open_dialog(qtbot, "fr", engine)
    for button in dialog.findChildren(QAbstractButton):
        assert button.accessibleName(), button.text()
    assert dialog.sentences.accessibleName()
    dialog.sentences.setFocus()
    dialog.sentences.setCurrentRow(2)
    qtbot.keyClick(dialog.sentences, Qt.Key.Key_Return)  # Enter reads from this sentence
    second = dialog.model.summary.sentences[2].text
    qtbot.waitUntil(lambda: engine.speaking == second, timeout=10_000)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes and stops the reading
    qtbot.waitUntil(lambda: engine.speaking == "", timeout=10_000)
    assert not dialog.isVisible()


def test_the_signing_step_opens_it_in_the_persons_language(
    qtbot: QtBot, room: Room, signing_model: SigningModel, monkeypatch
) -> None:
    people = PeopleService(room.session)
    person = people.get(room.person_id)
    person.language = "pt-BR"
    people.update(person)
    engine = FakeEngine([FRENCH_VOICE, PORTUGUESE_VOICE])
    monkeypatch.setattr(SigningPage, "make_speech_engine", lambda: engine)
    page = SigningPage(signing_model)
    qtbot.addWidget(page)
    page.show()
    assert page.read_aloud_button.isVisible() and page.read_aloud_button.isEnabled()
    assert page.read_aloud_button.text() == "Lire à &voix haute"
    qtbot.mouseClick(page.read_aloud_button, LEFT)
    qtbot.waitUntil(lambda: page.read_aloud is not None, timeout=20_000)
    dialog = page.read_aloud
    assert dialog is not None and dialog.isVisible()
    texts = [dialog.sentences.item(i).text() for i in range(dialog.sentences.count())]
    assert texts[0] == "Este é o seu plano de ação."
    qtbot.waitUntil(lambda: dialog.model.state is ReadingState.IDLE, timeout=10_000)
    assert QApplication.focusWidget() is dialog.read_button
    dialog.reject()
