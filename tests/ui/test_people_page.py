"""The people table on a 13-inch laptop: every header whole, names and communes readable,
column widths measured from the font (never from the 10,000 rows)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from spie_desktop.domain.situation import Stage
from spie_desktop.services import device
from spie_desktop.services.device import SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.ui.tasks import TaskRunner

from .conftest import NADIA_PASSPHRASE
from .main_helpers import people_of, unlock_to_main, wait_idle

LONG_COMMUNE = "Villefranche-de-Rouergue"


def test_columns_fit_their_headers_and_values_at_1366_px(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        people = PeopleService(session)
        people.create_person("Marie-Christine", "Aubert", date(2000, 2, 28), LONG_COMMUNE)
        people.create_person("Paul", "Martin", date(1979, 3, 14), "Rodez")
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    page = people_of(main).list_page
    table, header = page.table, page.table.horizontalHeader()
    main.show()
    main.resize(1366, 768)
    qtbot.waitUntil(lambda: main.width() == 1366 and table.model().rowCount() == 2)

    modes = [header.sectionResizeMode(c) for c in range(header.count())]
    assert modes[0] == modes[3] == QHeaderView.ResizeMode.Stretch  # Nom, Commune share the rest
    assert QHeaderView.ResizeMode.ResizeToContents not in modes  # would measure every row
    metrics = table.fontMetrics()
    for column in range(header.count()):  # each header and its sort arrow, whole
        assert table.columnWidth(column) >= header.sectionSizeHint(column), column
    assert table.columnWidth(3) > metrics.horizontalAdvance(LONG_COMMUNE)
    assert table.columnWidth(1) > metrics.horizontalAdvance("Marie-Christine")
    assert table.columnWidth(2) > metrics.horizontalAdvance("28/02/2000")
    widest_status = max(metrics.horizontalAdvance(s.label) for s in Stage)
    assert table.columnWidth(4) > widest_status
    assert table.columnWidth(5) > metrics.horizontalAdvance("28/02/2000")
    assert sum(table.columnWidth(c) for c in range(header.count())) <= table.viewport().width()

    before = table.columnWidth(2)
    main.set_presentation_mode(True)  # larger text: the short columns widen with it
    assert table.columnWidth(2) > before
    assert table.columnWidth(2) >= header.sectionSizeHint(2)
    main.set_presentation_mode(False)
    wait_idle(qtbot, runner)
