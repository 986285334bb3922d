"""The plan in large print for the person, opened from the plan step of a real store:
every objective with its pictogram, dates in words, 24 pt and more, high contrast, keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from spie_desktop.domain.large_print_text import action_dates, date_in_words
from spie_desktop.domain.person_texts import person_texts, referential_key
from spie_desktop.domain.plan import Action
from spie_desktop.services.people import PeopleService
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.interview.step_pages import PlanPage
from spie_desktop.ui.pictogram_widget import PictogramWidget
from spie_desktop.ui.plan.large_print_opening import person_screen
from spie_desktop.ui.plan.large_print_view import LargePrintView, contrast_ratio
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext
from tests.services.plan_fixtures import Room

from .conftest import take_up_suggestions


def _open_view(qtbot: QtBot, runner: TaskRunner, room: Room) -> tuple[LargePrintView, list[str]]:
    """Her draft with an action due in 40 days, the view opened from the plan step's
    button; the objectives' labels."""
    plan = take_up_suggestions(room)
    first = plan.objectives[0]
    due = room.plans.today() + timedelta(days=40)
    first.actions.append(Action(objective_id=first.id, label="Aller à l'atelier", due_date=due))
    plan = room.plans.save_draft(plan)
    workspace = InterviewWorkspace(WindowContext(room.session, runner), room.person_id)
    qtbot.addWidget(workspace)
    workspace.resize(1366, 768)
    workspace.show()
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=20_000)
    workspace.model.set_answer("accueil.partage_partenaires", True)
    workspace.model.set_answer("accueil.donnees_sensibles", False)
    assert workspace.model.go_to("plan") == []
    page = workspace.pages.currentWidget()
    assert isinstance(page, PlanPage)
    editor = page.editor
    assert editor is not None
    qtbot.waitUntil(lambda: bool(editor.objective_boxes), timeout=20_000)
    assert editor.large_print_button.isVisible()
    assert editor.large_print_button.text() == "Montrer à la personne (gros caractères)"
    qtbot.mouseClick(editor.large_print_button, Qt.MouseButton.LeftButton)

    def view() -> LargePrintView | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, LargePrintView)]
        return found[0] if found and found[0].isVisible() else None

    qtbot.waitUntil(lambda: view() is not None, timeout=20_000)
    opened = view()
    assert opened is not None
    return opened, [o.label for o in plan.objectives]


def _texts(view: LargePrintView) -> list[str]:
    return [label.text() for label in view.findChildren(QLabel)]


