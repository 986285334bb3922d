"""The « Entreprises accueillantes » tab of « Offre locale » on the real widgets and a real store: the employers that
hosted immersions with their counts, searched as typed (accents and case aside), read again
when an immersion is saved; the section fits 1366×768 and 1280×720."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from spie_desktop.domain.immersion import Period
from spie_desktop.services import immersions
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.device import SetupResult
from spie_desktop.ui.employers_model import EmployersModel
from spie_desktop.ui.employers_page import EmployersPage
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from ..services.immersion_fixtures import BEFORE, OTHER_SIRET, immersion
from .conftest import NADIA_PASSPHRASE, type_text
from .layout_checks import layout_problems
from .main_helpers import open_offer_section, unlock_to_main, wait_idle
from .plan.test_mnemonics import _clashes, _texts
from .situation_helpers import Cast, open_cast


@pytest.fixture
def cast(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    yield from open_cast(ready_device)


def _host(cast: Cast) -> None:
    session = cast.session
    immersions.save_immersion(session, immersion(cast.alice), now=BEFORE)
    immersions.save_immersion(
        session, immersion(cast.bruno, Period(date(2027, 3, 8), date(2027, 3, 12))), now=BEFORE
    )
    post = immersion(cast.chloe, siret=OTHER_SIRET, company="La Poste Kourou")
    post.company = replace(post.company, commune="Kourou")
    post.trade_label = "Distribution de courrier"
    immersions.save_immersion(session, post, now=BEFORE)


def _rows(page: EmployersPage) -> list[tuple[str, str]]:
    table = page.table
    return [(table.item(r, 0).text(), table.item(r, 5).text()) for r in range(table.rowCount())]


def test_listed_with_counts_and_searched_as_typed(
    qtbot: QtBot, runner: TaskRunner, cast: Cast
) -> None:
    _host(cast)
    context = WindowContext(cast.session, runner)
    page = EmployersPage(EmployersModel(context))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert _rows(page) == [
        ("Boulangerie du Maroni", "2"),
        ("La Poste Kourou", "1"),
    ]
    assert page.count.text() == "2 entreprises"
    type_text(page.search, "COURRIER")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert _rows(page) == [("La Poste Kourou", "1")]

    # A third immersion with the Poste, saved elsewhere in the window: read again.
    page.search.clear()  # the clear button searches again, as in the offer's box
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    third = immersion(cast.denis, Period(date(2027, 4, 5), date(2027, 4, 9)), siret=OTHER_SIRET)
    context.change(
        lambda s: immersions.save_immersion(s, third, now=BEFORE), changes(Change.IMMERSIONS)
    )
    qtbot.waitUntil(lambda: ("La Poste Kourou", "2") in _rows(page), timeout=10_000)
    wait_idle(qtbot, runner)
    context.deleteLater()


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_section_fits_the_window(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    cast: Cast,
    size: tuple[int, int],
) -> None:
    _host(cast)
    cast.session.close()
    main = unlock_to_main(qtbot, runner, ready_device[0], NADIA_PASSPHRASE)
    main.show()
    main.resize(*size)
    section = open_offer_section(main)
    page = section.show_employers()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    wait_idle(qtbot, runner)
    qtbot.wait(50)
    assert (main.width(), main.height()) == size, "the window had to grow to hold the section"
    assert layout_problems(page) == []


def test_the_trades_keep_room_beside_long_names_sectors_and_contacts(
    qtbot: QtBot, runner: TaskRunner, cast: Cast
) -> None:
    wordy = immersion(
        cast.alice, siret=OTHER_SIRET, company="Hôtel-Restaurant Le Vieux Moulin " * 2
    )
    wordy.company = replace(
        wordy.company,
        sector="55.10Z Hôtels et hébergement similaire, restauration traditionnelle",
        commune="Villefranche-de-Rouergue",
    )
    wordy.trade_label = "Personnel de cuisine"
    immersions.save_immersion(cast.session, wordy, now=BEFORE)
    context = WindowContext(cast.session, runner)
    page = EmployersPage(EmployersModel(context))
    qtbot.addWidget(page)
    page.resize(1185, 600)  # the section's share of a 1366-pixel window
    page.show()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    wait_idle(qtbot, runner)
    qtbot.wait(50)
    trades = page.table.fontMetrics().horizontalAdvance("Personnel de cuisine")
    assert page.table.columnWidth(3) >= trades, "« Métiers » squeezed by the other columns"


def test_employers_sit_beside_the_offer_in_a_tab_with_their_own_alt_letter(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult], cast: Cast
) -> None:
    _host(cast)
    cast.session.close()
    main = unlock_to_main(qtbot, runner, ready_device[0], NADIA_PASSPHRASE)
    main.show()
    main.resize(1366, 768)
    titles = [main.navigation.item(i).text() for i in range(main.navigation.count())]
    assert "Entreprises" not in titles  # no section of its own any more
    section = open_offer_section(main)
    tabs = [section.tabText(i) for i in range(section.count())]
    assert tabs == ["&Services", "E&ntreprises accueillantes"]
    assert section.currentWidget() is section.offers
    texts = _texts(main) + tabs
    assert _clashes(texts) == {}, _clashes(texts)
    QTest.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: section.currentWidget() is section.employers, timeout=5000)
    page = section.employers
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert page.search.hasFocus()
    type_text(page.search, "maroni")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    wait_idle(qtbot, runner)


def test_presentation_mode_keeps_every_header_whole_and_room_for_the_trades(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult], cast: Cast
) -> None:
    _host(cast)
    cast.session.close()
    main = unlock_to_main(qtbot, runner, ready_device[0], NADIA_PASSPHRASE)
    main.show()
    main.resize(1366, 768)
    page = open_offer_section(main).show_employers()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    main.set_presentation_mode(True)  # larger text: the counts' headers grow
    wait_idle(qtbot, runner)
    qtbot.wait(50)
    table, header = page.table, page.table.horizontalHeader()
    cut = [
        table.horizontalHeaderItem(c).text()
        for c in range(table.columnCount())
        if header.fontMetrics().horizontalAdvance(table.horizontalHeaderItem(c).text())
        > table.columnWidth(c)
    ]
    assert cut == []
    letter = table.fontMetrics().averageCharWidth()
    assert table.columnWidth(3) >= 15 * letter, "« Métiers » squeezed by the other columns"
    main.set_presentation_mode(False)
