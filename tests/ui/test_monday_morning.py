"""Monday morning, end to end: a team leader unlocks the tool, opens the point de situation,
sees who is waiting, since when and why, keeps those with an alert, exports the view as
CSV and as the PDF list for the team meeting, and finds the three people back in work last
month with their 1-month check-in on the list.

The store is real (SQLCipher, built here); the clock is fixed at Monday 1 June 2026, 9:30
in Paris, in every service that counts days.
"""

from __future__ import annotations

import subprocess
import uuid
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from spie_desktop.domain.event_details import CONTRACT, MONTH, STILL_IN_WORK
from spie_desktop.domain.events import FollowUpKind as K
from spie_desktop.services import device
from spie_desktop.services.device import SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.services.timeline import TimelineService
from spie_desktop.ui.situation_page import SituationPage
from spie_desktop.ui.situation_rows import ALERTS, NAME, NEXT_DAY, NEXT_STEP, WAITING
from spie_desktop.ui.tasks import TaskRunner

from ..conftest import require_tool
from .conftest import NADIA_PASSPHRASE
from .main_helpers import unlock_to_main, wait_idle

#: Monday 1 June 2026, 9:30 in Paris.
MONDAY = datetime(2026, 6, 1, 7, 30, tzinfo=UTC)
assert MONDAY.weekday() == 0

#: The modules that read the clock to count days.
CLOCKED = (
    "spie_desktop.services.situation",
    "spie_desktop.services.people",
    "spie_desktop.services.person_file",
    "spie_desktop.services.person_parcours",
    "spie_desktop.services.timeline",
)


class MondayClock(datetime):
    @classmethod
    def now(cls, tz: tzinfo | None = None) -> Any:  # type: ignore[override]
        return MONDAY if tz is None else MONDAY.astimezone(tz)


# Who the team follows: (first name, last name, [(kind, day, details)]).
PEOPLE: list[tuple[str, str, list[tuple[K, date, dict[str, Any]]]]] = [
    # Oriented in April, never seen: waiting 52 days, "not seen".
    ("Amandine", "Roux", [(K.ORIENTATION, date(2026, 4, 10), {})]),
    # Seen, then nothing since 2 March: 91 days without contact.
    (
        "Bastien",
        "Faure",
        [
            (K.ORIENTATION, date(2026, 1, 5), {}),
            (K.FIRST_CONTACT, date(2026, 1, 20), {}),
            (K.CONTACT, date(2026, 3, 2), {}),
        ],
    ),
    # Oriented and met last week: nothing to worry about.
    (
        "Céline",
        "Blanc",
        [(K.ORIENTATION, date(2026, 5, 20), {}), (K.FIRST_CONTACT, date(2026, 5, 28), {})],
    ),
    # Back in work last month (May): each has their 1-month check-in to do.
    *(
        (
            first,
            last,
            [
                (K.ORIENTATION, date(2026, 1, 12), {}),
                (K.FIRST_CONTACT, date(2026, 1, 19), {}),
                (K.CONTACT, hired, {}),
                (K.EMPLOYMENT, hired, {CONTRACT: "cdd"}),
            ],
        )
        for first, last, hired in (
            ("Damien", "Noël", date(2026, 5, 1)),  # due today: an alert already
            ("Emma", "Garnier", date(2026, 5, 12)),
            ("Farid", "Chevalier", date(2026, 5, 26)),
        )
    ),
    # Back in work in April, 1-month check-in done: the 3-month one comes next.
    (
        "Gilles",
        "Perrin",
        [
            (K.ORIENTATION, date(2026, 1, 12), {}),
            (K.FIRST_CONTACT, date(2026, 1, 19), {}),
            (K.EMPLOYMENT, date(2026, 4, 6), {CONTRACT: "cdi"}),
            (K.CHECK_IN, date(2026, 5, 6), {MONTH: 1, STILL_IN_WORK: True}),
        ],
    ),
]


@pytest.fixture
def monday(monkeypatch: pytest.MonkeyPatch, ready_device: tuple[Path, SetupResult]) -> Path:
    for module in CLOCKED:
        monkeypatch.setattr(f"{module}.datetime", MondayClock)
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    try:
        people, timeline = PeopleService(session), TimelineService(session)
        for first, last, steps in PEOPLE:
            person: uuid.UUID = people.create_person(first, last, date(1984, 9, 3)).id
            for kind, day, details in steps:
                timeline.add_event(person, kind, day, details=details, now=MONDAY)
    finally:
        session.close()
    return data_dir


