"""Case reviews on real widgets and a real store: « Proposer en revue de situation… » from the
person's file and from a row of the point de situation (refusing in place, French), and the
« Revues de situation » section: a session made, a waiting case put to it, the group's
decisions landing in the person's plan."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spie_desktop.domain.case_review import Participant
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.services import case_reviews as reviews
from spie_desktop.services.device import SetupResult
from spie_desktop.ui.case_flag_dialog import CaseFlagDialog
from spie_desktop.ui.case_reviews_model import CaseReviewsModel
from spie_desktop.ui.case_reviews_page import CaseReviewsPage
from spie_desktop.ui.pages import default_pages
from spie_desktop.ui.people_section import PeopleSection
from spie_desktop.ui.situation_model import SituationModel
from spie_desktop.ui.situation_page import SituationPage
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from ..services.plan_fixtures import make_room
from .conftest import NADIA_PASSPHRASE, type_text
from .layout_checks import layout_problems
from .main_helpers import unlock_to_main, wait_idle
from .situation_helpers import Cast, open_cast


@pytest.fixture
def cast(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    yield from open_cast(ready_device)


@pytest.fixture
def context(qtbot: QtBot, runner: TaskRunner, cast: Cast) -> Iterator[WindowContext]:
    made = WindowContext(cast.session, runner)
    yield made
    made.deleteLater()


def shown_flag_dialog() -> CaseFlagDialog:
    found = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CaseFlagDialog) and w.isVisible()
    ]
    assert len(found) == 1, found
    return found[0]


def flagged(cast: Cast) -> list[reviews.CaseLine]:
    return reviews.reviews_overview(cast.session).unscheduled


def test_the_person_file_flags_a_case_with_a_reason_and_a_question(
    qtbot: QtBot, runner: TaskRunner, context: WindowContext, cast: Cast
) -> None:
    section = PeopleSection(context)
    qtbot.addWidget(section)
    section.open_person(cast.alice)
    qtbot.waitUntil(lambda: section.person_file.file is not None, timeout=10_000)
    button = section.file_page.review_button
    assert button.isEnabled() and button.text() == "Proposer en &revue de situation…"
    button.click()
    dialog = shown_flag_dialog()
    assert dialog.windowTitle() == "Proposer en revue de situation — Alice ORANGE"

    dialog.save()  # nothing typed: refused in place, nothing written
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.error.text() == "Le motif est obligatoire."
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert flagged(cast) == []

    type_text(dialog.reason, "Aucune réponse aux convocations depuis l'orientation")
    type_text(dialog.question, "Quel partenaire peut aller à sa rencontre ?")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save()
    [case] = flagged(cast)
    assert case.person_id == cast.alice
    assert case.question == "Quel partenaire peut aller à sa rencontre ?"
    assert not case.include_sex
    # On her parcours too, once the file has read the change.
    parcours = section.person_file.parcours
    qtbot.waitUntil(
        lambda: (
            parcours.parcours is not None
            and FollowUpKind.CASE_REVIEW in [s.kind for s in parcours.parcours.steps]
        ),
        timeout=10_000,
    )
    wait_idle(qtbot, runner)


def test_a_point_de_situation_row_flags_its_person(
    qtbot: QtBot, runner: TaskRunner, context: WindowContext, cast: Cast
) -> None:
    model = SituationModel(context)
    page = SituationPage(model)
    model.setParent(page)
    qtbot.addWidget(page)
    model.load()
    qtbot.waitUntil(lambda: model.report is not None, timeout=15_000)
    assert page.flag_action in page.table.actions()
    assert page.flag_action.text() == "Proposer en revue de situation…"
    rows = [model.table.row_at(r) for r in range(model.table.rowCount())]
    bruno = next(i for i, r in enumerate(rows) if r is not None and r.person_id == cast.bruno)
    page.table.setCurrentIndex(model.table.index(bruno, 0))
    page.flag_action.trigger()
    dialog = shown_flag_dialog()
    assert dialog.windowTitle().endswith("Bruno PETIT")
    type_text(dialog.reason, "x" * 1001)
    type_text(dialog.question, "Que proposer ?")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.error.text() == "Le motif est trop long (1000 caractères au plus)."
    dialog.reason.setPlainText("Sans solution de mobilité")
    dialog.include_sex.setChecked(True)
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save()
    [case] = flagged(cast)
    assert case.person_id == cast.bruno and case.include_sex
    wait_idle(qtbot, runner)


def test_the_section_makes_a_session_puts_a_case_to_it_and_records_decisions(
    qtbot: QtBot, runner: TaskRunner, context: WindowContext, cast: Cast
) -> None:
    assert "Revues" in [spec.title for spec in default_pages()]
    room = make_room(cast.session)
    draft = room.ready_draft()
    case = reviews.flag_case(cast.session, room.person_id, "Freins cumulés", "Par où commencer ?")
    model = CaseReviewsModel(context)
    page = CaseReviewsPage(model)
    model.setParent(page)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    assert page.title.text() == "Revues de situation"
    qtbot.waitUntil(lambda: page.waiting.topLevelItemCount() == 1, timeout=10_000)
    item = page.waiting.topLevelItem(0)
    assert item is not None
    assert [item.text(c) for c in (0, 1)] == [case.reference, "Hélène LEFÈVRE"]
    assert not page.schedule_button.isEnabled()  # no session shown yet
    assert not page.cases_box.isEnabled()

    # A new session: the place is required, participants by name and structure.
    page.new_review()
    page.save_review()
    qtbot.waitUntil(lambda: page.editor_error.text() != "", timeout=10_000)
    assert page.editor_error.text() == "Le lieu est obligatoire."
    page.place.setText("Rodez, Maison des solidarités")
    page.participants.set_participants(
        [Participant("Nadia B.", "Conseil départemental", "Référente")]
    )
    page.save_review()
    qtbot.waitUntil(lambda: page.sessions.topLevelItemCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: model.detail is not None, timeout=10_000)
    row = page.sessions.topLevelItem(0)
    assert row is not None
    assert [row.text(c) for c in (1, 2, 3)] == ["Rodez, Maison des solidarités", "0", "Prévue"]
    assert page.editor_box.title().startswith("Revue du ")
    # A refused edit keeps what was typed (a render never overwrites it).
    page.place.clear()
    page.participants.add_line(["Julien R.", "", ""])
    page.save_review()
    qtbot.waitUntil(lambda: page.editor_error.text() != "", timeout=10_000)
    assert page.editor_error.text() == "Le lieu est obligatoire."
    assert page.place.text() == "" and page.participants.table.rowCount() == 2
    page.place.setText("Rodez, Maison des solidarités")
    page.participants.remove_line()

    # The waiting case put to it.
    page.waiting.setCurrentItem(page.waiting.topLevelItem(0))
    assert page.schedule_button.isEnabled()
    page.schedule_selected()
    qtbot.waitUntil(lambda: page.cases.topLevelItemCount() == 1, timeout=10_000)
    assert page.waiting.topLevelItemCount() == 0 and page.no_waiting.isVisible()
    qtbot.waitUntil(lambda: row_count(page) == "1", timeout=10_000)

    # Decisions: a bad due date refused in place, then the plan's draft gets them.
    page.cases.setCurrentItem(page.cases.topLevelItem(0))
    assert page.decisions_button.isEnabled()
    page.decisions.add_line(["Demander une place en crèche", "CCAS", "31/02/2027"])
    page.record_decisions()
    assert "Cette date n'existe pas." in page.decisions_error.text()
    page.decisions.set_lines([["Demander une place en crèche", "CCAS", "15/01/2027"]])
    page.record_decisions()
    qtbot.waitUntil(lambda: "ajoutée(s) au plan" in page.note.text(), timeout=10_000)
    assert page.note.text().startswith("1 action(s) ajoutée(s) au plan (version 1")
    labels = [a.label for o in room.plans.get(draft.id).objectives for a in o.actions]
    assert labels[-1] == "Demander une place en crèche"
    wait_idle(qtbot, runner)


def row_count(page: CaseReviewsPage) -> str:
    row = page.sessions.topLevelItem(0)
    return row.text(2) if row is not None else ""


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_section_fits_the_window(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    cast: Cast,
    size: tuple[int, int],
) -> None:
    session = cast.session
    case = reviews.flag_case(session, cast.alice, "Sans réponse", "Qui peut aller la voir ?")
    reviews.flag_case(session, cast.bruno, "Mobilité", "Quelle solution de transport ?")
    review = reviews.save_review(
        session,
        datetime(2026, 12, 10, 13, 30, tzinfo=UTC),
        "Rodez, Maison des solidarités",
        [
            Participant("Nadia B.", "Conseil départemental de l'Aveyron", "Référente sociale"),
            Participant("Julien R.", "France Travail Rodez", "Conseiller emploi"),
        ],
    )
    reviews.schedule_case(session, case.id, review.id)
    session.close()
    main = unlock_to_main(qtbot, runner, ready_device[0], NADIA_PASSPHRASE)
    main.show()
    main.resize(*size)
    index = next(
        i for i in range(main.pages.count()) if isinstance(main.pages.widget(i), CaseReviewsPage)
    )
    main.navigation.setCurrentRow(index)
    page = main.pages.widget(index)
    assert isinstance(page, CaseReviewsPage)
    qtbot.waitUntil(lambda: page.sessions.topLevelItemCount() == 1, timeout=10_000)
    page.sessions.setCurrentItem(page.sessions.topLevelItem(0))
    qtbot.waitUntil(lambda: page.cases.topLevelItemCount() == 1, timeout=10_000)
    page.cases.setCurrentItem(page.cases.topLevelItem(0))
    wait_idle(qtbot, runner)
    qtbot.wait(50)
    assert (main.width(), main.height()) == size, "the window had to grow to hold the section"
    assert layout_problems(page) == []
    assert page.participants.table.rowCount() == 2
    for table in (page.participants.table, page.decisions.table):
        assert table.viewport().height() >= 2 * table.verticalHeader().defaultSectionSize()
    if size[0] == 1366:
        main.set_presentation_mode(True)  # larger text: still nothing cut
        wait_idle(qtbot, runner)
        qtbot.wait(50)
        assert layout_problems(page) == []
        main.set_presentation_mode(False)
