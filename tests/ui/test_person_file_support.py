"""The end of support and the restriction on a person's file: « Clore l'accompagnement… »
refusing a wrong date in place, then the read-only banner with « Rouvrir
l'accompagnement… »; a restriction's banner and its lifting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.services.device import SetupResult
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
    shown.show()
    section_open(qtbot, shown, cast)
    return shown


def section_open(qtbot: QtBot, section: PeopleSection, cast: Cast) -> None:
    section.open_person(cast.chloe)  # oriented 20 days ago
    qtbot.waitUntil(
        lambda: (
            section.person_file.file is not None
            and section.person_file.parcours.parcours is not None
        ),
        timeout=10_000,
    )


def test_closing_asks_outcome_and_date_then_the_file_is_read_only(
    qtbot: QtBot, section: PeopleSection, cast: Cast
) -> None:
    page = section.file_page
    assert page.banner.isHidden() and page.close_button.isEnabled()
    dialog = page.open_close_dialog()
    assert dialog is not None
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("emploi_durable"))
    dialog.day.setText(format_date(cast.today - timedelta(days=30)))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.day_error.isHidden(), timeout=10_000)
    assert "précéder l'orientation" in dialog.day_error.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()

    ended = cast.today - timedelta(days=1)
    dialog.day.setText(format_date(ended))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog not in page.dialogs, timeout=10_000)  # accepted, then freed
    qtbot.waitUntil(lambda: not page.banner.isHidden(), timeout=10_000)
    assert page.banner_text.text() == (
        f"Accompagnement terminé le {format_date(ended)} — Emploi durable (6 mois ou plus)"
    )
    assert not page.reopen_button.isHidden() and page.lift_button.isHidden()
    assert not page.identity_button.isEnabled() and not page.consent_button.isEnabled()
    assert not page.close_button.isEnabled() and not page.interview_button.isEnabled()
    assert page.export_button.isEnabled()  # the right of access stays

    reopen = page.open_reopen_dialog()
    assert reopen is not None
    reopen.save_button.click()
    qtbot.waitUntil(lambda: not reopen.error.isHidden(), timeout=10_000)
    assert "obligatoire" in reopen.error.text()
    reopen.reason.setPlainText("La personne revient vers nous")
    reopen.save_button.click()
    qtbot.waitUntil(lambda: page.banner.isHidden(), timeout=10_000)
    assert page.identity_button.isEnabled() and page.close_button.isEnabled()


def test_a_restriction_shows_its_banner_until_lifted(qtbot: QtBot, section: PeopleSection) -> None:
    page = section.file_page
    dialog = page.open_restrict_dialog()
    assert dialog is not None
    dialog.reason.setPlainText("Contestation de l'exactitude des données")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not page.banner.isHidden(), timeout=10_000)
    assert "Traitement limité depuis le" in page.banner_text.text()
    assert "Contestation de l'exactitude des données" in page.banner_text.text()
    assert not page.lift_button.isHidden() and page.reopen_button.isHidden()
    assert not page.restrict_button.isEnabled() and not page.identity_button.isEnabled()
    page.lift_button.click()
    qtbot.waitUntil(lambda: page.banner.isHidden(), timeout=10_000)
    assert page.restrict_button.isEnabled() and page.identity_button.isEnabled()


def test_the_plain_event_dialog_offers_no_support_kind(
    qtbot: QtBot, section: PeopleSection
) -> None:
    from spie_desktop.ui.event_dialog import EventDialog

    dialog = EventDialog(section.person_file.parcours, "Chloé MARTIN")
    qtbot.addWidget(dialog)
    offered = {dialog.kind.itemData(i) for i in range(dialog.kind.count())}
    assert "contact" in offered
    assert not offered & {"end_of_support", "support_reopened", "restricted", "restriction_lifted"}