def cells(page: SituationPage, column: int) -> dict[str, str]:
    table = page.model.table
    return {
        table.index(r, NAME).data(): table.index(r, column).data() for r in range(table.rowCount())
    }


def test_monday_morning_the_team_leader_sees_who_waits_and_exports_the_list(
    qtbot: QtBot,
    runner: TaskRunner,
    monday: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main = unlock_to_main(qtbot, runner, monday, NADIA_PASSPHRASE)
    main.resize(1366, 768)
    page = main.show_situation()
    assert page is not None and page.isVisible()
    qtbot.waitUntil(lambda: page.model.report is not None, timeout=15_000)
    assert page.day.text() == "Au 01/06/2026"
    assert page.model.table.rowCount() == len(PEOPLE)

    # Who is waiting, since when, and why.
    alerts, waiting = cells(page, ALERTS), cells(page, WAITING)
    assert "Orientée, pas encore reçue" in alerts["Amandine ROUX"]
    assert waiting["Amandine ROUX"] == "52"
    assert "Sans contact" in alerts["Bastien FAURE"] and waiting["Bastien FAURE"] == "91"
    assert "Suivi dans l'emploi à faire" in alerts["Damien NOËL"]
    assert alerts["Céline BLANC"] == alerts["Emma GARNIER"] == ""
    tips = {
        page.model.table.index(r, NAME).data(): page.model.table.index(r, ALERTS).data(
            Qt.ItemDataRole.ToolTipRole
        )
        for r in range(page.model.table.rowCount())
    }
    assert "52 jours" in tips["Amandine ROUX"] and "premier rendez-vous" in tips["Amandine ROUX"]
    assert "91 jours" in tips["Bastien FAURE"]
    wait_idle(qtbot, runner)
    assert main.status_bar.alerts.text() == "3 alertes"

    # The three back in work last month have their 1-month check-in on the list.
    steps, days = cells(page, NEXT_STEP), cells(page, NEXT_DAY)
    back_in_work = {"Damien NOËL": "01/06/2026", "Emma GARNIER": "12/06/2026"}
    back_in_work["Farid CHEVALIER"] = "26/06/2026"
    for name, due in back_in_work.items():
        assert (steps[name], days[name]) == ("Suivi dans l'emploi à 1 mois", due), name
    assert (steps["Gilles PERRIN"], days["Gilles PERRIN"]) == (
        "Suivi dans l'emploi à 3 mois",
        "06/07/2026",
    )

    # Only those with an alert, for the meeting.
    page.alerts_only.click()
    assert page.alerts_only.isChecked()
    assert sorted(cells(page, NAME)) == ["Amandine ROUX", "Bastien FAURE", "Damien NOËL"]
    assert page.count.text() == f"3 personne(s) sur {len(PEOPLE)}"

    # Exported as CSV and as the team PDF, through the page's buttons.
    csv_path, pdf_path = tmp_path / "lundi.csv", tmp_path / "lundi.pdf"
    chosen = iter([str(csv_path), str(pdf_path)])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (next(chosen), ""))
    page.csv_button.click()
    qtbot.waitUntil(lambda: csv_path.exists() and not page.model.exporting, timeout=15_000)
    page.pdf_button.click()
    qtbot.waitUntil(lambda: pdf_path.exists() and not page.model.exporting, timeout=20_000)
    assert page.model.error == ""

    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("identifiant;nom;prénom;structure")
    body = "\n".join(lines[1:])
    assert len(lines) == 4
    assert "Roux;Amandine" in body and "Faure;Bastien" in body and "Noël;Damien" in body
    assert "Aucun contact depuis 91 jours" in body
    assert "Suivi dans l'emploi à 1 mois;01/06/2026" in body
    assert "Garnier" not in body and "Blanc" not in body  # not in the filtered view

    pdftotext = require_tool("pdftotext")
    extracted = subprocess.run(
        [pdftotext, "-layout", str(pdf_path), "-"], capture_output=True, check=True, text=True
    ).stdout
    text = " ".join(extracted.split())
    assert "Amandine ROUX" in text and "Bastien FAURE" in text and "Damien NOËL" in text
    assert "Emma GARNIER" not in text and "Céline BLANC" not in text
    assert "pour l'équipe" in text and "ne doit pas quitter l'équipe" in text
    assert "avec une alerte" in text  # the filter applied is said on the document
    assert "01/06/2026" in text
