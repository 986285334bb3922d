"""Thursday's multi-agency group, on real widgets and a real store: three people flagged, a
session made for Thursday in the « Revues de situation » section, the three cases put to it,
their anonymised summaries exported from the section (the PDFs scanned: nothing of anyone),
« Présenter la séance » for the shared screen (every text of the window scanned: nothing of
anyone), and the group's decisions recorded there landing in each person's new draft plan,
the signed plans untouched."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from spie_desktop.domain.case_review import Participant
from spie_desktop.domain.plan import PlanStatus
from spie_desktop.services import case_reviews as reviews
from spie_desktop.services import device
from spie_desktop.services.plans import PlanService
from spie_desktop.storage.session import Session
from spie_desktop.ui.case_presentation_window import CasePresentationWindow
from spie_desktop.ui.case_reviews_model import CaseReviewsModel
from spie_desktop.ui.case_reviews_page import CaseReviewsPage
from spie_desktop.ui.case_summary_dialog import CaseSummaryDialog
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .case_review_people import Someone, found, three_people, widget_texts
from .conftest import NADIA_PASSPHRASE
from .layout_checks import layout_problems
from .main_helpers import wait_idle

QUESTIONS = (
    "Quelle solution de transport pour un emploi du matin ?",
    "Quel partenaire peut aller à sa rencontre ?",
    "Quelle garde d'enfants pendant une formation ?",
)


@pytest.fixture
def session(ready_device: tuple[Path, device.SetupResult]) -> Iterator[Session]:
    data_dir, setup = ready_device
    opened = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def context(qtbot: QtBot, runner: TaskRunner, session: Session) -> Iterator[WindowContext]:
    made = WindowContext(session, runner)
    yield made
    made.deleteLater()


def next_thursday(today: date) -> date:
    return today + timedelta(days=(3 - today.weekday()) % 7 or 7)


def section(qtbot: QtBot, context: WindowContext) -> CaseReviewsPage:
    model = CaseReviewsModel(context)
    page = CaseReviewsPage(model)
    model.setParent(page)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    return page


def prepare_thursday(qtbot: QtBot, page: CaseReviewsPage, thursday: date) -> None:
    """The session made in the section, the three waiting cases put to it."""
    qtbot.waitUntil(lambda: page.waiting.topLevelItemCount() == 3, timeout=10_000)
    page.new_review()
    page.starts_at.setDateTime(
        QDateTime(QDate(thursday.year, thursday.month, thursday.day), QTime(14, 0))
    )
    page.place.setText("Rodez, Maison des solidarités")
    page.participants.set_participants(
        [
            Participant("Sylvie M.", "Conseil départemental de l'Aveyron", "Référente sociale"),
            Participant("Marc D.", "France Travail Rodez", "Conseiller emploi"),
        ]
    )
    page.save_review()
    qtbot.waitUntil(lambda: page.model.detail is not None, timeout=10_000)
    for scheduled in range(1, 4):
        page.waiting.setCurrentItem(page.waiting.topLevelItem(0))
        page.schedule_selected()
        qtbot.waitUntil(lambda n=scheduled: page.cases.topLevelItemCount() == n, timeout=10_000)
    assert page.waiting.topLevelItemCount() == 0


def export_summaries(
    qtbot: QtBot, page: CaseReviewsPage, out: Path, monkeypatch: pytest.MonkeyPatch
) -> list[Path]:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kw: str(out))
    written: list[Path] = []
    for row in range(page.cases.topLevelItemCount()):
        item = page.cases.topLevelItem(row)
        assert item is not None
        page.cases.setCurrentItem(item)
        assert page.summary_button.isEnabled()
        page.summary_button.click()
        dialogs = [d for d in page.findChildren(CaseSummaryDialog) if d.isVisible()]
        assert len(dialogs) == 1
        dialog = dialogs[0]
        assert dialog.model.reference == item.text(0)  # the case's own reference
        assert dialog.question.text() == item.text(2)  # and its question
        qtbot.waitUntil(lambda d=dialog: d.export_button.isEnabled(), timeout=10_000)
        dialog.export_button.click()
        qtbot.waitUntil(lambda d=dialog: d.model.exported is not None, timeout=20_000)
        exported = dialog.model.exported
        assert exported is not None and exported.name == f"{item.text(0)}.pdf"
        written.append(exported)
        dialog.reject()
    return written


def pdf_text_and_metadata(path: Path) -> str:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return text + " " + " ".join(f"{k} {v}" for k, v in (reader.metadata or {}).items())


def presentation(qtbot: QtBot, page: CaseReviewsPage) -> CasePresentationWindow:
    assert page.present_button.isEnabled()
    page.present_button.click()
    windows = page.findChildren(CasePresentationWindow)
    assert len(windows) == 1
    window = windows[0]
    qtbot.waitUntil(lambda: window.cases.count() == 3, timeout=20_000)
    return window


def texts_of_every_case(window: CasePresentationWindow) -> str:
    shown: list[str] = []
    for row in range(window.cases.count()):
        window.cases.setCurrentRow(row)
        shown += widget_texts(window)
    return "\n".join(shown)


def test_three_cases_for_thursday(
    qtbot: QtBot,
    runner: TaskRunner,
    context: WindowContext,
    session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = three_people(session)
    for someone, question in zip(people, QUESTIONS, strict=True):
        reviews.flag_case(session, someone.person_id, "Freins cumulés", question)
    page = section(qtbot, context)
    thursday = next_thursday(date.today())
    prepare_thursday(qtbot, page, thursday)
    detail = page.model.detail
    assert detail is not None
    assert page.sessions.topLevelItem(0).text(0).startswith(f"{thursday:%d/%m/%Y} 14:00")

    # Three summaries, each named by its reference, none holding anything of anyone.
    out = tmp_path / "partage"
    out.mkdir()
    pdfs = export_summaries(qtbot, page, out, monkeypatch)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in pdfs)
    for pdf in pdfs:
        document = pdf_text_and_metadata(pdf)
        assert pdf.stem in document and "Aveyron" in document
        assert found(document, people) == []

    # The shared screen: references only.
    window = presentation(qtbot, page)
    assert window.windowTitle() == (
        f"Revue de situation du {thursday:%d/%m/%Y} 14:00 — présentation"
    )
    references = sorted(window.cases.item(r).text() for r in range(3))
    assert references == sorted(c.reference for c in detail.cases)
    shared = texts_of_every_case(window)
    for question in QUESTIONS:
        assert question in shared
    assert "45–54 ans" in shared and "Mobilité" in window.chart.describe()
    assert found(shared, people) == []
    # The counsellor's own screen does name them: the scan is a real one.
    assert [f"{p.first_name}: first name" for p in people] == [
        f for f in found("\n".join(widget_texts(page)), people) if f.endswith(": first name")
    ]

    # The group's decisions, recorded on the shared screen.
    person_of = {c.reference: c.person_id for c in detail.cases}
    decided: dict[object, str] = {}
    for row in range(window.cases.count()):
        window.cases.setCurrentRow(row)
        reference = window.cases.item(row).text()
        what = f"Rendez-vous tripartite pour {reference}"
        window.decisions.set_lines([[what, "France Travail", "15/01/2027"]])
        window.record_decisions()
        qtbot.waitUntil(lambda: "ajoutée(s) au plan" in window.note.text(), timeout=20_000)
        assert window.note.text() == (
            "1 action(s) ajoutée(s) au plan (version 2, brouillon à signer)."
        )
        decided[person_of[reference]] = what
        qtbot.waitUntil(lambda: not window.model.saving and not window.model.loading)
    wait_idle(qtbot, runner)
    assert found("\n".join(widget_texts(window)), people) == []

    plans = PlanService(session)
    for someone in people:
        versions = {p.plan_version: p for p in plans.list_for_person(someone.person_id)}
        signed, draft = versions[1], versions[2]
        assert signed.status is PlanStatus.SIGNED and draft.status is PlanStatus.DRAFT
        labels = [a.label for o in draft.objectives for a in o.actions]
        assert decided[someone.person_id] in labels
        assert decided[someone.person_id] not in [
            a.label for o in signed.objectives for a in o.actions
        ]
    with session.uow(read_only=True) as uow:
        stored = [uow.review_cases.find(c.case_id) for c in detail.cases]
    assert all(case is not None and len(case.decisions) == 1 for case in stored)
    window.close()
    wait_idle(qtbot, runner)


def test_the_presentation_fits_a_1366_by_768_screen(
    qtbot: QtBot, runner: TaskRunner, context: WindowContext, session: Session
) -> None:
    people: list[Someone] = three_people(session)
    review = reviews.save_review(
        session,
        datetime.now(UTC) + timedelta(days=3),
        "Rodez, Maison des solidarités",
        [Participant("Sylvie M.", "Conseil départemental de l'Aveyron", "Référente")],
    )
    for someone, question in zip(people, QUESTIONS, strict=True):
        case = reviews.flag_case(session, someone.person_id, "Freins cumulés", question)
        reviews.schedule_case(session, case.id, review.id)
    page = section(qtbot, context)
    qtbot.waitUntil(lambda: page.sessions.topLevelItemCount() == 1, timeout=10_000)
    page.sessions.setCurrentItem(page.sessions.topLevelItem(0))
    qtbot.waitUntil(lambda: page.cases.topLevelItemCount() == 3, timeout=10_000)
    window = presentation(qtbot, page)
    window.showNormal()  # this process's offscreen screen is 800×600: sized by hand
    window.resize(1366, 768)
    window.decisions.set_lines([["Rendez-vous tripartite", "France Travail", "15/01/2027"]])
    wait_idle(qtbot, runner)
    qtbot.wait(50)
    assert (window.width(), window.height()) == (1366, 768)
    assert layout_problems(window) == []
    assert window.chart.elided_labels() == []
    assert window.chart.isVisible() and window.chart.height() >= window.chart.sizeHint().height()
    window.close()
    wait_idle(qtbot, runner)