def test_every_objective_with_its_pictogram_in_large_type(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    view, labels = _open_view(qtbot, runner, room)
    assert len(labels) >= 2
    texts = _texts(view)
    for label in labels:
        assert f"Objectif : {label}" in texts, label
    assert view.pages.count() == len(labels) + 1  # one page per objective, then commitments
    shown = view.plan.objectives
    pictures = {p.theme: p for p in view.findChildren(PictogramWidget)}
    for objective in shown:
        if objective.theme_label:  # a theme the person agreed to print
            picture = pictures[objective.theme]
            assert picture.has_picture
            assert picture.accessibleName() == f"Pictogramme : {objective.theme_label}"
    due = room.plans.today() + timedelta(days=40)
    assert any(f"jusqu'au {date_in_words(due, room.plans.today())}" in t for t in texts)
    assert any("Je m'engage" in t for t in texts)  # the commitments page
    for widget in [*view.findChildren(QLabel), *view.findChildren(QAbstractButton)]:
        assert widget.font().pointSizeF() >= 24, (widget.text(), widget.font().pointSizeF())
    for button in view.findChildren(QAbstractButton):
        assert button.text() or button.accessibleName()


def test_keys_move_between_pages_and_escape_closes(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    view, labels = _open_view(qtbot, runner, room)
    last = view.pages.count() - 1
    assert view.pages.currentIndex() == 0
    assert view.page_label.text() == f"Page 1 sur {last + 1}"
    qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_Right)
    assert view.pages.currentIndex() == 1
    qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_PageDown)
    assert view.pages.currentIndex() == min(2, last)
    qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_End)
    assert view.pages.currentIndex() == last and not view.next_button.isEnabled()
    qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_Left)
    assert view.pages.currentIndex() == last - 1
    qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_Home)
    assert view.pages.currentIndex() == 0 and not view.previous_button.isEnabled()
    assert view.pages.accessibleName() == f"Objectif : {labels[0]}"
    with qtbot.waitSignal(view.closed, timeout=5_000):
        qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_black_on_white_or_white_on_black_and_the_pictograms_follow(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    view, _labels = _open_view(qtbot, runner, room)
    picture = view.pictograms[0]
    for dark in (False, True):
        if view.dark != dark:
            qtbot.mouseClick(view.contrast_button, Qt.MouseButton.LeftButton)
        foreground, background = view.colours()
        assert contrast_ratio(foreground, background) >= 7
        assert picture.colour == QColor(foreground)
        image = picture.grab().toImage()
        inked = [
            image.pixelColor(x, y)
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        ]
        assert sum(1 for c in inked if c == QColor(foreground)) > 50
    assert view.contrast_button.text() == "Noir sur blanc"  # what it turns the view into


def test_the_person_screen_is_another_one_when_there_is_one() -> None:
    class Screen:
        pass

    laptop, wall = Screen(), Screen()
    assert person_screen([laptop], laptop) is None  # type: ignore[list-item,arg-type]
    assert person_screen([laptop, wall], laptop) is wall  # type: ignore[list-item,arg-type]
    assert person_screen([laptop, wall], wall) is laptop  # type: ignore[list-item,arg-type]


def test_dates_in_words() -> None:
    today = date(2027, 2, 10)
    assert date_in_words(date(2027, 3, 15), today) == "15 mars"
    assert date_in_words(date(2028, 4, 1), today) == "1er avril 2028"
    assert action_dates(None, date(2027, 3, 15), today) == "jusqu'au 15 mars"
    assert action_dates(date(2027, 3, 2), date(2027, 3, 15), today) == "du 2 mars au 15 mars"
    assert action_dates(date(2027, 3, 2), None, today) == "à partir du 2 mars"
    assert action_dates(None, None, today) == ""


def _reads(room: Room, language: str) -> None:
    """Mme L.'s file now says she reads ``language``."""
    people = PeopleService(room.session)
    person = people.get(room.person_id)
    people.update_identity(
        room.person_id, replace(person.identity, language=language), person.version
    )


def test_a_person_who_reads_portuguese_sees_her_plan_in_portuguese(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    _reads(room, "pt-BR")
    view, labels = _open_view(qtbot, runner, room)
    portuguese = person_texts("pt-BR")
    texts = _texts(view)
    assert view.windowTitle() == "O seu plano de ação, em letras grandes"
    assert view.layoutDirection() == Qt.LayoutDirection.LeftToRight
    for label in labels:
        key = referential_key("objective", label)
        assert key is not None, label  # the suggestions are the referential's objectives
        own = portuguese.text(key)
        assert own != label
        assert f"Objetivo: {own}" in texts, own
        assert f"Objectif : {label}" not in texts
    assert "O que vamos fazer:" in texts
    assert "Os nossos compromissos" in texts
    assert "• " + portuguese.text("plan.commitment.person") in texts
    today = room.plans.today()
    due = today + timedelta(days=40)
    when = date_in_words(due, today, portuguese)
    assert " de " in when  # « 17 de janeiro »: the month in Portuguese words
    assert any(t.startswith(f"até {when}") for t in texts), when
    assert view.page_label.text() == f"Página 1 de {view.pages.count()}"
    assert (
        view.pages.accessibleName()
        == f"Objetivo: {portuguese.text(referential_key('objective', labels[0]) or '')}"
    )


def test_a_person_who_reads_arabic_sees_her_plan_right_to_left(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    _reads(room, "ar")
    view, _labels = _open_view(qtbot, runner, room)
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert view.windowTitle() == "خطة عملك، بخط كبير"
    # Right to left, « Précédent » sits on the right and « Suivant » on the left.
    assert view.next_button.x() < view.previous_button.x()
