"""One point de situation per window: the status bar's alert count and the section show the
same report, computed once on the database lane; opening the section computes nothing; a
change, a new threshold or a new day computes it again, once, for both."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.services.alert_rules import current_rules, save_rules
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.device import Session, SetupResult
from spie_desktop.services.situation import SituationReport
from spie_desktop.services.timeline import TimelineService
from spie_desktop.ui import situation_feed, situation_rows
from spie_desktop.ui.situation_feed import SituationFeed, shared_feed
from spie_desktop.ui.situation_model import SituationModel
from spie_desktop.ui.situation_page import SituationPage
from spie_desktop.ui.situation_rows import ALERTS, NAME
from spie_desktop.ui.status_bar import StatusBar
from spie_desktop.ui.status_model import StatusModel
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .situation_helpers import Cast, open_cast


@pytest.fixture
def cast(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    yield from open_cast(ready_device)


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[SituationReport]:
    """Every report the feed computes, in order."""
    reports: list[SituationReport] = []
    compute = situation_feed.compute_situation

    def counting(session: Session) -> SituationReport:
        report = compute(session)
        reports.append(report)
        return report

    monkeypatch.setattr(situation_feed, "compute_situation", counting)
    return reports


class Window:
    def __init__(self, qtbot: QtBot, runner: TaskRunner, cast: Cast) -> None:
        self.context = WindowContext(cast.session, runner)
        self.status = StatusModel(self.context)
        self.bar = StatusBar(self.status)
        self.model = SituationModel(self.context)
        self.page = SituationPage(self.model)
        self.model.setParent(self.page)
        self.context.setParent(self.page)
        qtbot.addWidget(self.page)
        qtbot.addWidget(self.bar)
        self.runner = runner

    def alerts_of(self, name: str) -> str:
        table = self.model.table
        names = [table.index(r, NAME).data() for r in range(table.rowCount())]
        return str(table.index(names.index(name), ALERTS).data())


@pytest.fixture
def window(qtbot: QtBot, runner: TaskRunner, cast: Cast, computed: list[SituationReport]) -> Window:
    return Window(qtbot, runner, cast)  # after ``computed``: the feed computes at once


def test_the_section_and_the_status_bar_show_one_report_computed_once(
    qtbot: QtBot, window: Window, computed: list[SituationReport]
) -> None:
    feed = shared_feed(window.context)
    assert window.status.feed is feed and window.model.feed is feed
    assert window.context.findChildren(SituationFeed) == [feed]
    qtbot.waitUntil(lambda: window.status.alerts is not None, timeout=15_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=15_000)
    assert len(computed) == 1 and feed.report is computed[0]
    assert window.bar.alerts.text() == "3 alertes"

    # Opening the section shows that same report at once: nothing computed, nothing waited.
    window.page.show()
    assert window.model.report is feed.report
    assert window.model.table.rowCount() == 4 and not window.model.loading
    assert "3</b> personne(s) avec au moins une alerte" in window.page.without_contact.text()
    assert window.runner.idle and len(computed) == 1


def test_an_event_for_one_person_updates_both_from_one_computation(
    qtbot: QtBot, window: Window, cast: Cast, computed: list[SituationReport]
) -> None:
    window.page.show()
    qtbot.waitUntil(lambda: window.model.report is not None, timeout=15_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=15_000)
    assert window.alerts_of("Bruno PETIT") != ""
    before = len(computed)

    def contact_bruno(s: Session) -> None:
        TimelineService(s).add_event(cast.bruno, FollowUpKind.CONTACT, cast.today)

    window.context.change(contact_bruno, changes(Change.TIMELINE))
    qtbot.waitUntil(lambda: window.bar.alerts.text() == "2 alertes", timeout=15_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=15_000)
    assert window.alerts_of("Bruno PETIT") == ""
    assert len(computed) == before + 1  # one computation for the bar and the section
    assert window.model.report is computed[-1] is window.status.feed.report
    assert window.status.alerts == computed[-1].alert_count == 2


def test_a_hidden_section_takes_the_newer_report_when_shown(
    qtbot: QtBot, window: Window, cast: Cast, computed: list[SituationReport]
) -> None:
    window.page.show()
    qtbot.waitUntil(lambda: window.model.report is not None, timeout=15_000)
    window.page.hide()
    shown = window.model.report

    def contact_alice(s: Session) -> None:
        TimelineService(s).add_event(cast.alice, FollowUpKind.CONTACT, cast.today)

    window.context.change(contact_alice, changes(Change.TIMELINE))
    qtbot.waitUntil(lambda: window.bar.alerts.text() == "2 alertes", timeout=15_000)
    assert window.model.report is shown  # hidden: the table is left alone
    count = len(computed)
    window.page.show()
    assert window.model.report is computed[-1]  # at once, from the shared report
    assert window.alerts_of("Alice ORANGE") == "" and len(computed) == count


def test_new_alert_thresholds_move_the_count_and_the_section(qtbot: QtBot, window: Window) -> None:
    window.page.show()
    qtbot.waitUntil(lambda: window.bar.alerts.text() == "3 alertes", timeout=15_000)

    def later_not_seen(s: Session) -> None:  # Bruno was oriented 40 days ago
        save_rules(s, replace(current_rules(s), not_seen_after_orientation_days=60))

    window.context.change(later_not_seen, changes(Change.ALERT_RULES))
    qtbot.waitUntil(lambda: window.bar.alerts.text() == "2 alertes", timeout=15_000)
    assert window.alerts_of("Bruno PETIT") == ""


def test_the_report_is_computed_again_after_the_territorys_midnight(
    qtbot: QtBot, window: Window, computed: list[SituationReport]
) -> None:
    feed = window.status.feed
    qtbot.waitUntil(lambda: feed.report is not None, timeout=15_000)
    timer = feed._new_day
    assert timer.isActive() and timer.isSingleShot()
    assert 0 < timer.remainingTime() <= 24 * 3600 * 1000 + situation_feed.AFTER_MIDNIGHT_MS
    count = len(computed)
    timer.timeout.emit()  # the day turned
    qtbot.waitUntil(lambda: len(computed) == count + 1, timeout=15_000)


def test_answers_typed_in_an_interview_compute_nothing(
    qtbot: QtBot, window: Window, computed: list[SituationReport]
) -> None:
    qtbot.waitUntil(lambda: window.status.alerts is not None, timeout=15_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=15_000)
    count = len(computed)
    window.context.announce(changes(Change.INTERVIEW))
    assert not window.status.feed.computing
    qtbot.waitUntil(lambda: window.runner.idle, timeout=15_000)
    assert len(computed) == count


def test_the_lock_empties_both_and_the_unlock_computes_once(
    qtbot: QtBot, window: Window, cast: Cast, computed: list[SituationReport]
) -> None:
    window.page.show()
    qtbot.waitUntil(lambda: window.bar.alerts.text() == "3 alertes", timeout=15_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=15_000)
    session = window.context.lock()
    assert session is not None
    assert window.status.feed.report is None and window.model.report is None
    assert window.bar.alerts.text() == "" and window.model.table.rowCount() == 0
    count = len(computed)
    window.context.unlock(session)
    qtbot.waitUntil(lambda: window.bar.alerts.text() == "3 alertes", timeout=15_000)
    qtbot.waitUntil(lambda: window.model.table.rowCount() == 4, timeout=15_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=15_000)
    assert len(computed) == count + 1


def test_the_gui_thread_folds_no_name_to_show_a_report(
    qtbot: QtBot, window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Search strings and the name column's sort keys come folded from the lane: on the GUI
    thread, showing a report (10,000 people: 30,000 names) folds nothing."""
    folded_here: list[str] = []
    fold = situation_rows.fold_name

    def watched(text: str) -> str:
        if threading.current_thread() is threading.main_thread():
            folded_here.append(text)
        return fold(text)

    monkeypatch.setattr(situation_rows, "fold_name", watched)
    feed = shared_feed(window.context)
    feed.refresh()
    qtbot.waitUntil(lambda: feed.report is not None and not feed.computing, timeout=15_000)
    folded_here.clear()
    window.page.show()
    window.page.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert window.model.report is feed.report and window.model.table.rowCount() == 4
    assert [text for text in folded_here if text] == []  # only the (empty) search
    names = [window.model.table.index(r, NAME).data() for r in range(4)]
    assert names == ["Bruno PETIT", "Alice ORANGE", "Chloé MARTIN", "Denis LEROY"]
