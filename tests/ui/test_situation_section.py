"""The "Point de situation" section on a real store: every person with their alerts,
filters, sorting (numbers as numbers), the CSV and the PDF for the team, the status bar's
alert count following a contact added elsewhere, a row opening the person's file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.situation import AlertKind, Stage
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.device import SetupResult
from spie_desktop.services.timeline import TimelineService
from spie_desktop.ui.situation_model import SituationModel
from spie_desktop.ui.situation_page import SituationPage
from spie_desktop.ui.situation_rows import ALERTS, LAST_CONTACT, NAME, NEXT_DAY, WAITING
from spie_desktop.ui.status_bar import StatusBar
from spie_desktop.ui.status_model import StatusModel
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .conftest import NADIA_PASSPHRASE
from .main_helpers import people_of, unlock_to_main
from .situation_helpers import Cast, open_cast


@pytest.fixture
def cast(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    yield from open_cast(ready_device)


@pytest.fixture
def page(qtbot: QtBot, runner: TaskRunner, cast: Cast) -> SituationPage:
    context = WindowContext(cast.session, runner)
    model = SituationModel(context)
    shown = SituationPage(model)
    model.setParent(shown)
    context.setParent(shown)
    qtbot.addWidget(shown)
    model.load()
    qtbot.waitUntil(lambda: model.report is not None, timeout=15_000)
    return shown


def column(page: SituationPage, index: int) -> list[str]:
    table = page.model.table
    return [table.index(r, index).data() for r in range(table.rowCount())]


def test_the_section_lists_everyone_with_their_alerts(page: SituationPage) -> None:
    names = column(page, NAME)
    assert sorted(names) == ["Alice ORANGE", "Bruno PETIT", "Chloé MARTIN", "Denis LEROY"]
    alerts = dict(zip(names, column(page, ALERTS), strict=True))
    assert "Orientée, pas encore reçue" in alerts["Alice ORANGE"]
    assert "Orientée, pas encore reçue" in alerts["Bruno PETIT"]
    assert alerts["Chloé MARTIN"] == ""
    assert "Suivi dans l'emploi à faire" in alerts["Denis LEROY"]
    row = page.model.table.index(names.index("Alice ORANGE"), ALERTS)
    assert "100" in row.data(Qt.ItemDataRole.ToolTipRole)  # the text and what to do
    assert "3</b> personne(s) avec au moins une alerte" in page.without_contact.text()
    assert page.count.text() == "4 personne(s)"


def test_filters_narrow_the_list(qtbot: QtBot, page: SituationPage) -> None:
    page.alert.setCurrentIndex(page.alert.findData(AlertKind.NOT_SEEN.value))
    assert sorted(column(page, NAME)) == ["Alice ORANGE", "Bruno PETIT"]
    page.waiting.setValue(50)  # waiting more than 50 days
    assert column(page, NAME) == ["Alice ORANGE"]
    page.reset_filters()
    assert len(column(page, NAME)) == 4
    page.stage.setCurrentIndex(page.stage.findData(Stage.IN_WORK.value))
    assert column(page, NAME) == ["Denis LEROY"]
    page.reset_filters()
    qtbot.keyClicks(page.search, "chlo")  # folded: the accent need not be typed
    assert column(page, NAME) == ["Chloé MARTIN"]
    assert page.count.text() == "1 personne(s) sur 4"
    assert page.current_filter().describe() == "recherche « chlo »"


def test_days_waiting_sort_as_numbers(page: SituationPage) -> None:
    page.table.sortByColumn(WAITING, Qt.SortOrder.AscendingOrder)
    waiting = [int(d) for d in column(page, WAITING)]
    assert waiting == sorted(waiting) and waiting[0] == 5 and 100 in waiting  # not "100" < "5"
    page.table.sortByColumn(WAITING, Qt.SortOrder.DescendingOrder)
    assert column(page, NAME)[0] == "Alice ORANGE"
    page.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)  # by last name
    assert column(page, NAME) == ["Denis LEROY", "Chloé MARTIN", "Alice ORANGE", "Bruno PETIT"]


def test_csv_and_pdf_export_the_filtered_view(
    qtbot: QtBot, page: SituationPage, tmp_path: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    page.alert.setCurrentIndex(page.alert.findData(AlertKind.NOT_SEEN.value))
    model = page.model
    assert model.export_csv(tmp_path / "liste.csv")
    qtbot.waitUntil(lambda: not model.exporting, timeout=10_000)
    assert model.error == ""
    text = (tmp_path / "liste.csv").read_text(encoding="utf-8-sig")
    assert "Orange;Alice" in text and "Petit;Bruno" in text and "Martin" not in text
    assert str(tmp_path / "liste.csv") in page.note.text()

    assert model.export_pdf(tmp_path / "liste.pdf")
    qtbot.waitUntil(lambda: not model.exporting, timeout=20_000)
    assert model.error == ""
    reader = pypdf.PdfReader(str(tmp_path / "liste.pdf"))
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    pdf = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Alice ORANGE" in pdf and "Chloé" not in pdf
    assert "pour l'équipe" in pdf and "ne doit pas quitter l'équipe" in pdf
    assert "Aveyron" in pdf and "alerte « Orientée, pas encore reçue »" in pdf

    # Inside the encrypted data dir: refused, said in French, nothing written.
    assert model.export_pdf(model.context.session.data_dir / "liste.pdf")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not model.exporting, timeout=10_000)
    assert "dossier de données chiffrées" in page.error.text()


def test_status_bar_count_follows_an_added_contact_without_a_timer(
    qtbot: QtBot, runner: TaskRunner, cast: Cast
) -> None:
    context = WindowContext(cast.session, runner)
    status = StatusModel(context)
    bar = StatusBar(status)
    qtbot.addWidget(bar)
    qtbot.waitUntil(lambda: status.alerts is not None, timeout=15_000)
    assert bar.alerts.text() == "3 alertes"
    assert not bar.findChildren(QTimer) and not status.findChildren(QTimer)
    with qtbot.waitSignal(bar.alerts_clicked):
        bar.alerts.click()

    def contact_bruno(s: object) -> None:
        TimelineService(s).add_event(cast.bruno, FollowUpKind.CONTACT, cast.today)  # type: ignore[arg-type]

    context.change(contact_bruno, changes(Change.TIMELINE))
    qtbot.waitUntil(lambda: bar.alerts.text() == "2 alertes", timeout=15_000)

    # Answers typed in an interview do not recompute the count.
    qtbot.waitUntil(lambda: runner.idle, timeout=15_000)
    before = status.feed.report
    context.announce(changes(Change.INTERVIEW))
    assert not status.feed.computing
    qtbot.waitUntil(lambda: runner.idle, timeout=15_000)
    assert status.feed.report is before


def test_a_row_opens_the_persons_file_and_the_count_opens_the_section(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult], cast: Cast
) -> None:
    data_dir, _ = ready_device
    cast.session.close()
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    bar = main.status_bar
    qtbot.waitUntil(
        lambda: bar.alerts.isVisible() and bar.alerts.text() == "3 alertes", timeout=15_000
    )
    bar.alerts.click()
    page = main.situation_page
    assert page is not None and main.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.model.table.rowCount() == 4, timeout=15_000)
    row = column(page, NAME).index("Bruno PETIT")
    page.table.doubleClicked.emit(page.model.table.index(row, NAME))
    section = people_of(main)
    assert main.pages.currentWidget() is section
    assert section.currentWidget() is section.file_page
    qtbot.waitUntil(lambda: section.person_file.title == "Bruno PETIT", timeout=10_000)


def test_the_section_reads_again_on_a_change_when_shown_and_later_when_hidden(
    qtbot: QtBot, page: SituationPage, cast: Cast
) -> None:
    model = page.model
    page.show()
    qtbot.waitUntil(lambda: not model.loading, timeout=15_000)

    def contact_bruno(s: object) -> None:
        TimelineService(s).add_event(cast.bruno, FollowUpKind.CONTACT, cast.today)  # type: ignore[arg-type]

    def bruno_alerts() -> str:
        return column(page, ALERTS)[column(page, NAME).index("Bruno PETIT")]

    model.context.change(contact_bruno, changes(Change.TIMELINE))
    qtbot.waitUntil(lambda: bruno_alerts() == "", timeout=15_000)  # shown: read at once

    page.hide()
    shown_report = model.report

    def contact_chloe(s: object) -> None:
        TimelineService(s).add_event(cast.chloe, FollowUpKind.CONTACT, cast.today)  # type: ignore[arg-type]

    model.context.change(contact_chloe, changes(Change.TIMELINE))
    qtbot.waitUntil(lambda: model.context.runner.idle, timeout=15_000)
    assert model.report is shown_report and not model.loading  # hidden: not recomputed
    page.show()  # shown again: read
    qtbot.waitUntil(lambda: model.report is not shown_report, timeout=15_000)


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_section_fits_the_window(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    cast: Cast,
    size: tuple[int, int],
) -> None:
    data_dir, _ = ready_device
    cast.session.close()
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    main.show()
    main.resize(*size)
    page = main.show_situation()
    assert page is not None
    qtbot.waitUntil(lambda: main.width() == size[0] and page.model.table.rowCount() == 4)
    table, header = page.table, page.table.horizontalHeader()
    metrics = table.fontMetrics()
    titles = header.fontMetrics()
    for index in range(header.count() - 1):  # every header title whole
        title = page.model.table.headerData(index, Qt.Orientation.Horizontal)
        assert table.columnWidth(index) > titles.horizontalAdvance(title) + 6, title
    for index in (LAST_CONTACT, NEXT_DAY):
        assert table.columnWidth(index) > metrics.horizontalAdvance("28/02/2026")
    assert page.minimumSizeHint().width() <= page.width()
    assert page.minimumSizeHint().height() <= page.height()
    if size[0] == 1366:  # no sideways scrolling at the common laptop size
        assert table.horizontalScrollBar().maximum() == 0
        before = table.columnWidth(LAST_CONTACT)
        main.set_presentation_mode(True)  # larger text: the columns widen with it
        assert table.columnWidth(LAST_CONTACT) > before
        larger = header.fontMetrics().horizontalAdvance("Dernier contact")
        assert table.columnWidth(LAST_CONTACT) > larger
        main.set_presentation_mode(False)
