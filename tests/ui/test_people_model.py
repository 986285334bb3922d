"""The people list: search by name or birth date, sorting, on a real demo store."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.domain.people import PersonStatus
from spie_desktop.services import device
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.device import SetupResult
from spie_desktop.storage.repositories.people import PersonSummary
from spie_desktop.ui.people_model import (
    PERSON_ID_ROLE,
    PeopleList,
    person_row,
    query_tokens,
    row_matches,
)
from spie_desktop.ui.tasks import TaskRunner

from .conftest import NADIA_PASSPHRASE


def summary(first: str, last: str, born: date | None, commune: str = "Rodez") -> PersonSummary:
    return PersonSummary(uuid.uuid4(), first, last, born, PersonStatus.NEW, None, commune)


def test_search_matches_name_starts_and_birth_dates() -> None:
    row = person_row(summary("Hélène", "Le Goff-Martin", date(1979, 3, 12)))
    assert row.texts[:3] == ("LE GOFF-MARTIN", "Hélène", "12/03/1979")
    assert row.texts[4] == "Nouvelle fiche"
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


def test_people_without_a_birth_date_sort_last(qtbot: QtBot, runner: TaskRunner) -> None:
    people = PeopleList(runner)
    people.table.set_people(
        [
            summary("A", "Zed", None),
            summary("B", "Alpha", date(1990, 1, 1)),
            summary("C", "Mid", date(1960, 5, 5)),
        ]
    )
    people.proxy.sort(2, Qt.SortOrder.AscendingOrder)
    shown = [people.proxy.index(r, 0).data() for r in range(people.proxy.rowCount())]
    assert shown == ["MID", "ALPHA", "ZED"]
    people.proxy.sort(0, Qt.SortOrder.DescendingOrder)
    shown = [people.proxy.index(r, 0).data() for r in range(people.proxy.rowCount())]
    assert shown == ["ZED", "MID", "ALPHA"]


def test_demo_people_load_filter_and_sort(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    try:
        populate_demo(session, people=300, seed=7)
        people = PeopleList(runner)
        people.load(session)
        assert people.loading
        qtbot.waitUntil(lambda: not people.loading, timeout=15_000)
        assert people.error == ""
        proxy = people.proxy
        assert proxy.rowCount() == 300 and proxy.columnCount() == 6
        assert people.summary == "300 personnes"
        headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
        assert headers == [
            "Nom",
            "Prénom",
            "Date de naissance",
            "Commune",
            "Statut",
            "Dernier contact",
        ]

        target = people.table.rows[123]
        last_name, birth = target.texts[0], target.texts[2]
        people.search(last_name[:3].lower())
        assert 0 < proxy.rowCount() < 300
        names = {proxy.index(r, 0).data() for r in range(proxy.rowCount())}
        assert last_name in names
        prefix = query_tokens(last_name[:3])[0]
        for r in range(proxy.rowCount()):
            row = people.table.rows[proxy.mapToSource(proxy.index(r, 0)).row()]
            assert any(word.startswith(prefix) for word in row.name_text.split())

        people.search(f"{last_name} {birth}")
        ids = {proxy.index(r, 0).data(PERSON_ID_ROLE) for r in range(proxy.rowCount())}
        assert target.id in ids
        assert all(proxy.index(r, 2).data() == birth for r in range(proxy.rowCount()))
        assert people.summary.endswith("sur 300 personnes")

        # sorting keeps the filter
        proxy.sort(0, Qt.SortOrder.DescendingOrder)
        assert target.id in {
            proxy.index(r, 0).data(PERSON_ID_ROLE) for r in range(proxy.rowCount())
        }
        people.search("")
        assert proxy.rowCount() == 300
        keys = [
            people.table.rows[proxy.mapToSource(proxy.index(r, 0)).row()].sort_keys[0]
            for r in range(300)
        ]
        assert keys == sorted(keys, reverse=True)
    finally:
        session.close()
