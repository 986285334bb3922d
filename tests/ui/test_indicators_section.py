"""The « Indicateurs » section on the real widgets and a real store (the known people of
``tests/services/indicator_store.py``): hand-checked figures in the table, the scope
toggle, the empty period, every chart's definition as tooltip, the CSV and PNG exports."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from spie_desktop.app import BASE_POINT_SIZE
from spie_desktop.services import device
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.device import Session, SetupResult
from spie_desktop.services.indicators import PeriodChoice
from spie_desktop.ui.indicators_model import IndicatorsModel
from spie_desktop.ui.indicators_page import EMPTY_FR, TABLE_HEADER, IndicatorsPage
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext
from spie_protocol.indicators.definitions import DEFINITIONS

from ..services.indicator_store import NOW, build_known_people
from .conftest import NADIA_PASSPHRASE
from .layout_checks import layout_problems
from .main_helpers import wait_idle

TODAY = date(2026, 12, 5)  # this quarter: 1 October – 31 December 2026
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def session(ready_device: tuple[Path, SetupResult]) -> Iterator[Session]:
    data_dir, setup = ready_device
    opened = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    build_known_people(opened)
    yield opened
    opened.close()


@pytest.fixture
def page(qtbot: QtBot, runner: TaskRunner, session: Session) -> Iterator[IndicatorsPage]:
    context = WindowContext(session, runner)
    shown = IndicatorsPage(IndicatorsModel(context, TODAY, clock=lambda: NOW))
    shown.model.setParent(shown)
    qtbot.addWidget(shown)
    font = QFont(shown.font())
    font.setPointSizeF(BASE_POINT_SIZE)  # the application's text size, as spie-desktop sets it
    shown.setFont(font)
    shown.resize(1200, 700)
    shown.show()
    qtbot.waitUntil(lambda: shown.model.report is not None, timeout=20_000)
    yield shown
    wait_idle(qtbot, runner)


def table_rows(page: IndicatorsPage) -> list[tuple[str, ...]]:
    model = page.table_model
    return [
        tuple(model.item(r, c).text() for c in range(len(TABLE_HEADER)))
        for r in range(model.rowCount())
    ]


def whole_period(page: IndicatorsPage, key: str, structure: str) -> tuple[str, str]:
    """(value, people) of an indicator's whole-period total for one structure."""
    label = DEFINITIONS[key].label
    found = [
        (row[4], row[6])
        for row in table_rows(page)
        if row[0] == label
        and row[1] == "toute la période"
        and row[2] == structure
        and row[3] == "total"
    ]
    assert len(found) == 1, (key, found)
    return found[0]


MINE = "Conseil départemental de l'Aveyron"


def test_hand_checked_figures_and_the_scope_toggle(qtbot: QtBot, page: IndicatorsPage) -> None:
    assert page.period_text.text() == "du 01/10/2026 au 31/12/2026"
    assert not page.empty.isVisible() and page.tabs.isVisible()
    # Anne, of the device's structure: oriented 1 Oct, first contact 6 Oct (5 days), a joint
    # diagnostic 8 Oct, plans signed 15 Oct and 20 Nov, an immersion from 2 Nov.
    assert whole_period(page, "people_oriented", MINE) == ("1", "1")
    assert whole_period(page, "diagnostics_done", MINE) == ("1", "1")
    assert whole_period(page, "diagnostics_joint", MINE) == ("1", "1")
    assert whole_period(page, "delay_first_contact", MINE)[0] == "5"
    assert whole_period(page, "plans_signed", MINE) == ("2", "1")
    assert whole_period(page, "immersions", MINE) == ("1", "1")
    assert {row[2] for row in table_rows(page)} == {MINE}

    # The whole territory: Bruno, oriented 3 Nov by France Travail, counts too.
    page.territory.setChecked(True)
    assert whole_period(page, "people_oriented", "toutes") == ("2", "2")
    assert whole_period(page, "people_oriented", "France Travail Rodez") == ("1", "1")
    assert whole_period(page, "diagnostics_done", "toutes") == ("1", "1")


def test_every_chart_says_how_its_figure_is_computed(page: IndicatorsPage) -> None:
    assert len(page.charts) == len(DEFINITIONS)
    for chart in page.charts:
        how = chart.series.definition.how
        assert how and how in chart.toolTip()
    by_key = {chart.series.definition.key: chart for chart in page.charts}
    # The months of the quarter, the figure written on each bar.
    oriented = by_key["people_oriented"]
    assert oriented.bar_labels() == ["oct. 2026", "nov. 2026", "déc. 2026"]
    assert "oct. 2026 : 1" in oriented.describe()


def test_an_empty_period_says_so(qtbot: QtBot, page: IndicatorsPage) -> None:
    page.period.setCurrentIndex(page.period.findData(PeriodChoice.CUSTOM.value))
    page.start.setDate(QDate(2025, 1, 1))
    page.end.setDate(QDate(2025, 3, 31))
    qtbot.waitUntil(lambda: page.model.empty, timeout=20_000)
    assert page.empty.isVisible() and page.empty.text() == EMPTY_FR
    assert not page.tabs.isVisible() and page.charts == []
    assert not page.csv_button.isEnabled() and not page.png_button.isEnabled()


def test_read_again_when_a_change_it_counts_is_announced(
    qtbot: QtBot, page: IndicatorsPage
) -> None:
    first = page.model.report
    page.model.context.change(lambda s: None, changes(Change.TIMELINE))
    qtbot.waitUntil(lambda: page.model.report is not first, timeout=20_000)


def test_csv_and_png_exports(qtbot: QtBot, page: IndicatorsPage, tmp_path: Path) -> None:
    out = tmp_path / "indicateurs.csv"
    assert page.model.export_csv(out)
    qtbot.waitUntil(lambda: not page.model.exporting, timeout=20_000)
    data = out.read_bytes()
    assert data.startswith(
        "\ufeffindicateur;unité;mois;structure;catégorie;valeur;personnes".encode()
    )
    lines = data.decode("utf-8-sig").splitlines()
    label = DEFINITIONS["plans_signed"].label
    assert f"{label};{DEFINITIONS['plans_signed'].unit};toute la période;{MINE};total;2;1" in lines
    # a share is written with a decimal comma, never a point
    assert not any("." in line.split(";")[5] for line in lines[1:])

    png = tmp_path / "indicateurs.png"
    assert page.model.export_png(page.chart_png(), png)
    qtbot.waitUntil(lambda: not page.model.exporting, timeout=20_000)
    content = png.read_bytes()
    assert content.startswith(PNG_MAGIC) and len(content) > 20_000
    assert "Graphique écrit" in page.note.text()


def test_fits_a_laptop_screen(qtbot: QtBot, page: IndicatorsPage) -> None:
    # 1366×768 and 1280×720 less the navigation; 1366×768 at 150 % scaling (910×512 logical
    # pixels) less the navigation, the menu and the status bar.
    for size in ((1166, 700), (1080, 650), (760, 440)):
        page.resize(*size)
        qtbot.wait(50)
        assert page.minimumSizeHint().width() <= size[0]
        assert layout_problems(page) == []
    page.territory.setChecked(True)
    page.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    assert layout_problems(page) == []
