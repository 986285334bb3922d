"""The people list model: search by name or birth date, filters, sorting, loading."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.domain.situation import Stage
from spie_desktop.services import device
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.device import SetupResult
from spie_desktop.services.people import PersonListing
from spie_desktop.ui.people_model import (
    PERSON_ID_ROLE,
    LastContact,
    PeopleList,
    PeopleTableModel,
    last_contact_matches,
    person_row,
    query_tokens,
    row_matches,
)
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .conftest import NADIA_PASSPHRASE

TODAY = date(2026, 11, 27)


def summary(
    first: str,
    last: str,
    born: date | None,
    commune: str = "Rodez",
    stage: Stage = Stage.ORIENTED,
    contact: date | None = None,
) -> PersonListing:
    return PersonListing(uuid.uuid4(), first, last, born, stage, contact, commune)


def shown(model: PeopleTableModel, column: int = 0) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_search_matches_name_starts_and_birth_dates() -> None:
    row = person_row(summary("Hélène", "Le Goff-Martin", date(1979, 3, 12)))
    assert row.texts[:3] == ("LE GOFF-MARTIN", "Hélène", "12/03/1979")
    assert row.texts[4] == "Orientée"
    for query in (
        "hel",
        "HÉLÈNE",
        "mart",
        "goff hel",
        "12/03/1979",
        "1979",
        "1979-03-12",
        "l 12/03",
    ):
        assert row_matches(row, query_tokens(query)), query
    for query in ("elene", "dupont", "13/03/1979", "hel 1980"):
        assert not row_matches(row, query_tokens(query)), query


def test_last_contact_filter_counts_days_and_never() -> None:
    assert last_contact_matches(None, LastContact.NEVER, TODAY)
    assert not last_contact_matches(TODAY, LastContact.NEVER, TODAY)
    assert last_contact_matches(TODAY - timedelta(days=31), LastContact.OVER_30_DAYS, TODAY)
    assert not last_contact_matches(TODAY - timedelta(days=30), LastContact.OVER_30_DAYS, TODAY)
    assert not last_contact_matches(None, LastContact.OVER_30_DAYS, TODAY)
    assert not last_contact_matches(TODAY - timedelta(days=40), LastContact.OVER_45_DAYS, TODAY)
    assert last_contact_matches(None, LastContact.ANY, TODAY)


def test_view_model_filters_by_text_status_and_last_contact(qtbot: QtBot) -> None:
    people = PeopleList(None, today=lambda: TODAY)
    people.table.set_people(
        [
            summary("Hélène", "Lefèvre", date(1979, 3, 12), contact=TODAY - timedelta(days=50)),
            summary("Paul", "Martin", date(1990, 1, 1), stage=Stage.PLAN_SIGNED),
            summary(
                "Léa",
                "Martinez",
                date(1979, 3, 12),
                stage=Stage.PLAN_SIGNED,
                contact=TODAY - timedelta(days=35),
            ),
            summary("Marc", "Durand", None, contact=TODAY),
        ]
    )
    assert people.summary == "4 personnes"
    people.search("mart")
    assert shown(people.table) == ["MARTIN", "MARTINEZ"]
    assert people.summary == "2 sur 4 personnes"
    people.search("12/03/1979")
    assert sorted(shown(people.table)) == ["LEFÈVRE", "MARTINEZ"]
    people.search("lefevre 1979")
    assert shown(people.table) == ["LEFÈVRE"]
    people.search("")
    people.set_stage(Stage.PLAN_SIGNED)
    assert shown(people.table) == ["MARTIN", "MARTINEZ"]
    people.set_last_contact(LastContact.OVER_30_DAYS)
    assert shown(people.table) == ["MARTINEZ"]
    people.set_stage(None)
    assert sorted(shown(people.table)) == ["LEFÈVRE", "MARTINEZ"]
    people.set_last_contact(LastContact.OVER_45_DAYS)
    assert shown(people.table) == ["LEFÈVRE"]
    people.set_last_contact(LastContact.NEVER)
    assert shown(people.table) == ["MARTIN"]
    people.search("dur")
    assert shown(people.table) == []
    assert people.person_id_at(0) is None


def test_people_without_a_birth_date_sort_last_and_sorting_keeps_the_filter(
    qtbot: QtBot,
) -> None:
    people = PeopleList(None)
    people.table.set_people(
        [
            summary("A", "Zed", None),
            summary("B", "Alpha", date(1990, 1, 1)),
            summary("C", "Mid", date(1960, 5, 5)),
            summary("D", "Écrin", date(1970, 5, 5)),
        ]
    )
    people.table.sort(2, Qt.SortOrder.AscendingOrder)
    assert shown(people.table) == ["MID", "ÉCRIN", "ALPHA", "ZED"]
    people.table.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(people.table) == ["ZED", "MID", "ÉCRIN", "ALPHA"]  # É sorts with E
    people.search("1970")
    people.table.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown(people.table) == ["ÉCRIN"]
    assert people.table.view_row_of(people.table.row_at(0).id) == 0


def test_demo_people_load_on_the_database_lane_and_filter(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    try:
        populate_demo(session, people=300, seed=7)
        people = PeopleList(WindowContext(session, runner))
        people.load()
        assert people.loading and people.summary == "Chargement de la liste…"
        qtbot.waitUntil(lambda: not people.loading, timeout=15_000)
        assert people.error == ""
        table = people.table
        assert table.rowCount() == 300 and table.columnCount() == 6
        assert people.summary == "300 personnes"
        headers = [table.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
        assert headers == [
            "Nom",
            "Prénom",
            "Naissance",
            "Commune",
            "Étape",
            "Dernier contact",
        ]
        target = table.rows[123]
        last_name, birth = target.texts[0], target.texts[2]
        people.search(f"{last_name} {birth}")
        ids = {table.index(r, 0).data(PERSON_ID_ROLE) for r in range(table.rowCount())}
        assert target.id in ids
        assert all(table.index(r, 2).data() == birth for r in range(table.rowCount()))
        people.clear()
        assert table.rowCount() == 0 and table.rows == []
    finally:
        session.close()


def test_search_keys_are_the_plain_folds_on_demo_and_odd_names() -> None:
    """The keys built per load (10,000 per open) are exactly the plain formula's: both names
    folded and single-spaced after one space, the birth date as typed and as stored."""
    from spie_desktop.domain.people import fold_name
    from spie_desktop.domain.territory import territory_by_code
    from spie_desktop.services.demo import DemoBuilder

    builder = DemoBuilder(territory_by_code("12"), 19, TODAY, uuid.uuid4())
    people = [builder.person().person for _ in range(300)]
    listings = [summary(p.first_name, p.last_name, p.birth_date) for p in people]
    listings += [
        summary("Jean  Pierre", "N'Diaye-Lefèvre", date(1979, 3, 4)),
        summary("Élodie", "-", None),  # folds to nothing
        summary("-", "Dupont", date(2001, 12, 31)),
        summary("'", "’", date(1950, 1, 1)),
        summary(" Anne-Marie ", "  De la  Fontaine ", date(1999, 10, 9)),
    ]
    for listing in listings:
        row = person_row(listing)
        folded = f"{fold_name(listing.last_name)} {fold_name(listing.first_name)}"
        assert row.name_text == " " + " ".join(folded.split())
        born = listing.birth_date
        assert row.birth_text == (f"{born:%d/%m/%Y} {born:%Y-%m-%d}" if born else "")
        assert row.summary is listing and isinstance(row, tuple) and row.id == listing.id
    assert sum(1 for listing in listings if listing.birth_date is None) >= 1
