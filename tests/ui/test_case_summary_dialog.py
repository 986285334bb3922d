"""« Résumé anonymisé… »: names highlighted in the notes, the export disabled until they
are gone (edited out or the note left out), then the PDF named after the case's reference;
the sex choice written back to the case; the person file opening the summary of the
person's latest open case, or saying why there is none."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from spie_desktop.domain.case_review import ReviewCase, ReviewStatus
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.redaction import SpanKind
from spie_desktop.services import case_reviews, device
from spie_desktop.services.case_presentation import latest_open_case
from spie_desktop.services.people import PeopleService
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session
from spie_desktop.ui.case_summary_dialog import HIGHLIGHTS, CaseSummaryDialog
from spie_desktop.ui.case_summary_model import CaseSummaryModel
from spie_desktop.ui.person_file_model import PersonFileModel
from spie_desktop.ui.person_file_page import PersonFilePage
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .conftest import NADIA_PASSPHRASE

ORIENTATION_NOTE = "Orientée par le CCAS ; Hélène joignable au 06 45 78 12 90."
CONTACT_NOTE = "Son fils Karim l'accompagnait."


@pytest.fixture
def session(ready_device: tuple[Path, device.SetupResult]) -> Iterator[Session]:
    data_dir, setup = ready_device
    opened = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def context(qtbot: QtBot, runner: TaskRunner, session: Session) -> WindowContext:
    return WindowContext(session, runner)


def person_with_notes(session: Session) -> object:
    people = PeopleService(session)
    person = people.create_person("Hélène", "Lefèvre", None, "Sainte-Eulalie-d'Olt")
    people.record_consent(person.id, {ConsentScope.RECORD})
    timeline = TimelineService(session)
    today = timeline.today()
    timeline.add_event(
        person.id, FollowUpKind.ORIENTATION, today - timedelta(days=40), note=ORIENTATION_NOTE
    )
    timeline.add_event(
        person.id, FollowUpKind.CONTACT, today - timedelta(days=10), note=CONTACT_NOTE
    )
    return person.id


QUESTION = "Quelle solution de garde pour un emploi du matin ?"


def flagged(session: Session, person_id: object) -> case_reviews.CaseLine:
    case_reviews.flag_case(session, person_id, "Freins cumulés", QUESTION)  # type: ignore[arg-type]
    line = latest_open_case(session, person_id)  # type: ignore[arg-type]
    assert line is not None
    return line


def opened(qtbot: QtBot, context: WindowContext, person_id: object) -> CaseSummaryDialog:
    model = CaseSummaryModel(context, flagged(context.session, person_id))  # type: ignore[arg-type]
    dialog = CaseSummaryDialog(model)
    model.setParent(dialog)
    qtbot.addWidget(dialog)
    model.load()
    qtbot.waitUntil(lambda: not model.loading and len(dialog.editors) == 2)
    return dialog


def test_names_are_highlighted_and_block_the_export_until_removed(
    qtbot: QtBot,
    context: WindowContext,
    session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = opened(qtbot, context, person_with_notes(session))
    orientation, contact = dialog.editors
    assert orientation.title() == "Parcours, mois 0 : Orientation"
    highlighted = [s.cursor.selectedText() for s in orientation.text.extraSelections()]
    assert "Hélène" in highlighted and "06 45 78 12 90" in highlighted
    assert "Karim" in [s.cursor.selectedText() for s in contact.text.extraSelections()]

    assert dialog.question.text() == QUESTION  # the case's own
    assert not dialog.export_button.isEnabled()
    assert "contient encore des éléments identifiants" in dialog.reason.text()
    assert "nom" in dialog.reason.text()

    orientation.text.setPlainText("Orientée par le CCAS ; joignable au 06 45 78 12 90.")
    assert not dialog.export_button.isEnabled()  # the phone number is still there
    orientation.text.setPlainText("Orientée par le CCAS.")
    assert orientation.text.extraSelections() == []
    assert not dialog.export_button.isEnabled()  # the other note still names her son
    contact.include.setChecked(False)  # left out instead of edited
    assert dialog.export_button.isEnabled() and not dialog.reason.isVisible()

    dialog.include_sex.setChecked(True)
    assert not dialog.export_button.isEnabled()  # ticked: say which
    dialog.sex.setCurrentIndex(dialog.sex.findData("femme"))
    assert dialog.export_button.isEnabled()
    case_id = dialog.model.case_id
    qtbot.waitUntil(lambda: stored_case(session, case_id).include_sex)  # kept with the case

    out = tmp_path / "partage"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kw: str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.model.exported is not None or bool(dialog.model.error))
    assert dialog.model.error == ""
    written = dialog.model.exported
    assert written is not None and written.parent == out.resolve()
    assert re.fullmatch(r"C-[2-9A-Z]{4}\.pdf", written.name)
    assert written.name == f"{stored_case(session, case_id).reference}.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in out.iterdir()] == [written.name]  # no temporary file left
    assert "Résumé écrit" in dialog.written.text()


def stored_case(session: Session, case_id: object) -> ReviewCase:
    with session.uow(read_only=True) as uow:
        case = uow.review_cases.find(case_id)  # type: ignore[arg-type]
    assert case is not None
    return case


def test_the_sex_choice_starts_from_the_case_and_is_written_back(
    qtbot: QtBot, context: WindowContext, session: Session
) -> None:
    person_id = person_with_notes(session)
    line = flagged(session, person_id)
    case_reviews.set_include_sex(session, line.case_id, True)
    model = CaseSummaryModel(context, latest_open_case(session, person_id))  # type: ignore[arg-type]
    dialog = CaseSummaryDialog(model)
    model.setParent(dialog)
    qtbot.addWidget(dialog)
    assert dialog.include_sex.isChecked() and dialog.sex.isEnabled()
    assert dialog.windowTitle() == f"Résumé anonymisé — {line.reference}"
    dialog.include_sex.setChecked(False)
    qtbot.waitUntil(lambda: not stored_case(session, line.case_id).include_sex)


def test_the_person_file_opens_the_summary_of_the_latest_open_case(
    qtbot: QtBot, context: WindowContext, session: Session
) -> None:
    person_id = person_with_notes(session)
    model = PersonFileModel(context)
    page = PersonFilePage(model)
    context.setParent(page)
    model.setParent(page)
    qtbot.addWidget(page)
    model.person_id = person_id  # type: ignore[assignment]

    page.summary_button.click()  # no case yet: no free-floating reference, a reason instead
    qtbot.waitUntil(lambda: page.summary_note.text() != "")
    assert page.summary_note.text().startswith(
        "Aucune revue de situation en cours pour cette personne : proposez d'abord sa situation"
    )
    assert page.findChildren(CaseSummaryDialog) == []

    older = case_reviews.flag_case(session, person_id, "Mobilité", "Quel transport ?")  # type: ignore[arg-type]
    held = case_reviews.save_review(
        session, datetime.now(UTC), "Rodez", [], status=ReviewStatus.HELD
    )
    case_reviews.schedule_case(session, older.id, held.id)  # in a session already held
    assert latest_open_case(session, person_id) is None  # type: ignore[arg-type]
    latest = flagged(session, person_id)
    page.summary_button.click()
    qtbot.waitUntil(lambda: len(page.findChildren(CaseSummaryDialog)) == 1)
    dialog = page.findChildren(CaseSummaryDialog)[0]
    qtbot.waitUntil(lambda: len(dialog.editors) == 2)
    assert dialog.model.reference == latest.reference != older.reference
    assert dialog.question.text() == QUESTION
    assert not page.summary_note.isVisible()


def test_every_kind_of_span_has_a_highlight() -> None:
    assert set(HIGHLIGHTS) == set(SpanKind)


def test_the_kinds_of_span_differ_by_their_underline_not_only_their_colour(
    qtbot: QtBot, context: WindowContext, session: Session
) -> None:
    """A name, a phone number: red and orange behind the words, and a solid or a dashed
    line under them, so a person who does not see the hues tells them apart too; the
    backgrounds are the theme's (dark in high contrast, under white words)."""
    from spie_desktop.ui import theme

    dialog = opened(qtbot, context, person_with_notes(session))
    orientation, _ = dialog.editors
    shown = {
        s.cursor.selectedText(): (s.format.underlineStyle(), s.format.background().color().name())
        for s in orientation.text.extraSelections()
    }
    name, phone = shown["Hélène"], shown["06 45 78 12 90"]
    assert name[0] != phone[0]
    assert QTextCharFormat.UnderlineStyle.NoUnderline not in (name[0], phone[0])
    assert (name[1], phone[1]) == (theme.current().redact_name, theme.current().redact_contact)
    styles = {kind: style for kind, (_, style) in HIGHLIGHTS.items()}
    kinds_by_colour = {
        role: {styles[k] for k, (r, _) in HIGHLIGHTS.items() if r == role}
        for role, _ in HIGHLIGHTS.values()
    }
    assert all(len(found) == 1 for found in kinds_by_colour.values())  # one line per colour
    assert len({style for found in kinds_by_colour.values() for style in found}) == len(
        kinds_by_colour
    )
