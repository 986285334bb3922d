"""« Offre locale » on real widgets and a real store: typing, filters, distance, the detail,
and the section at 1366×768 and 1280×720."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox
from pytestqt.qtbot import QtBot

from spie_desktop.services.changes import Change, changes
from spie_desktop.services.device import SetupResult
from spie_desktop.services.offer_catalogue import load_catalogue
from spie_desktop.storage.session import Session
from spie_desktop.ui.offer_model import OfferSearchModel
from spie_desktop.ui.offer_page import OfferPage
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from ..services.offer_records import CAYENNE, MANA, SAINT_LAURENT, service, structure
from .conftest import NADIA_PASSPHRASE, type_text
from .layout_checks import layout_problems
from .main_helpers import open_offer_section, unlock_to_main, wait_idle
from .situation_helpers import Cast, open_cast


def fill(session: Session) -> None:
    load_catalogue(
        session,
        [
            structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT),
            structure(2, "Lycée professionnel de Mana", MANA),
        ],
        [
            service(1, "Auto-école sociale", SAINT_LAURENT),
            service(2, "Atelier Mobilité", CAYENNE),
            service(3, "Conseil mobilité à distance", SAINT_LAURENT, modes_accueil=("a-distance",)),
            service(
                4,
                "Formations aux métiers du bois",
                MANA,
                structure_number=2,
                thematiques=("se-former--trouver-sa-formation",),
            ),
        ],
    )


@pytest.fixture
def cast(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    yield from open_cast(ready_device)


@pytest.fixture
def page(qtbot: QtBot, runner: TaskRunner, cast: Cast) -> Iterator[OfferPage]:
    fill(cast.session)
    context = WindowContext(cast.session, runner)
    made = OfferPage(OfferSearchModel(context))
    made.model.setParent(made)
    qtbot.addWidget(made)
    made.resize(1200, 650)
    made.show()
    qtbot.waitUntil(lambda: made.results.count() == 4, timeout=10_000)
    yield made
    context.deleteLater()


def shown(page: OfferPage) -> list[str]:
    return [page.results.item(i).text() for i in range(page.results.count())]


def choose(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_typing_without_accents_finds_the_offer_and_shows_how_to_get_in(
    qtbot: QtBot, page: OfferPage
) -> None:
    type_text(page.search, "mobilite")
    qtbot.waitUntil(lambda: page.results.count() == 2, timeout=10_000)
    assert [line.split(" — ")[0] for line in shown(page)] == [
        "Atelier Mobilité",
        "Conseil mobilité à distance",
    ]
    page.results.setCurrentRow(1)
    detail = page.detail.text()
    assert "Pour y accéder : Téléphoner, Se présenter" in detail
    assert "Contact : tél. 0594 34 00 00 · mobilite@exemple.org" in detail
    assert "Mise à jour par la source : 15/09/2026" in detail


def test_filters_and_distance_from_a_commune(qtbot: QtBot, page: OfferPage) -> None:
    choose(page.thematique, "se-former")
    qtbot.waitUntil(lambda: page.results.count() == 1, timeout=10_000)
    assert shown(page)[0].startswith("Formations aux métiers du bois")
    choose(page.thematique, "mobilite")
    choose(page.sub_thematique, "mobilite--preparer-un-permis")
    choose(page.accueil, "a-distance")
    qtbot.waitUntil(lambda: page.results.count() == 1, timeout=10_000)
    choose(page.accueil, "")
    qtbot.waitUntil(lambda: page.results.count() == 3, timeout=10_000)
    choose(page.origin, "97306")  # Mana: Saint-Laurent first, Cayenne last
    qtbot.waitUntil(lambda: " km" in shown(page)[0], timeout=10_000)
    names = [line.split(" · ")[1].split(" — ")[0] for line in shown(page)]
    assert names == ["Auto-école sociale", "Conseil mobilité à distance", "Atelier Mobilité"]
    assert shown(page)[0].startswith("3")  # Mana to Saint-Laurent: about 35 km
    assert page.status.text() == "3 offre(s)"


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_section_fits_the_window(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    cast: Cast,
    size: tuple[int, int],
) -> None:
    fill(cast.session)
    cast.session.close()
    main = unlock_to_main(qtbot, runner, ready_device[0], NADIA_PASSPHRASE)
    main.show()
    main.resize(*size)
    page = open_offer_section(main).offers
    qtbot.waitUntil(lambda: page.results.count() == 4, timeout=10_000)
    page.results.setCurrentRow(0)
    wait_idle(qtbot, runner)
    qtbot.wait(50)
    assert (main.width(), main.height()) == size, "the window had to grow to hold the section"
    assert layout_problems(page) == []
    if size[0] == 1366:
        main.set_presentation_mode(True)
        wait_idle(qtbot, runner)
        qtbot.wait(50)
        assert layout_problems(page) == []
        main.set_presentation_mode(False)


def test_with_no_text_the_catalogue_is_listed_by_its_filters(qtbot: QtBot, page: OfferPage) -> None:
    assert page.search.text() == ""
    assert [line.split(" — ")[0] for line in shown(page)] == [
        "Atelier Mobilité",
        "Auto-école sociale",
        "Conseil mobilité à distance",
        "Formations aux métiers du bois",
    ]  # by name
    assert page.status.text() == "4 offre(s)"
    assert page.detail.text() == "Choisissez une offre."
    choose(page.origin, "97311")  # Saint-Laurent: its two services first, Cayenne last
    qtbot.waitUntil(lambda: " km" in shown(page)[0], timeout=10_000)
    names = [line.split(" · ")[1].split(" — ")[0] for line in shown(page)]
    assert names[-1] == "Atelier Mobilité"
    assert set(names[:2]) == {"Auto-école sociale", "Conseil mobilité à distance"}


def test_an_empty_catalogue_says_it_arrives_with_the_sync(
    qtbot: QtBot, runner: TaskRunner, cast: Cast
) -> None:
    context = WindowContext(cast.session, runner)
    page = OfferPage(OfferSearchModel(context))
    page.model.setParent(page)
    qtbot.addWidget(page)
    page.resize(1200, 650)
    page.show()
    qtbot.waitUntil(lambda: page.model.catalogue_size is not None, timeout=10_000)
    assert page.status.text() == "Aucune offre sur ce poste pour l'instant."
    assert "L'offre locale arrive avec la synchronisation" in page.detail.text()
    assert "Tapez ensuite un mot" in page.detail.text()
    # The sync brings the catalogue: listed at once, the hint gone.
    context.change(fill, changes(Change.SYNC))
    qtbot.waitUntil(lambda: page.results.count() == 4, timeout=10_000)
    assert page.status.text() == "4 offre(s)"
    assert "synchronisation" not in page.detail.text()
    wait_idle(qtbot, runner)
    context.deleteLater()


def test_a_list_cut_at_its_limit_says_so(qtbot: QtBot, page: OfferPage) -> None:
    page.model.query = replace(page.model.query, limit=3)
    page.model.load()
    qtbot.waitUntil(lambda: page.results.count() == 3, timeout=10_000)
    assert page.status.text() == "Les 3 premières offres : tapez un mot pour affiner."


def test_at_200_percent_text_each_filter_shows_its_whole_choice(
    qtbot: QtBot, page: OfferPage
) -> None:
    font = QFont(page.font())
    font.setPointSizeF(max(font.pointSizeF(), 11.0) * 2)
    page.setFont(font)
    combos = [page.thematique, page.sub_thematique, page.type, page.public, page.frais]
    combos += [page.accueil, page.origin]
    for combo in combos:  # the longest choice of each, shown
        texts = [combo.itemText(i) for i in range(combo.count())]
        combo.setCurrentIndex(texts.index(max(texts, key=combo.fontMetrics().horizontalAdvance)))
    qtbot.wait(50)
    cut = []
    for combo in combos:
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
        if field.width() < needed or combo.geometry().right() > page.width():
            cut.append(f"{combo.accessibleName()}: {field.width()} px for {needed}")
    assert cut == []
