"""The parcours on a person's file: the vertical timeline with waiting times, the alerts
with what to do, « Ajouter un événement… » refusing in place, « Suivi dans l'emploi… »
clearing the check-in due."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.domain.event_details import CONTRACT, DIFFICULTIES, EMPLOYER, HOURS, NEW_ACTION
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.services.device import SetupResult
from spie_desktop.ui.check_in_dialog import CheckInDialog
from spie_desktop.ui.event_dialog import EventDialog
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.people_section import PeopleSection
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .situation_helpers import Cast, open_cast


@pytest.fixture
def cast(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    yield from open_cast(ready_device)


@pytest.fixture
def section(qtbot: QtBot, runner: TaskRunner, cast: Cast) -> PeopleSection:
    context = WindowContext(cast.session, runner)
    shown = PeopleSection(context)
    context.setParent(shown)
    qtbot.addWidget(shown)
    return shown


def open_file(qtbot: QtBot, section: PeopleSection, person: object) -> None:
    section.open_person(person)  # type: ignore[arg-type]
    parcours = section.person_file.parcours
    qtbot.waitUntil(
        lambda: parcours.parcours is not None and section.person_file.file is not None,
        timeout=10_000,
    )


def timeline_texts(section: PeopleSection) -> list[str]:
    view = section.file_page.parcours.timeline
    return [view.item(i).text() for i in range(view.count())]


def test_the_file_shows_the_steps_with_the_waiting_time_between_them(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    open_file(qtbot, section, cast.chloe)
    texts = timeline_texts(section)
    oriented, contacted = cast.today - timedelta(days=20), cast.today - timedelta(days=5)
    planned = cast.today + timedelta(days=7)
    assert texts[0].startswith(f"{format_date(oriented)}   ●   Orientation")
    assert texts[1].strip() == "— 15 jours —"
    assert texts[2].startswith(f"{format_date(contacted)}   ●   Contact")
    assert texts[3] == f"{format_date(planned)}   ●   Contact (prévu)"
    assert len(texts) == 4  # no waiting time before a planned step
    view = section.file_page.parcours
    assert view.alerts.isHidden()  # Chloé has no alert

    open_file(qtbot, section, cast.alice)
    assert not view.alerts.isHidden()
    assert "100 jours" in view.alerts.text()
    assert "—" in view.alerts.text()  # what to do follows the alert


def test_an_end_before_its_start_is_refused_in_french_and_nothing_typed_is_lost(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    open_file(qtbot, section, cast.denis)  # entered training 90 days ago
    steps_before = len(section.person_file.parcours.parcours.steps)  # type: ignore[union-attr]
    dialog = section.add_event()
    assert isinstance(dialog, EventDialog) and dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData(FollowUpKind.TRAINING_END.value))
    too_early = format_date(cast.today - timedelta(days=100))
    dialog.day.setText(too_early)
    dialog.note.setPlainText("Formation arrêtée, à revoir")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.day_error.isVisible(), timeout=10_000)
    assert "ne peut pas précéder « Entrée en formation »" in dialog.day_error.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert dialog.day.text() == too_early
    assert dialog.note.toPlainText() == "Formation arrêtée, à revoir"
    assert dialog.chosen_kind is FollowUpKind.TRAINING_END

    # Corrected, it is written and the timeline shows it.
    dialog.day.setText(format_date(cast.today - timedelta(days=60)))
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(
        lambda: len(section.person_file.parcours.parcours.steps) == steps_before + 1,  # type: ignore[union-attr]
        timeout=10_000,
    )
    assert any("Fin de formation" in t and "à revoir" in t for t in timeline_texts(section))


def test_a_return_to_work_records_its_details(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    open_file(qtbot, section, cast.bruno)
    dialog = section.add_event()
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData(FollowUpKind.EMPLOYMENT.value))
    assert not dialog.contract.isHidden() and dialog.channel.isHidden()
    assert dialog.planned.isHidden()  # a return to work is recorded once it happened
    dialog.contract.setCurrentIndex(dialog.contract.findData("cdi"))
    dialog.hours.setValue(35)
    dialog.employer.setText("Boulangerie du Bourg")
    assert dialog.details() == {CONTRACT: "cdi", HOURS: 35, EMPLOYER: "Boulangerie du Bourg"}
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(
        lambda: any("CDI · 35 h par semaine" in t for t in timeline_texts(section)),
        timeout=10_000,
    )
    assert any("chez Boulangerie du Bourg" in t for t in timeline_texts(section))


def test_a_check_in_clears_the_check_in_due(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    open_file(qtbot, section, cast.denis)  # back in work 45 days ago
    view = section.file_page.parcours
    assert "Suivi dans l'emploi à 1 mois : à faire depuis" in view.check_ins.text()
    assert "Suivi à 1 mois" in view.alerts.text()
    assert view.first_check_in_month() == 1
    with qtbot.waitSignal(view.check_in_requested) as asked:
        view.check_in_button.click()
    assert asked.args == [1]
    dialog = section.dialogs[-1]
    assert isinstance(dialog, CheckInDialog) and dialog.month == 1

    dialog.save_button.click()  # "still in work" not said: refused in place
    assert "toujours en emploi" in dialog.error.text() and dialog.isVisible()
    dialog.still.setChecked(True)
    dialog.difficulties["transport"].setChecked(True)
    dialog.new_action.setText("Trouver un covoiturage")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: "à 1 mois" not in view.check_ins.text(), timeout=10_000)
    assert "Suivi à 1 mois" not in view.alerts.text()
    assert "Suivi dans l'emploi à 3 mois : prévu le" in view.check_ins.text()
    assert any(
        "à 1 mois · toujours en emploi" in t and "transport" in t for t in timeline_texts(section)
    )
    with cast.session.uow(read_only=True) as uow:
        events = uow.events.list_for_person(cast.denis)
    check_in = [e for e in events if e.kind is FollowUpKind.CHECK_IN]
    assert check_in[0].details[DIFFICULTIES] == ["transport"]
    assert check_in[0].details[NEW_ACTION] == "Trouver un covoiturage"
